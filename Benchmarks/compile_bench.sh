#!/usr/bin/env bash
# Times `weir parse` and `weir compile` (cold, then warm after editing one model: with the parse
# cache that the previous command left, and without it, `--no-partial-parse`) on synthetic
# projects from ../shared/bench/gen_project.py, and dbt-core on the same files when a virtualenv
# with dbt is given (DBT_VENV, default /work/dbt-venv; dbt compile needs the PostgreSQL server
# named by PGHOST/PGPORT, so only `dbt parse` runs by default). ADAPTER picks the projects'
# adapter (postgres, the default; sqlite or duckdb).
#
#   Benchmarks/compile_bench.sh [MODELS...]        # default: 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
GEN=${GEN:-$ROOT/../shared/bench/gen_project.py}
DBT_VENV=${DBT_VENV:-/work/dbt-venv}
ADAPTER=${ADAPTER:-postgres}
swift build -c release --static-swift-stdlib --product weir >/dev/null
WEIR=$ROOT/.build/release/weir
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

measure() { # label, command...
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err"; exit 1; }
    read -r seconds kilobytes <"$WORK/time"
    printf '%-44s %8.2f s %8d MiB\n' "$label" "$seconds" $((kilobytes / 1024))
}

for models in "${@:-1000 10000}"; do
    for n in $models; do
        project=$WORK/p$n
        python3 "$GEN" --models "$n" --adapter "$ADAPTER" --out "$project" >/dev/null
        echo "== $n models ($(find "$project/models" -name '*.sql' | wc -l) model files)"
        measure "weir parse (cold)" "$WEIR" parse --project-dir "$project" --profiles-dir "$project"
        rm -rf "$project/target"
        measure "weir compile (cold)" "$WEIR" compile --project-dir "$project" --profiles-dir "$project"
        first=$(find "$project/models" -name '*.sql' | sort | sed -n 1p)
        printf '\n-- edited\n' >>"$first"
        measure "weir compile (after editing one model)" "$WEIR" compile --project-dir "$project" --profiles-dir "$project"
        printf -- '-- edited again\n' >>"$first"
        measure "  the same, --no-partial-parse" "$WEIR" compile --no-partial-parse --project-dir "$project" --profiles-dir "$project"
        measure "weir parse (nothing changed)" "$WEIR" parse --project-dir "$project" --profiles-dir "$project"
        measure "  once more (restored: the parse snapshot)" "$WEIR" parse --project-dir "$project" --profiles-dir "$project"
        measure "  the same, --no-partial-parse" "$WEIR" parse --no-partial-parse --project-dir "$project" --profiles-dir "$project"
        if [ -x "$DBT_VENV/bin/dbt" ]; then
            (cd "$project" && measure "dbt parse --no-partial-parse" "$DBT_VENV/bin/dbt" parse --no-partial-parse --profiles-dir .)
        fi
    done
done
