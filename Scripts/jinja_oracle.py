#!/usr/bin/env python3
"""Renders templates with Python's Jinja2 under dbt's settings, for Weir's differential test.

Reads a JSON array of {"source": str, "context": object} on standard input and writes a JSON
array of {"output": str} or {"error": "<ExceptionClass>: <message>"} in the same order.
The environment is dbt's: a SandboxedEnvironment with the `do` and `loopcontrols` extensions.
"""
import json
import sys

from jinja2.sandbox import SandboxedEnvironment


def main() -> int:
    env = SandboxedEnvironment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    cases = json.load(sys.stdin)
    results = []
    for case in cases:
        try:
            results.append({"output": env.from_string(case["source"]).render(**case.get("context", {}))})
        except Exception as error:  # every failure is an answer: the engine must fail too
            results.append({"error": f"{type(error).__name__}: {error}"})
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
