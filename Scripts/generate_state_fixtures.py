#!/usr/bin/env python3
"""Record what dbt-core selects with ``state:`` and ``result:``, as the expectations of Weir's.

The fixture ``Tests/WorkspaceTests/Fixtures/state/`` is one project in two versions: ``before/``
(a complete dbt project) and ``after/`` (files that replace or add to it; ``removed.txt`` lists the
files the new version deletes). This script runs the real dbt (dbt-postgres):

1. ``dbt build`` on ``before/`` against a throw-away PostgreSQL server (some nodes fail on
   purpose, so that the run results hold every status), and keeps its ``manifest.json`` and
   ``run_results.json`` as the state;
2. applies ``after/``, then ``dbt ls --state <state>`` for each selection of ``SELECTIONS``.

It writes to ``Tests/WorkspaceTests/Fixtures/state/expected/``: ``selections.json`` (each
selection's unique ids, sorted, or dbt's exit status when it stopped), and the state dbt wrote:
``state/manifest.json`` (without the macros of dbt's own packages, which Weir does not compare,
and with the temporary directory's path replaced by ``<root>``) and ``state/run_results.json``,
both with the invocation's times, ids and durations fixed (``without_times``) so that ``--check``
compares what matters.

Requirements are those of ``generate_dbt_fixtures.py`` (whose helpers this script reuses).

Usage::

    python3 Scripts/generate_state_fixtures.py           # rewrite expected/
    python3 Scripts/generate_state_fixtures.py --check   # exit 1 if expected/ is stale
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

FIXTURE = fixtures.REPO_ROOT / "Tests/WorkspaceTests/Fixtures/state"
EXPECTED = FIXTURE / "expected"

# (--select, --exclude) pairs, each run as `dbt ls`.
SELECTIONS: List[List[List[str]]] = [
    [["state:new"], []],
    [["state:old"], []],
    [["state:modified"], []],
    [["state:unmodified"], []],
    [["state:modified.body"], []],
    [["state:modified.configs"], []],
    [["state:modified.relation"], []],
    [["state:modified.persisted_descriptions"], []],
    [["state:modified.macros"], []],
    [["state:modified.contract"], []],
    [["state:modified+"], []],
    [["state:modified+1"], ["state:new"]],
    [["state:modified,resource_type:model"], []],
    [["state:new", "state:modified.body"], []],
    [["result:success"], []],
    [["result:error"], []],
    [["result:error+"], []],
    [["result:skipped"], []],
    [["result:pass"], []],
    [["result:fail"], []],
    [["result:warn"], []],
    [["result:fail", "result:warn"], []],
    [["result:error+,state:modified"], []],
    [["state:changed"], []],
]


def apply_after(work: Path) -> None:
    for path in sorted((FIXTURE / "after").rglob("*")):
        if path.is_file():
            destination = work / path.relative_to(FIXTURE / "after")
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    for line in (FIXTURE / "removed.txt").read_text().splitlines():
        if line.strip():
            (work / line.strip()).unlink()


# What changes from one dbt invocation to the next, written as these constants so that
# `--check` compares what matters: the nodes, their checksums and configs, the results' statuses.
FIXED_TIME = "2000-01-01T00:00:00.000000Z"
FIXED_ID = "00000000-0000-0000-0000-000000000000"
FIXED_CREATED_AT = 946684800.0


def without_times(document: Dict[str, Any]) -> Dict[str, Any]:
    """An artifact with its invocation's times, ids and durations fixed, and its results sorted
    (dbt writes them as they complete)."""
    metadata = document.get("metadata", {})
    for key in ("generated_at", "invocation_started_at", "run_started_at"):
        if key in metadata:
            metadata[key] = FIXED_TIME
    if "invocation_id" in metadata:
        metadata["invocation_id"] = FIXED_ID
    if "elapsed_time" in document:
        document["elapsed_time"] = 0.0
    for kind in ("nodes", "sources", "macros", "exposures", "metrics", "semantic_models", "saved_queries", "unit_tests"):
        for item in (document.get(kind) or {}).values():
            if "created_at" in item:
                item["created_at"] = FIXED_CREATED_AT
    if "results" in document:
        for result in document["results"]:
            result["execution_time"] = 0.0
            result["thread_id"] = "Thread-1"
            for timing in result.get("timing", []):
                timing["started_at"] = timing["completed_at"] = FIXED_TIME
        document["results"].sort(key=lambda result: result["unique_id"])
    return document


def generate(out: Path, server: fixtures.PostgresServer) -> None:
    server.reset_database()
    env = server.dbt_environment()
    with tempfile.TemporaryDirectory(prefix="weir-state-") as tmp:
        work = Path(tmp) / "state_demo"
        state = Path(tmp) / "state"
        shutil.copytree(FIXTURE / "before", work)
        paths = sorted({str(work), str(work.resolve())}, key=len, reverse=True)
        built = fixtures.run_dbt(["build", "--profiles-dir", "."], work, env)
        if built.returncode != 1:
            raise fixtures.FixtureError(f"dbt build should fail on some nodes (exit 1), got {built.returncode}:\n"
                                        f"{built.stdout}{built.stderr}")
        state.mkdir()
        for name in ["manifest.json", "run_results.json"]:
            shutil.copyfile(work / "target" / name, state / name)
        apply_after(work)
        selections = []
        for select, exclude in SELECTIONS:
            # (A full parse each time: dbt's partial parsing kept a unit test's old checksum.)
            args = ["-q", "--no-partial-parse", "ls", "--profiles-dir", ".", "--state", str(state), "--output", "json",
                    "--output-keys", "unique_id", "--select", *select]
            if exclude:
                args += ["--exclude", *exclude]
            done = fixtures.run_dbt(args, work, env)
            record: Dict[str, Any] = {"select": select, "exclude": exclude, "exit_code": done.returncode}
            if done.returncode == 0:
                record["unique_ids"] = fixtures.listed_unique_ids(done.stdout)
            selections.append(record)

        manifest = json.loads((state / "manifest.json").read_text())
        manifest["macros"] = {uid: macro for uid, macro in manifest["macros"].items()
                              if macro["package_name"] not in fixtures.INTERNAL_PACKAGES}
        run_results = json.loads((state / "run_results.json").read_text())
        out.mkdir(parents=True, exist_ok=True)
        (out / "state").mkdir()
        (out / "state" / "manifest.json").write_bytes(fixtures.dump_json(without_times(fixtures.replace_paths(manifest, paths))))
        (out / "state" / "run_results.json").write_bytes(
            fixtures.dump_json(without_times(fixtures.replace_paths(run_results, paths))))
        (out / "selections.json").write_bytes(fixtures.dump_json({"selections": selections}))


def main(argv: Optional[List[str]] = None) -> int:
    check = fixtures.check_option(__doc__, argv)
    return fixtures.regenerate(EXPECTED, {"state": generate}, check)


if __name__ == "__main__":
    sys.exit(main())
