#!/usr/bin/env python3
"""Record what dbt-core's `--sample` leaves in the warehouse, as Weir's expectations.

Runs the real dbt (dbt-duckdb) on a copy of ``Tests/RunTests/Projects/sample/`` once per case of
``CASES`` (``dbt_duckdb_runs``), and writes to ``Tests/RunTests/Sample/expected/cases.json``, for
each: the arguments, the environment, dbt's exit status and the rows of each model afterwards (as
text, ordered). ``SampleTests`` runs Weir with the same arguments and compares.

Usage::

    python3 Scripts/generate_sample_fixtures.py
"""

from __future__ import annotations

import dbt_duckdb_runs as runs

PROJECT = runs.REPO_ROOT / "Tests/RunTests/Projects/sample"
EXPECTED = runs.REPO_ROOT / "Tests/RunTests/Sample/expected/cases.json"
PROFILE = runs.duckdb_profile("sample", "sample")
MODELS = ["recent_events", "events_per_user", "all_recent_events"]

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
    with runs.project_copy(PROJECT, PROFILE) as project:
        if arguments[0] == "run":
            runs.dbt(project, ["seed"], environment, check=True)
        done = runs.dbt(project, arguments, environment)
        database = project / "target/sample.duckdb"
        rows = runs.query(COUNT_SCRIPT, str(database), *MODELS) if database.exists() else None
        return done.returncode, rows


def main():
    cases = []
    for name, arguments, environment in CASES:
        status, rows = run_case(arguments, environment)
        print(f"{name}: exit {status}, {rows}")
        cases.append({"name": name, "arguments": arguments, "environment": environment, "exit_status": status,
                      "rows": rows})
    runs.write_cases(EXPECTED, cases)


if __name__ == "__main__":
    main()
