#!/usr/bin/env python3
"""The GitHub Action (action.yml) and the GitLab CI template run as their CI systems would run them.

Each is read with python3-yaml; the shell steps are run with bash and the inputs as the CI system
passes them (environment variables, $GITHUB_OUTPUT), on a compliant logo and on one with findings;
the reports they leave are checked against their schemas.

usage: ci_templates_test.py BIMI_BINARY SOURCE_DIR
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import yaml


def check(condition, message):
    if not condition:
        print(f"FAIL: {message}")
        sys.exit(1)


def validate(source, schema, document):
    result = subprocess.run([sys.executable, str(source / "tests/cli/validate_json.py"), str(schema), str(document)],
                            capture_output=True, text=True)
    check(result.returncode == 0, f"{document.name} is not valid against {schema.name}: {result.stdout}")


def main():
    bimi, source = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    env = dict(os.environ, PATH=f"{bimi.parent}:{os.environ['PATH']}")
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        (work / "good").mkdir()
        (work / "bad").mkdir()
        shutil.copy(source / "samples/compliant/example.svg", work / "good/logo.svg")
        shutil.copy(source / "samples/needs-work/inkscape-export.svg", work / "bad/logo.svg")

        action = yaml.safe_load((source / "action.yml").read_text())
        check(action["runs"]["using"] == "composite", "action.yml is not a composite action")
        steps = {step["name"]: step for step in action["runs"]["steps"]}
        upload = steps["Upload SARIF"]
        check(upload["uses"].startswith("github/codeql-action/upload-sarif@"), "the SARIF upload step is missing")
        check(upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}", "the upload does not take the report")
        install = subprocess.run(["bash", "-c", steps["Install bimi"]["run"]], cwd=work, capture_output=True, text=True,
                                 env=dict(env, BIMI_INSTALL="none", BIMI_SOURCE=str(source)))
        check(install.returncode == 0 and install.stdout.startswith("bimi "), f"install none: {install.stderr}")
        run = steps["Run bimi check"]
        check(set(run["env"]) == {"BIMI_PATHS", "BIMI_PROFILE", "BIMI_SARIF"}, "the check step's inputs changed")
        for name, expected in (("good", "0"), ("bad", "1")):
            output = work / f"github-output-{name}"
            output.write_text("")
            result = subprocess.run(["bash", "-e", "-c", run["run"]], cwd=work, capture_output=True, text=True,
                                    env=dict(env, BIMI_PATHS=name, BIMI_PROFILE="strict",
                                             BIMI_SARIF=f"{name}.sarif", GITHUB_OUTPUT=str(output)))
            check(result.returncode == 0, f"action on {name}: the check step failed: {result.stderr}")
            check(output.read_text() == f"exit-code={expected}\n", f"action on {name}: {output.read_text()!r}")
            validate(source, source / "fixtures/sarif/sarif-schema-2.1.0.json", work / f"{name}.sarif")
        results = json.loads((work / "bad.sarif").read_text())["runs"][0]["results"]
        check(any(r["ruleId"] == "version" for r in results), "action: the SARIF lacks the bad logo's findings")

        template = yaml.safe_load((source / "packaging/ci/bimi.gitlab-ci.yml").read_text())
        job = template[".bimi-check"]
        reports = job["artifacts"]["reports"]
        check(reports == {"codequality": "gl-code-quality-report.json", "junit": "bimi-junit.xml"},
              f"gitlab: reports {reports}")
        # GitLab runs a job's script lines in one shell that stops at the first failing line.
        script = "set -eo pipefail\n" + "\n".join(job["script"]) + "\n"
        for name, expected in (("good", 0), ("bad", 1)):
            job_dir = work / f"gitlab-{name}"
            job_dir.mkdir()
            shutil.copytree(work / name, job_dir / name)
            result = subprocess.run(["bash", "-c", script], cwd=job_dir, capture_output=True, text=True,
                                    env=dict(env, BIMI_PATHS=name, BIMI_PROFILE="strict"))
            check(result.returncode == expected, f"gitlab on {name}: exit {result.returncode}: {result.stderr}")
            validate(source, source / "docs/schemas/codeclimate.json", job_dir / "gl-code-quality-report.json")
            check((job_dir / "bimi-junit.xml").stat().st_size > 0, f"gitlab on {name}: no JUnit report")
    print("action.yml and the GitLab template: run and checked")


if __name__ == "__main__":
    main()
