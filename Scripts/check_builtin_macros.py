#!/usr/bin/env python3
"""Checks Weir's built-in macro library (Sources/Compiler/BuiltinMacros/*.swift) against dbt's own macros.

The Jinja sources are taken out of the Swift raw string literals (indentation removed as Swift removes it) and
rendered with Python's Jinja2 in a small dbt-like harness: each macro compiled on its own and wrapped so that
`return(...)` ends it with a value, `adapter.dispatch(name, 'dbt')` picking `<adapter>__name`, then (for
redshift) `postgres__name`, then `default__name`, and stand-ins for `api.Column`, `target`, `config`, `flags`,
`exceptions`, `modules`, `statement`/`load_result`.

1. For the adapters default, postgres and redshift, every case is rendered twice, once with Weir's library
   and once with dbt's macro files read at check time from a dbt-adapters checkout (never copied into Weir);
   the results (returned value or error, plus any queries sent through `statement`) must be identical.
2. For sqlite, cases whose macros Weir takes from dbt-sqlite (or from dbt's defaults) are compared the same way
   against a dbt-sqlite checkout; the macros Weir writes itself for SQLite are rendered and the SQL is run with
   Python's sqlite3, and the rows must equal the expected ones.
3. Structure: every macro of the library is exercised, macro names are unique, and each file's package and
   path match the file dbt (or dbt-sqlite) reports for the same macros.

Usage:
    Scripts/check_builtin_macros.py [--dbt-adapters PATH] [--dbt-sqlite PATH] [--show-sqlite] [-v]

PATH is a git directory (or work tree) of github.com/dbt-labs/dbt-adapters or codeforkjeff/dbt-sqlite; the files
are read from its HEAD. Exit status 1 when anything differs or fails.
"""

import argparse
import datetime
import glob
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import types

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.sandbox import SandboxedEnvironment

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SWIFT_DIR = os.path.join(ROOT, "Sources", "Compiler", "BuiltinMacros")
DEFAULT_DBT_ADAPTERS = "/work/.mirror/dbt-labs+dbt-adapters/repo"
DEFAULT_DBT_SQLITE = "/work/.mirror/codeforkjeff+dbt-sqlite/repo"

# --------------------------------------------------------------------------------------------------------------
# Reading the library out of Swift


def swift_raw_strings(text):
    """The BuiltinMacroFile(package:path:source: #\"\"\"...\"\"\"#) literals of one Swift file."""
    pattern = re.compile(
        r'static let (\w+) = BuiltinMacroFile\(\s*package:\s*"([^"]*)",\s*path:\s*"([^"]*)",\s*'
        r'source:\s*#"""\n(.*?)\n([ \t]*)"""#\s*\)',
        re.S,
    )
    for m in pattern.finditer(text):
        name, package, path, body, indent = m.groups()
        lines = []
        for number, line in enumerate(body.split("\n")):
            if line.startswith(indent):
                lines.append(line[len(indent):])
            elif line.strip() == "":
                lines.append("")  # Swift lets whitespace-only lines be less indented; they become empty
            else:
                raise ValueError(f"{name}: line {number + 1} is less indented than the closing delimiter")
        source = "\n".join(lines)
        if "\\#" in source:
            raise ValueError(f"{name}: contains an escape (\\#) that Swift would interpret")
        yield name, package, path, source


def load_library():
    files = []
    listed = set()
    for swift in sorted(glob.glob(os.path.join(SWIFT_DIR, "*.swift"))):
        text = open(swift, encoding="utf-8").read()
        enum = re.search(r"\n    enum (\w+) \{", text)
        for name, package, path, source in swift_raw_strings(text):
            files.append(dict(swift=os.path.basename(swift), name=f"{enum.group(1) if enum else '?'}.{name}",
                              package=package, path=path, source=source))
        for group in re.finditer(r"static let \w+: \[BuiltinMacroFile\] = \[(.*?)\]", text, re.S):
            listed.update(x.strip() for x in group.group(1).split(",") if x.strip())
    return files, listed


# --------------------------------------------------------------------------------------------------------------
# Splitting a file into its top-level macro (and test) blocks, as dbt does


def macro_blocks(source):
    """[(macro name, block text)] for each top-level {% macro %} / {% test %} block."""
    blocks, depth, start, name, i = [], 0, None, None, 0
    while True:
        j = min([k for k in (source.find("{%", i), source.find("{#", i)) if k >= 0], default=-1)
        if j < 0:
            break
        if source.startswith("{#", j):
            i = source.index("#}", j) + 2
            continue
        end = source.index("%}", j) + 2
        tag = source[j + 2:end - 2].strip().lstrip("-").strip()
        keyword = tag.split(None, 1)[0] if tag else ""
        if keyword in ("macro", "test"):
            if depth == 0:
                start = j
                ident = re.match(r"\w+", tag.split(None, 1)[1]).group(0)
                name = ident if keyword == "macro" else "test_" + ident
            depth += 1
        elif keyword in ("endmacro", "endtest"):
            depth -= 1
            if depth == 0:
                blocks.append((name, source[start:end]))
        i = end
    return blocks


