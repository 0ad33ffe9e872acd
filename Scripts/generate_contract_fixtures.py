#!/usr/bin/env python3
"""Record what dbt-core does with model contracts, as the expectations of Weir's contract tests.

Weir's model contracts (``contract: {enforced: true}``, column ``data_type``s and
``constraints``) must behave as dbt-core 1.11 with dbt-postgres does. This script runs the
real dbt on the fixture project ``Tests/RunTests/Projects/contracts/`` in a series of
scenarios and writes what dbt printed and executed to ``Tests/RunTests/Contracts/expected/``.

Requirements are those of ``generate_dbt_fixtures.py`` (whose helpers this script reuses): a
virtualenv with dbt-core 1.11 and dbt-postgres (``DBT_VENV``, default ``/work/dbt-venv``) and
the PostgreSQL server binaries. The script starts a throw-away server on a random loopback
port, with superuser ``weir`` and trust authentication, and stops it at exit.

Scenarios
---------
Each scenario (``SCENARIOS`` below) starts from a fresh copy of the project and a fresh
database ``weir_fixtures``; an overlay directory ``Tests/RunTests/Contracts/overlays/<name>/``,
when it exists, is copied over the project first (files replaced or added), except for the
``state_*`` scenarios, which parse the project as it is, keep ``target/`` as the previous state
in ``state/``, and only then apply the overlay. Then every step runs in order (all but the last
must succeed) as ``dbt --log-format json --no-use-colors --printer-width 10000 <step>
--profiles-dir . --target postgres`` in an environment cleaned as ``generate_dbt_fixtures.py``
cleans it, plus ``PGHOST``/``PGPORT``/``PGUSER``/``PGDATABASE`` for the project's profile.

Outputs
-------
``expected/<scenario>.json``, for the last step::

    {"steps": [[...args...], ...], "exit_code": 1,
     "results": {"model.contracts.customers": {"status": "error", "message": "..."}},
     "warnings": ["..."], "error": "..."}

* ``results``: from ``target/run_results.json`` when the step wrote one: each node's status,
  and the message of a node that failed, reduced to what dbt's exception says: the first line
  (``Compilation Error in model ... (path)``) and the macro stack (``> in macro ...``) and the
  ``compiled code at`` line are dropped, the two-space indent removed, trailing space stripped.
* ``warnings``: the messages of the step's warning events, without the ``[WARNING]: `` tag,
  each once, in order (dbt prints a breaking-change warning once per selection pass).
* ``error``: the text after "Encountered an error:" (``MainEncounteredError``), if any.

``expected/run/<scenario>/<file>.sql``: for the scenarios that name models in ``run_sql``,
dbt's ``target/run/contracts/models/<file>.sql`` after the last step, byte for byte but for the
time of day in the name of an incremental run's temporary table (``__dbt_tmp031847834396``
is written ``__dbt_tmp``).
``expected/manifest.json``: for the ``parse`` scenario, the models' ``contract``,
``constraints``, ``refs``, ``depends_on`` and each column's ``name``, ``data_type`` and
``constraints``. ``expected/dbt_versions.json``: the dbt-core and dbt-postgres versions.

Usage::

    python3 Scripts/generate_contract_fixtures.py           # rewrite expected/
    python3 Scripts/generate_contract_fixtures.py build     # some scenarios only
    python3 Scripts/generate_contract_fixtures.py --check   # exit 1 if expected/ is stale
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_dbt_fixtures as fixtures  # noqa: E402

REPO_ROOT = fixtures.REPO_ROOT
PROJECT = REPO_ROOT / "Tests/RunTests/Projects/contracts"
CONTRACTS_DIR = REPO_ROOT / "Tests/RunTests/Contracts"
OVERLAYS = CONTRACTS_DIR / "overlays"
EXPECTED = CONTRACTS_DIR / "expected"


def run_with(variant: str, value: str) -> List[str]:
    return ["--vars", json.dumps({variant: value})]


def after_build(*last: str) -> List[List[str]]:
    return [["build"], list(last)]


SCENARIOS: Dict[str, Dict[str, Any]] = {
    "parse": {"steps": [["parse"]], "manifest": True},
    "build": {
        "steps": [["build"]],
        "run_sql": ["customers", "orders", "customer_names", "order_events", "products_v1"],
    },
    # Incremental runs after a first build.
    "incremental_more": {
        "steps": after_build("run", "-s", "order_events", *run_with("events_variant", "more")),
        "run_sql": ["order_events"],
    },
    "incremental_wrong_type": {
        "steps": after_build("run", "-s", "order_events", *run_with("events_variant", "wrong_type")),
    },
    "incremental_null_amount": {
        "steps": after_build("run", "-s", "order_events", *run_with("events_variant", "null_amount")),
    },
}
for _variant in ["missing_column", "extra_column", "wrong_type", "null_name", "duplicate_email",
                 "duplicate_id", "bad_tier"]:
    SCENARIOS[f"customers_{_variant}"] = {
        "steps": after_build("run", "-s", "customers", *run_with("customers_variant", _variant)),
    }
for _variant in ["unknown_customer", "negative_amount"]:
    SCENARIOS[f"orders_{_variant}"] = {
        "steps": after_build("run", "-s", "orders", *run_with("orders_variant", _variant)),
    }
SCENARIOS.update({
    "run_missing_data_type": {"steps": [["seed"], ["run", "-s", "customers"]]},
    "run_naked_numeric": {"steps": [["seed"], ["run", "-s", "orders"]]},
    "run_no_columns_spec": {"steps": [["run", "-s", "loose"]]},
})
for _name in ["state_unversioned", "state_versioned", "state_enforcement_removed",
              "state_model_constraint_removed", "state_model_deleted"]:
    SCENARIOS[_name] = {"state": True, "steps": [["ls", "-s", "state:modified", "--state", "state"]]}
for _name in ["err_on_schema_change", "err_two_primary_keys", "err_column_constraint_type",
              "err_model_constraint_type", "err_no_columns"]:
    SCENARIOS[_name] = {"steps": [["parse"]]}


def events(stdout: str) -> List[Dict[str, Any]]:
    found = []
    for line in stdout.splitlines():
        try:
            found.append(json.loads(line))
        except ValueError:
            continue
    return found


def warnings(stdout: str) -> List[str]:
    seen: List[str] = []
    for event in events(stdout):
        info = event.get("info", {})
        if info.get("level") != "warn":
            continue
        message = info.get("msg", "")
        for tag in ("[WARNING]: ",):
            if message.startswith(tag):
                message = message[len(tag):]
        if message not in seen:
            seen.append(message)
    return seen


def core_message(message: str) -> str:
    """What dbt's exception says, without the node header, the macro stack and the path line."""
    lines = message.split("\n")[1:]
    kept = []
    for line in lines:
        if line.startswith("  > ") or line.startswith("  compiled code at "):
            break
        kept.append(line[2:] if line.startswith("  ") else line)
    return "\n".join(kept).rstrip()


