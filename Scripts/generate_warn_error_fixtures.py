#!/usr/bin/env python3
"""Record what dbt-core does with `--warn-error` and `--warn-error-options`, as Weir's expectations.

Runs the real dbt (dbt-duckdb) on a copy of ``Tests/RunTests/Projects/warn_error/`` (its SQLite
profile swapped for a DuckDB one) once per case of ``CASES``, each on a fresh copy, and writes to
``Tests/RunTests/WarnError/expected/cases.json``, for each: the arguments, the environment
variables set, dbt's exit status and, when the invocation wrote ``run_results.json``, each
node's status. ``WarnErrorTests`` runs Weir with the same arguments and compares.

Requirements: a virtualenv with dbt-core 1.11 and dbt-duckdb (``DBT_VENV``, default
``/work/dbt-venv``).

Usage::

    python3 Scripts/generate_warn_error_fixtures.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PROJECT = REPO_ROOT / "Tests/RunTests/Projects/warn_error"
EXPECTED = REPO_ROOT / "Tests/RunTests/WarnError/expected/cases.json"
DBT = Path(os.environ.get("DBT_VENV", "/work/dbt-venv")) / "bin/dbt"

PROFILE = """warn_error:
  target: dev
  outputs:
    dev:
      type: duckdb
      threads: 1
      path: target/warn_error.duckdb
      schema: main
"""

# (name, arguments, environment, extra lines for dbt_project.yml)
CASES = [
    ("build", ["build"], {}, ""),
    ("warn_error_stops_the_parse", ["build", "--warn-error"], {}, ""),
    ("test_warnings_fail", ["build", "--warn-error-options", '{"error": ["LogTestResult"]}'], {}, ""),
    ("jinja_warnings_fail_their_model", ["build", "--warn-error-options", '{"error": ["JinjaLogWarning"]}'], {}, ""),
    ("all_but_the_patch", ["build", "--warn-error-options", '{"error": "all", "warn": ["NoNodeForYamlKey"]}'], {}, ""),
    ("all_but_silenced", ["build", "--warn-error-options",
                          '{"error": "all", "silence": ["NoNodeForYamlKey", "JinjaLogWarning"]}'], {}, ""),
    ("include_is_error", ["build", "--warn-error-options", '{"include": ["LogTestResult"]}'], {}, ""),
    ("unmatched_selection", ["ls", "-s", "nope"], {}, ""),
    ("unmatched_selection_fails", ["ls", "-s", "nope", "--warn-error-options",
                                   '{"error": ["NoNodesForSelectionCriteria"]}'], {}, ""),
    ("no_nodes_selected_fails", ["ls", "-s", "nope", "--warn-error-options", '{"error": ["NoNodesSelected"]}'], {}, ""),
    ("nothing_to_do", ["run", "-s", "nope"], {}, ""),
    ("nothing_to_do_fails", ["run", "-s", "nope", "--warn-error-options", '{"error": ["NothingToDo"]}'], {}, ""),
    ("environment_warn_error", ["build"], {"DBT_WARN_ERROR": "true"}, ""),
    ("environment_options", ["build"], {"DBT_WARN_ERROR_OPTIONS": '{"error": ["LogTestResult"]}'}, ""),
    ("project_flags", ["build"], {}, "flags:\n  warn_error_options:\n    error: [LogTestResult]\n"),
    ("command_line_over_project_flags", ["build", "--warn-error-options", '{"error": []}'], {},
     "flags:\n  warn_error_options:\n    error: [LogTestResult]\n"),
    ("both_flags", ["ls", "--warn-error", "--warn-error-options", '{"error": "all"}'], {}, ""),
]


def run_case(arguments, environment, project_lines):
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "warn_error"
        shutil.copytree(PROJECT, project)
        (project / "profiles.yml").write_text(PROFILE)
        if project_lines:
            with open(project / "dbt_project.yml", "a") as file:
                file.write(project_lines)
        env = {k: v for k, v in os.environ.items() if not k.startswith("DBT_")}
        env.update(environment)
        done = subprocess.run(
            [str(DBT), *arguments, "--profiles-dir", "."], cwd=project, env=env, capture_output=True, text=True)
        results = project / "target/run_results.json"
        statuses = None
        if results.exists():
            statuses = {r["unique_id"]: r["status"] for r in json.loads(results.read_text())["results"]}
        return done.returncode, statuses


def main():
    cases = []
    for name, arguments, environment, project_lines in CASES:
        status, statuses = run_case(arguments, environment, project_lines)
        print(f"{name}: exit {status}")
        cases.append({
            "name": name, "arguments": arguments, "environment": environment, "project_lines": project_lines,
            "exit_status": status, "statuses": statuses,
        })
    EXPECTED.parent.mkdir(parents=True, exist_ok=True)
    EXPECTED.write_text(json.dumps(cases, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
