#!/usr/bin/env python3
"""Record what dbt-core does with `--warn-error` and `--warn-error-options`, as Weir's expectations.

Runs the real dbt (dbt-duckdb) on a copy of ``Tests/RunTests/Projects/warn_error/`` once per case of
``CASES`` (``dbt_duckdb_runs``), and writes to ``Tests/RunTests/WarnError/expected/cases.json``, for
each: the arguments, the environment variables set, dbt's exit status and, when the invocation
wrote ``run_results.json``, each node's status. ``WarnErrorTests`` runs Weir with the same
arguments and compares.

Usage::

    python3 Scripts/generate_warn_error_fixtures.py
"""

from __future__ import annotations

import json

import dbt_duckdb_runs as runs

PROJECT = runs.REPO_ROOT / "Tests/RunTests/Projects/warn_error"
EXPECTED = runs.REPO_ROOT / "Tests/RunTests/WarnError/expected/cases.json"

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
    with runs.project_copy(PROJECT, runs.duckdb_profile("warn_error", "warn_error"), project_lines) as project:
        done = runs.dbt(project, arguments, environment)
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
    runs.write_cases(EXPECTED, cases)


if __name__ == "__main__":
    main()
