#!/usr/bin/env bash
# Schema inference against build time (issue 6): on a synthetic SQLite project from
# ../shared/bench/gen_project.py whose every model opts into the column vocabulary
# (column_contract: warn), times `weir compile` and `weir compile --check` on a warehouse
# with its sources and seeds but no model (the difference is inferring every model's columns from empty shadow relations),
# then `weir build` of the same project without the vocabulary.
#
#   Benchmarks/inference_bench.sh [MODELS]     # default 10000; WEIR=path skips the release build
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
GEN=${GEN:-$ROOT/../shared/bench/gen_project.py}
if [ -z "${WEIR:-}" ]; then
    swift build -c release --static-swift-stdlib --product weir >/dev/null
    WEIR=$ROOT/.build/release/weir
fi
MODELS=${1:-10000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

measure() { # label, command...
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >"$WORK/out" 2>"$WORK/err" || [[ $label == "weir build"* ]] || { tail -20 "$WORK/err"; exit 1; }
    read -r seconds kilobytes <"$WORK/time"
    printf '%-52s %9.2f s %7d MiB\n' "$label" "$seconds" $((kilobytes / 1024))
    echo "$seconds" >"$WORK/last"
}

project=$WORK/p
python3 "$GEN" --models "$MODELS" --adapter sqlite --out "$project" >/dev/null
# An untouched copy for the build: a first build creates every file of target/ afresh.
fresh=$WORK/fresh
python3 "$GEN" --models "$MODELS" --adapter sqlite --out "$fresh" >/dev/null
echo "== $MODELS models, SQLite"
# Sources and seeds loaded (the project's on-run-start hook creates the sources), no model built.
"$WEIR" seed --project-dir "$project" --profiles-dir "$project" >/dev/null
# Each command is measured on its second run, so that both find target/ as they left it: the
# first run of a command creates tens of thousands of files there, and creating files right
# after many were deleted costs the file system far more than creating them afresh.
"$WEIR" compile --project-dir "$project" --profiles-dir "$project" >/dev/null
measure "weir compile (no model built)" "$WEIR" compile --project-dir "$project" --profiles-dir "$project"
compile=$(cat "$WORK/last")
# Every model opts in; the vocabulary's one level takes any first part, so nothing but
# inference and the check itself is measured (warnings for parts it does not know go to a file).
cat >"$project/weir.yml" <<'YAML'
column_vocabulary:
  case: any
  levels:
    - name: measure
      stubs: [id, total, row, status, customer, order, amount, quantity]
YAML
sed -i 's/^models:$/models:\n  +column_contract: warn/' "$project/dbt_project.yml"
"$WEIR" compile --check --project-dir "$project" --profiles-dir "$project" >/dev/null 2>&1
measure "weir compile --check (no model built, every model)" "$WEIR" compile --check --project-dir "$project" --profiles-dir "$project"
check=$(cat "$WORK/last")
grep -c "^warning\[W19" "$WORK/err" | sed 's/^/  vocabulary warnings: /' || true
grep -o "Checked the column contracts of [0-9]* models" "$WORK/out" | sed 's/^/  /' || true
measure "weir build (without the vocabulary)" "$WEIR" build --project-dir "$fresh" --profiles-dir "$fresh"
build=$(cat "$WORK/last")
grep -o "Done\..*" "$WORK/out" | sed 's/^/  /' || true
awk -v c="$compile" -v k="$check" -v b="$build" 'BEGIN {
    printf "inference (compile --check minus compile): %.2f s = %.1f%% of the build\n", k - c, 100 * (k - c) / b }'
