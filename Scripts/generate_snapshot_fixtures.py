#!/usr/bin/env python3
"""Record what dbt-core does when it runs snapshots, as the expectations of Weir's snapshot runs.

Weir runs dbt snapshots (``{% snapshot %}`` blocks and YAML ``snapshots:`` with a ``relation``) as
dbt-core 1.11 with dbt-postgres does. This script runs the real dbt on the fixture project
``Tests/RunTests/Projects/snapshots/`` day by day — ``dbt build --vars '{day: N}'`` for days 1 to 4,
each day's source showing other changes (updates, deletions, returns, a new column) — and writes,
after each day, every snapshot table's rows and dbt's results to
``Tests/RunTests/Snapshots/expected/days.json``.

The project fixes the snapshot time per day (its ``snapshot_get_time`` override), so the rows,
their timestamps and scd ids are the same in every run.

Requirements are those of ``generate_dbt_fixtures.py`` (whose helpers this script reuses): a
virtualenv with dbt-core 1.11 and dbt-postgres (``DBT_VENV``, default ``/work/dbt-venv``) and the
PostgreSQL server binaries. The script starts a throw-away server on a random loopback port.

Output
------
``expected/days.json``: ``[{"day", "exit_code", "results", "tables"}]``, where ``results`` maps
each unique id of ``run_results.json`` to its ``status`` and ``message``, and ``tables`` maps each
snapshot's name to ``{"columns": [...], "rows": [[...]]}``: every value as PostgreSQL's text (null
as null), rows sorted.

Usage::

    python3 Scripts/generate_snapshot_fixtures.py           # rewrite expected/
    python3 Scripts/generate_snapshot_fixtures.py --check   # exit 1 if expected/ is stale
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_contract_fixtures as contracts  # noqa: E402
import generate_dbt_fixtures as fixtures  # noqa: E402

REPO_ROOT = fixtures.REPO_ROOT
PROJECT = REPO_ROOT / "Tests/RunTests/Projects/snapshots"
EXPECTED = REPO_ROOT / "Tests/RunTests/Snapshots/expected"
DAYS = [1, 2, 3, 4]

# Reads every snapshot table of the project (the schemas dbt built them in) as text.
DUMP_SCRIPT = r"""
import json, psycopg2, sys
request = json.load(sys.stdin)
connection = psycopg2.connect(**request["connection"])
cursor = connection.cursor()
tables = {}
for name, schema in request["tables"].items():
    cursor.execute(
        "select column_name from information_schema.columns where table_schema = %s and table_name = %s"
        " order by ordinal_position", (schema, name))
    columns = [row[0] for row in cursor.fetchall()]
    listed = ", ".join('"%s"::text' % column for column in columns)
    cursor.execute('select %s from "%s"."%s"' % (listed, schema, name))
    rows = sorted(cursor.fetchall(), key=lambda row: [(value is None, value or "") for value in row])
    tables[name] = {"columns": columns, "rows": [list(row) for row in rows]}
print(json.dumps(tables))
"""


def snapshot_tables(work: Path) -> Dict[str, str]:
    """Each snapshot's table name and schema, from the manifest dbt wrote."""
    manifest = json.loads((work / "target" / "manifest.json").read_text())
    return {
        node["alias"]: node["schema"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "snapshot"
    }


def dump(tables: Dict[str, str], server: fixtures.PostgresServer) -> Dict[str, Any]:
    return server.query(DUMP_SCRIPT, {"tables": tables})


def results(work: Path) -> Dict[str, Any]:
    recorded = {}
    for result in json.loads((work / "target" / "run_results.json").read_text())["results"]:
        message = result.get("message")
        if result["status"] == "error" and message:
            message = contracts.core_message(message)
        recorded[result["unique_id"]] = {"status": result["status"], "message": message}
    return recorded


def generate(out: Path, server: fixtures.PostgresServer) -> None:
    server.reset_database()
    env = server.dbt_environment()
    days = []
    with tempfile.TemporaryDirectory(prefix="weir-snapshots-") as tmp:
        work = Path(tmp) / "snapshots"
        shutil.copytree(PROJECT, work, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
        for day in DAYS:
            args = ["--log-format", "json", "--no-use-colors", "build", "--vars", f"{{day: {day}}}",
                    "--profiles-dir", ".", "--target", "postgres"]
            done = fixtures.run_dbt(args, work, env)
            days.append({
                "day": day, "exit_code": done.returncode, "results": results(work),
                "tables": dump(snapshot_tables(work), server),
            })
    out.mkdir(parents=True, exist_ok=True)
    (out / "days.json").write_bytes(fixtures.dump_json(days))


def main(argv: Optional[List[str]] = None) -> int:
    check = fixtures.check_option(__doc__, argv)
    return fixtures.regenerate(EXPECTED, {"snapshots": generate}, check)


if __name__ == "__main__":
    sys.exit(main())
