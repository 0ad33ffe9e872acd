#!/usr/bin/env python3
"""Record what dbt-core's ``dbt clone`` does, for ``weir clone`` to be compared with.

This script runs the real dbt (dbt-postgres) on the fixture project
``Tests/RunTests/Projects/clone/``: it builds the ``prod`` target (``dbt seed``, ``run``,
``snapshot``) and keeps its ``target/`` as the state; adds a model prod never built; builds one
model in ``dev``; then runs each of ``STEPS`` (``dbt clone --state ... --target dev`` and
variations) and writes, for each, the exit status, the lines dbt logged for the nodes, and each
node's result in ``run_results.json`` (status, message, adapter response); at the end, the
relations left in the dev schema with their types and rows, to
``Tests/RunTests/Clone/expected/steps.json``.

Requirements are those of ``generate_dbt_fixtures.py`` (whose helpers this script reuses): a
virtualenv with dbt-core 1.11 and dbt-postgres (``DBT_VENV``, default ``/work/dbt-venv``) and the
PostgreSQL server binaries. The script starts a throw-away server on a random loopback port.

Usage::

    python3 Scripts/generate_clone_fixtures.py           # rewrite expected/
    python3 Scripts/generate_clone_fixtures.py --check   # exit 1 if expected/ is stale
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
PROJECT = REPO_ROOT / "Tests/RunTests/Projects/clone"
EXPECTED = REPO_ROOT / "Tests/RunTests/Clone/expected"
DEV_SCHEMA = "clone_dev"

# A model the project gains after prod was built: the state has no relation for it.
FRESH_MODEL = ("models/fresh.sql", "select 1 as n\n")

# (name, dbt arguments after `clone`), run in this order against the dev target.
STEPS = [
    ("clone", ["--state", "prod-state"]),
    ("clone again", ["--state", "prod-state"]),
    ("full refresh of one model", ["--state", "prod-state", "-s", "customers", "--full-refresh"]),
    ("no state", []),
]

# What dbt logs for a node while cloning (its `log(..., info=True)` lines), kept per step.
LOGGED_EVENTS = {"JinjaLogInfo"}

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
    rows = None
    if name not in request["unordered"]:
        inner = connection.cursor()
        inner.execute('select * from "%s"."%s"' % (schema, name))
        rows = sorted([[str(value) for value in row] for row in inner.fetchall()])
    relations[name] = {"type": kind, "rows": rows}
print(json.dumps({"relations": relations}))
"""


def results_of(work: Path) -> List[Dict[str, Any]]:
    return fixtures.take_run_results(work, ["unique_id", "status", "message", "adapter_response"])


def logged(stdout: str) -> List[str]:
    return sorted(event["info"]["msg"] for event in fixtures.json_lines(stdout)
                  if isinstance(event, dict) and event.get("info", {}).get("name") in LOGGED_EVENTS)


def build_production(work: Path, env: Dict[str, str]) -> None:
    """The fixture project copied to `work`, its `prod` target built (seeds, models, snapshots)
    and its target directory kept as `work/prod-state`, the state dev invocations read."""
    shutil.copytree(PROJECT, work, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
    for command in (["seed"], ["run"], ["snapshot"]):
        done = fixtures.run_dbt(command + ["--profiles-dir", ".", "--target", "prod"], work, env)
        if done.returncode != 0:
            raise fixtures.FixtureError(f"dbt {command[0]} --target prod failed: {done.stdout}{done.stderr}")
    shutil.copytree(work / "target", work / "prod-state")


def generate(out: Path, server: fixtures.PostgresServer) -> None:
    server.reset_database()
    env = server.dbt_environment()
    steps = []
    with tempfile.TemporaryDirectory(prefix="weir-clone-") as tmp:
        work = Path(tmp) / "clone"
        build_production(work, env)
        (work / FRESH_MODEL[0]).write_text(FRESH_MODEL[1])
        done = fixtures.run_dbt(["run", "--profiles-dir", ".", "--target", "dev", "-s", "customers"], work, env)
        if done.returncode != 0:
            raise fixtures.FixtureError(f"dbt run --target dev failed: {done.stdout}{done.stderr}")
        (work / "target" / "run_results.json").unlink()
        for name, arguments in STEPS:
            command = ["clone", "--profiles-dir", ".", "--target", "dev", "--log-format", "json"] + arguments
            done = fixtures.run_dbt(command, work, env)
            step = {"name": name, "args": arguments, "exit_code": done.returncode, "logged": logged(done.stdout),
                    "results": results_of(work)}
            if done.returncode == 2:
                step["error"] = fixtures.error_message(done.stdout)
            steps.append(step)
    warehouse = server.query(DUMP_SCRIPT, {"schema": DEV_SCHEMA, "unordered": ["customer_history"]})
    out.mkdir(parents=True, exist_ok=True)
    (out / "steps.json").write_bytes(fixtures.dump_json({"fresh_model": list(FRESH_MODEL), "steps": steps, **warehouse}))


def main(argv: Optional[List[str]] = None) -> int:
    check = fixtures.check_option(__doc__, argv)
    return fixtures.regenerate(EXPECTED, {"clone": generate}, check)


if __name__ == "__main__":
    sys.exit(main())
