#!/usr/bin/env python3
"""Record what dbt-core's ``--defer`` compiles and runs, for Weir's to be compared with.

This script runs the real dbt (dbt-postgres) on the fixture project ``Tests/RunTests/Projects/clone/``
(a ``prod`` and a ``dev`` target): it builds ``prod`` (``dbt seed``, ``run``, ``snapshot``) and keeps
its ``target/`` as the state, then runs each of ``STEPS`` against ``dev`` (``dbt compile`` and
``dbt run`` with ``--defer --state``, ``--favor-state``, before and after ``dev`` has a relation of
its own) and writes, for each, the exit status, the compiled SQL of each selected node (from
``run_results.json``, the database's name replaced by ``<database>``) and its status; at the end,
the relations of the dev schema with their rows, to ``Tests/RunTests/Defer/expected/steps.json``.

Requirements are those of ``generate_dbt_fixtures.py`` (whose helpers this script reuses): a
virtualenv with dbt-core 1.11 and dbt-postgres (``DBT_VENV``, default ``/work/dbt-venv``) and the
PostgreSQL server binaries. The script starts a throw-away server on a random loopback port.

Usage::

    python3 Scripts/generate_defer_fixtures.py           # rewrite expected/
    python3 Scripts/generate_defer_fixtures.py --check   # exit 1 if expected/ is stale
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_clone_fixtures as clone  # noqa: E402
import generate_dbt_fixtures as fixtures  # noqa: E402

REPO_ROOT = fixtures.REPO_ROOT
EXPECTED = REPO_ROOT / "Tests/RunTests/Defer/expected"
DEV_SCHEMA = clone.DEV_SCHEMA
DATABASE = "weir_fixtures"

# (name, dbt command and arguments), run in this order against the dev target.
STEPS = [
    ("compile, nothing in dev", ["compile", "--defer", "--state", "prod-state", "-s", "customer_countries customer_totals"]),
    ("run one model, nothing in dev", ["run", "--defer", "--state", "prod-state", "-s", "customer_totals"]),
    ("run a model dev then has", ["run", "--defer", "--state", "prod-state", "-s", "customers"]),
    ("run, dev has the parent", ["run", "--defer", "--state", "prod-state", "-s", "customer_countries"]),
    ("run, favoring the state", ["run", "--defer", "--favor-state", "--state", "prod-state", "-s", "customer_countries"]),
    ("compile, favoring the state", ["compile", "--defer", "--favor-state", "--state", "prod-state", "-s", "customer_countries"]),
]



def generate(out: Path, server: fixtures.PostgresServer) -> None:
    server.reset_database()
    env = server.dbt_environment()
    steps = []
    with tempfile.TemporaryDirectory(prefix="weir-defer-") as tmp:
        work = Path(tmp) / "clone"
        clone.build_production(work, env)
        (work / "target" / "run_results.json").unlink()
        for name, arguments in STEPS:
            command = arguments[:1] + ["--profiles-dir", ".", "--target", "dev"] + arguments[1:]
            done = fixtures.run_dbt(command, work, env)
            results = fixtures.take_run_results(work, ["unique_id", "status", "compiled_code"])
            for result in results:
                result["compiled_code"] = (result.get("compiled_code") or "").replace(f'"{DATABASE}"', '"<database>"')
            steps.append({"name": name, "args": arguments, "exit_code": done.returncode, "results": results})
    warehouse = server.query(clone.DUMP_SCRIPT, {"schema": DEV_SCHEMA, "unordered": []})
    out.mkdir(parents=True, exist_ok=True)
    (out / "steps.json").write_bytes(fixtures.dump_json({"steps": steps, **warehouse}))


def main(argv: Optional[List[str]] = None) -> int:
    check = fixtures.check_option(__doc__, argv)
    return fixtures.regenerate(EXPECTED, {"defer": generate}, check)


if __name__ == "__main__":
    sys.exit(main())