# --------------------------------------------------------------------------------------------------------------
# The harness


class MacroReturn(Exception):
    def __init__(self, value):
        self.value = value


class CompilerError(Exception):
    pass


class NotImplementedByAdapter(Exception):
    pass


class TestBlock(Extension):
    """{% test name(args) %}...{% endtest %} defines the macro test_<name>, as in dbt."""

    tags = {"test"}

    def parse(self, parser):
        node = nodes.Macro(lineno=next(parser.stream).lineno)
        node.name = "test_" + parser.parse_assign_target(name_only=True).name
        parser.parse_signature(node)
        node.body = parser.parse_statements(("name:endtest",), drop_needle=True)
        return node


ENV = SandboxedEnvironment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols", TestBlock])
_templates = {}


def template(text):
    if text not in _templates:
        _templates[text] = ENV.from_string(text)
    return _templates[text]


class Column:
    TYPE_LABELS = {"STRING": "TEXT"}  # dbt-adapters' base Column (PostgreSQL, Redshift and dbt-sqlite use it)

    @classmethod
    def translate_type(cls, dtype):
        return cls.TYPE_LABELS.get(dtype.upper(), dtype)

    @classmethod
    def numeric_type(cls, dtype, precision, scale):
        return dtype if precision is None or scale is None else f"{dtype}({precision},{scale})"


class Relation:
    def __init__(self, database, schema, identifier):
        self.database, self.schema, self.identifier = database, schema, identifier

    def __str__(self):
        return f'"{self.database}"."{self.schema}"."{self.identifier}"'

    def __repr__(self):
        return f"Relation({self})"

    def __eq__(self, other):
        return isinstance(other, Relation) and str(self) == str(other)


class Config:
    def __init__(self, values):
        self.values = dict(values)

    def get(self, key, default=None):
        return self.values.get(key, default)


PREFIXES = {
    "default": ["default"],
    "postgres": ["postgres", "default"],
    "redshift": ["redshift", "postgres", "default"],
    "sqlite": ["sqlite", "default"],
}


class Harness:
    """One render: a macro table, an adapter type and the context values a case sets."""

    def __init__(self, macros, adapter_type, options, db=None):
        self.macros = macros
        self.adapter_type = adapter_type
        self.options = options
        self.db = db
        self.modules = {}
        self.statements = []
        self.results = {}
        self.used = set()
        ctx = dict(ENV.globals)
        ctx.update(
            adapter=types.SimpleNamespace(
                dispatch=self.dispatch,
                type=lambda: adapter_type,
                behavior=types.SimpleNamespace(enable_truthy_nulls_equals_macro=types.SimpleNamespace(
                    no_warn=options.get("truthy_nulls", False))),
                build_catalog_relation=lambda node: options.get("catalog_relation"),
                quote=lambda identifier: f'"{identifier}"',
                get_relation=lambda database, schema, identifier: (
                    Relation(database, schema, identifier) if options.get("relation_exists", True) else None),
            ),
            api=types.SimpleNamespace(Column=Column),
            target=types.SimpleNamespace(
                name=options.get("target_name", "dev"), schema="analytics", database="warehouse",
                type=adapter_type),
            config=Config(options.get("config", {})),
            flags=types.SimpleNamespace(STORE_FAILURES=options.get("store_failures_flag", False),
                                        FULL_REFRESH=options.get("full_refresh_flag", False)),
            exceptions=types.SimpleNamespace(raise_compiler_error=self.raise_compiler_error,
                                             raise_not_implemented=self.raise_not_implemented),
            modules=types.SimpleNamespace(datetime=datetime),
            statement=self.statement,
            load_result=lambda name: self.results.get(name),
            **{"return": self.return_},
        )
        namespace = {}
        for name in macros:
            ctx[name] = namespace[name] = self.generator(name)
        ctx["dbt"] = namespace  # a dict: `dbt._split_part_negative` resolves by item, as in dbt
        self.ctx = ctx

    @staticmethod
    def return_(value):
        raise MacroReturn(value)

    @staticmethod
    def raise_compiler_error(msg, node=None):
        raise CompilerError(msg)

    @staticmethod
    def raise_not_implemented(msg):
        raise NotImplementedByAdapter(msg)

    def generator(self, name):
        def call(*args, **kwargs):
            self.used.add(name)
            if name not in self.modules:
                # Run the block's template and take the macro from its variables (a module would not export
                # names starting with "_"; dbt renames macros internally for the same reason).
                compiled = template(self.macros[name])
                context = compiled.new_context(vars=self.ctx, shared=True)
                for _ in compiled.root_render_func(context):
                    pass
                self.modules[name] = context.vars[name]
            try:
                return self.modules[name](*args, **kwargs)
            except MacroReturn as returned:
                return returned.value

        call.__name__ = name
        return call

    def dispatch(self, macro_name, macro_namespace=None):
        for prefix in PREFIXES[self.adapter_type]:
            candidate = f"{prefix}__{macro_name}"
            if candidate in self.macros:
                return self.ctx[candidate]
        raise CompilerError(f"no implementation of {macro_name} for {self.adapter_type}")

    def statement(self, name=None, fetch_result=False, auto_begin=True, language="sql", caller=None):
        sql = caller()
        self.statements.append((name, sql))
        if self.db is not None:
            self.results[name] = {"data": self.db.execute(sql).fetchall()}
        elif "query_result" in self.options:
            result = self.options["query_result"]
            self.results[name] = None if result is None else {"data": [[result]]}
        return ""


