#!/usr/bin/python3
"""Prints a YAML file of several documents (a conformance suite) as one JSON array."""
import json
import sys

import yaml

with open(sys.argv[1]) as f:
    print(json.dumps(list(yaml.safe_load_all(f))))
