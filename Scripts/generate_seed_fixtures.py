#!/usr/bin/env python3
"""Generate the expectations of Weir's Seeds fixtures with dbt itself.

Weir's Swift ``Seeds`` target reads seed CSV files into typed rows as dbt does. This script
records, for every fixture ``Tests/SeedsTests/Fixtures/<name>.csv``, what dbt makes of it:

1. Type inference, through the very call dbt's seed loading makes
   (``dbt.context.providers.RuntimeProvider.load_agate_table``):
   ``agate_helper.from_csv(path, text_columns=column_types, delimiter=delimiter)``.
2. The SQL type each adapter declares, as dbt's ``create_csv_table`` macro picks it:
   ``column_types.get(name, adapter.convert_type(table, index))``, for dbt-postgres,
   dbt-redshift (its ``convert_text_type`` override is transcribed below: the package is not
   installed here) and dbt-sqlite (asked in its own virtualenv).
3. The values Weir should load, from agate's cast values by the rule Weir documents in
   ``Sources/Seeds/README.md``.
4. What SQLite really stores: a real ``dbt seed`` with dbt-sqlite in a temporary project,
   then ``typeof`` and the value of every cell, and the declared column types.

A fixture may have a sidecar ``<name>.config.json`` with the seed's ``delimiter`` and
``column_types`` configs. Fixtures named ``err_*`` are inputs Weir rejects; for them the
script records what dbt does instead (its error, or what it would load).

Output: ``<name>.expected.json`` next to each fixture.

Usage (from the repository root)::

    /work/dbt-venv/bin/python Scripts/generate_seed_fixtures.py           # (re)write outputs
    /work/dbt-venv/bin/python Scripts/generate_seed_fixtures.py --check   # exit 1 on difference

Needs a virtualenv with dbt-core 1.11 and dbt-postgres 1.11 (the interpreter running this
script) and one with dbt-sqlite 1.10 (``--sqlite-venv``, default
``/work/example-venv-sqlite``).
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import warnings
from importlib import metadata
from pathlib import Path

import agate
from dbt.adapters.postgres import PostgresAdapter
from dbt.adapters.sql import SQLAdapter
from dbt_common.clients import agate_helper

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "Tests/SeedsTests/Fixtures"


class RedshiftTypes(SQLAdapter):
    """dbt-redshift's type conversions: ``SQLAdapter``'s, except these two (transcribed from
    dbt-redshift's ``dbt/adapters/redshift/impl.py``, unchanged from 1.0 to 1.11)."""

    @classmethod
    def convert_text_type(cls, agate_table, col_idx):
        column = agate_table.columns[col_idx]
        lens = [len(d.encode("utf-8")) for d in column.values_without_nulls()]
        max_len = max(lens) if lens else 64
        return "varchar({})".format(max_len)

    @classmethod
    def convert_time_type(cls, agate_table, col_idx):
        return "varchar(24)"


def load_config(csv_path: Path) -> dict:
    sidecar = csv_path.with_suffix(".config.json")
    config = json.loads(sidecar.read_text()) if sidecar.exists() else {}
    return {"delimiter": config.get("delimiter", ","), "column_types": config.get("column_types", {})}


def read_like_dbt(csv_path: Path, config: dict) -> tuple[agate.Table, list[str]]:
    """``load_agate_table``'s call, with agate's warnings collected."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = agate_helper.from_csv(
            str(csv_path), text_columns=config["column_types"], delimiter=config["delimiter"])
    return table, [str(w.message) for w in caught]


def weir_type(table: agate.Table, index: int) -> tuple[str, int | None]:
    """Weir's ``SeedType`` for an agate column type, and agate's MaxPrecision for numbers."""
    column_type = table.column_types[index]
    if isinstance(column_type, agate_helper.Integer):
        return "untested", None
    if isinstance(column_type, agate.Number):
        decimals = table.aggregate(agate.MaxPrecision(index))
        return ("number" if decimals else "integer"), decimals
    if isinstance(column_type, agate.Boolean):
        return "boolean", None
    if isinstance(column_type, agate.DateTime):  # includes dbt's ISODateTime
        return "datetime", None
    if isinstance(column_type, agate.Date):
        return "date", None
    return "text", None


def weir_value(value, integer_column: bool):
    """The value Weir loads for one agate value (see Sources/Seeds/README.md)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return {"boolean": value}
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            return {"text": str(value)}  # what dbt-sqlite binds: str(Decimal)
        if integer_column and value == value.to_integral_value() and -(2**63) <= int(value) < 2**63:
            return {"integer": str(int(value))}
        return {"real": repr(float(value))}
    if isinstance(value, datetime.datetime):
        return {"text": value.isoformat(" ")}  # Python's sqlite3 adapter; raises on bad offsets
    if isinstance(value, datetime.date):
        return {"text": value.isoformat()}
    return {"text": value}


def describe(csv_path: Path, config: dict, sqlite_types: list[str] | None) -> dict:
    table, agate_warnings = read_like_dbt(csv_path, config)
    overrides = config["column_types"]
    columns = []
    integer_columns = []
    for index, name in enumerate(table.column_names):
        kind, decimals = weir_type(table, index)
        integer_columns.append(kind in ("integer", "untested"))
        sql_types = {
            "postgres": overrides.get(name, PostgresAdapter.convert_type(table, index)),
            "redshift": overrides.get(name, RedshiftTypes.convert_type(table, index)),
        }
        if sqlite_types is not None:
            sql_types["sqlite"] = sqlite_types[index]
        column = {
            "name": name,
            "agate_type": type(table.column_types[index]).__name__,
            "weir_type": kind,
            "sql_types": sql_types,
        }
        if decimals is not None:
            column["max_precision"] = decimals
        if name in overrides:
            column["sql_type_override"] = overrides[name]
        columns.append(column)
    rows = [
        [weir_value(value, integer_columns[index]) for index, value in enumerate(row.values())]
        for row in table.rows
    ]
    return {"columns": columns, "rows": rows, "agate_warnings": agate_warnings}


SQLITE_TYPES_PROGRAM = textwrap.dedent("""
    import json, sys, warnings
    warnings.simplefilter("ignore")
    from dbt_common.clients import agate_helper
    from dbt.adapters.sqlite.impl import SQLiteAdapter
    result = {}
    for name, (path, config) in json.loads(sys.stdin.read()).items():
        try:
            table = agate_helper.from_csv(path, text_columns=config["column_types"],
                                          delimiter=config["delimiter"])
        except Exception:
            continue
        result[name] = [config["column_types"].get(column, SQLiteAdapter.convert_type(table, index))
                        for index, column in enumerate(table.column_names)]
    print(json.dumps(result))
""")


def sqlite_types(sqlite_venv: Path, fixtures: dict[str, tuple[Path, dict]]) -> dict[str, list[str]]:
    """dbt-sqlite's ``convert_type`` for every fixture, run in dbt-sqlite's virtualenv."""
    payload = {name: (str(path), config) for name, (path, config) in fixtures.items()}
    completed = subprocess.run(
        [str(sqlite_venv / "bin/python"), "-c", SQLITE_TYPES_PROGRAM],
        input=json.dumps(payload), capture_output=True, text=True, check=True)
    return json.loads(completed.stdout)


def stored_value(value):
    if value is None:
        return None
    if isinstance(value, int):
        return ["integer", str(value)]
    if isinstance(value, float):
        return ["real", repr(value)]
    return ["text", value]


def run_dbt_sqlite(sqlite_venv: Path, fixtures: dict[str, tuple[Path, dict]]) -> dict[str, dict]:
    """A real ``dbt seed`` with dbt-sqlite; what SQLite stores for each seed."""
    import sqlite3

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / "seeds").mkdir()
        (root / "db").mkdir()
        seed_configs = {}
        for name, (path, config) in fixtures.items():
            (root / "seeds" / f"{name}.csv").write_bytes(path.read_bytes())
            seed_configs[name] = {"+delimiter": config["delimiter"], "+column_types": config["column_types"]}
        project = {"name": "seed_fixtures", "version": "1.0", "profile": "seed_fixtures",
                   "seed-paths": ["seeds"], "seeds": {"seed_fixtures": seed_configs}}
        (root / "dbt_project.yml").write_text(json.dumps(project))
        database = root / "db" / "main.db"
        profiles = {"seed_fixtures": {"target": "dev", "outputs": {"dev": {
            "type": "sqlite", "threads": 1, "database": "main", "schema": "main",
            "schemas_and_paths": {"main": str(database)}, "schema_directory": str(root / "db")}}}}
        (root / "profiles.yml").write_text(json.dumps(profiles))
        subprocess.run(
            [str(sqlite_venv / "bin/dbt"), "seed", "--project-dir", str(root), "--profiles-dir", str(root)],
            cwd=root, capture_output=True, text=True, env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"})
        run_results = json.loads((root / "target" / "run_results.json").read_text())
        connection = sqlite3.connect(database)
        for result in run_results["results"]:
            name = result["unique_id"].split(".")[-1]
            if result["status"] != "success":
                results[name] = {"status": result["status"], "message": result["message"]}
                continue
            info = connection.execute(f'pragma table_info("{name}")').fetchall()
            rows = connection.execute(f'select * from "{name}" order by rowid').fetchall()
            results[name] = {
                "status": "success",
                "declared_types": [column[2] for column in info],
                "stored": [[stored_value(value) for value in row] for row in rows],
            }
        connection.close()
    return results


def error_outcome(csv_path: Path, config: dict) -> dict:
    """What dbt does with an input Weir rejects: its error, or what it loads."""
    try:
        table, agate_warnings = read_like_dbt(csv_path, config)
        # Binding formats datetimes with isoformat, as sqlite3's adapter and psycopg2 do.
        for row in table.rows:
            for value in row.values():
                if isinstance(value, datetime.datetime):
                    value.isoformat(" ")
    except BaseException as error:  # noqa: BLE001 -- StopIteration and decimal signals included
        return {"error": f"{type(error).__name__}: {error}"}
    return {"loads": describe(csv_path, config, None)}


def generate() -> dict[Path, str]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--sqlite-venv", default="/work/example-venv-sqlite")
    args = parser.parse_args()
    sqlite_venv = Path(args.sqlite_venv)

    versions = {package: metadata.version(package) for package in ("dbt-core", "dbt-postgres", "agate")}
    versions["dbt-sqlite"] = subprocess.run(
        [str(sqlite_venv / "bin/python"), "-c", "from importlib import metadata; print(metadata.version('dbt-sqlite'))"],
        capture_output=True, text=True, check=True).stdout.strip()

    fixtures = {path.stem: (path, load_config(path)) for path in sorted(FIXTURE_DIR.glob("*.csv"))}
    good = {name: value for name, value in fixtures.items() if not name.startswith("err_")}
    types = sqlite_types(sqlite_venv, good)
    stored = run_dbt_sqlite(sqlite_venv, good)

    outputs: dict[Path, str] = {}
    for name, (path, config) in fixtures.items():
        if name.startswith("err_"):
            expected = {"versions": versions, "config": config, "dbt": error_outcome(path, config)}
        else:
            expected = {"versions": versions, "config": config, **describe(path, config, types.get(name))}
            expected["dbt_sqlite_seed"] = stored.get(name, {"status": "not run"})
            declared = expected["dbt_sqlite_seed"].get("declared_types")
            # SQLite (3.37+) reports its standard type names in upper case, however declared.
            if declared is not None and [t.upper() for t in declared] != [t.upper() for t in types.get(name, [])]:
                raise SystemExit(f"{name}: dbt-sqlite declared {declared}, convert_type says {types.get(name)}")
        outputs[path.with_suffix(".expected.json")] = json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    return outputs, args.check


def main() -> int:
    outputs, check = generate()
    stale = [path for path, text in outputs.items() if not path.exists() or path.read_text() != text]
    if check:
        for path in stale:
            print(f"out of date: {path.relative_to(FIXTURE_DIR.parent.parent.parent)}")
        return 1 if stale else 0
    for path in stale:
        path.write_text(outputs[path])
    print(f"{len(outputs)} fixtures, {len(stale)} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
