#!/usr/bin/env python3
"""Generate dbt-core's reference outputs for Weir's dbt fixture projects.

Weir must compile a dbt project the way dbt-core does. This script runs the real
dbt-core (with dbt-postgres) on every fixture project in
``Tests/WorkspaceTests/Fixtures/projects/<name>/`` and records what it produced in
``Tests/WorkspaceTests/Fixtures/expected/<name>/``.

Requirements
------------
* A virtualenv with dbt-core 1.11 and dbt-postgres, found through the ``DBT_VENV``
  environment variable (default ``/work/dbt-venv``)::

      python3 -m venv /work/dbt-venv
      /work/dbt-venv/bin/pip install 'dbt-core<1.12' dbt-postgres

* PostgreSQL server binaries (``initdb``, ``pg_ctl``, ``createdb``, ``dropdb``), found
  through ``PG_BIN`` or on ``PATH`` or in ``/usr/lib/postgresql/*/bin``.
  ``dbt compile`` on postgres is not offline: it opens a connection, and
  ``is_incremental()``, ``dbt.date_spine`` and friends run queries. The script
  therefore starts a throw-away server of its own: a fresh cluster in a temporary
  directory, listening on 127.0.0.1 on a free random port (Unix socket in the same
  temporary directory), superuser ``weir`` with trust authentication, and a
  database ``weir_fixtures`` that is dropped and created again before every project.
  When the script runs as root, the server runs as the ``postgres`` user (initdb
  refuses root). The server is stopped and its directory deleted at exit.

How each project is run
-----------------------
The project is copied to a temporary directory (nothing is ever written into the
repository's projects), the ``port: 5432`` of its ``profiles.yml`` is replaced by the
temporary server's port, and dbt runs there with:

* an environment without any ``DBT_*`` or ``WEIR_*`` variable of the caller, plus
  ``DBT_SEND_ANONYMOUS_USAGE_STATS=false``, ``TZ=UTC``, ``LC_ALL=C.UTF-8``,
  ``PYTHONHASHSEED=0`` and the project's own variables from ``PROJECTS`` below;
* ``dbt deps`` first when the project has a ``packages.yml``;
* then ``dbt --log-format json <command> --profiles-dir . [--vars ...] [args]``, where
  the command is ``compile`` for normal projects and ``parse`` for error projects
  (``err_*``), unless ``PROJECTS`` says otherwise.

Outputs, per project, in ``expected/<name>/``
---------------------------------------------
* ``compiled/**``: every file of dbt's ``target/compiled/`` tree, byte for byte. The
  first path component is the package (``compiled/<project>/models/...``; a package's
  nodes, such as a model of a local package, sit under ``compiled/<package>/``).
* ``manifest.json``: a subset of ``target/manifest.json`` (see ``NODE_KEYS`` and the
  other ``*_KEYS`` below): every node (models, seeds, tests, snapshots, analyses, hook
  operations), source, exposure, group, unit test, disabled node, and every macro and doc block
  that does not come from dbt itself (packages ``dbt`` and ``dbt_postgres``), plus the
  top-level ``parent_map``, ``child_map`` and ``metadata.project_name`` /
  ``metadata.adapter_type``. Nothing time-, machine- or path-dependent is kept
  (``created_at``, ``root_path``, ``build_path``, invocation ids, ``dbt_version``...),
  and the temporary project path is replaced by ``<root>`` wherever it appears.
  Written with sorted keys, an indent of 2 and a final newline.
* ``semantic_manifest.json``: dbt's ``target/semantic_manifest.json`` as written.
* ``ls.json``: the lines of ``dbt ls --output json`` (every resource, dbt's default keys) and of
  the same with ``--output-keys`` ``LS_OUTPUT_KEYS``, as printed.
* ``warnings.json``: for projects whose ``PROJECTS`` entry sets ``record_warnings``, the
  messages of the warnings dbt printed (its warn-level events, in order, without the
  ``[WARNING]:`` tag).
* ``invocation.json``: how dbt was run, for a test harness to do the same:
  ``{"command", "deps", "vars", "env", "args"}`` (``deps``: whether ``dbt deps`` ran
  first; ``env``: the variables set on top of the cleaned environment).
* for error projects (name starts with ``err_``), instead of ``compiled/`` and
  ``manifest.json``, ``error.json``:
  ``{"command": ..., "exit_code": ..., "message": ...}`` where ``message`` is the
  exception text of dbt's ``MainEncounteredError`` log event (what dbt prints after
  "Encountered an error:"), with the temporary path replaced by ``<root>``; plus
  ``"semantic_failures"``, the semantic layer's validation issues dbt printed before it
  stopped (``[{"level", "msg"}]``, in order), when there are any.

``expected/dbt_versions.json`` records the dbt-core and dbt-postgres versions used.

Usage (from anywhere)
---------------------
::

    python3 Scripts/generate_dbt_fixtures.py            # regenerate every project
    python3 Scripts/generate_dbt_fixtures.py basics     # regenerate some projects
    python3 Scripts/generate_dbt_fixtures.py --check    # regenerate into a temporary
                                                        # directory and compare with the
                                                        # committed files; exit 1 on any
                                                        # difference
    DBT_VENV=/path/to/venv python3 Scripts/generate_dbt_fixtures.py

Exit status: 0 on success, 1 when ``--check`` finds a difference or dbt does not
behave as expected (a normal project fails, an error project succeeds), 2 when the
environment is unusable (no dbt 1.11, no PostgreSQL binaries).
"""

