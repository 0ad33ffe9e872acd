#!/usr/bin/env python3
"""Record what dbt-core does when it runs unit tests, as the expectations of Weir's unit test runs.

Weir runs dbt unit tests (``unit_tests:`` in YAML properties) as dbt-core 1.11 with dbt-postgres
does. This script runs the real dbt on the fixture project ``Tests/RunTests/Projects/unit_tests/``
in a few scenarios and writes what dbt reported and compiled to ``Tests/RunTests/UnitTests/expected/``.
It also records how dbt's diff library (daff, as dbt calls it) renders the difference between
small tables, for Weir's own rendering of a failed unit test.

Requirements are those of ``generate_dbt_fixtures.py`` (whose helpers this script reuses): a
virtualenv with dbt-core 1.11 and dbt-postgres (``DBT_VENV``, default ``/work/dbt-venv``) and the
PostgreSQL server binaries. The script starts a throw-away server on a random loopback port.

Scenarios
---------
Each scenario starts from a fresh copy of the project and a fresh database; the overlay directory
``Tests/RunTests/UnitTests/overlays/<name>/``, when it exists, is copied over the project first.
Every step but the last must succeed; each runs as ``dbt --log-format json --no-use-colors
<step> --profiles-dir . --target postgres``.

Outputs
-------
``expected/<scenario>.json`` for the last step: ``{"steps", "exit_code", "results"}``, where
``results`` maps each unique id of ``run_results.json`` to its ``status``, ``failures`` and, when
the node did not pass, its ``message`` (for errors reduced as ``generate_contract_fixtures.py``
does: no header line, no macro stack).
``expected/compiled/<test>.sql``: each unit test's ``compiled_code`` from ``run_results.json``,
byte for byte (the same in every scenario that compiles it, which the script checks).
``expected/daff.json``: ``[{"expected": rows, "actual": rows, "rendered": text or null}]``, the
first row of each table being its header, rendered as dbt renders a unit test's diff (rows sorted,
unordered comparison, colours stripped).

Usage::

    python3 Scripts/generate_unit_test_fixtures.py           # rewrite expected/
    python3 Scripts/generate_unit_test_fixtures.py --check   # exit 1 if expected/ is stale
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_contract_fixtures as contracts  # noqa: E402
import generate_dbt_fixtures as fixtures  # noqa: E402

REPO_ROOT = fixtures.REPO_ROOT
PROJECT = REPO_ROOT / "Tests/RunTests/Projects/unit_tests"
UNIT_TESTS_DIR = REPO_ROOT / "Tests/RunTests/UnitTests"
OVERLAYS = UNIT_TESTS_DIR / "overlays"
EXPECTED = UNIT_TESTS_DIR / "expected"

SCENARIOS: Dict[str, List[List[str]]] = {
    # Every unit test passes once the models exist.
    "test": [["seed"], ["run"], ["test"]],
    # `build` runs a model's unit tests just before it; one that reads `this` fails before the
    # model's first build, and the model is skipped.
    "build_fresh": [["seed"], ["build"]],
    # Failing and broken unit tests (overlay `failing`).
    "failing": [["seed"], ["run"], ["test", "--select", "test_type:unit"]],
}

# Tables compared as dbt compares a unit test's expected and actual rows.
DAFF_CASES = [
    ([["id", "n"], [1, "a"], [2, "b"]], [["id", "n"], [1, "a"], [2, "c"]]),
    ([["id", "n"], [1, "a"], [2, "b"]], [["id", "n"], [1, "a"]]),
    ([["id", "n"], [1, "a"]], [["id", "n"], [1, "a"], [3, "z"]]),
    ([["id", "n"], [1, None]], [["id", "n"], [1, "a"]]),
    ([["id", "n"], [1, True]], [["id", "n"], [1, False]]),
    ([["id", "n"], [1, "a"], [1, "a"]], [["id", "n"], [1, "a"]]),
    ([["a", "b", "c"], [1, 2, 3], [4, 5, 6]], [["a", "b", "c"], [7, 8, 9], [4, 5, 6]]),
    ([["a", "b", "c"], [1, 2, 3], [4, 5, 6]], [["a", "b", "c"], [1, 8, 9], [4, 5, 0]]),
    ([["a"]], [["a"], [1]]),
    ([["id", "n"]], [["id", "n"], [1, "a"], [2, "b"]]),
    ([["id", "n"], [1, "a"], [2, "b"], [3, "c"]], [["id", "n"], [2, "b"], [3, "x"], [4, "c"]]),
    ([["id", "n"], [1, "a,b"]], [["id", "n"], [1, "a"]]),
    ([["id", "n"], [1, "a"], [2, None]], [["id", "n"], [2, None], [1, "a"]]),
    ([["k", "v"], [1, 10], [2, 20], [3, 30]], [["k", "v"], [1, 10], [2, 21], [3, 30]]),
]

DAFF_SCRIPT = r"""
import daff, json, re, sys
def render(expected, actual):
    key = lambda row: [(cell is None, cell) for cell in row]
    e = daff.PythonTableView([expected[0]] + sorted(expected[1:], key=key))
    a = daff.PythonTableView([actual[0]] + sorted(actual[1:], key=key))
    flags = daff.CompareFlags()
    flags.ordered = False
    diff = daff.TableDiff(daff.Coopy.compareTables(e, a, flags).align(), flags)
    result = daff.PythonTableView([])
    diff.hilite(result)
    if not diff.hasDifference():
        return None
    text = daff.TerminalDiffRender().render(result)
    return re.sub(r"\x1B(?:[@-Z\\-_]|\[[0-?]*[ -/]*[@-~])", "", text)
