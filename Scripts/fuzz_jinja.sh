#!/usr/bin/env bash
# Fuzzes the Jinja lexer, parser and renderer with libFuzzer (shipped with the Swift toolchain),
# seeded with the conformance fixtures. Usage: Scripts/fuzz_jinja.sh [seconds, default 300]
# Crashing inputs are written to fuzz-corpus/crashes/; replay one with
# `swift run jinja-fuzz fuzz-corpus/crashes/<file>`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
scratch=.build-fuzz
flags=(-Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address)
# SwiftPM links executables with a `main` of its own, which clashes with libFuzzer's, so it
# builds the instrumented libraries and swiftc links the fuzz target against them.
swift build -c release --scratch-path "$scratch" --target Jinja "${flags[@]}"
out="$scratch/x86_64-unknown-linux-gnu/release"
swiftc -O -sanitize=fuzzer,address -parse-as-library -DFUZZING -module-name JinjaFuzz \
    -I "$out/Modules" -Xcc -fmodule-map-file="$out/CStackBounds.build/module.modulemap" \
    Fuzz/JinjaFuzz/JinjaFuzz.swift \
    "$out"/Jinja.build/*.o "$out"/Diagnostics.build/*.o "$out"/BigInt.build/*.o "$out"/CStackBounds.build/*.o \
    -o "$scratch/jinja-fuzz"
mkdir -p fuzz-corpus/seeds fuzz-corpus/work fuzz-corpus/crashes
for f in Tests/JinjaTests/Fixtures/conformance/*.jinja; do
    sed '1,/^---$/d' "$f" > "fuzz-corpus/seeds/$(basename "$f")"
done
# Leak reports are off: Foundation's regular-expression caches (used by `urlize`) look like leaks.
ASAN_OPTIONS=detect_leaks=0 "$scratch/jinja-fuzz" fuzz-corpus/work fuzz-corpus/seeds \
    -max_total_time="$seconds" -detect_leaks=0 -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=fuzz-corpus/crashes/ -print_final_stats=1
