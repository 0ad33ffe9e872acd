#!/usr/bin/env bash
# Runs the Jinja benchmark for Weir (release build) and Python Jinja2 on the same inputs and
# prints the figures side by side with the speed-up. Usage: Benchmarks/jinja_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product jinja-bench >/dev/null
weir=$(.build/release/jinja-bench "$PWD")
jinja2=$(python3 Benchmarks/jinja2_bench.py "$PWD")
echo "$weir" | grep -E '^fixtures' | sed 's/^/weir   /'
echo "$jinja2" | grep -E '^fixtures' | sed 's/^/jinja2 /'
printf '%-22s %12s %12s %9s\n' measurement weir_ms jinja2_ms speedup
keys=$(echo "$weir" | awk '$1 ~ /_ms$/ {print $1}')
for key in $keys; do
    w=$(echo "$weir" | awk -v k=$key '$1==k {print $2}')
    j=$(echo "$jinja2" | awk -v k=$key '$1==k {print $2}')
    printf '%-22s %12s %12s %8.1fx\n' "$key" "$w" "$j" "$(python3 -c "print($j/$w)")"
done
wb=$(echo "$weir" | awk '$1=="macro_output_bytes" {print $2}')
jb=$(echo "$jinja2" | awk '$1=="macro_output_bytes" {print $2}')
echo "macro file output: weir $wb bytes, jinja2 $jb bytes"