cases = json.load(sys.stdin)
print(json.dumps([{"expected": e, "actual": a, "rendered": render(e, a)} for e, a in cases]))
"""


def daff_cases() -> List[Dict[str, Any]]:
    python = fixtures.venv_path() / "bin" / "python"
    done = subprocess.run([str(python), "-c", DAFF_SCRIPT], input=json.dumps(DAFF_CASES),
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise fixtures.FixtureError(f"daff failed: {done.stderr}")
    return json.loads(done.stdout)


def results(work: Path) -> Dict[str, Any]:
    recorded = {}
    for result in json.loads((work / "target" / "run_results.json").read_text())["results"]:
        entry: Dict[str, Any] = {"status": result["status"], "failures": result["failures"]}
        message = result.get("message")
        if result["status"] == "fail" and message:
            entry["message"] = message
        elif result["status"] == "error" and message:
            entry["message"] = contracts.core_message(message)
        recorded[result["unique_id"]] = entry
    return recorded


def compiled(work: Path) -> Dict[str, str]:
    found = {}
    for result in json.loads((work / "target" / "run_results.json").read_text())["results"]:
        if result["unique_id"].startswith("unit_test.") and result.get("compiled_code"):
            found[result["unique_id"].split(".")[-1]] = result["compiled_code"]
    return found


def generate(name: str, out: Path, server: fixtures.PostgresServer) -> None:
    steps = SCENARIOS[name]
    server.reset_database()
    env = fixtures.dbt_environment({
        "PGHOST": "127.0.0.1", "PGPORT": str(server.port), "PGUSER": "weir",
        "PGPASSWORD": "", "PGDATABASE": "weir_fixtures",
    })
    base = ["--log-format", "json", "--no-use-colors"]
    tail = ["--profiles-dir", ".", "--target", "postgres"]
    with tempfile.TemporaryDirectory(prefix="weir-unit-tests-") as tmp:
        work = Path(tmp) / "unit_tests"
        shutil.copytree(PROJECT, work, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
        if (OVERLAYS / name).is_dir():
            shutil.copytree(OVERLAYS / name, work, dirs_exist_ok=True)
        for step in steps[:-1]:
            done = fixtures.run_dbt(base + step + tail, work, env)
            if done.returncode != 0:
                raise fixtures.FixtureError(
                    f"{name}: dbt {' '.join(step)} failed:\n{fixtures.error_message(done.stdout)}")
        last = fixtures.run_dbt(base + steps[-1] + tail, work, env)
        record = {"steps": steps, "exit_code": last.returncode, "results": results(work)}
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.json").write_bytes(fixtures.dump_json(record))
        for test, code in compiled(work).items():
            # A unit test compiles alike in every scenario that compiles it: kept once.
            destination = out / "compiled" / f"{test}.sql"
            destination.parent.mkdir(parents=True, exist_ok=True)
            if destination.exists() and destination.read_text() != code:
                raise fixtures.FixtureError(f"{name}: {test} compiled otherwise than in an earlier scenario")
            destination.write_text(code)


def main(argv: Optional[List[str]] = None) -> int:
    check = fixtures.check_option(__doc__, argv)
    jobs = {name: (lambda staging, server, name=name: generate(name, staging, server)) for name in SCENARIOS}
    return fixtures.regenerate(
        EXPECTED, jobs, check,
        finish=lambda staging: (staging / "daff.json").write_bytes(fixtures.dump_json(daff_cases())))


if __name__ == "__main__":
    sys.exit(main())