def outcome(macros, adapter_type, case, db=None):
    harness = Harness(macros, adapter_type, case.get("options", {}), db)
    try:
        value = harness.ctx[case["macro"]](*case.get("args", ()), **case.get("kwargs", {}))
        result = ("value", type(value).__name__, value)
    except (CompilerError, NotImplementedByAdapter) as error:
        result = ("error", type(error).__name__, str(error))
    except Exception as error:  # noqa: BLE001 - any other failure is reported as it is
        kind = "expected failure" if case.get("options", {}).get("expect_failure") else "failure"
        result = (kind, type(error).__name__, str(error))
    return result, harness.statements, harness.used


# --------------------------------------------------------------------------------------------------------------
# dbt's macros, read from a checkout at check time


def git_files(repo, prefix, pattern):
    listing = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "--name-only", "HEAD", prefix],
                             capture_output=True, text=True, check=True).stdout.split()
    for path in listing:
        if re.fullmatch(pattern, path[len(prefix):]):
            yield path, subprocess.run(["git", "-C", repo, "show", f"HEAD:{path}"],
                                       capture_output=True, text=True, check=True).stdout


def reference_library(dbt_adapters, dbt_sqlite):
    """{package: [(path, source)]} from dbt's sources."""
    spec = {
        "dbt": ("dbt-adapters/src/dbt/include/global_project/",
                r"macros/utils/[^/]+\.sql|macros/adapters/timestamps\.sql|macros/get_custom_name/[^/]+\.sql"
                r"|macros/generic_test_sql/[^/]+\.sql|macros/materializations/tests/(helpers|where_subquery)\.sql"
                r"|macros/materializations/configs\.sql|tests/generic/builtin\.sql|macros/adapters/relation\.sql"
                r"|macros/materializations/snapshots/strategies\.sql|macros/adapters/freshness\.sql"),
        "dbt_postgres": ("dbt-postgres/src/dbt/include/postgres/", r"macros/utils/[^/]+\.sql|macros/timestamps\.sql"),
        "dbt_redshift": ("dbt-redshift/src/dbt/include/redshift/", r"macros/utils/[^/]+\.sql|macros/timestamps\.sql"),
    }
    library = {}
    for package, (prefix, pattern) in spec.items():
        library[package] = [(path[len(prefix):], text) for path, text in git_files(dbt_adapters, prefix, pattern)]
    if dbt_sqlite:
        prefix = "dbt/include/sqlite/"
        library["dbt_sqlite"] = [(path[len(prefix):], text) for path, text in
                                 git_files(dbt_sqlite, prefix, r"macros/utils/[^/]+\.sql|macros/materializations/test\.sql")]
    return library


def macro_table(files_by_package, packages):
    table, where = {}, {}
    for package in packages:
        for path, source in files_by_package.get(package, []):
            for name, text in macro_blocks(source):
                table[name] = text
                where[name] = (package, path)
    return table, where


# --------------------------------------------------------------------------------------------------------------
# Cases

MODEL = Relation("warehouse", "analytics", "orders")
CUSTOMERS = Relation("warehouse", "analytics", "customers")
NODE = types.SimpleNamespace(name="orders", version=None, database="warehouse", config={})
NODE_V2 = types.SimpleNamespace(name="orders", version=2, database=None, config={})
NODE_V15 = types.SimpleNamespace(name="orders", version="1.5", database=None, config={})
NODE_NO_DB = types.SimpleNamespace(name="orders", version=None, database=None, config={})
CATALOG = types.SimpleNamespace(catalog_database="iceberg_db")
NO_CATALOG_DB = types.SimpleNamespace(catalog_database=None)

DATEPARTS = ["year", "quarter", "month", "week", "day", "hour", "minute", "second", "millisecond", "microsecond"]


def case(macro, *args, options=None, **kwargs):
    return dict(macro=macro, args=args, kwargs=kwargs, options=options or {})


