#!/usr/bin/env python3
"""Record what dbt-core does for `dbt source freshness`, as the expectations of Weir's.

This script runs the real dbt (dbt-postgres) on the fixture project
``Tests/RunTests/Projects/freshness/``: ``dbt seed`` (the tables the sources read), then the
invocations of ``STEPS`` in order against one schema. Between two of them it records the state
(``target/sources.json`` copied to ``state/``) and adds a row to a table, so that
``source_status:fresher`` has something to find. For each step it writes the exit status, the
freshness log lines (start and result, without their timings) and, for ``source freshness``,
``target/sources.json`` with what changes from run to run (times, ages, threads) replaced by its
type; for ``ls``, the unique ids listed. Output: ``Tests/RunTests/Freshness/expected/steps.json``.

The tables' load times are fixed in the years 2000 to 2099, so each source's status stays what
it was when the fixture was generated until 2099.

Requirements are those of ``generate_dbt_fixtures.py`` (whose helpers this script reuses).

Usage::

    python3 Scripts/generate_freshness_fixtures.py           # rewrite expected/
    python3 Scripts/generate_freshness_fixtures.py --check   # exit 1 if expected/ is stale
"""

from __future__ import annotations

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
PROJECT = REPO_ROOT / "Tests/RunTests/Projects/freshness"
EXPECTED = REPO_ROOT / "Tests/RunTests/Freshness/expected"
SCHEMA = "freshness_fixtures"

# Each step: its name and dbt's arguments; "record state" and "load a row" are done here.
STEPS: List[List[Any]] = [
    ["all sources", ["source", "freshness"]],
    ["record state", []],
    ["selected", ["source", "freshness", "--select", "source:raw.past_loads", "source:queried"]],
    ["excluded", ["source", "freshness", "--select", "source:raw", "--exclude", "source:raw.missing_loads"]],
    ["nothing selected", ["source", "freshness", "--select", "source:documented"]],
    ["load a row", []],
    ["after the load", ["source", "freshness"]],
    ["fresher", ["ls", "--select", "source_status:fresher", "--state", "state", "--output", "json",
                 "--output-keys", "unique_id"]],
    ["fresher and downstream", ["ls", "--select", "source_status:fresher+", "--state", "state",
                                "--output", "json", "--output-keys", "unique_id"]],
]

LOAD_SCRIPT = r"""
import json, psycopg2, sys
request = json.load(sys.stdin)
connection = psycopg2.connect(**request["connection"])
cursor = connection.cursor()
cursor.execute('insert into "%s".past_loads values (3, %%s)' % request["schema"], ("2002-02-02 02:02:02",))
connection.commit()
print("{}")
"""

# The events whose messages the steps record (without the timing in brackets): the freshness
# checks and the project hooks (their start and end, and what they log), the summary's list of
# failures, and the last line.
RECORDED_EVENTS = {
    "LogStartLine", "LogFreshnessResult", "LogHookStartLine", "LogHookEndLine", "JinjaLogInfo",
    "RunResultFailure", "RunResultError", "FreshnessCheckComplete", "NothingToDo",
}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def logged_lines(stdout: str) -> List[str]:
    lines = []
    for event in fixtures.json_lines(stdout):
        info = event.get("info", {})
        if info.get("name") not in RECORDED_EVENTS:
            continue
        # A database error's first line (the warehouse's message differs between servers).
        message = ANSI.sub("", info["msg"]).split("\n")[0].strip()
        if " [" in message:
            message = message[: message.rindex(" [")].rstrip(" .")
        lines.append(message)
    return lines


def shape(value: Any) -> str:
    """What stands for a value that changes from run to run: its JSON type."""
    return {str: "<string>", float: "<number>", int: "<number>", list: "<list>"}.get(type(value), "<other>")


def sources_json(work: Path) -> Optional[Dict[str, Any]]:
    path = work / "target" / "sources.json"
    if not path.exists():
        return None
    written = json.loads(path.read_text())
    results = []
    for result in written["results"]:
        kept = dict(result)
        for key in ["snapshotted_at", "max_loaded_at_time_ago_in_s", "timing", "thread_id", "execution_time"]:
            if key in kept:
                kept[key] = shape(kept[key])
        results.append(kept)
    metadata = written["metadata"]
    return {
        "keys": sorted(written),
        "metadata_keys": sorted(metadata),
        "dbt_schema_version": metadata["dbt_schema_version"],
        "results": sorted(results, key=lambda r: r["unique_id"]),
    }


def generate(out: Path, server: fixtures.PostgresServer) -> None:
    server.reset_database()
    env = server.dbt_environment()
    steps = []
    with tempfile.TemporaryDirectory(prefix="weir-freshness-") as tmp:
        work = Path(tmp) / "freshness"
        shutil.copytree(PROJECT, work, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
        done = fixtures.run_dbt(["seed", "--profiles-dir", ".", "--target", "postgres"], work, env)
        if done.returncode != 0:
            raise fixtures.FixtureError(f"dbt seed failed: {done.stdout}{done.stderr}")
        for name, args in STEPS:
            if name == "record state":
                (work / "state").mkdir()
                shutil.copy(work / "target" / "sources.json", work / "state" / "sources.json")
                steps.append({"name": name, "args": args})
                continue
            if name == "load a row":
                server.query(LOAD_SCRIPT, {"schema": SCHEMA})
                steps.append({"name": name, "args": args})
                continue
            if args[0] == "source":
                (work / "target" / "sources.json").unlink(missing_ok=True)
            # `ls` prints its list as plain lines only with the text log format.
            log_format = ["--log-format", "json"] if args[0] == "source" else []
            command = [*log_format, "--no-use-colors", *args, "--profiles-dir", ".", "--target", "postgres"]
            done = fixtures.run_dbt(command, work, env)
            step: Dict[str, Any] = {"name": name, "args": args, "exit_code": done.returncode}
            if args[0] == "ls":
                step["listed"] = fixtures.listed_unique_ids(done.stdout)
            else:
                step["logged"] = logged_lines(done.stdout)
                step["sources_json"] = sources_json(work)
            steps.append(step)
    out.mkdir(parents=True, exist_ok=True)
    (out / "steps.json").write_bytes(fixtures.dump_json({"steps": steps}))


def main(argv: Optional[List[str]] = None) -> int:
    check = fixtures.check_option(__doc__, argv)
    return fixtures.regenerate(EXPECTED, {"freshness": generate}, check)


if __name__ == "__main__":
    sys.exit(main())
