#!/usr/bin/env python3
"""Record what dbt-core keeps of failing tests, with and without `--store-failures`.

Runs the real dbt (dbt-duckdb) on a copy of ``Tests/RunTests/Projects/store_failures/`` (its
SQLite profile swapped for a DuckDB one) once per case, and writes to
``Tests/RunTests/StoreFailures/expected/cases.json``, for each: the arguments, dbt's exit status,
each node's status, and each relation of the audit schema with its kind and row count.
``StoreFailuresTests`` runs Weir with the same arguments and compares.

Usage::

    python3 Scripts/generate_store_failures_fixtures.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PROJECT = REPO_ROOT / "Tests/RunTests/Projects/store_failures"
EXPECTED = REPO_ROOT / "Tests/RunTests/StoreFailures/expected/cases.json"
VENV = Path(os.environ.get("DBT_VENV", "/work/dbt-venv"))
AUDIT = "main_dbt_test__audit"

PROFILE = """store_failures:
  target: dev
  outputs:
    dev:
      type: duckdb
      threads: 1
      path: target/store_failures.duckdb
      schema: main
"""

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
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "store_failures"
        shutil.copytree(PROJECT, project)
        (project / "profiles.yml").write_text(PROFILE)
        env = {k: v for k, v in os.environ.items() if not k.startswith("DBT_")}
        env.update(environment)
        if arguments[0] == "test":
            subprocess.run([str(VENV / "bin/dbt"), "run", "--profiles-dir", "."], cwd=project, env=env,
                           capture_output=True, check=True)
        done = subprocess.run(
            [str(VENV / "bin/dbt"), *arguments, "--profiles-dir", "."], cwd=project, env=env, capture_output=True, text=True)
        results = json.loads((project / "target/run_results.json").read_text())["results"]
        statuses = {r["unique_id"]: r["status"] for r in results}
        audit = subprocess.run(
            [str(VENV / "bin/python"), "-c", AUDIT_SCRIPT, str(project / "target/store_failures.duckdb"), AUDIT],
            capture_output=True, text=True, check=True)
        return done.returncode, statuses, json.loads(audit.stdout)


def main():
    cases = []
    for name, arguments, environment in CASES:
        status, statuses, audit = run_case(arguments, environment)
        print(f"{name}: exit {status}, {audit}")
        cases.append({"name": name, "arguments": arguments, "environment": environment, "exit_status": status,
                      "statuses": statuses, "audit": audit})
    EXPECTED.parent.mkdir(parents=True, exist_ok=True)
    EXPECTED.write_text(json.dumps(cases, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