def cases():
    out = []
    for name in ["type_string", "type_timestamp", "type_int", "type_bigint", "type_numeric", "type_boolean",
                 "type_float", "current_timestamp", "current_timestamp_backcompat",
                 "current_timestamp_in_utc_backcompat", "except", "intersect", "should_full_refresh",
                 "should_store_failures"]:
        out.append(case(name))
    out += [
        case("should_full_refresh", options={"config": {"full_refresh": True}}),
        case("should_full_refresh", options={"full_refresh_flag": True}),
        case("should_store_failures", options={"config": {"store_failures": False}, "store_failures_flag": True}),
        case("should_store_failures", options={"store_failures_flag": True}),
        case("load_relation", MODEL), case("load_relation", MODEL, options={"relation_exists": False}),
        case("load_cached_relation", CUSTOMERS),
        case("collect_freshness", CUSTOMERS, "loaded_at", None, options={"query_result": "2024-01-01"}),
        case("collect_freshness", CUSTOMERS, "cast(updated as timestamp)", "region = 'eu'",
             options={"query_result": "2024-01-01"}),
        case("collect_freshness_custom_sql", CUSTOMERS, "select max(loaded_at) from raw.orders",
             options={"query_result": "2024-01-01"}),
    ]
    for datepart in ["day", "week", "month", "quarter", "year", "hour", "minute", "second"]:
        for interval in [1, -3, "row_number() over (order by 1) - 1"]:
            out.append(case("dateadd", datepart, interval, "created_at"))
        out.append(case("dateadd", datepart=datepart, interval="2", from_date_or_timestamp="'2024-01-31'"))
    out.append(case("dateadd", "datepart", "interval_length", "from_time"))  # dbt-sqlite's own convention
    out.append(case("dateadd", "'day'", 1, "'2024-01-31'"))
    for datepart in DATEPARTS + ["fortnight"]:
        out.append(case("datediff", "first_date", "second_date", datepart))
    out.append(case("datediff", "'2024-01-01'", "'2024-03-01'", datepart="month"))
    for datepart in ["day", "week", "month", "quarter", "year"]:
        out.append(case("date_trunc", datepart, "created_at"))
        out.append(case("last_day", "created_at", datepart))
        out.append(case("default_last_day", "created_at", datepart))
    out += [
        case("date", 2024, 1, 31), case("date", 1999, 12, 1), case("date", 2023, 2, 29, options={"expect_failure": True}),
        case("concat", ["a", "b", "'-'", "c"]), case("concat", ["a"]), case("concat", []),
        case("cast", "amount", "numeric"), case("safe_cast", "'12'", "integer"),
        case("cast_bool_to_text", "is_active"), case("hash", "email"), case("hash", "a || b"),
        case("snapshot_get_time"), case("snapshot_hash_arguments", ["id", "updated_at"]),
        case("snapshot_hash_arguments", ["region", "id", "now()"]),
        case("any_value", "status"), case("bool_or", "is_active"),
        case("escape_single_quotes", "they're"), case("escape_single_quotes", "no quotes"),
        case("string_literal", "hello"), case("string_literal", "it's"),
        case("right", "name", 3), case("length", "name"), case("position", "'@'", "email"),
        case("replace", "name", "'a'", "'b'"),
        case("equals", "a", "b"), case("equals", "a", "b", options={"truthy_nulls": True}),
        case("array_construct", ["1", "2", "3"]), case("array_construct", []),
        case("array_construct", [], "text"), case("array_construct", inputs=["'a'"], data_type="varchar"),
        case("array_construct"),
        case("array_append", "tags", "'new'"), case("array_concat", "tags", "other_tags"),
        case("get_powers_of_two", 1), case("get_powers_of_two", 2), case("get_powers_of_two", 3),
        case("get_powers_of_two", 1024), case("get_powers_of_two", 1025), case("get_powers_of_two", 0),
        case("generate_series", 1), case("generate_series", 10), case("generate_series", 16),
        case("get_intervals_between", "'2024-01-01'", "'2024-01-10'", "day", options={"query_result": 9}),
        case("get_intervals_between", "'2024-01-01'", "'2024-01-10'", "day", options={"query_result": None}),
        case("get_intervals_between", "start_date", "end_date", "month"),
        case("date_spine", "day", "'2024-01-01'", "'2024-01-10'", options={"query_result": 9}),
        case("date_spine", "month", "to_date('01/01/2016', 'mm/dd/yyyy')", "current_date",
             options={"query_result": 40}),
    ]
    for args in [("m",), ("m", "', '"), ("m", "','", "order by x"), ("m", "','", "order by x", 3),
                 ("m", "'|'", None, 2), ("m", "'.'", "order by m desc", 5), ("m", "'a+b'", None, 4)]:
        out.append(case("listagg", *args))
    out.append(case("listagg", "m", limit_num=2, order_by_clause="order by m"))
    for part in [1, 2, 0, -1, -2]:
        out.append(case("split_part", "full_name", "' '", part))
    out.append(case("_split_part_negative", "full_name", "','", -1))
    for custom in [None, "staging", "  staging  "]:
        for target_name in ["dev", "prod"]:
            opts = {"target_name": target_name}
            out.append(case("generate_schema_name", custom, NODE, options=opts))
            out.append(case("generate_schema_name_for_env", custom, NODE, options=opts))
    out.append(case("generate_schema_name"))
    for custom, node in [(None, NODE), ("  alias  ", NODE), (None, NODE_V2), (None, NODE_V15), ("x", NODE_V2)]:
        out.append(case("generate_alias_name", custom, node))
    for custom, node, catalog in [(None, NODE, None), ("other_db", NODE, None), (None, NODE, CATALOG),
                                  ("other_db", NODE, CATALOG), (None, NODE, NO_CATALOG_DB),
                                  (None, NODE_NO_DB, CATALOG), (None, None, None), ("x", None, None)]:
        out.append(case("generate_database_name", custom, node, options={"catalog_relation": catalog}))
    out += [
        case("test_unique", MODEL, "id"), case("test_unique", model=MODEL, column_name="id"),
        case("test_not_null", MODEL, "id"),
        case("test_not_null", MODEL, "id", options={"config": {"store_failures": True}}),
        case("test_not_null", MODEL, "id", options={"store_failures_flag": True}),
        case("test_accepted_values", MODEL, "status", ["placed", "shipped"]),
        case("test_accepted_values", MODEL, "status", ["placed"], quote=False),
        case("test_accepted_values", MODEL, "status", [1, 2, 3], False),
        case("test_relationships", MODEL, "customer_id", CUSTOMERS, "id"),
        case("test_relationships", MODEL, "customer_id", to=CUSTOMERS, field="id"),
        case("get_where_subquery", MODEL),
        case("get_where_subquery", MODEL, options={"config": {"where": "status = 'placed'"}}),
        case("get_test_sql", "select * from t", "count(*)", "!= 0", "!= 0", None),
        case("get_test_sql", "select * from t", "sum(n)", ">= 10", "> 100", 5),
    ]
    return out


