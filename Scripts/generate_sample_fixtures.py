#!/usr/bin/env python3
"""Record what dbt-core's `--sample` leaves in the warehouse, as Weir's expectations.

Runs the real dbt (dbt-duckdb) on a copy of ``Tests/RunTests/Projects/sample/`` (its SQLite
profile swapped for a DuckDB one) once per case of ``CASES``, each on a fresh copy, and writes to
``Tests/RunTests/Sample/expected/cases.json``, for each: the arguments, the environment, dbt's
exit status and the rows of each model afterwards (as text, ordered). ``SampleTests`` runs Weir with the
same arguments and compares.

Requirements: a virtualenv with dbt-core 1.11 and dbt-duckdb (``DBT_VENV``, default
``/work/dbt-venv``), whose Python has the ``duckdb`` module.

Usage::

    python3 Scripts/generate_sample_fixtures.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PROJECT = REPO_ROOT / "Tests/RunTests/Projects/sample"
EXPECTED = REPO_ROOT / "Tests/RunTests/Sample/expected/cases.json"
VENV = Path(os.environ.get("DBT_VENV", "/work/dbt-venv"))
MODELS = ["recent_events", "events_per_user", "all_recent_events"]

PROFILE = """sample:
  target: dev
  outputs:
    dev:
      type: duckdb
      threads: 1
      path: target/sample.duckdb
      schema: main
"""

COUNT_SCRIPT = r"""
import duckdb, json, sys
connection = duckdb.connect(sys.argv[1], read_only=True)
rows = {}
for model in sys.argv[2:]:
    try:
        found = connection.execute(f'select * from main."{model}" order by 1, 2').fetchall()
        rows[model] = [[str(value) for value in row] for row in found]
    except duckdb.CatalogException:
        rows[model] = None
print(json.dumps(rows))
"""

# (name, arguments, environment)
CASES = [
    ("no_sample", ["build"], {}),
    ("window", ["build", "--sample", "{'start': '2024-01-02', 'end': '2024-01-04'}"], {}),
    ("window_with_times", ["build", "--sample", "{'start': '2024-01-02 12:00:00', 'end': '2024-01-04 00:00:01'}"], {}),
    ("relative_window_before_the_data", ["build", "--sample", "2 days"], {}),
    ("relative_years", ["build", "--sample", "10 years"], {}),
    ("environment", ["run"], {"DBT_SAMPLE": "{'start': '2024-01-03', 'end': '2024-01-05'}"}),
    ("bad_grain", ["build", "--sample", "3 weeks"], {}),
    ("bad_count", ["build", "--sample", "three days"], {}),
]


def run_case(arguments, environment):
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "sample"
        shutil.copytree(PROJECT, project)
        (project / "profiles.yml").write_text(PROFILE)
        env = {k: v for k, v in os.environ.items() if not k.startswith("DBT_")}
        env.update(environment)
        if arguments[0] == "run":
            subprocess.run([str(VENV / "bin/dbt"), "seed", "--profiles-dir", "."], cwd=project, env=env,
                           capture_output=True, check=True)
        done = subprocess.run(
            [str(VENV / "bin/dbt"), *arguments, "--profiles-dir", "."], cwd=project, env=env, capture_output=True, text=True)
        database = project / "target/sample.duckdb"
        counts = None
        if database.exists():
            counted = subprocess.run(
                [str(VENV / "bin/python"), "-c", COUNT_SCRIPT, str(database), *MODELS],
                capture_output=True, text=True, check=True)
            counts = json.loads(counted.stdout)
        return done.returncode, counts


def main():
    cases = []
    for name, arguments, environment in CASES:
        status, counts = run_case(arguments, environment)
        print(f"{name}: exit {status}, {counts}")
        cases.append({"name": name, "arguments": arguments, "environment": environment, "exit_status": status,
                      "rows": counts})
    EXPECTED.parent.mkdir(parents=True, exist_ok=True)
    EXPECTED.write_text(json.dumps(cases, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
