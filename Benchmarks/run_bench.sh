#!/usr/bin/env bash
# Times running the graph (issue 4's goals) and prints the figures:
#
# 1. Weir's own time per model, beyond the warehouse's. `weir run` with one thread on a
#    gen_project.py project (../shared/bench), once on SQLite and once on PostgreSQL: each run's
#    wall time is split with target/run_results.json into the time before the first node (start,
#    parse, connect, catalog), compiling and planning nodes, running their statements, between
#    nodes and after the last one (artifacts). The statements of the last run (target/run/) are
#    then replayed, in the same order, with sqlite3 / psql -f: the warehouse's own time.
#    Overhead per model = (wall - on-run-start hook - replay) / models; the goal is under 2 ms.
#    dbt-core runs the same project (dbt-postgres from DBT_VENV, dbt-sqlite from DBT_SQLITE_VENV).
# 2. Seed loading: a generated CSV (SEED_ROWS rows, 8 columns: integers, decimals, dates,
#    timestamps, booleans, text with commas and quotes) through `weir seed` on PostgreSQL (COPY)
#    and SQLite, psql's `\copy` into a table of the same types (the goal: Weir within 1.5x),
#    and `dbt seed`.
#
# Every measurement is the median of REPS runs (default 3). The PostgreSQL parts need a server
# named by PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE; a throwaway one:
#
#   Scripts/with_postgres.sh Benchmarks/run_bench.sh [MODELS...]     # default: 500 2000
#
# WEIR=path/to/weir skips building; ADAPTERS=postgres (or sqlite) runs part 1 on one warehouse;
# DBT_VENV=none / DBT_SQLITE_VENV=none skip dbt; SEED_ROWS=0 skips part 2; `none` as the only
# argument skips part 1. It drops and recreates, on the PostgreSQL server, only the
# schemas it uses: bench, raw_<system> (gen_project.py's), seed_bench and seed_bench_psql.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
GEN=${GEN:-$ROOT/../shared/bench/gen_project.py}
DBT_VENV=${DBT_VENV:-/work/dbt-venv}
DBT_SQLITE_VENV=${DBT_SQLITE_VENV:-/work/example-venv-sqlite}
REPS=${REPS:-3}
ADAPTERS=${ADAPTERS:-sqlite postgres}
SEED_ROWS=${SEED_ROWS:-200000}
if [ -z "${WEIR:-}" ]; then
    swift build -c release --static-swift-stdlib --product weir >/dev/null
    WEIR=$ROOT/.build/release/weir
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
HAVE_PG=0
if [ -n "${PGHOST:-}" ] && psql -X -q -c 'select 1' >/dev/null 2>&1; then HAVE_PG=1; fi
[ "$HAVE_PG" = 1 ] || echo "(no PostgreSQL server in PGHOST...: PostgreSQL measurements skipped)"

# The number crunching, in Python: run_results phases, medians, replay scripts, the CSV.
cat >"$WORK/bench.py" <<'PY'
import csv, json, os, random, statistics, sys
from datetime import datetime, timedelta

