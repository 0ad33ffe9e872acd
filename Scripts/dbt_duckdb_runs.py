"""Helpers for the scripts that record what the real dbt does on a fixture project, as Weir's
expectations: a fresh copy of the project per case, its SQLite profile swapped for a DuckDB one,
dbt run there with a clean environment, and the cases written as JSON.

Requirements: a virtualenv with dbt-core 1.11 and dbt-duckdb (``DBT_VENV``, default
``/work/dbt-venv``), whose Python has the ``duckdb`` module.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Dict, Iterator, List

REPO_ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("DBT_VENV", "/work/dbt-venv"))
DBT = VENV / "bin/dbt"
PYTHON = VENV / "bin/python"


def duckdb_profile(name: str, database: str) -> str:
    """A profiles.yml whose profile ``name`` targets ``target/<database>.duckdb``."""
    return (f"{name}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      threads: 1\n"
            f"      path: target/{database}.duckdb\n      schema: main\n")


@contextlib.contextmanager
def project_copy(project: Path, profile: str, project_lines: str = "") -> Iterator[Path]:
    """A fresh copy of ``project`` with ``profile`` as its profiles.yml (and ``project_lines``
    added to its dbt_project.yml), removed afterwards."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / project.name
        shutil.copytree(project, copy)
        (copy / "profiles.yml").write_text(profile)
        if project_lines:
            with open(copy / "dbt_project.yml", "a") as file:
                file.write(project_lines)
        yield copy


def dbt(project: Path, arguments: List[str], environment: Dict[str, str], check: bool = False):
    """Runs ``dbt arguments... --profiles-dir .`` in ``project`` with no other ``DBT_`` variable
    than ``environment``'s."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DBT_")}
    env.update(environment)
    return subprocess.run(
        [str(DBT), *arguments, "--profiles-dir", "."], cwd=project, env=env, capture_output=True, text=True,
        check=check)


def query(script: str, *arguments: str):
    """Runs a Python ``script`` (reading a DuckDB file) with the virtualenv's Python; its JSON output."""
    done = subprocess.run([str(PYTHON), "-c", script, *arguments], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def write_cases(path: Path, cases: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(cases, indent=2, sort_keys=True) + "\n")