# Macros Weir writes itself for SQLite (checked by running them, not against dbt-sqlite).
SQLITE_OWN = {"type_timestamp", "current_timestamp_backcompat", "current_timestamp_in_utc_backcompat", "datediff",
              "date_trunc", "last_day", "default_last_day", "date", "generate_series", "get_intervals_between",
              "date_spine", "listagg", "split_part", "array_construct", "array_append", "array_concat", "safe_cast",
              "snapshot_hash_arguments"}
SQLITE_UNITS = {"second", "minute", "hour", "day", "week", "month", "quarter", "year"}


# The macros a unit test run renders, which need a unit test's context (its inputs' relations and columns):
# Tests/RunTests/UnitTestRunTests.swift checks what they render against dbt-postgres's compiled unit tests.
UNIT_TEST_MACROS = {"get_fixture_sql", "get_expected_sql", "format_row", "validate_fixture_rows",
                    "default__validate_fixture_rows", "get_unit_test_sql", "default__get_unit_test_sql"}

# The helpers a project's own `{% materialization %}` block calls, which need a running node (its relation,
# hooks, a warehouse): Tests/RunTests/CustomMaterializationRunTests.swift checks what they do against
# dbt-postgres (the relations, rows and responses a run leaves), not their SQL byte for byte.
MATERIALIZATION_MACROS = {
    "run_hooks", "drop_relation_if_exists", "make_intermediate_relation", "default__make_intermediate_relation",
    "make_temp_relation", "default__make_temp_relation", "make_backup_relation", "default__make_backup_relation",
    "get_create_table_as_sql", "default__get_create_table_as_sql", "create_table_as", "default__create_table_as",
    "get_create_view_as_sql", "default__get_create_view_as_sql", "create_view_as", "default__create_view_as",
    "postgres__create_table_as", "postgres__make_relation_with_suffix", "postgres__make_intermediate_relation",
    "postgres__make_temp_relation", "postgres__make_backup_relation", "sqlite__create_table_as", "sqlite__create_view_as",
    # grants, comments and indexes (the tables' grants, comments and index definitions are compared)
    "copy_grants", "default__copy_grants", "postgres__copy_grants", "support_multiple_grantees_per_dcl_statement",
    "default__support_multiple_grantees_per_dcl_statement", "should_revoke", "get_show_grant_sql",
    "default__get_show_grant_sql", "postgres__get_show_grant_sql", "get_grant_sql", "default__get_grant_sql",
    "get_revoke_sql", "default__get_revoke_sql", "get_dcl_statement_list", "default__get_dcl_statement_list",
    "call_dcl_statements", "default__call_dcl_statements", "apply_grants", "default__apply_grants",
    "persist_docs", "default__persist_docs", "validate_doc_columns", "alter_relation_comment",
    "default__alter_relation_comment", "postgres__alter_relation_comment", "alter_column_comment",
    "default__alter_column_comment", "postgres__alter_column_comment", "postgres_escape_comment",
    "create_indexes", "default__create_indexes", "get_create_index_sql", "default__get_create_index_sql",
    "postgres__get_create_index_sql",
}


def sqlite_own(c):
    if c["macro"] == "dateadd":
        datepart = (c["args"] + (c["kwargs"].get("datepart"),))[0]
        return str(datepart).lower() in SQLITE_UNITS
    return c["macro"] in SQLITE_OWN


