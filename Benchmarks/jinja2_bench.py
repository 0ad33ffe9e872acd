#!/usr/bin/env python3
"""Python Jinja2's side of the Jinja benchmark: the same inputs and measurements as the Swift
program `jinja-bench` (Benchmarks/JinjaBenchmark/main.swift), under dbt's environment settings.

"Parse" is `env.from_string` with the template cache off, i.e. Jinja2's lex + parse + compile
to Python code: the work Weir's `Environment.parse` replaces.
"""
import json
import os
import sys
import time
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

root = Path(sys.argv[1] if len(sys.argv) > 1 else os.getcwd())
env = SandboxedEnvironment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"], cache_size=0)
repeats = 5

excluded = {
    line for line in (root / "Benchmarks/corpus/excluded_fixtures.txt").read_text().splitlines()
    if line and not line.startswith("#")
}
fixtures = []
fixture_dir = root / "Tests/JinjaTests/Fixtures/conformance"
for path in sorted(fixture_dir.glob("*.jinja")):
    if path.name.startswith("err_") or path.name in excluded:
        continue
    text = path.read_bytes().decode("utf-8")
    head, sep, source = text.partition("\n---\n")
    if not sep:
        continue
    fixtures.append((path.name, source, json.loads(head)))

corpus_dir = root / "Benchmarks/corpus"
macro_source = (corpus_dir / "macros.sql").read_text() + (corpus_dir / "model.sql").read_text()
macro_context = json.loads((corpus_dir / "context.json").read_text())


def best(body):
    fastest = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


parse_fixtures = best(lambda: [env.from_string(source) for _, source, _ in fixtures])
parse_macros = best(lambda: [env.from_string(macro_source) for _ in range(20)]) / 20
templates = [(env.from_string(source), context) for _, source, context in fixtures]


def render_all():
    for template, context in templates:
        template.render(**context)


render_fixtures = best(render_all)
macro_template = env.from_string(macro_source)
macro_output = macro_template.render(**macro_context)
render_macros = best(lambda: [macro_template.render(**macro_context) for _ in range(20)]) / 20

print("engine jinja2")
print(f"fixtures {len(fixtures)}")
print(f"parse_fixtures_ms {parse_fixtures * 1000:.3f}")
print(f"render_fixtures_ms {render_fixtures * 1000:.3f}")
print(f"parse_macro_file_ms {parse_macros * 1000:.3f}")
print(f"render_macro_file_ms {render_macros * 1000:.3f}")
print(f"macro_output_bytes {len(macro_output.encode())}")
for name, source in json.loads((corpus_dir / "micro.json").read_text()).items():
    template = env.from_string(source)
    print(f"micro_{name}_ms {best(template.render) * 1000:.3f}")