from __future__ import annotations

import argparse
import difflib
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = REPO_ROOT / "Tests/WorkspaceTests/Fixtures"
PROJECTS_DIR = FIXTURES_DIR / "projects"
EXPECTED_DIR = FIXTURES_DIR / "expected"

DEFAULT_VENV = "/work/dbt-venv"
REQUIRED_DBT_MINOR = "1.11"

# Per-project settings. Every project not named here is compiled (or parsed, for
# err_* projects) with no extra arguments.
PROJECTS: Dict[str, Dict[str, Any]] = {
    "jinja_context": {
        "vars": {
            "reporting_region": "EMEA",
            "max_rows": 500,
            "feature_flags": {"beta_pricing": True},
        },
        "env": {"WEIR_FIXTURE_REGION": "eu-west-1"},
    },
    # A model configured with another `database` makes dbt-postgres refuse to
    # populate its relation cache ("Cross-db references not allowed in postgres"),
    # so this project is compiled without populating the cache.
    "custom_schema": {"args": ["--no-populate-cache"]},
    # `dbt compile --empty` (`command_args`: for the compile only; `dbt ls` takes no `--empty`).
    "empty_flag": {"command_args": ["--empty"]},
    # What `dbt ls -s <spec>` selects is recorded in ls.json for each of these.
    "semantic_layer": {"ls_selections": [
        "metric:order_total+", "+semantic_model:orders", "saved_query:*", "resource_type:metric,tag:finance",
        "+saved_query:order_metrics", "semantic_model:semantic_layer.cust*+",
    ]},
    "unit_tests": {"ls_selections": [
        "unit_test:test_enriched_*", "unit_test:unit_tests.test_every_version*", "+unit_test:test_inc_full",
        "unit_test:*", "unit_test:other_package.*",
    ]},
    # Data tests whose targets are missing or disabled: dbt's warnings recorded in warnings.json.
    "disabled_targets": {"record_warnings": True},
    # `dbt parse` accepts these two; dbt only fails once it compiles.
    "err_cycle": {"command": "compile"},
    "err_missing_var": {"command": "compile"},
}

# The packages that dbt itself ships: their macros and docs are not recorded.
INTERNAL_PACKAGES = {"dbt", "dbt_postgres"}

# The keys of `dbt ls --output json --output-keys ...` recorded in ls.json: plain, nested, missing.
LS_OUTPUT_KEYS = "unique_id name config.materialized depends_on.nodes source_name config.no_such_key"

