#!/usr/bin/env bash
# Fuzzes the Jinja lexer, parser and renderer with libFuzzer (shipped with the Swift toolchain),
# seeded with the conformance fixtures. Usage: Scripts/fuzz_jinja.sh [seconds, default 300]
# Crashing inputs are written to fuzz-corpus/crashes/; replay one with
# `swift run jinja-fuzz fuzz-corpus/crashes/<file>`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
swift build -c release --scratch-path .build-fuzz --product jinja-fuzz \
    -Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
mkdir -p fuzz-corpus/seeds fuzz-corpus/work fuzz-corpus/crashes
for f in Tests/JinjaTests/Fixtures/conformance/*.jinja; do
    sed '1,/^---$/d' "$f" > "fuzz-corpus/seeds/$(basename "$f")"
done
.build-fuzz/release/jinja-fuzz fuzz-corpus/work fuzz-corpus/seeds \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=fuzz-corpus/crashes/ -print_final_stats=1
