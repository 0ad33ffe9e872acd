#!/usr/bin/env python3
"""Record what dbt-core's ``dbt show`` prints, for ``weir show`` to be compared with.

Two jobs, both with the real dbt (dbt-core 1.11, dbt-postgres) and its agate:

- ``steps.json``: the fixture project ``Tests/RunTests/Projects/show/`` built with ``dbt run``, then
  previewed by each of ``STEPS`` (``dbt show`` with ``--select``, ``--inline``, ``--inline-direct``,
  ``--limit``, ``--output json``, ``--vars``, failures). For each: the exit status, what dbt printed
  for each previewed node (its ``ShowNode`` event's text), the error it stopped on, and each node's
  result in ``run_results.json`` (status, the SQL it ran, the adapter's response).
- ``tables.json``: how dbt prints result sets (agate's ``print_table`` or ``to_json`` in dbt's
  ``ShowNode`` message) once it has typed them (``table_from_data_flat``), for ``CASES``: the values the
  drivers hand dbt (Python ints, floats, strings, booleans, dates, datetimes, ``None``), written in
  JSON with a tag for the types JSON lacks.

- ``sqlite.json``: the same for ``SQLITE_QUERIES`` run with Python's ``sqlite3`` (dbt-sqlite's
  driver) over the ``players`` table as the project's SQLite branch of ``models/players.sql``
  builds it (``create table ... as``), to be compared with ``weir show --inline ... --limit -1``.

Requirements are those of ``generate_dbt_fixtures.py`` (whose helpers this script reuses): a
virtualenv with dbt-core 1.11 and dbt-postgres (``DBT_VENV``, default ``/work/dbt-venv``) and the
PostgreSQL server binaries. The script starts a throw-away server on a random loopback port.

Usage::

    python3 Scripts/generate_show_fixtures.py           # rewrite Tests/RunTests/Show/expected/
    python3 Scripts/generate_show_fixtures.py --check   # exit 1 if expected/ is stale
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
import generate_dbt_fixtures as fixtures  # noqa: E402

REPO_ROOT = fixtures.REPO_ROOT
PROJECT = REPO_ROOT / "Tests/RunTests/Projects/show"
EXPECTED = REPO_ROOT / "Tests/RunTests/Show/expected"

# (name, dbt arguments after `show`), run in this order once the project is built.
STEPS = [
    ("a model", ["-s", "players"]),
    ("a model as JSON", ["-s", "players", "--output", "json"]),
    ("every row", ["-s", "players", "--limit", "-1"]),
    ("no rows", ["-s", "players", "--limit", "0"]),
    ("numbers", ["-s", "big_numbers"]),
    ("an inline query", ["--inline", "select amount, ratio, active, joined_on, last_seen, missing "
                         "from {{ ref('players') }} order by id", "--limit", "7"]),
    ("an inline query as JSON", ["--inline", "select name, nickname, description from {{ ref('players') }} "
                                 "where id < 3 order by id", "--output", "json"]),
    ("long names and values", ["--inline", "select description, name as \"a column name longer than twenty\", "
                               "nickname from {{ ref('players') }} order by id", "--limit", "3"]),
    ("an ephemeral model", ["-s", "recent"]),
    ("a model over an ephemeral one", ["-s", "summary"]),
    ("the nodes upstream too", ["-s", "+summary"]),
    ("two selections", ["-s", "summary", "players"]),
    ("a sql_header", ["-s", "headered"]),
    ("a project's get_limit_sql", ["-s", "players", "--limit", "2", "--vars", "{fetch_first: true}"]),
    ("a direct query", ["--inline-direct", "select 1 as n, 'x' as letter", "--limit", "1"]),
    ("a failing query", ["-s", "broken"]),
    ("a failing inline query", ["--inline", "select * from {{ ref('players') }} limit 1"]),
    ("neither --select nor --inline", []),
]

# Result sets as the drivers hand them to dbt: column names and rows of values (a JSON number is a
# Python int or float as written; {"date": ...}, {"datetime": ...} are Python's, from isoformat).
CASES = [
    ("integers", ["n", "big"], [[1, 1234567], [-20, None], [300, 0]]),
    ("all null", ["nothing"], [[None], [None]]),
    ("floats", ["x"], [[0.1], [1234567.891], [-0.5], [100.0]]),
    ("integers and floats", ["mixed"], [[1], [2.5], [None]]),
    ("more than three places", ["x"], [[3.14159], [2.0], [-0.0001]]),
    ("tiny and huge", ["x"], [[2.5e-7], [1e20], [1e-10]]),
    ("half-way rounding", ["x"], [[0.0005], [0.0015], [0.0025], [1.2345]]),
    ("large whole floats", ["x"], [[1e15], [123456789012.0]]),
    ("not numbers", ["x"], [[float("inf")], [float("-inf")], [float("nan")], [1.5]]),
    ("booleans", ["flag", "maybe"], [[True, None], [False, True]]),
    ("text", ["name", "other"], [["Ada", ""], ["a value longer than twenty characters", "Zoë"], [None, "李四"]]),
    ("text that looks typed", ["s"], [["1"], ["true"], ["2024-01-02"], ["null"]]),
    ("text beside numbers", ["s"], [["a"], [1], [2.5], [None]]),
    ("dates", ["d"], [[{"date": "2024-01-02"}], [None], [{"date": "0999-12-31"}]]),
    ("datetimes", ["t"], [[{"datetime": "2024-01-02T03:04:05"}], [{"datetime": "2024-02-03T00:00:00.250000"}],
                         [{"datetime": "1999-12-31T23:59:59.999999"}]]),
    ("datetimes with offsets", ["t"], [[{"datetime": "2024-01-02T03:04:05+00:00"}],
                                       [{"datetime": "2024-01-02T03:04:05.500000+05:30"}],
                                       [{"datetime": "2024-01-02T03:04:05-08:00"}]]),
    ("seven columns", ["a", "b", "c", "d", "e", "f", "g"], [[1, 2, 3, 4, 5, 6, 7]]),
    ("a long column name", ["a column name longer than twenty", "n"], [["x", 1]]),
    ("no rows", ["a", "b"], []),
    ("no columns", [], [[]]),
]

# Queries over the SQLite `players` table, previewed whole.
SQLITE_QUERIES = [
    "select * from players order by id",
    "select id, amount, ratio, missing from players order by id",
    "select count(*) as n, sum(amount) as total, avg(ratio) as mean, max(name) as last_name from players",
    "select name, typeof(amount) as kind, amount * 2 as doubled from players where id < 4 order by id",
]

DUMP_SCRIPT = r"""
import datetime, io, json, sys
from dbt_common.clients.agate_helper import table_from_data_flat
from dbt.events.types import ShowNode