NODE_KEYS = [
    "unique_id", "resource_type", "package_name", "name", "path", "original_file_path",
    "fqn", "alias", "schema", "database", "relation_name", "config", "tags",
    "description", "columns", "depends_on", "refs", "sources", "compiled_code",
    "raw_code", "checksum", "docs", "meta", "patch_path", "test_metadata", "column_name",
    "attached_node", "file_key_name", "version", "latest_version", "access",
    "constraints", "contract",
    # also kept: where they exist, these are as stable as the ones above
    "group", "deprecation_date", "extra_ctes", "language", "time_spine", "primary_key", "doc_blocks",
    # what `state:modified` compares configs and relations by
    "unrendered_config",
]
SOURCE_KEYS = NODE_KEYS + [
    "source_name", "source_description", "source_meta", "loader", "identifier",
    "quoting", "loaded_at_field", "loaded_at_query", "freshness", "external",
    "unrendered_database", "unrendered_schema",
]
EXPOSURE_KEYS = NODE_KEYS + ["type", "owner", "maturity", "url", "label"]
MACRO_KEYS = [
    "unique_id", "resource_type", "package_name", "name", "path", "original_file_path",
    "macro_sql", "depends_on", "description", "meta", "docs", "patch_path", "arguments",
]
DOC_KEYS = ["unique_id", "resource_type", "package_name", "name", "path",
            "original_file_path", "block_contents"]
UNIT_TEST_KEYS = ["unique_id", "resource_type", "package_name", "name", "path",
                  "original_file_path", "fqn", "model", "given", "expect", "description",
                  "overrides", "depends_on", "config", "checksum", "schema", "versions", "version"]
# dbt's semantic layer: every field but `created_at`.
SEMANTIC_SECTIONS = ("semantic_models", "metrics", "saved_queries")
SEMANTIC_TYPES = {"semantic_model", "metric", "saved_query"}


def without_created_at(entry: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in entry.items() if k != "created_at"}


GROUP_KEYS = ["unique_id", "resource_type", "package_name", "name", "path",
              "original_file_path", "owner", "description", "config"]


class FixtureError(Exception):
    """dbt did not behave as the fixture expects."""


class EnvironmentProblem(Exception):
    """The reference environment is unusable."""


# --------------------------------------------------------------------------- dbt


def venv_path() -> Path:
    return Path(os.environ.get("DBT_VENV", DEFAULT_VENV))


def dbt_executable() -> Path:
    exe = venv_path() / "bin" / "dbt"
    if not exe.exists():
        raise EnvironmentProblem(f"no dbt at {exe} (set DBT_VENV)")
    return exe


def dbt_versions() -> Dict[str, str]:
    python = venv_path() / "bin" / "python"
    code = (
        "import json, importlib.metadata as m;"
        "print(json.dumps({p: m.version(p) for p in ('dbt-core', 'dbt-postgres')}))"
    )
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        raise EnvironmentProblem(f"cannot read dbt versions: {out.stderr.strip()}")
    versions = json.loads(out.stdout)
    if not versions["dbt-core"].startswith(REQUIRED_DBT_MINOR + "."):
        raise EnvironmentProblem(
            f"need dbt-core {REQUIRED_DBT_MINOR}.x, found {versions['dbt-core']}"
        )
    return versions


def dbt_environment(extra: Dict[str, str]) -> Dict[str, str]:
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("DBT_", "WEIR_")) and not k.startswith("PG")
    }
    env.update({
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "TZ": "UTC",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
    })
    env.update(extra)
    return env


# --------------------------------------------------------------------- postgres