# SQLite runs: (template, expected rows). Tables t(d, ts, s, n, b, arr) are set up below.
SQLITE_RUNS = [
    ("select {{ dateadd('day', 1, \"'2024-01-31'\") }}", [("2024-02-01",)]),
    ("select {{ dateadd('day', -1, \"'2024-03-01 10:00:00'\") }}", [("2024-02-29 10:00:00",)]),
    ("select {{ dbt.dateadd('week', 2, \"'2024-01-01'\") }}", [("2024-01-15",)]),
    ("select {{ dateadd('month', 1, \"'2024-01-15'\") }}", [("2024-02-15",)]),
    ("select {{ dateadd('quarter', -1, \"'2024-05-15 08:30:00'\") }}", [("2024-02-15 08:30:00",)]),
    ("select {{ dateadd('year', 1, \"'2024-02-10'\") }}", [("2025-02-10",)]),
    ("select {{ dateadd('hour', 3, \"'2024-01-31'\") }}", [("2024-01-31 03:00:00",)]),
    ("select {{ dateadd('minute', 90, \"'2024-01-31 23:00:00'\") }}", [("2024-02-01 00:30:00",)]),
    ("select {{ dateadd('second', '10 - 5', \"'2024-01-31 23:59:59'\") }}", [("2024-02-01 00:00:04",)]),
    ("select {{ dateadd('DAY', 1, 'd') }} from t where n = 1", [("2024-01-02",)]),
    ("select {{ dateadd(\"'month'\", 1, \"'2024-01-15'\") }}", [("2024-02-15",)]),
    ("select {{ datediff(\"'1999-12-31 23:59:59.999999'\", \"'2000-01-01 00:00:00.000000'\", 'second') }}", [(1,)]),
    ("select {{ datediff(\"'1999-12-31 23:59:59.999999'\", \"'2000-01-01 00:00:00.000000'\", 'minute') }}", [(1,)]),
    ("select {{ datediff(\"'1999-12-31 23:59:59.999999'\", \"'2000-01-01 00:00:00.000000'\", 'hour') }}", [(1,)]),
    ("select {{ datediff(\"'1999-12-31 23:59:59.999999'\", \"'2000-01-01 00:00:00.000000'\", 'day') }}", [(1,)]),
    ("select {{ datediff(\"'1999-12-31 23:59:59.999999'\", \"'2000-01-03 00:00:00.000000'\", 'week') }}", [(1,)]),
    ("select {{ datediff(\"'1999-12-31 23:59:59.999999'\", \"'2000-01-01 00:00:00.000000'\", 'month') }}", [(1,)]),
    ("select {{ datediff(\"'1999-12-31 23:59:59.999999'\", \"'2000-01-01 00:00:00.000000'\", 'quarter') }}", [(1,)]),
    ("select {{ datediff(\"'1999-12-31 23:59:59.999999'\", \"'2000-01-01 00:00:00.000000'\", 'year') }}", [(1,)]),
    ("select {{ datediff(\"'2024-01-01'\", \"'2024-03-01'\", 'day') }}", [(60,)]),
    ("select {{ datediff(\"'2024-03-01'\", \"'2024-01-01'\", 'month') }}", [(-2,)]),
    ("select {{ datediff(\"'2024-01-01 00:00:00.250'\", \"'2024-01-01 00:00:01.500'\", 'millisecond') }}", [(1250,)]),
    ("select {{ date_trunc('month', \"'2024-02-17'\") }}, {{ date_trunc('month', \"'2024-02-17 10:11:12'\") }}",
     [("2024-02-01", "2024-02-01 00:00:00")]),
    ("select {{ date_trunc('week', \"'2024-02-17'\") }}, {{ date_trunc('week', \"'2024-02-19'\") }}",
     [("2024-02-12", "2024-02-19")]),
    ("select {{ date_trunc('quarter', \"'2024-08-17'\") }}, {{ date_trunc('year', \"'2024-08-17'\") }}",
     [("2024-07-01", "2024-01-01")]),
    ("select {{ date_trunc('day', \"'2024-08-17 10:11:12'\") }}, {{ date_trunc('hour', \"'2024-08-17 10:11:12'\") }}",
     [("2024-08-17 00:00:00", "2024-08-17 10:00:00")]),
    ("select {{ date_trunc('minute', 'ts') }}, {{ date_trunc('second', 'ts') }} from t where n = 1",
     [("2024-01-01 12:34:00", "2024-01-01 12:34:56")]),
    ("select {{ last_day(\"'2024-02-10'\", 'month') }}, {{ last_day(\"'2024-05-10 10:00:00'\", 'quarter') }}",
     [("2024-02-29", "2024-06-30")]),
    ("select {{ last_day(\"'2024-02-10'\", 'year') }}, {{ last_day(\"'2024-02-14'\", 'week') }}",
     [("2024-12-31", "2024-02-18")]),
    ("select {{ date(2024, 1, 31) }}", [("2024-01-31",)]),
    ("select {{ snapshot_hash_arguments(['n', 'null', \"'a'\"]) }}, length({{ snapshot_get_time() }}) from t where n = 1",
     [("610af274a922b06e4dd8edfef442beab", 19)]),
    ("select typeof({{ current_timestamp() }}), length({{ current_timestamp_backcompat() }}),"
     " length({{ current_timestamp_in_utc_backcompat() }})", [("text", 19, 19)]),
    ("select cast('2024-01-31 10:00:00' as {{ type_timestamp() }}), cast('7' as {{ type_int() }}),"
     " cast(1.5 as {{ type_numeric() }}), cast('x' as {{ type_string() }}), cast('2' as {{ type_float() }}),"
     " cast(1 as {{ type_boolean() }}), cast('9' as {{ type_bigint() }})",
     [("2024-01-31 10:00:00", 7, 1.5, "x", 2.0, 1, 9)]),
    ("select {{ concat(['s', \"'-'\", 'n']) }} from t where n = 1", [("a,b,c-1",)]),
    ("select {{ safe_cast(\"'12'\", type_int()) }}, {{ cast('n', 'text') }} from t where n = 1", [(12, "1")]),
    ("select {{ safe_cast(\"'12'\", '') }}", [("12",)]),
    ("select {{ hash(\"'abc'\") }}, {{ hash('null') }}", [(hashlib.md5(b"abc").hexdigest(), None)]),
    ("select {{ any_value('n') }}, {{ bool_or('b') }} from t", [(1, 1)]),
    ("select {{ cast_bool_to_text('b') }} from t order by n", [("true",), ("false",), ("false",)]),
    ("select {{ string_literal(escape_single_quotes(\"it's\")) }}", [("it's",)]),
    ("select {{ right(\"'abcdef'\", 2) }}, {{ right(\"'abcdef'\", 0) }}, {{ length(\"'abcdef'\") }}",
     [("ef", "", 6)]),
    ("select {{ position(\"'c'\", \"'abcdef'\") }}, {{ replace(\"'abcabc'\", \"'b'\", \"'_'\") }}", [(3, "a_ca_c")]),
    ("select 1 {{ except() }} select 2", [(1,)]),
    ("select 1 {{ intersect() }} select 1", [(1,)]),
    ("select {{ equals('1', '1') }}, {{ equals('null', 'null') }}", [(1, None)]),
    ("select {{ listagg('s', \"'|'\") }} from t where n < 3", [("a,b,c|",)]),
    ("select {{ listagg('n') }} from t", [("1,2,3",)]),
    ("select {{ split_part('s', \"','\", 2) }} from t order by n", [("b",), (None,), (None,)]),
    ("select {{ split_part('s', \"','\", -1) }}, {{ split_part('s', \"','\", 1) }} from t order by n",
     [("c", "a"), ("", ""), (None, None)]),
    ("select {{ split_part(\"'a--b--c'\", \"'--'\", 3) }}, {{ split_part(\"'a,,b,'\", \"','\", -2) }}",
     [("c", "b")]),
    ("select {{ array_construct(['1', '2']) }}, {{ array_construct([]) }}, {{ array_construct([\"'x'\"]) }}",
     [("[1,2]", "[]", '["x"]')]),
    ("select {{ array_append(array_construct(['1', '2']), '3') }}", [("[1,2,3]",)]),
    ("select {{ array_concat(array_construct(['1', '2']), array_construct([\"'x'\", '4'])) }}",
     [('[1,2,"x",4]',)]),
    ("select {{ array_concat('arr', 'arr') }} from t where n = 1", [("[1,2,1,2]",)]),
    ("select count(*), min(generated_number), max(generated_number), sum(generated_number)"
     " from ({{ generate_series(10) }})", [(10, 1, 10, 55)]),
    ("select count(*) from ({{ generate_series(1) }})", [(1,)]),
    ("select count(*), min(date_day), max(date_day) from ({{ date_spine('day', \"'2024-01-01'\", \"'2024-01-10'\") }})",
     [(9, "2024-01-01", "2024-01-09")]),
    ("select count(*), max(date_month) from ({{ date_spine('month', \"'2024-01-01'\", \"'2024-06-01'\") }})",
     [(5, "2024-05-01")]),
    ("select * from ({{ test_unique('t', 'n') }})", []),
    ("select * from ({{ test_unique('(select 1 as n union all select 1)', 'n') }})", [(1, 2)]),
    ("select * from ({{ test_not_null('t', 's') }})", [(None,)]),
    ("select value_field from ({{ test_accepted_values('t', 'n', [1, 2], quote=False) }})", [(3,)]),
    ("select value_field from ({{ test_accepted_values('t', 's', ['a,b,c', '']) }})", []),
    ("select * from ({{ test_relationships('t', 'n', '(select 1 as id union all select 2)', 'id') }})", [(3,)]),
    ("{{ get_test_sql(test_not_null('t', 's'), 'count(*)', '!= 0', '> 5', none) }}", [(1, "true", "false")]),
    ("{{ get_test_sql(test_unique('t', 'n'), 'count(*)', '!= 0', '!= 0', 10) }}", [(0, "false", "false")]),
]
SQLITE_ORDER_BY_LISTAGG = "select {{ listagg('n', \"','\", 'order by n desc') }} from t"