def results(work: Path) -> Optional[Dict[str, Any]]:
    path = work / "target" / "run_results.json"
    if not path.exists():
        return None
    recorded = {}
    for result in json.loads(path.read_text())["results"]:
        entry: Dict[str, Any] = {"status": result["status"]}
        if result["status"] in ("error", "fail") and result.get("message"):
            entry["message"] = core_message(result["message"])
        recorded[result["unique_id"]] = entry
    return recorded


def manifest_subset(manifest: Dict[str, Any]) -> Dict[str, Any]:
    subset = {}
    for unique_id, node in sorted(manifest["nodes"].items()):
        if node["resource_type"] != "model":
            continue
        subset[unique_id] = {
            "contract": node["contract"],
            "constraints": node["constraints"],
            "refs": node["refs"],
            "depends_on": node["depends_on"]["nodes"],
            "columns": {
                name: {k: column[k] for k in ("name", "data_type", "constraints")}
                for name, column in node["columns"].items()
            },
        }
    return subset


def overlay(name: str, work: Path) -> None:
    source = OVERLAYS / name
    if source.is_dir():
        shutil.copytree(source, work, dirs_exist_ok=True)


def generate(name: str, out: Path, server: fixtures.PostgresServer) -> None:
    scenario = SCENARIOS[name]
    server.reset_database()
    env = server.dbt_environment()
    base = ["--log-format", "json", "--no-use-colors", "--printer-width", "10000"]
    tail = ["--profiles-dir", ".", "--target", "postgres"]

    with tempfile.TemporaryDirectory(prefix="weir-contracts-") as tmp:
        work = Path(tmp) / "contracts"
        shutil.copytree(PROJECT, work, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
        if scenario.get("state"):
            parsed = fixtures.run_dbt(base + ["parse"] + tail, work, env)
            if parsed.returncode != 0:
                raise fixtures.FixtureError(f"{name}: the base project did not parse:\n{parsed.stdout}")
            shutil.copytree(work / "target", work / "state")
        overlay(name, work)

        steps = scenario["steps"]
        for step in steps[:-1]:
            done = fixtures.run_dbt(base + step + tail, work, env)
            if done.returncode != 0:
                raise fixtures.FixtureError(
                    f"{name}: dbt {' '.join(step)} failed:\n{fixtures.error_message(done.stdout)}")
        for leftover in ("run_results.json", "run"):
            path = work / "target" / leftover
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
        last = fixtures.run_dbt(base + steps[-1] + tail, work, env)

        record: Dict[str, Any] = {"steps": steps, "exit_code": last.returncode}
        recorded = results(work)
        if recorded is not None:
            record["results"] = recorded
        record["warnings"] = warnings(last.stdout)
        if last.returncode == 2:
            record["error"] = fixtures.error_message(last.stdout)
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.json").write_bytes(fixtures.dump_json(record))

        for model in scenario.get("run_sql", []):
            source = work / "target" / "run" / "contracts" / "models" / f"{model}.sql"
            destination = out / "run" / name / f"{model}.sql"
            destination.parent.mkdir(parents=True, exist_ok=True)
            # dbt names an incremental run's temporary table after the time of day.
            text = re.sub(r"__dbt_tmp\d+", "__dbt_tmp", source.read_text())
            destination.write_text(text)
        if scenario.get("manifest"):
            manifest = json.loads((work / "target" / "manifest.json").read_text())
            (out / "manifest.json").write_bytes(fixtures.dump_json(manifest_subset(manifest)))


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenarios", nargs="*", help="scenarios to (re)generate (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="compare freshly generated outputs with the committed ones")
    opts = parser.parse_args(argv)
    selected = opts.scenarios or list(SCENARIOS)
    unknown = [s for s in selected if s not in SCENARIOS]
    if unknown:
        print(f"error: unknown scenario(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    jobs = {name: (lambda out, server, name=name: generate(name, out, server)) for name in selected}
    return fixtures.regenerate(EXPECTED, jobs, opts.check, partial=bool(opts.scenarios))

if __name__ == "__main__":
    sys.exit(main())
