#!/usr/bin/env python3
"""Generate the expected outputs of Weir's Jinja conformance fixtures with real Jinja2.

Weir's Swift `Jinja` engine must reproduce Python Jinja2 3.1 byte for byte under
dbt's settings. This script renders every fixture in
``Tests/JinjaTests/Fixtures/conformance`` with the real Jinja2 and records the result.

Fixture format (``<name>.jinja``): a JSON object (the render context, may span
several lines), then a line that is exactly ``---``, then the template source,
which is everything after that ``---\\n`` line, byte for byte, up to end of file.

The environment is exactly dbt's::

    jinja2.sandbox.SandboxedEnvironment(
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])

with all other settings at their defaults (autoescape off, trim_blocks and
lstrip_blocks off, keep_trailing_newline False, the default ``Undefined``).
Templates are rendered with ``env.from_string(source).render(**context)``.

Outputs:

* ``<name>.out`` -- the rendered output (UTF-8, no newline translation), for
  every fixture whose name does not start with ``err_``. Such a fixture must
  render; if it raises, the script fails (exit 1) naming the fixture.
* ``<name>.jinja2err`` -- for fixtures named ``err_*``, which must raise (at
  compile or render time). The file holds one line terminated by ``\\n``:
  ``<ExceptionClassName>: <message>`` followed by `` (line <lineno>)`` when the
  exception has a ``lineno`` attribute that is not None. For template errors
  the message is the exception's ``message`` (without the source excerpt that
  ``str()`` may append); any newline inside a message is written as the two
  characters ``\\n`` so the file stays one line.

Usage (from the repository root)::

    python3 Scripts/generate_jinja_fixtures.py          # (re)write all outputs,
                                                        # delete stale outputs
    python3 Scripts/generate_jinja_fixtures.py --check  # verify committed outputs,
                                                        # exit 1 on any difference

The script refuses to run (exit 2) unless the installed Jinja2 is 3.1.x.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

try:
    import jinja2
    import jinja2.sandbox
except ImportError:  # pragma: no cover
    print("error: jinja2 is not installed (need Jinja2 3.1.x)", file=sys.stderr)
    sys.exit(2)

FIXTURE_DIR = (
    Path(__file__).resolve().parent.parent / "Tests/JinjaTests/Fixtures/conformance"
)
SEPARATOR = b"---\n"


class FixtureFormatError(Exception):
    pass


def make_env() -> jinja2.sandbox.SandboxedEnvironment:
    return jinja2.sandbox.SandboxedEnvironment(
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"]
    )


def parse_fixture(path: Path) -> tuple[dict, str]:
    data = path.read_bytes()
    # The separator is the first line that is exactly "---".
    if data.startswith(SEPARATOR):
        head, source = b"", data[len(SEPARATOR):]
    else:
        idx = data.find(b"\n" + SEPARATOR)
        if idx < 0:
            raise FixtureFormatError(f"{path.name}: no line that is exactly '---'")
        head, source = data[: idx + 1], data[idx + 1 + len(SEPARATOR):]
    try:
        context = json.loads(head.decode("utf-8")) if head.strip() else {}
    except ValueError as exc:
        raise FixtureFormatError(f"{path.name}: bad context JSON: {exc}") from exc
    if not isinstance(context, dict):
        raise FixtureFormatError(f"{path.name}: context must be a JSON object")
    return context, source.decode("utf-8")


def describe_error(exc: BaseException) -> str:
    message = getattr(exc, "message", None)
    if not isinstance(exc, jinja2.TemplateError) or message is None:
        message = str(exc)
    text = f"{type(exc).__name__}: {message}"
    lineno = getattr(exc, "lineno", None)
    if lineno is not None:
        text += f" (line {lineno})"
    return text.replace("\r", "\\r").replace("\n", "\\n") + "\n"


def expected_for(path: Path) -> tuple[Path, str]:
    """Return (output path, expected content). Raises RuntimeError on violations."""
    name = path.stem
    context, source = parse_fixture(path)
    env = make_env()
    if name.startswith("err_"):
        try:
            result = env.from_string(source).render(**context)
        except Exception as exc:  # noqa: BLE001 - any error is the expectation
            return path.with_suffix(".jinja2err"), describe_error(exc)
        raise RuntimeError(
            f"{path.name}: error fixture rendered without raising: {result!r}"
        )
    try:
        result = env.from_string(source).render(**context)
    except Exception as exc:  # noqa: BLE001
        raise RuntimeError(
            f"{path.name}: non-error fixture raised {describe_error(exc).strip()}"
        ) from exc
    return path.with_suffix(".out"), result


def read_text(path: Path) -> str | None:
    if not path.exists():
        return None
    return path.read_bytes().decode("utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="re-render everything and exit 1 if a committed output differs",
    )
    args = parser.parse_args(argv)

    if not jinja2.__version__.startswith("3.1"):
        print(
            f"error: Jinja2 {jinja2.__version__} is installed; these fixtures "
            "must be generated with Jinja2 3.1.x",
            file=sys.stderr,
        )
        return 2
    if not FIXTURE_DIR.is_dir():
        print(f"error: fixture directory not found: {FIXTURE_DIR}", file=sys.stderr)
        return 1

    fixtures = sorted(FIXTURE_DIR.glob("*.jinja"))
    failures: list[str] = []
    mismatches: list[str] = []
    written = 0
    expected_outputs: set[Path] = set()
    for path in fixtures:
        try:
            out_path, content = expected_for(path)
        except (RuntimeError, FixtureFormatError, UnicodeDecodeError) as exc:
            failures.append(str(exc))
            continue
        expected_outputs.add(out_path)
        current = read_text(out_path)
        if args.check:
            if current != content:
                state = "missing" if current is None else "differs"
                mismatches.append(f"{out_path.name}: {state}")
        elif current != content:
            with open(out_path, "w", encoding="utf-8", newline="") as fh:
                fh.write(content)
            written += 1

    # Stale: an output with no .jinja, or of the wrong kind for its fixture
    # (e.g. a .out for an err_ fixture). Outputs of fixtures that failed are kept.
    failed_names = {msg.split(":", 1)[0] for msg in failures}
    stale = [
        p
        for p in sorted(FIXTURE_DIR.iterdir())
        if p.suffix in (".out", ".jinja2err")
        and p not in expected_outputs
        and p.with_suffix(".jinja").name not in failed_names
    ]

    for msg in failures:
        print(f"FAIL {msg}", file=sys.stderr)

    if args.check:
        for msg in mismatches:
            print(f"MISMATCH {msg}", file=sys.stderr)
        for p in stale:
            print(f"STALE {p.name}", file=sys.stderr)
        ok = not (failures or mismatches or stale)
        print(
            f"checked {len(fixtures)} fixtures: "
            + ("OK" if ok else f"{len(failures)} failed, {len(mismatches)} "
               f"mismatched, {len(stale)} stale")
        )
        return 0 if ok else 1

    for p in stale:
        p.unlink()
        print(f"deleted stale {p.name}")
    print(f"{len(fixtures)} fixtures, {written} outputs written, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
