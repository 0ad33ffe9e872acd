#!/usr/bin/env python3
"""Record what dbt-core does with a project's own materializations (``{% materialization %}``).

This script runs the real dbt (dbt-postgres) on the fixture project
``Tests/RunTests/Projects/custom_materializations/``: ``dbt run`` twice (``STEPS``; the second
finds the relations the first built), and writes, for each run, the exit status and each node's
result in ``run_results.json`` (status, message, adapter response); and at the end the relations
left in the schema with their rows (and the grants, indexes and comments of the tables), and the
audit log the materializations and hooks wrote, to
``Tests/RunTests/CustomMaterializations/expected/steps.json``.

Requirements are those of ``generate_dbt_fixtures.py`` (whose helpers this script reuses): a
virtualenv with dbt-core 1.11 and dbt-postgres (``DBT_VENV``, default ``/work/dbt-venv``) and the
PostgreSQL server binaries. The script starts a throw-away server on a random loopback port.

Usage::

    python3 Scripts/generate_custom_materialization_fixtures.py           # rewrite expected/
    python3 Scripts/generate_custom_materialization_fixtures.py --check   # exit 1 if expected/ is stale
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_dbt_fixtures as fixtures  # noqa: E402

REPO_ROOT = fixtures.REPO_ROOT
PROJECT = REPO_ROOT / "Tests/RunTests/Projects/custom_materializations"
EXPECTED = REPO_ROOT / "Tests/RunTests/CustomMaterializations/expected"
SCHEMA = "custom_materializations"

# (name, dbt arguments after `run`), run in this order against one database.
STEPS = [
    ("first run", []),
    ("second run", ["--vars", "{step: 2}"]),
]

# Roles the fixture's grants name (cluster-wide: created once, kept).
ROLES = ["weir_reader", "weir_auditor"]

ROLES_SCRIPT = r"""
import json, psycopg2, sys
request = json.load(sys.stdin)
connection = psycopg2.connect(**request["connection"])
connection.autocommit = True
for role in request["roles"]:
    connection.cursor().execute(
        "do $$ begin create role %s; exception when duplicate_object then null; end $$" % role)
print("{}")
"""

# The schema's relations with their rows, and for tables their grants (to roles other than the
# owner), comments and indexes (their definitions, without the names dbt-postgres derives from
# the time).
DUMP_SCRIPT = r"""
import json, psycopg2, sys
request = json.load(sys.stdin)
connection = psycopg2.connect(**request["connection"])
cursor = connection.cursor()
schema = request["schema"]
cursor.execute(
    "select table_name, table_type from information_schema.tables where table_schema = %s order by 1", (schema,))
relations = {}
for name, kind in cursor.fetchall():
    inner = connection.cursor()
    inner.execute('select * from "%s"."%s"' % (schema, name))
    rows = sorted([[str(value) for value in row] for row in inner.fetchall()])
    relation = {"type": kind, "rows": rows}
    inner.execute(
        "select privilege_type, grantee from information_schema.role_table_grants"
        " where table_schema = %s and table_name = %s and grantee != current_role order by 1, 2", (schema, name))
    grants = [list(row) for row in inner.fetchall()]
    inner.execute(
        "select regexp_replace(indexdef, 'INDEX \\S+ ON', 'INDEX ON') from pg_indexes"
        " where schemaname = %s and tablename = %s order by 1", (schema, name))
    indexes = [row[0] for row in inner.fetchall()]
    relid = '"%s"."%s"' % (schema, name)
    inner.execute(
        "select a.attname, col_description(a.attrelid, a.attnum) from pg_attribute a"
        " where a.attrelid = %s::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum", (relid,))
    comments = {column: text for column, text in inner.fetchall() if text is not None}
    inner.execute("select obj_description(%s::regclass, 'pg_class')", (relid,))
    described = inner.fetchone()[0]
    if described is not None:
        comments[""] = described
    if grants:
        relation["grants"] = grants
    if indexes:
        relation["indexes"] = indexes
    if comments:
        relation["comments"] = comments
    relations[name] = relation
print(json.dumps({"relations": relations}))
"""


def results_of(work: Path) -> List[Dict[str, Any]]:
    return fixtures.take_run_results(work, ["unique_id", "status", "failures", "message", "adapter_response"])


def generate(out: Path, server: fixtures.PostgresServer) -> None:
    server.reset_database()
    server.query(ROLES_SCRIPT, {"roles": ROLES})
    env = server.dbt_environment()
    steps = []
    with tempfile.TemporaryDirectory(prefix="weir-custom-materializations-") as tmp:
        work = Path(tmp) / "custom_materializations"
        shutil.copytree(PROJECT, work, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
        done = fixtures.run_dbt(["deps", "--profiles-dir", ".", "--target", "postgres"], work, env)
        if done.returncode != 0:
            raise fixtures.FixtureError(f"dbt deps failed: {done.stdout}{done.stderr}")
        for name, arguments in STEPS:
            command = ["run", "--profiles-dir", ".", "--target", "postgres"] + arguments
            done = fixtures.run_dbt(command, work, env)
            steps.append({"name": name, "args": arguments, "exit_code": done.returncode, "results": results_of(work)})
    warehouse = server.query(DUMP_SCRIPT, {"schema": SCHEMA})
    out.mkdir(parents=True, exist_ok=True)
    (out / "steps.json").write_bytes(fixtures.dump_json({"steps": steps, **warehouse}))


def main(argv: Optional[List[str]] = None) -> int:
    check = fixtures.check_option(__doc__, argv)
    return fixtures.regenerate(EXPECTED, {"custom_materializations": generate}, check)


if __name__ == "__main__":
    sys.exit(main())
