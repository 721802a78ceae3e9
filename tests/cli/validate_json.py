#!/usr/bin/env python3
"""Validates a JSON document against a JSON schema with python3-jsonschema.

usage: validate_json.py SCHEMA INSTANCE

References between schemas ("finding.json") resolve to files beside SCHEMA. Prints the first
error and exits 1 when the document is not valid; exits 2 when it is not JSON at all.
"""
import json
import pathlib
import sys
import warnings

import jsonschema

warnings.simplefilter("ignore", DeprecationWarning)  # RefResolver: still the API Debian 12 ships


def main() -> int:
    schema_path = pathlib.Path(sys.argv[1])
    try:
        instance = json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8"))
    except ValueError as error:
        print(f"not JSON: {error}")
        return 2
    # Every schema beside SCHEMA under its file name and its own id, so that no reference is
    # ever fetched from the network.
    store = {}
    for sibling in schema_path.parent.glob("*.json"):
        document = json.loads(sibling.read_text(encoding="utf-8"))
        store[sibling.name] = document
        if isinstance(document, dict) and isinstance(document.get("$id", document.get("id")), str):
            store[document.get("$id", document.get("id"))] = document
    schema = store[schema_path.name]
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    errors = sorted(validator_class(schema, resolver=resolver).iter_errors(instance), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        print(f"{'/'.join(str(p) for p in first.absolute_path) or '(root)'}: {first.message}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