def value(v):
    if isinstance(v, dict) and "date" in v:
        return datetime.date.fromisoformat(v["date"])
    if isinstance(v, dict) and "datetime" in v:
        return datetime.datetime.fromisoformat(v["datetime"])
    return v

request = json.load(sys.stdin)
cases = request["cases"]
if "sqlite" in request:
    import sqlite3
    connection = sqlite3.connect(":memory:")
    connection.execute("create table players as " + request["sqlite"]["players"])
    cases = []
    for query in request["sqlite"]["queries"]:
        cursor = connection.execute(query)
        columns = [d[0] for d in cursor.description]
        cases.append([query, columns, [list(row) for row in cursor.fetchall()]])

out = []
for name, columns, rows in cases:
    data = [dict(zip(columns, [value(v) for v in row])) for row in rows]
    table = table_from_data_flat(data, columns)
    text = io.StringIO()
    table.print_table(output=text, max_rows=None)
    written = io.StringIO()
    table.to_json(path=written)
    def message(preview, output_format):
        return ShowNode(node_name="preview", preview=preview, is_inline=False, output_format=output_format,
                        unique_id="model.preview.preview", quiet=False).message()
    out.append({"name": name, "types": [type(t).__name__ for t in table.column_types],
                "text": message(text.getvalue(), "text"), "json": message(written.getvalue(), "json")})