def find_pg_bin() -> Path:
    candidates = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]))
    which = shutil.which("pg_ctl")
    if which:
        candidates.append(Path(which).resolve().parent)
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for c in candidates:
        if all((c / tool).exists() for tool in ("initdb", "pg_ctl", "createdb", "dropdb")):
            return c
    raise EnvironmentProblem("PostgreSQL binaries not found (set PG_BIN)")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """A throw-away PostgreSQL cluster on 127.0.0.1 with superuser `weir`."""

    def __init__(self) -> None:
        self.bin = find_pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="weir-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.started = False
        self.as_user: List[str] = []
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            if not runuser:
                raise EnvironmentProblem("running as root but `runuser` is missing")
            self.as_user = [runuser, "-u", "postgres", "--"]
            shutil.chown(self.dir, user="postgres")

    def _run(self, tool: str, *args: str) -> None:
        cmd = self.as_user + [str(self.bin / tool), *args]
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=self.dir)
        if out.returncode != 0:
            raise EnvironmentProblem(f"{tool} failed: {out.stdout}{out.stderr}")

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "weir", "--auth=trust",
                  "-E", "UTF8", "--locale=C")
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.dir / "log"),
                  "-w", "-t", "60", "start")
        self.started = True

    def reset_database(self) -> None:
        conn = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "weir"]
        self._run("dropdb", *conn, "--if-exists", "weir_fixtures")
        self._run("createdb", *conn, "-O", "weir", "weir_fixtures")

    def dbt_environment(self) -> Dict[str, str]:
        """dbt's environment for a profile whose `postgres` target reads PG* variables."""
        return dbt_environment({
            "PGHOST": "127.0.0.1", "PGPORT": str(self.port), "PGUSER": "weir",
            "PGPASSWORD": "", "PGDATABASE": "weir_fixtures",
        })

    def query(self, script: str, request: Dict[str, Any]) -> Any:
        """Runs `script` (Python reading `request` as JSON on stdin, with `connection`: psycopg2's
        arguments for this server's fixture database) in dbt's virtualenv; returns the JSON it
        prints."""
        python = venv_path() / "bin" / "python"
        connection = {"host": "127.0.0.1", "port": self.port, "user": "weir", "dbname": "weir_fixtures"}
        done = subprocess.run([str(python), "-c", script], input=json.dumps({**request, "connection": connection}),
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise FixtureError(f"reading the warehouse failed: {done.stderr}")
        return json.loads(done.stdout)

    def stop(self) -> None:
        try:
            if self.started:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
                self.started = False
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


# ------------------------------------------------------------------- manifest


def pick(obj: Dict[str, Any], keys: List[str]) -> Dict[str, Any]:
    return {k: obj[k] for k in keys if k in obj}


def replace_paths(value: Any, paths: List[str]) -> Any:
    if isinstance(value, str):
        for p in paths:
            value = value.replace(p, "<root>")
        return value
    if isinstance(value, list):
        return [replace_paths(v, paths) for v in value]
    if isinstance(value, dict):
        return {k: replace_paths(v, paths) for k, v in value.items()}
    return value


def manifest_subset(manifest: Dict[str, Any]) -> Dict[str, Any]:
    def external(items: Dict[str, Any]) -> Dict[str, Any]:
        return {k: v for k, v in items.items() if v.get("package_name") not in INTERNAL_PACKAGES}

    disabled = {}
    for uid, variants in manifest.get("disabled", {}).items():
        keys = {"source": SOURCE_KEYS, "unit_test": UNIT_TEST_KEYS}
        disabled[uid] = [without_created_at(v) if v.get("resource_type") in SEMANTIC_TYPES
                         else pick(v, keys.get(v.get("resource_type"), NODE_KEYS)) for v in variants]
    subset = {
        "metadata": {
            "project_name": manifest["metadata"].get("project_name"),
            "adapter_type": manifest["metadata"].get("adapter_type"),
        },
        "nodes": {k: pick(v, NODE_KEYS) for k, v in manifest["nodes"].items()},
        "sources": {k: pick(v, SOURCE_KEYS) for k, v in manifest["sources"].items()},
        "exposures": {k: pick(v, EXPOSURE_KEYS) for k, v in manifest["exposures"].items()},
        "groups": {k: pick(v, GROUP_KEYS) for k, v in manifest.get("groups", {}).items()},
        "macros": {k: pick(v, MACRO_KEYS) for k, v in external(manifest["macros"]).items()},
        "docs": {k: pick(v, DOC_KEYS) for k, v in external(manifest["docs"]).items()},
        "disabled": disabled,
        "parent_map": manifest["parent_map"],
        "child_map": manifest["child_map"],
    }
    # Only where there are any: the projects without unit tests keep their files as they were.
    if manifest.get("unit_tests"):
        subset["unit_tests"] = {k: pick(v, UNIT_TEST_KEYS) for k, v in manifest["unit_tests"].items()}
    for section in SEMANTIC_SECTIONS:
        if manifest.get(section):
            subset[section] = {k: without_created_at(v) for k, v in manifest[section].items()}
    return subset


def dump_json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


# ------------------------------------------------------------------ running


def json_lines(stdout: str) -> Iterator[Any]:
    """The lines of dbt's output that are JSON (its events with `--log-format json`, `ls`'s
    items with `--output json`), decoded."""
    for line in stdout.splitlines():
        try:
            yield json.loads(line)
        except ValueError:
            continue


def error_message(stdout: str) -> Optional[str]:
    """The text of dbt's MainEncounteredError event, else the first error event's."""
    first_error = None
    for event in json_lines(stdout):
        info = event.get("info", {}) if isinstance(event, dict) else {}
        if info.get("name") == "MainEncounteredError":
            exc = event.get("data", {}).get("exc")
            if exc is not None:
                return exc
            msg = info.get("msg", "")
            return msg.split("\n", 1)[1] if "\n" in msg else msg
        if info.get("level") == "error" and first_error is None:
            first_error = info.get("msg")
    return first_error


def semantic_failures(stdout: str) -> List[Dict[str, str]]:
    """dbt-semantic-interfaces' validation issues, as dbt printed them before stopping with
    "Semantic Manifest validation failed.": each event's level and message, in order."""
    return [
        {"level": event["info"]["level"], "msg": event["info"]["msg"]}
        for event in json_lines(stdout)
        if isinstance(event, dict) and event.get("info", {}).get("name") == "SemanticValidationFailure"
    ]


def warnings(stdout: str) -> List[str]:
    """The messages of the warn-level events dbt printed, in order, without their tag."""
    return [
        re.sub(r"^\[WARNING\]: ", "", event["info"]["msg"])
        for event in json_lines(stdout)
        if isinstance(event, dict) and event.get("info", {}).get("level") == "warn"
    ]


def listed_unique_ids(stdout: str) -> List[str]:
    """The unique ids `dbt ls --output json --output-keys unique_id` printed, sorted."""
    return sorted(item["unique_id"] for item in json_lines(stdout) if isinstance(item, dict) and set(item) == {"unique_id"})


def take_run_results(work: Path, keys: List[str]) -> List[Dict[str, Any]]:
    """Each node's result in `work`'s target/run_results.json, reduced to `keys`, by unique id;
    the file is removed, so that the next invocation's is not mistaken for it. [] without one."""
    path = work / "target" / "run_results.json"
    if not path.exists():
        return []
    results = json.loads(path.read_text())["results"]
    path.unlink()
    return sorted((pick(result, keys) for result in results), key=lambda result: result["unique_id"])


def run_dbt(args: List[str], cwd: Path, env: Dict[str, str]) -> subprocess.CompletedProcess:
    cmd = [str(dbt_executable()), *args]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)


