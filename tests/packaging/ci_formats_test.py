#!/usr/bin/env python3
"""bimi check --format junit and --format codeclimate, read by their consumers.

JUnit XML is parsed with python3-junitparser (the parser CI tools' Python plugins use) and with
xml.etree; Code Climate JSON is validated against docs/schemas/codeclimate.json (the fields GitLab
Code Quality requires) with python3-jsonschema.

usage: ci_formats_test.py BIMI_BINARY SOURCE_DIR
"""
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

import junitparser


def check(condition, message):
    if not condition:
        print(f"FAIL: {message}")
        sys.exit(1)


def run(bimi, fmt, files, cwd):
    result = subprocess.run([bimi, "check", "--no-render", "--format", fmt, *files], cwd=cwd,
                            capture_output=True, timeout=120)
    return result.returncode, result.stdout


def main():
    bimi, source = sys.argv[1], pathlib.Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        shutil.copy(source / "samples/compliant/example.svg", work / "good.svg")
        shutil.copy(source / "samples/needs-work/inkscape-export.svg", work / "bad.svg")
        # Markup and a terminal control in a file name must not break the XML.
        shutil.copy(source / "samples/needs-work/inkscape-export.svg", work / "a&b<\x1b>.svg")
        (work / "empty.svg").write_bytes(b"")
        files = ["good.svg", "bad.svg", "a&b<\x1b>.svg", "empty.svg"]

        code, out = run(bimi, "junit", files, work)
        check(code == 3, f"junit: exit {code}, expected 3 (an unreadable file)")
        (work / "report.xml").write_bytes(out)
        ElementTree.fromstring(out)
        xml = junitparser.JUnitXml.fromfile(str(work / "report.xml"))
        suites = list(xml)
        check(len(suites) == 1, f"junit: {len(suites)} suites")
        suite = suites[0]
        check((suite.tests, suite.failures, suite.errors) == (4, 2, 1),
              f"junit: tests/failures/errors {suite.tests}/{suite.failures}/{suite.errors}")
        cases = {case.name: case for case in suite}
        check(sorted(cases) == sorted(["good.svg", "bad.svg", "a&b<\\x1b>.svg", "empty.svg"]),
              f"junit: test cases {sorted(cases)}")
        check(cases["good.svg"].is_passed, "junit: good.svg did not pass")
        bad = cases["bad.svg"].result
        check(len(bad) == 1 and isinstance(bad[0], junitparser.Failure), "junit: bad.svg is not a failure")
        check("[version]" in bad[0].text, "junit: the failure does not list the version finding")
        empty = cases["empty.svg"].result
        check(len(empty) == 1 and isinstance(empty[0], junitparser.Error), "junit: empty.svg is not an error")

        code, out = run(bimi, "codeclimate", files, work)
        check(code == 3, f"codeclimate: exit {code}")
        (work / "report.json").write_bytes(out)
        validation = subprocess.run([sys.executable, str(source / "tests/cli/validate_json.py"),
                                     str(source / "docs/schemas/codeclimate.json"), str(work / "report.json")],
                                    capture_output=True, text=True)
        check(validation.returncode == 0, f"codeclimate: not valid: {validation.stdout}{validation.stderr}")
        issues = json.loads(out)
        paths = {issue["location"]["path"] for issue in issues}
        check("good.svg" not in paths and {"bad.svg", "empty.svg"} <= paths, f"codeclimate: paths {paths}")
        fingerprints = [issue["fingerprint"] for issue in issues]
        check(len(set(fingerprints)) == len(fingerprints), "codeclimate: fingerprints are not unique")
        check(any(issue["check_name"] == "version" and issue["severity"] == "major" for issue in issues),
              "codeclimate: no major 'version' issue for bad.svg")
        code, again = run(bimi, "codeclimate", files, work)
        check(again == out, "codeclimate: two runs differ")

        code, out = run(bimi, "junit", ["good.svg"], work)
        check(code == 0, f"junit on a good logo: exit {code}")
    print("junit and codeclimate: read by their consumers")


if __name__ == "__main__":
    main()