def sqlite_db():
    db = sqlite3.connect(":memory:")
    # SQLite has no md5(); dbt-sqlite expects one from an extension. Stand-in: the digest's bytes.
    db.create_function("md5", 1, lambda s: None if s is None else hashlib.md5(str(s).encode()).digest())
    db.executescript("""
        create table t(d text, ts text, s text, n integer, b integer, arr text);
        insert into t values ('2024-01-01', '2024-01-01 12:34:56', 'a,b,c', 1, 1, '[1,2]'),
                             ('2024-02-01', '2024-02-01 00:00:00', '', 2, 0, '[]'),
                             ('2024-03-01', '2024-03-01 00:00:00', null, 3, 0, '[3]');
    """)
    return db


def render_sqlite(macros, text, db):
    harness = Harness(macros, "sqlite", {}, db)
    return ENV.from_string(text, globals=harness.ctx).render(), harness.used


# --------------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dbt-adapters", default=DEFAULT_DBT_ADAPTERS)
    parser.add_argument("--dbt-sqlite", default=DEFAULT_DBT_SQLITE)
    parser.add_argument("--show-sqlite", action="store_true", help="print the SQL rendered for SQLite")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every rendered case")
    options = parser.parse_args()

    problems = []
    files, listed = load_library()
    if not files:
        sys.exit(f"no BuiltinMacroFile sources found under {SWIFT_DIR}")
    for f in files:
        if f["name"] not in listed:
            problems.append(f"{f['swift']}: {f['name']} is not listed in its group")

    ours, our_where = {}, {}
    for f in files:
        for name, text in macro_blocks(f["source"]):
            if name in ours:
                problems.append(f"macro {name} defined twice ({our_where[name]} and {f['package']}:{f['path']})")
            ours[name] = text
            our_where[name] = (f["package"], f["path"])

    sqlite_repo = options.dbt_sqlite if os.path.isdir(options.dbt_sqlite) else None
    if not sqlite_repo:
        print(f"note: no dbt-sqlite checkout at {options.dbt_sqlite}; SQLite is only run, not compared")
    reference_files = reference_library(options.dbt_adapters, sqlite_repo)
    reference, ref_where = macro_table(reference_files, ["dbt", "dbt_postgres", "dbt_redshift", "dbt_sqlite"])
    reference_sqlite, _ = macro_table(reference_files, ["dbt", "dbt_sqlite"])
    for name, (package, path) in sorted(our_where.items()):
        if name in ref_where and ref_where[name] != (package, path):
            problems.append(f"{name}: ours is in {package}:{path}, dbt's in {ref_where[name][0]}:{ref_where[name][1]}")

    used = set()
    compared = 0
    for c in cases():
        for adapter in ["default", "postgres", "redshift", "sqlite"]:
            if adapter == "sqlite" and (sqlite_own(c) or not sqlite_repo):
                continue
            ref_macros = reference_sqlite if adapter == "sqlite" else reference
            mine, mine_statements, mine_used = outcome(ours, adapter, c)
            theirs, their_statements, _ = outcome(ref_macros, adapter, c)
            used |= mine_used
            compared += 1
            label = f"[{adapter}] {c['macro']}{c['args'] if c['args'] else ''}{c['kwargs'] if c['kwargs'] else ''}" \
                    f"{' ' + str(c['options']) if c['options'] else ''}"
            if options.verbose:
                print(label, "->", repr(mine[2]))
            if mine[0] == "failure" or theirs[0] == "failure":
                problems.append(f"{label}: render failed: ours {mine[1:]}, dbt's {theirs[1:]}")
            elif mine != theirs or mine_statements != their_statements:
                problems.append(f"{label}:\n  ours:  {mine!r}\n  dbt's: {theirs!r}"
                                + (f"\n  queries ours {mine_statements!r}\n  queries dbt's {their_statements!r}"
                                   if mine_statements != their_statements else ""))

    ran = 0
    db = sqlite_db()
    for text, expected in SQLITE_RUNS:
        try:
            sql, sqlite_used = render_sqlite(ours, text, db)
            used |= sqlite_used
            if options.show_sqlite:
                print(f"-- {text}\n{sql}\n")
            rows = db.execute(sql).fetchall()
            ran += 1
            if rows != expected:
                problems.append(f"[sqlite run] {text}\n  SQL: {sql}\n  rows {rows!r}, expected {expected!r}")
        except Exception as error:  # noqa: BLE001
            problems.append(f"[sqlite run] {text}: {type(error).__name__}: {error}")
    # group_concat(... order by ...) needs SQLite 3.44; render always, run when available.
    sql, sqlite_used = render_sqlite(ours, SQLITE_ORDER_BY_LISTAGG, db)
    if options.show_sqlite:
        print(f"-- {SQLITE_ORDER_BY_LISTAGG}\n{sql}\n")
    if sqlite3.sqlite_version_info >= (3, 44):
        rows = db.execute(sql).fetchall()
        ran += 1
        if rows != [("3,2,1",)]:
            problems.append(f"[sqlite run] {SQLITE_ORDER_BY_LISTAGG}: rows {rows!r}")

    for name in sorted(set(ours) - used - UNIT_TEST_MACROS - MATERIALIZATION_MACROS):
        problems.append(f"macro {name} ({our_where[name][0]}:{our_where[name][1]}) is never exercised")

    for p in problems:
        print(p)
    print(f"{len(files)} files, {len(ours)} macros; {compared} renders compared with dbt's, "
          f"{ran} SQLite queries run; {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
