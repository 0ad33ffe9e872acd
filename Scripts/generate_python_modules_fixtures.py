#!/usr/bin/env python3
"""Generate the expected outputs of Weir's PythonModules fixtures with real Python modules.

Weir's Swift `PythonModules` target gives templates Python's ``datetime``, ``re``,
``pytz`` and ``itertools`` modules, as dbt does through its ``modules`` global. This
script renders every fixture in ``Tests/PythonModulesTests/Fixtures`` with Jinja2 and
the real modules, and records the result.

Fixture format (``<name>.jinja``): as the Jinja conformance fixtures, a JSON object
(the render context, may be empty), a line that is exactly ``---``, then the template.
The context also gets ``modules``: ``{"datetime": datetime, "re": re, "pytz": pytz,
"itertools": itertools}``.

The render is reproducible: local time is UTC (``TZ=UTC``), the clock is pinned to
``CLOCK`` below with time-machine (the Swift test pins the same instant), and pytz
reads the system's tz database (``PYTZ_TZDATADIR=/usr/share/zoneinfo``), which is
the one the Swift code reads.

The environment is dbt's: ``SandboxedEnvironment(extensions=["jinja2.ext.do",
"jinja2.ext.loopcontrols"])``.

Outputs:

* ``<name>.out`` -- the rendered output, for fixtures not named ``err_*``.
* ``<name>.err`` -- for ``err_*`` fixtures, which must raise: one line,
  ``<ExceptionClassName>: <str(exception)>``.

Usage (from the repository root)::

    python3 Scripts/generate_python_modules_fixtures.py          # (re)write outputs
    python3 Scripts/generate_python_modules_fixtures.py --check  # verify, exit 1 on difference

Needs Jinja2 3.1, pytz and time-machine (``pip install 'jinja2>=3.1,<3.2' pytz
time-machine``) and CPython 3.11, whose ``datetime`` and ``re`` the Swift code follows.
"""

from __future__ import annotations

import os

os.environ["TZ"] = "UTC"
os.environ.setdefault("PYTZ_TZDATADIR", "/usr/share/zoneinfo")

import argparse  # noqa: E402
import datetime  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

time.tzset()

try:
    import jinja2
    import jinja2.sandbox
    import pytz
    import time_machine
except ImportError as exc:  # pragma: no cover
    print(f"error: {exc.name} is not installed (pip install 'jinja2>=3.1,<3.2' pytz time-machine)",
          file=sys.stderr)
    sys.exit(2)

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "Tests/PythonModulesTests/Fixtures"
SEPARATOR = b"---\n"
# The instant `now()` reads; PythonModulesTests.clock is the same.
CLOCK = datetime.datetime(2024, 3, 10, 12, 34, 56, 789012, tzinfo=datetime.timezone.utc)
MODULES = {"datetime": datetime, "re": re, "pytz": pytz, "itertools": itertools}


def parse_fixture(path: Path) -> tuple[dict, str]:
    data = path.read_bytes()
    if data.startswith(SEPARATOR):
        head, source = b"", data[len(SEPARATOR):]
    else:
        idx = data.find(b"\n" + SEPARATOR)
        if idx < 0:
            raise RuntimeError(f"{path.name}: no line that is exactly '---'")
        head, source = data[: idx + 1], data[idx + 1 + len(SEPARATOR):]
    context = json.loads(head.decode("utf-8")) if head.strip() else {}
    if not isinstance(context, dict):
        raise RuntimeError(f"{path.name}: context must be a JSON object")
    return context, source.decode("utf-8")


def render(path: Path) -> tuple[Path, str]:
    context, source = parse_fixture(path)
    env = jinja2.sandbox.SandboxedEnvironment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    context["modules"] = MODULES
    with time_machine.travel(CLOCK, tick=False):
        if path.stem.startswith("err_"):
            try:
                result = env.from_string(source).render(**context)
            except Exception as exc:  # noqa: BLE001 - any error is the expectation
                text = f"{type(exc).__name__}: {exc}".replace("\n", "\\n")
                return path.with_suffix(".err"), text + "\n"
            raise RuntimeError(f"{path.name}: error fixture rendered without raising: {result!r}")
        try:
            return path.with_suffix(".out"), env.from_string(source).render(**context)
        except Exception as exc:  # noqa: BLE001
            raise RuntimeError(f"{path.name}: raised {type(exc).__name__}: {exc}") from exc


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed output differs")
    args = parser.parse_args(argv)
    if not jinja2.__version__.startswith("3.1") or sys.version_info[:2] != (3, 11):
        print(f"error: need Jinja2 3.1 and Python 3.11 (have {jinja2.__version__}, "
              f"{sys.version.split()[0]})", file=sys.stderr)
        return 2

    fixtures = sorted(FIXTURE_DIR.glob("*.jinja"))
    failures, mismatches, expected = [], [], set()
    written = 0
    for path in fixtures:
        try:
            out_path, content = render(path)
        except RuntimeError as exc:
            failures.append(str(exc))
            continue
        expected.add(out_path)
        current = out_path.read_text(encoding="utf-8") if out_path.exists() else None
        if args.check:
            if current != content:
                mismatches.append(f"{out_path.name}: {'missing' if current is None else 'differs'}")
        elif current != content:
            out_path.write_text(content, encoding="utf-8", newline="")
            written += 1
    stale = [p for p in sorted(FIXTURE_DIR.iterdir())
             if p.suffix in (".out", ".err") and p not in expected
             and not any(f.startswith(p.with_suffix(".jinja").name) for f in failures)]
    for message in failures:
        print(f"FAIL {message}", file=sys.stderr)
    if args.check:
        for message in mismatches:
            print(f"MISMATCH {message}", file=sys.stderr)
        for p in stale:
            print(f"STALE {p.name}", file=sys.stderr)
        ok = not (failures or mismatches or stale)
        print(f"checked {len(fixtures)} fixtures: " + ("OK" if ok else "differences found"))
        return 0 if ok else 1
    for p in stale:
        p.unlink()
    print(f"{len(fixtures)} fixtures, {written} outputs written, {len(stale)} stale removed, "
          f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
