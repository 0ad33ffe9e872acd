#!/usr/bin/env python3
"""Record what dbt-core keeps of failing tests, with and without `--store-failures`.

Runs the real dbt (dbt-duckdb) on a copy of ``Tests/RunTests/Projects/store_failures/`` once per
case (``dbt_duckdb_runs``), and writes to ``Tests/RunTests/StoreFailures/expected/cases.json``, for
each: the arguments, dbt's exit status, each node's status, and each relation of the audit schema
with its kind and row count. ``StoreFailuresTests`` runs Weir with the same arguments and compares.

Usage::

    python3 Scripts/generate_store_failures_fixtures.py
"""

from __future__ import annotations

import json

import dbt_duckdb_runs as runs

PROJECT = runs.REPO_ROOT / "Tests/RunTests/Projects/store_failures"
EXPECTED = runs.REPO_ROOT / "Tests/RunTests/StoreFailures/expected/cases.json"
AUDIT = "main_dbt_test__audit"

AUDIT_SCRIPT = r"""
import duckdb, json, sys
connection = duckdb.connect(sys.argv[1], read_only=True)
schema = sys.argv[2]
relations = {}
for name, kind in connection.execute(
        "select table_name, table_type from information_schema.tables where table_schema = ? order by 1",
        [schema]).fetchall():
    count = connection.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
    relations[name] = {"kind": "view" if kind == "VIEW" else "table", "rows": count}
print(json.dumps(relations))
"""

CASES = [
    ("default", ["build"], {}),
    ("store_failures", ["build", "--store-failures"], {}),
    ("environment", ["test"], {"DBT_STORE_FAILURES": "true"}),
]


def run_case(arguments, environment):
    with runs.project_copy(PROJECT, runs.duckdb_profile("store_failures", "store_failures")) as project:
        if arguments[0] == "test":
            runs.dbt(project, ["run"], environment, check=True)
        done = runs.dbt(project, arguments, environment)
        results = json.loads((project / "target/run_results.json").read_text())["results"]
        statuses = {r["unique_id"]: r["status"] for r in results}
        audit = runs.query(AUDIT_SCRIPT, str(project / "target/store_failures.duckdb"), AUDIT)
        return done.returncode, statuses, audit


def main():
    cases = []
    for name, arguments, environment in CASES:
        status, statuses, audit = run_case(arguments, environment)
        print(f"{name}: exit {status}, {audit}")
        cases.append({"name": name, "arguments": arguments, "environment": environment, "exit_status": status,
                      "statuses": statuses, "audit": audit})
    runs.write_cases(EXPECTED, cases)


if __name__ == "__main__":
    main()
