#!/usr/bin/env python3
"""Record what dbt-core does for `dbt run-operation`, as the expectations of Weir's operations.

This script runs the real dbt (dbt-postgres) on the fixture project
``Tests/RunTests/Projects/operations/``: a sequence of ``dbt run-operation MACRO --args ...``
invocations (``STEPS``) against one schema, and writes, for each, the exit status, the lines the
macro logged (``log(..., info=True)``) and its result in ``run_results.json``; and at the end the
rows of the ``audit`` table the operations wrote and the relations left in the schema, to
``Tests/RunTests/Operations/expected/steps.json``.

Requirements are those of ``generate_dbt_fixtures.py`` (whose helpers this script reuses): a
virtualenv with dbt-core 1.11 and dbt-postgres (``DBT_VENV``, default ``/work/dbt-venv``) and the
PostgreSQL server binaries. The script starts a throw-away server on a random loopback port.

Usage::

    python3 Scripts/generate_operation_fixtures.py           # rewrite expected/
    python3 Scripts/generate_operation_fixtures.py --check   # exit 1 if expected/ is stale
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_dbt_fixtures as fixtures  # noqa: E402

REPO_ROOT = fixtures.REPO_ROOT
PROJECT = REPO_ROOT / "Tests/RunTests/Projects/operations"
EXPECTED = REPO_ROOT / "Tests/RunTests/Operations/expected"
SCHEMA = "operation_fixtures"

# (macro, --args or None), run in this order against one database.
STEPS = [
    ("create_audit", None),
    ("record", "{step: 1}"),
    ("record_and_commit", "{step: 2}"),
    ("record_with_statement", "{step: 3}"),
    ("record_then_fail", "{step: 4}"),
    ("record", "{step: 5, note: keyword}"),
    ("count_audit", None),
    ("greet", None),
    ("helpers.greet", None),
    ("only_in_helpers", "{who: operations}"),
    ("operation_fixtures.greet", None),
    ("context_values", "{items: [a, b]}"),
    ("relation_chores", None),
    ("schema_chores", "{name: operation_fixtures_scratch}"),
    ("bad_sql", None),
    ("no_such_macro", None),
]

DUMP_SCRIPT = r"""
import json, psycopg2, sys
request = json.load(sys.stdin)
connection = psycopg2.connect(**request["connection"])
cursor = connection.cursor()
cursor.execute('select step, note from "%s".audit order by step, note' % request["schema"])
audit = [list(row) for row in cursor.fetchall()]
cursor.execute(
    "select table_schema || '.' || table_name from information_schema.tables"
    " where table_schema like %s order by 1", (request["schema"] + "%",))
relations = [row[0] for row in cursor.fetchall()]
print(json.dumps({"audit": audit, "relations": relations}))
"""


def logged_lines(stdout: str) -> List[str]:
    """The messages of `log(..., info=True)` calls, in order."""
    lines = []
    for event in fixtures.json_lines(stdout):
        if event.get("info", {}).get("name") == "JinjaLogInfo":
            lines.append(event["info"]["msg"])
    return lines


def result_of(work: Path) -> Optional[Dict[str, Any]]:
    path = work / "target" / "run_results.json"
    if not path.exists():
        return None
    result = json.loads(path.read_text())["results"][0]
    path.unlink()
    return fixtures.pick(result, ["unique_id", "status", "failures", "compiled", "compiled_code",
                                  "message", "adapter_response", "relation_name"])


def generate(out: Path, server: fixtures.PostgresServer) -> None:
    server.reset_database()
    env = server.dbt_environment()
    steps = []
    with tempfile.TemporaryDirectory(prefix="weir-operations-") as tmp:
        work = Path(tmp) / "operations"
        shutil.copytree(PROJECT, work, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
        done = fixtures.run_dbt(["deps", "--profiles-dir", ".", "--target", "postgres"], work, env)
        if done.returncode != 0:
            raise fixtures.FixtureError(f"dbt deps failed: {done.stdout}{done.stderr}")
        for macro, args in STEPS:
            command = ["--log-format", "json", "--no-use-colors", "run-operation", macro,
                       "--profiles-dir", ".", "--target", "postgres"]
            if args is not None:
                command += ["--args", args]
            done = fixtures.run_dbt(command, work, env)
            steps.append({
                "macro": macro, "args": args, "exit_code": done.returncode,
                "logged": logged_lines(done.stdout), "result": result_of(work),
            })
    warehouse = server.query(DUMP_SCRIPT, {"schema": SCHEMA})
    out.mkdir(parents=True, exist_ok=True)
    (out / "steps.json").write_bytes(fixtures.dump_json({"steps": steps, **warehouse}))


def main(argv: Optional[List[str]] = None) -> int:
    check = fixtures.check_option(__doc__, argv)
    return fixtures.regenerate(EXPECTED, {"operations": generate}, check)


if __name__ == "__main__":
    sys.exit(main())