def generate_project(name: str, out_dir: Path, server: Optional[PostgresServer]) -> None:
    source = PROJECTS_DIR / name
    options = PROJECTS.get(name, {})
    is_error = name.startswith("err_")
    command = options.get("command", "parse" if is_error else "compile")

    with tempfile.TemporaryDirectory(prefix="weir-dbt-") as tmp:
        work = Path(tmp) / name
        shutil.copytree(source, work, symlinks=True,
                        ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
        real = os.path.realpath(work)
        paths = sorted({str(work), real}, key=len, reverse=True)

        if server is not None:
            profiles = work / "profiles.yml"
            text = profiles.read_text()
            patched, n = re.subn(r"(?m)^(\s*port:\s*)5432\s*$", rf"\g<1>{server.port}", text)
            if n != 1:
                raise FixtureError(f"{name}: profiles.yml must contain one `port: 5432`")
            profiles.write_text(patched)
            server.reset_database()

        env = dbt_environment(options.get("env", {}))
        if (work / "packages.yml").exists():
            deps = run_dbt(["deps", "--profiles-dir", "."], work, env)
            if deps.returncode != 0:
                raise FixtureError(f"{name}: dbt deps failed:\n{deps.stdout}{deps.stderr}")

        args = ["--log-format", "json", "--no-use-colors", command, "--profiles-dir", "."]
        if "vars" in options:
            args += ["--vars", json.dumps(options["vars"], sort_keys=True)]
        args += options.get("args", []) + options.get("command_args", [])
        result = run_dbt(args, work, env)

        out_dir.mkdir(parents=True, exist_ok=True)
        invocation = {
            "command": command,
            "deps": (work / "packages.yml").exists(),
            "vars": options.get("vars", {}),
            "env": options.get("env", {}),
            "args": options.get("args", []) + options.get("command_args", []),
        }
        (out_dir / "invocation.json").write_bytes(dump_json(invocation))
        if is_error:
            if result.returncode == 0:
                raise FixtureError(f"{name}: dbt {command} succeeded, expected an error")
            message = error_message(result.stdout)
            if message is None:
                raise FixtureError(f"{name}: no error event in dbt's output:\n"
                                   f"{result.stdout}{result.stderr}")
            record = {
                "command": command,
                "exit_code": result.returncode,
                "message": replace_paths(message, paths),
            }
            failures = semantic_failures(result.stdout)
            if failures:
                record["semantic_failures"] = failures
            (out_dir / "error.json").write_bytes(dump_json(record))
            return

        if result.returncode != 0:
            raise FixtureError(f"{name}: dbt {command} failed (exit {result.returncode}):\n"
                               f"{error_message(result.stdout) or result.stdout}{result.stderr}")
        if options.get("record_warnings"):
            (out_dir / "warnings.json").write_bytes(dump_json(replace_paths(warnings(result.stdout), paths)))
        compiled = work / "target" / "compiled"
        if compiled.is_dir():
            shutil.copytree(compiled, out_dir / "compiled")
        manifest = json.loads((work / "target" / "manifest.json").read_text())
        subset = replace_paths(manifest_subset(manifest), paths)
        (out_dir / "manifest.json").write_bytes(dump_json(subset))
        # MetricFlow's artifact, byte for byte (its lists in dbt's parse order).
        shutil.copyfile(work / "target" / "semantic_manifest.json", out_dir / "semantic_manifest.json")

        # `dbt ls --output json` of every resource, with its default keys and with LS_OUTPUT_KEYS.
        listed: Dict[str, Any] = {"output_keys_argument": LS_OUTPUT_KEYS}
        for name_, extra in (("default", []), ("output_keys", ["--output-keys", LS_OUTPUT_KEYS])):
            ls_args = ["-q", "ls", "--profiles-dir", ".", "--output", "json"] + extra
            if "vars" in options:
                ls_args += ["--vars", json.dumps(options["vars"], sort_keys=True)]
            done = run_dbt(ls_args + options.get("args", []), work, env)
            if done.returncode != 0:
                raise FixtureError(f"{name}: dbt ls failed:\n{done.stdout}{done.stderr}")
            listed[name_] = [replace_paths(line, paths) for line in done.stdout.splitlines() if line.startswith("{")]
        selections: Dict[str, List[str]] = {}
        for spec in options.get("ls_selections", []):
            done = run_dbt(["-q", "ls", "--profiles-dir", ".", "-s", spec, "--output", "json",
                            "--output-keys", "unique_id"], work, env)
            if done.returncode != 0:
                raise FixtureError(f"{name}: dbt ls -s {spec} failed:\n{done.stdout}{done.stderr}")
            selections[spec] = [json.loads(line)["unique_id"] for line in done.stdout.splitlines()
                                if line.startswith("{")]
        if selections:
            listed["selections"] = selections
        (out_dir / "ls.json").write_bytes(dump_json(listed))


def all_projects() -> List[str]:
    return sorted(p.name for p in PROJECTS_DIR.iterdir() if (p / "dbt_project.yml").exists())


def tree_files(root: Path) -> Dict[str, bytes]:
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def regenerate(expected: Path, jobs: Dict[str, Callable[[Path, "PostgresServer"], None]], check: bool,
               finish: Optional[Callable[[Path], None]] = None, partial: bool = False) -> int:
    """Runs each job (writing into a staging directory) against one throw-away PostgreSQL server,
    then `finish`; with `check`, compares the staging directory with `expected`, else puts it in
    `expected`'s place. `partial` (some of a generator's jobs only): only the files the jobs wrote
    are compared, or written over their committed versions. Exit status: 0; 1 when a job failed or
    `expected` is stale; 2 without dbt."""
    try:
        versions = dbt_versions()
    except EnvironmentProblem as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    staging = Path(tempfile.mkdtemp(prefix="weir-expected-"))
    server = PostgresServer()
    try:
        server.start()
        for name, job in jobs.items():
            try:
                job(staging, server)
            except FixtureError as e:
                print(f"FAIL {name}: {e}", file=sys.stderr)
                return 1
            print(f"ok   {name}")
        if finish:
            finish(staging)
        (staging / "dbt_versions.json").write_bytes(dump_json(versions))
        written = sorted(path.relative_to(staging) for path in staging.rglob("*") if path.is_file())
        if check:
            problems = compare(expected, staging) if not partial else [
                problem for path in written for problem in compare_file(expected / path, staging / path)]
            for problem in problems:
                print(problem)
            return 1 if problems else 0
        if not partial and expected.exists():
            shutil.rmtree(expected)
        for path in written:
            (expected / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(staging / path, expected / path)
        print(f"wrote {expected.relative_to(REPO_ROOT)}")
        return 0
    finally:
        server.stop()
        shutil.rmtree(staging, ignore_errors=True)


def check_option(description: str, argv: Optional[List[str]]) -> bool:
    """Parses a generator's command line (its only option: `--check`); whether to check."""
    parser = argparse.ArgumentParser(description=description.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare freshly generated outputs with the committed ones")
    return parser.parse_args(argv).check


def compare(expected: Path, actual: Path) -> List[str]:
    """Differences between two trees, as human-readable lines."""
    want, got = tree_files(expected), tree_files(actual)
    problems = []
    for rel in sorted(set(want) | set(got)):
        if rel not in got:
            problems.append(f"only committed, not regenerated: {rel}")
        elif rel not in want:
            problems.append(f"regenerated, not committed: {rel}")
        elif want[rel] != got[rel]:
            diff = difflib.unified_diff(
                want[rel].decode(errors="replace").splitlines(),
                got[rel].decode(errors="replace").splitlines(),
                f"committed/{rel}", f"regenerated/{rel}", lineterm="", n=2,
            )
            lines = list(diff)
            if len(lines) > 40:
                lines = lines[:40] + [f"... ({len(lines) - 40} more diff lines)"]
            problems.append("\n".join(lines))
    return problems


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate dbt-core reference outputs for Weir's fixture projects.")
    parser.add_argument("projects", nargs="*", help="projects to (re)generate (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="compare freshly generated outputs with the committed ones")
    opts = parser.parse_args(argv)

    known = all_projects()
    selected = opts.projects or known
    unknown = [p for p in selected if p not in known]
    if unknown:
        print(f"error: unknown project(s): {', '.join(unknown)}", file=sys.stderr)
        return 2

    try:
        versions = dbt_versions()
    except EnvironmentProblem as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    needs_server = any(
        not p.startswith("err_") or PROJECTS.get(p, {}).get("command") == "compile"
        for p in selected
    )
    server = None
    staging = Path(tempfile.mkdtemp(prefix="weir-dbt-expected-"))
    try:
        if needs_server:
            server = PostgresServer()
            server.start()
        failures = 0
        for name in selected:
            started = time.monotonic()
            try:
                generate_project(name, staging / name, server)
            except FixtureError as e:
                print(f"FAIL {name}: {e}", file=sys.stderr)
                failures += 1
                continue
            print(f"ok   {name} ({time.monotonic() - started:.1f}s)")
        (staging / "dbt_versions.json").write_bytes(dump_json(versions))
        if failures:
            return 1

        if opts.check:
            problems = []
            for name in selected:
                problems += compare(EXPECTED_DIR / name, staging / name)
            problems += compare_file(EXPECTED_DIR / "dbt_versions.json",
                                     staging / "dbt_versions.json")
            for p in problems:
                print(p)
            if problems:
                print(f"{len(problems)} difference(s) against the committed outputs")
                return 1
            print(f"all {len(selected)} project(s) match the committed outputs")
            return 0

        EXPECTED_DIR.mkdir(parents=True, exist_ok=True)
        for name in selected:
            target = EXPECTED_DIR / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(staging / name, target)
        if not opts.projects:
            for stale in EXPECTED_DIR.iterdir():
                if stale.is_dir() and stale.name not in known:
                    shutil.rmtree(stale)
        shutil.copyfile(staging / "dbt_versions.json", EXPECTED_DIR / "dbt_versions.json")
        print(f"wrote {EXPECTED_DIR.relative_to(REPO_ROOT)}")
        return 0
    except EnvironmentProblem as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(staging, ignore_errors=True)


def compare_file(expected: Path, actual: Path) -> List[str]:
    if not expected.exists():
        return [f"not committed: {expected.relative_to(REPO_ROOT)}"]
    if expected.read_bytes() != actual.read_bytes():
        return [f"differs: {expected.relative_to(REPO_ROOT)} (dbt versions changed?)"]
    return []


if __name__ == "__main__":
    sys.exit(main())