print(json.dumps(out))
"""


def shown(stdout: str) -> List[Dict[str, Any]]:
    """What dbt printed for each previewed node: its `ShowNode` events, in order."""
    events = []
    for event in fixtures.json_lines(stdout):
        info = event.get("info", {}) if isinstance(event, dict) else {}
        if info.get("name") == "ShowNode":
            data = event.get("data", {})
            events.append({"node_name": data.get("node_name"), "unique_id": data.get("unique_id"),
                           "is_inline": data.get("is_inline", False), "msg": info.get("msg")})
    return events


def results_of(work: Path) -> List[Dict[str, Any]]:
    return fixtures.take_run_results(work, ["unique_id", "status", "message", "compiled_code", "adapter_response"])


def generate_steps(out: Path, server: fixtures.PostgresServer) -> None:
    server.reset_database()
    env = server.dbt_environment()
    steps = []
    with tempfile.TemporaryDirectory(prefix="weir-show-") as tmp:
        work = Path(tmp) / "show"
        shutil.copytree(PROJECT, work, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
        done = fixtures.run_dbt(["run", "--profiles-dir", ".", "--target", "postgres", "--exclude", "broken"], work, env)
        if done.returncode != 0:
            raise fixtures.FixtureError(f"dbt run failed: {done.stdout}{done.stderr}")
        (work / "target" / "run_results.json").unlink()
        for name, arguments in STEPS:
            command = ["show", "--profiles-dir", ".", "--target", "postgres", "--log-format", "json"] + arguments
            done = fixtures.run_dbt(command, work, env)
            step = {"name": name, "args": arguments, "exit_code": done.returncode, "shown": shown(done.stdout),
                    "results": results_of(work)}
            if done.returncode == 2:
                step["error"] = fixtures.error_message(done.stdout)
            steps.append(step)
    out.mkdir(parents=True, exist_ok=True)
    (out / "steps.json").write_bytes(fixtures.dump_json({"steps": steps}))


def printed(request: Dict[str, Any]) -> List[Dict[str, Any]]:
    python = fixtures.venv_path() / "bin" / "python"
    done = subprocess.run([str(python), "-c", DUMP_SCRIPT], input=json.dumps(request), capture_output=True, text=True,
                          env=fixtures.dbt_environment({}))
    if done.returncode != 0:
        raise fixtures.FixtureError(f"printing the tables failed: {done.stderr}")
    return json.loads(done.stdout)


def generate_tables(out: Path, server: fixtures.PostgresServer) -> None:
    request = {"cases": [[name, columns, rows] for name, columns, rows in CASES]}
    cases = [{"name": name, "columns": columns, "rows": rows, **{k: p[k] for k in ("types", "text", "json")}}
             for (name, columns, rows), p in zip(CASES, printed(request))]
    out.mkdir(parents=True, exist_ok=True)
    (out / "tables.json").write_bytes(fixtures.dump_json({"cases": cases}))


def generate_sqlite(out: Path, server: fixtures.PostgresServer) -> None:
    model = (PROJECT / "models" / "players.sql").read_text()
    players = model.split("{% if target.type == 'sqlite' %}", 1)[1].split("{% else %}", 1)[0]
    request = {"cases": [], "sqlite": {"players": players, "queries": SQLITE_QUERIES}}
    cases = [{"query": p["name"], **{k: p[k] for k in ("types", "text", "json")}} for p in printed(request)]
    out.mkdir(parents=True, exist_ok=True)
    (out / "sqlite.json").write_bytes(fixtures.dump_json({"cases": cases}))


def main(argv: Optional[List[str]] = None) -> int:
    check = fixtures.check_option(__doc__, argv)
    return fixtures.regenerate(EXPECTED, {"tables": generate_tables, "sqlite": generate_sqlite, "steps": generate_steps}, check)


if __name__ == "__main__":
    sys.exit(main())