def ts(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()

def phases(results_path, started, ended):
    """wall, before, hooks, compile, statements, between, after (seconds) of one run."""
    doc = json.load(open(results_path))
    hooks = compile_ = execute = 0.0
    first, last = float("inf"), 0.0
    for result in doc["results"]:
        timing = {t["name"]: (ts(t["started_at"]), ts(t["completed_at"])) for t in result["timing"]}
        if not timing:
            continue
        first = min(first, *(s for s, _ in timing.values()))
        last = max(last, *(e for _, e in timing.values()))
        spent = {name: e - s for name, (s, e) in timing.items()}
        if ".on-run-" in result["unique_id"] or result["unique_id"].startswith("operation."):
            hooks += sum(spent.values())
        else:
            compile_ += spent.get("compile", 0.0)
            execute += spent.get("execute", 0.0)
    between = (last - first) - hooks - compile_ - execute
    return [ended - started, first - started, hooks, compile_, execute, between, ended - last]

def replay(project, dialect, out):
    """The statements of the last run, in the order they ran, as one script."""
    doc = json.load(open(os.path.join(project, "target/run_results.json")))
    nodes = json.load(open(os.path.join(project, "target/manifest.json")))["nodes"]
    with open(out, "w") as fh:
        if dialect == "sqlite":
            fh.write("pragma legacy_alter_table = on;\n")  # as Weir's connections (and dbt-sqlite)
        else:
            fh.write("\\set ON_ERROR_STOP 1\n")
        for result in doc["results"]:
            node = nodes[result["unique_id"]]
            if node["resource_type"] == "operation":
                continue  # the on-run-start hook's time is taken from run_results instead
            path = os.path.join(project, "target/run", node["package_name"], node["original_file_path"])
            if os.path.isfile(path):
                fh.write(open(path).read() + "\n")

def seed_csv(path, rows):
    rng = random.Random(4)
    words = ["alpha", "beta, gamma", 'say "hi"', "o'brien", "a, \"b\", c", "plain text", "ünïcode"]
    day0 = datetime(2020, 1, 1)
    with open(path, "w", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["id", "customer_id", "amount", "rate", "order_date", "created_at", "is_paid", "note"])
        for i in range(1, rows + 1):
            moment = day0 + timedelta(seconds=rng.randrange(4 * 365 * 86400))
            out.writerow([
                i, rng.randrange(1, 50000), f"{rng.randrange(0, 10_000_000) / 100:.2f}",
                f"{rng.random():.6f}", moment.strftime("%Y-%m-%d"), moment.strftime("%Y-%m-%d %H:%M:%S"),
                "true" if rng.random() < 0.5 else "false",
                f"{rng.choice(words)} #{i}, {rng.choice(words)}",
            ])

def median(values):
    return statistics.median(float(v) for v in values)

command, *args = sys.argv[1:]
if command == "phases":
    print(" ".join(f"{v:.4f}" for v in phases(args[0], float(args[1]), float(args[2]))))
elif command == "replay":
    replay(*args)
elif command == "csv":
    seed_csv(args[0], int(args[1]))
elif command == "median":  # median of each column of a whitespace-separated file
    rows = [line.split() for line in open(args[0]) if line.strip()]
    print(" ".join(f"{median(column):.4f}" for column in zip(*rows)))
PY
py() { python3 "$WORK/bench.py" "$@"; }

now() { date +%s.%N; }
# timed LOG command...: runs the command (output to LOG), appends "start end" to $WORK/span.
timed() {
    local log=$1; shift
    local start end
    start=$(now)
    "$@" >"$log" 2>&1 || { tail -30 "$log"; echo "failed: $*" >&2; exit 1; }
    end=$(now)
    echo "$start $end" >"$WORK/span"
}
# repeat FILE command...: REPS timed runs, the wall seconds of each appended to FILE.
repeat() {
    local file=$1; shift
    : >"$file"
    for _ in $(seq "$REPS"); do
        timed "$WORK/log" "$@"
        awk '{ printf "%.4f\n", $2 - $1 }' "$WORK/span" >>"$file"
    done
}
row() { printf '  %-58s %10s %s\n' "$1" "$2" "${3:-}"; }
secs() { awk -v s="$1" 'BEGIN { printf "%.2f s", s }'; }
per_model() { awk -v s="$1" -v n="$2" 'BEGIN { printf "%6.2f ms/model", s * 1000 / n }'; }

PG_SCHEMAS="bench raw_app raw_billing raw_crm raw_inventory raw_marketing raw_support seed_bench seed_bench_psql"
drop_pg_schemas() {
    [ "$HAVE_PG" = 1 ] || return 0
    for schema in $PG_SCHEMAS; do psql -X -q -c "drop schema if exists $schema cascade" 2>/dev/null; done
}

echo "weir: $WEIR ($(cd "$ROOT" && git rev-parse --short HEAD)); $(nproc) cores; median of $REPS runs"

# ---------------------------------------------------------------- 1. running the graph

run_graph() { # models adapter
    local models=$1 adapter=$2 project=$WORK/$2-$1 runs=$WORK/runs replays=$WORK/replays dbts=$WORK/dbt
    python3 "$GEN" --models "$models" --adapter "$adapter" --out "$project" >/dev/null
    sed -i 's/threads: [0-9]*/threads: 1/' "$project/profiles.yml"
    [ "$adapter" = postgres ] && drop_pg_schemas
    cd "$project"
    timed "$WORK/log" "$WEIR" seed --profiles-dir .
    timed "$WORK/log" "$WEIR" run --profiles-dir .
    local first
    first=$(awk '{ print $2 - $1 }' "$WORK/span")
    : >"$runs"
    for _ in $(seq "$REPS"); do
        timed "$WORK/log" "$WEIR" run --profiles-dir .
        # shellcheck disable=SC2046
        py phases target/run_results.json $(cat "$WORK/span") >>"$runs"
    done
    py replay "$project" "$adapter" "$WORK/replay.sql"
    if [ "$adapter" = sqlite ]; then
        repeat "$replays" sh -c "sqlite3 -bail warehouse.db <'$WORK/replay.sql'"
    else
        repeat "$replays" psql -X -q -f "$WORK/replay.sql"
    fi
    local dbt_venv=$DBT_VENV dbt_name=dbt-postgres
    [ "$adapter" = sqlite ] && dbt_venv=$DBT_SQLITE_VENV dbt_name=dbt-sqlite
    : >"$dbts"
    if [ -x "$dbt_venv/bin/dbt" ]; then
        timed "$WORK/log" "$dbt_venv/bin/dbt" parse --profiles-dir .  # partial parsing for the runs
        repeat "$dbts" "$dbt_venv/bin/dbt" run --profiles-dir .
    fi
    cd "$ROOT"

    read -r wall before hooks compile statements between after <<<"$(py median "$runs")"
    local replay
    replay=$(py median "$replays")
    echo
    echo "== weir run, $models models on $adapter, 1 thread (re-run over built relations)"
    row "wall time" "$(secs "$wall")"
    row "  start, parse, connect, read catalog" "$(secs "$before")" "$(per_model "$before" "$models")"
    row "  on-run-start hook (creates the source tables)" "$(secs "$hooks")"
    row "  compile and plan the nodes" "$(secs "$compile")" "$(per_model "$compile" "$models")"
    row "  run the nodes' statements" "$(secs "$statements")" "$(per_model "$statements" "$models")"
    row "  between nodes (reporting, catalog upkeep)" "$(secs "$between")" "$(per_model "$between" "$models")"
    row "  after the last node (artifacts)" "$(secs "$after")" "$(per_model "$after" "$models")"
    row "the same statements replayed ($([ "$adapter" = sqlite ] && echo sqlite3 || echo psql -f))" "$(secs "$replay")" \
        "$(per_model "$replay" "$models")"
    row "overhead: (wall - hook - replay) / models" "" \
        "$(awk -v w="$wall" -v h="$hooks" -v r="$replay" -v n="$models" 'BEGIN { printf "%6.2f ms/model", (w - h - r) * 1000 / n }')"
    row "  outside statements: (wall - hook - statements) / models" "" \
        "$(awk -v w="$wall" -v h="$hooks" -v s="$statements" -v n="$models" 'BEGIN { printf "%6.2f ms/model", (w - h - s) * 1000 / n }')"
    row "weir run on an empty warehouse (one run)" "$(secs "$first")"
    if [ -s "$dbts" ]; then
        local dbt
        dbt=$(py median "$dbts")
        row "$dbt_name dbt run (partial parsing on)" \
            "$(secs "$dbt") ($(awk -v d="$dbt" -v w="$wall" 'BEGIN { printf "%.1fx", d / w }'))"
    fi
}

MODELS=("${@:-500 2000}")
if [ "${MODELS[*]}" != none ]; then
    for models in ${MODELS[*]}; do
        for adapter in $ADAPTERS; do
            if [ "$adapter" = postgres ] && [ "$HAVE_PG" != 1 ]; then continue; fi
            run_graph "$models" "$adapter"
        done
    done
fi

# ---------------------------------------------------------------- 2. seed loading

[ "$SEED_ROWS" -gt 0 ] || exit 0
SEEDS=$WORK/seeds
mkdir -p "$SEEDS/seeds"
py csv "$SEEDS/seeds/big.csv" "$SEED_ROWS"
cat >"$SEEDS/dbt_project.yml" <<EOF
name: seed_bench
version: "1.0.0"
config-version: 2
profile: seed_bench
seed-paths: ["seeds"]
EOF
cat >"$SEEDS/profiles.yml" <<EOF
seed_bench:
  target: postgres
  outputs:
    postgres:
      type: postgres
      host: "{{ env_var('PGHOST', '127.0.0.1') }}"
      port: "{{ env_var('PGPORT', '5432') | as_number }}"
      user: "{{ env_var('PGUSER', 'postgres') }}"
      password: "{{ env_var('PGPASSWORD', '') }}"
      dbname: "{{ env_var('PGDATABASE', 'postgres') }}"
      schema: seed_bench
      threads: 1
    sqlite:
      type: sqlite
      threads: 1
      database: database
      schema: main
      schemas_and_paths:
        main: "$SEEDS/seed.db"
      schema_directory: "$SEEDS"
EOF
echo
echo "== seed loading: $SEED_ROWS rows x 8 columns ($(du -h "$SEEDS/seeds/big.csv" | cut -f1)B CSV); median of $REPS loads of an existing table"
rate() { # label seconds [reference seconds]
    local ratio=""
    [ -n "${3:-}" ] && ratio=$(awk -v s="$2" -v r="$3" 'BEGIN { printf " (%.2fx psql)", s / r }')
    printf '  %-38s %9.2f s %12s rows/s%s\n' "$1" "$2" \
        "$(awk -v s="$2" -v n="$SEED_ROWS" 'BEGIN { printf "%d", n / s }')" "$ratio"
}
cd "$SEEDS"
if [ "$HAVE_PG" = 1 ]; then
    drop_pg_schemas
    timed "$WORK/log" "$WEIR" seed --profiles-dir .  # creates the table; the timed loads reuse it
    repeat "$WORK/weir_pg" "$WEIR" seed --profiles-dir .
    # psql \copy into a table with the very column types Weir declared.
    columns=$(psql -X -At -c "select string_agg(format('%I %s', column_name, format_type(atttypid, atttypmod)), ', ' order by attnum)
        from information_schema.columns c join pg_attribute a
          on a.attrelid = 'seed_bench.big'::regclass and a.attname = c.column_name
        where table_schema = 'seed_bench' and table_name = 'big'")
    psql -X -q -c "create schema seed_bench_psql" -c "create table seed_bench_psql.big ($columns)"
    repeat "$WORK/psql" psql -X -q -v ON_ERROR_STOP=1 -c "truncate seed_bench_psql.big" \
        -c "\\copy seed_bench_psql.big from '$SEEDS/seeds/big.csv' csv header"
    psql_time=$(py median "$WORK/psql")
    echo "  column types: $columns"
    rate "psql \\copy ... csv header" "$psql_time"
    rate "weir seed (PostgreSQL, COPY)" "$(py median "$WORK/weir_pg")" "$psql_time"
    if [ -x "$DBT_VENV/bin/dbt" ]; then
        repeat "$WORK/dbt_pg" "$DBT_VENV/bin/dbt" seed --profiles-dir .
        rate "dbt-postgres dbt seed" "$(py median "$WORK/dbt_pg")" "$psql_time"
    fi
fi
timed "$WORK/log" "$WEIR" seed --profiles-dir . --target sqlite
repeat "$WORK/weir_sqlite" "$WEIR" seed --profiles-dir . --target sqlite
rate "weir seed (SQLite)" "$(py median "$WORK/weir_sqlite")"
if [ -x "$DBT_SQLITE_VENV/bin/dbt" ]; then
    repeat "$WORK/dbt_sqlite" "$DBT_SQLITE_VENV/bin/dbt" seed --profiles-dir . --target sqlite
    rate "dbt-sqlite dbt seed" "$(py median "$WORK/dbt_sqlite")"
fi
cd "$ROOT"
drop_pg_schemas
