#!/usr/bin/env python3
"""Record what dbt-postgres does with the `materialized_view` materialization, as the
expectations of Weir's.

This script runs the real dbt (dbt-postgres) on the fixture project
``Tests/RunTests/Projects/materialized_views/`` through the invocations of ``STEPS`` in order
against one schema, adding rows to the seed's table between some of them. For each step it
writes the exit status, each node's status and message from ``run_results.json``, and then
the schema's relations: their kind, their rows, and their indexes (method, uniqueness, columns);
for ``docs generate``, the type ``catalog.json`` gives each node's relation.
Output: ``Tests/RunTests/MaterializedViews/expected/steps.json``.

Requirements are those of ``generate_dbt_fixtures.py`` (whose helpers this script reuses).

Usage::

    python3 Scripts/generate_materialized_view_fixtures.py           # rewrite expected/
    python3 Scripts/generate_materialized_view_fixtures.py --check   # exit 1 if expected/ is stale
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
PROJECT = REPO_ROOT / "Tests/RunTests/Projects/materialized_views"
EXPECTED = REPO_ROOT / "Tests/RunTests/MaterializedViews/expected"
SCHEMA = "materialized_views"
AS_VIEW = {"totals_materialized": "materialized_view"}
HASH_INDEX = {"order_indexes": [{"columns": ["customer"], "type": "hash"}]}

# Each step: its name, dbt's arguments (and --vars), or a row to add to the seed's table.
STEPS: List[Dict[str, Any]] = [
    {"name": "seed", "args": ["seed"]},
    {"name": "first run", "args": ["run"]},
    {"name": "add a row", "row": [4, "carol", 7]},
    {"name": "refreshed", "args": ["run"]},
    {"name": "a table becomes a materialized view", "args": ["run"], "vars": AS_VIEW},
    {"name": "full refresh with other indexes", "args": ["run", "-s", "orders_mv", "--full-refresh"], "vars": HASH_INDEX},
    {"name": "add another row", "row": [5, "bob", 1]},
    {"name": "indexes changed, continue", "args": ["run", "-s", "orders_mv"], "vars": {"on_change": "continue"}},
    {"name": "indexes changed, fail", "args": ["run", "-s", "orders_mv"], "vars": {"on_change": "fail"}},
    {"name": "indexes changed, apply", "args": ["run", "-s", "orders_mv"]},
    {"name": "the catalog", "args": ["docs", "generate"]},
    {"name": "full refresh", "args": ["run", "--full-refresh"]},
]

ADD_ROW = r"""
import json, psycopg2, sys
request = json.load(sys.stdin)
connection = psycopg2.connect(**request["connection"])
cursor = connection.cursor()
cursor.execute('insert into "%s".raw_orders values (%%s, %%s, %%s)' % request["schema"], request["row"])
connection.commit()
print("{}")
"""

RELATIONS = r"""
import json, psycopg2, sys
request = json.load(sys.stdin)
connection = psycopg2.connect(**request["connection"])
cursor = connection.cursor()
cursor.execute('''
    select c.relname, case c.relkind when 'v' then 'view' when 'm' then 'materialized_view' else 'table' end
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = %s and c.relkind in ('r', 'v', 'm') order by 1''', (request["schema"],))
relations = []
for name, kind in cursor.fetchall():
    cursor.execute('select count(*) from "%s"."%s"' % (request["schema"], name))
    rows = cursor.fetchone()[0]
    cursor.execute('''
        select m.amname, ix.indisunique, array_to_string(array_agg(a.attname order by a.attname), ',')
        from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_am m on m.oid = i.relam
        join pg_class t on t.oid = ix.indrelid join pg_namespace n on n.oid = t.relnamespace
        join pg_attribute a on a.attrelid = t.oid and a.attnum = any(ix.indkey)
        where n.nspname = %s and t.relname = %s group by i.relname, 1, 2 order by 3, 1, 2''', (request["schema"], name))
    indexes = [{"method": m, "unique": u, "columns": c} for m, u, c in cursor.fetchall()]
    relations.append({"name": name, "kind": kind, "rows": rows, "indexes": indexes})
print(json.dumps(relations))
"""


def results(work: Path) -> List[Dict[str, Any]]:
    written = json.loads((work / "target" / "run_results.json").read_text())
    return sorted(({"unique_id": r["unique_id"], "status": r["status"], "message": r["message"]}
                   for r in written["results"]), key=lambda r: r["unique_id"])


def generate(out: Path, server: fixtures.PostgresServer) -> None:
    server.reset_database()
    env = server.dbt_environment()
    steps = []
    with tempfile.TemporaryDirectory(prefix="weir-materialized-views-") as tmp:
        work = Path(tmp) / "materialized_views"
        shutil.copytree(PROJECT, work, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
        for step in STEPS:
            recorded: Dict[str, Any] = dict(step)
            if "row" in step:
                server.query(ADD_ROW, {"schema": SCHEMA, "row": step["row"]})
                steps.append(recorded)
                continue
            (work / "target" / "run_results.json").unlink(missing_ok=True)
            variables = ["--vars", json.dumps(step["vars"])] if "vars" in step else []
            command = ["--no-use-colors", *step["args"], *variables, "--profiles-dir", ".", "--target", "postgres"]
            done = fixtures.run_dbt(command, work, env)
            recorded["exit_code"] = done.returncode
            if step["args"][0] == "docs":
                catalog = json.loads((work / "target" / "catalog.json").read_text())
                recorded["catalog_types"] = {uid: node["metadata"]["type"] for uid, node in sorted(catalog["nodes"].items())}
                steps.append(recorded)
                continue
            recorded["results"] = results(work)
            recorded["relations"] = server.query(RELATIONS, {"schema": SCHEMA})
            steps.append(recorded)
    out.mkdir(parents=True, exist_ok=True)
    (out / "steps.json").write_bytes(fixtures.dump_json({"steps": steps}))


def main(argv: Optional[List[str]] = None) -> int:
    check = fixtures.check_option(__doc__, argv)
    return fixtures.regenerate(EXPECTED, {"materialized_views": generate}, check)


if __name__ == "__main__":
    sys.exit(main())
