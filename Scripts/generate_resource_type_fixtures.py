#!/usr/bin/env python3
"""Record what dbt-core runs and lists with `--resource-type` and `--exclude-resource-type`.

Runs the real dbt (dbt-duckdb) on a copy of ``Tests/RunTests/Projects/sample/`` once per case of
``CASES`` (``dbt_duckdb_runs``), and writes to ``Tests/RunTests/ResourceTypes/expected/cases.json``,
for each: the arguments, the environment, dbt's exit status, the ids in ``run_results.json`` (when
written) and what ``ls`` printed (with ``--quiet``). ``ResourceTypeTests`` runs Weir with the same
arguments and compares.

Usage::

    python3 Scripts/generate_resource_type_fixtures.py
"""

from __future__ import annotations

import json

import dbt_duckdb_runs as runs
import generate_sample_fixtures as sample

EXPECTED = runs.REPO_ROOT / "Tests/RunTests/ResourceTypes/expected/cases.json"

# (name, arguments, environment)
CASES = [
    ("build_models", ["build", "--resource-type", "model"], {}),
    ("build_without_tests_and_seeds", ["build", "--exclude-resource-type", "test", "seed"], {}),
    ("build_seeds_and_tests", ["build", "--resource-types", "seed", "test"], {}),
    ("build_default_less_tests", ["build", "--resource-type", "default", "--exclude-resource-types", "test"], {}),
    ("build_from_the_environment", ["build"], {"DBT_EXCLUDE_RESOURCE_TYPES": "test seed"}),
    ("build_sources", ["build", "--resource-type", "source"], {}),
    ("test_unit_tests", ["test", "--resource-type", "unit_test"], {}),
    ("ls_without_tests", ["ls", "--exclude-resource-type", "test"], {}),
    ("ls_seeds_and_sources", ["ls", "--resource-type", "seed", "source"], {}),
    ("unknown_type", ["ls", "--resource-type", "bogus"], {}),
]


def run_case(arguments, environment):
    with runs.project_copy(sample.PROJECT, sample.PROFILE) as project:
        quiet = ["--quiet"] if arguments[0] == "ls" else []
        done = runs.dbt(project, quiet + arguments, environment)
        # (`ls --quiet` prints the list alone.)
        listed = done.stdout.splitlines() if arguments[0] == "ls" and done.returncode == 0 else None
        results = project / "target/run_results.json"
        ran = None
        if results.exists():
            ran = sorted(r["unique_id"] for r in json.loads(results.read_text())["results"])
        return done.returncode, ran, listed


def main():
    cases = []
    for name, arguments, environment in CASES:
        status, ran, listed = run_case(arguments, environment)
        print(f"{name}: exit {status}, ran {ran}, listed {listed}")
        cases.append({"name": name, "arguments": arguments, "environment": environment, "exit_status": status,
                      "ran": ran, "listed": listed})
    runs.write_cases(EXPECTED, cases)


if __name__ == "__main__":
    main()
