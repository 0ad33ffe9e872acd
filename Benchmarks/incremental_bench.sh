#!/usr/bin/env bash
# Times daily incremental runs against full refreshes on PostgreSQL (issue 5) and prints the
# figures. One command, about 10 minutes on 2 cores:
#
#   Benchmarks/incremental_bench.sh          # starts its own throwaway server (Scripts/with_postgres.sh)
#
# 1. Generates a year of web events (2025, 10,948,059 rows; Benchmarks/incremental/generate.sql:
#    deterministic, sessions across midnight, late arrivals) into raw.events, with indexes on
#    event_at and session_id. Not timed.
# 2. Full refresh of each model on its own (`-s model`), REPS times (median), of the project in
#    Benchmarks/incremental/project: `sessions` (open_sessions written as the README and the
#    events fixture write it: `weir.window(...) or session_id in (weir.open_keys())`),
#    `sessions_union` (the same, its keys as a union), `sessions_keyed` (the same, its keys from
#    weir.keys_to_rebuild() and a partial index of the open sessions), `daily_metrics` (microbatch, daily
#    batches, lookback 1) and `sessions_dbt_style` (delete+insert on session_id over a fixed
#    180-day lookback, the way dbt-postgres users write it); with Weir, and with dbt-core for the
#    models dbt can run (dbt-postgres from DBT_VENV; dbt rejects open_sessions).
# 3. DAYS daily loads (append_day.sql: the next day's events and the previous day's late
#    arrivals; not timed), each followed by the daily run of each model with Weir and with dbt:
#    `--event-time-start` the day before the loaded one, `--event-time-end` the end of the
#    loaded day (both tools want the two together; microbatch then builds the two batches its
#    lookback=1 would, and open_sessions' window ends at --event-time-end). Before the first
#    one the models' tables are vacuumed and analyzed (not timed), as autovacuum would have
#    done by the day after a full refresh, and after each day the delete+insert ones, which
#    leave half their rows dead each day; raw.events is not re-analyzed after the loads (a
#    day's load is far below autovacuum's thresholds). Every timed run waits for autovacuum
#    workers to be idle first.
# 4. Checks that every incremental result equals a full refresh of the same data (symmetric
#    EXCEPT ALL empty, same row count): Weir's four models and dbt's two against Weir's full
#    refresh of the final data (the three session models hold the same columns).
#
# Each run is timed from process start to exit. Rows read are the changes of PostgreSQL's
# statistics counters over the run: `source rows` = seq_tup_read + idx_tup_fetch of raw.events
# (rows read from the heap by sequential, index or bitmap scans), `source index entries` = the
# idx_tup_read of its indexes (index-only scans included), and for the daily runs `target` =
# the same two counters of the model's own table.
#
# WEIR=path/to/weir skips building; REPS (default 3) full refreshes per model; DAYS (default 5)
# daily runs; DBT_VENV=none skips dbt; PG_SETTINGS='random_page_cost=1.1 jit=off' sets planner
# settings for the database (PostgreSQL's defaults otherwise); EXPLAIN=1 logs the plans
# (auto_explain with analyze) of the daily runs' statements over 20 ms and prints them at the
# end (the timings are then not comparable). USE_PGHOST=1 uses the server in PGHOST... instead
# of a throwaway one: it drops and recreates the schemas raw, weir, dbt and bench_check there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
if [ -z "${WEIR:-}" ]; then
    swift build -c release --static-swift-stdlib --product weir >/dev/null
    WEIR=$(swift build -c release --show-bin-path)/weir
fi
export WEIR
if ! "$WEIR" run --help 2>&1 | grep -q -- '--event-time-end'; then
    echo "incremental_bench.sh: $WEIR has no --event-time-end (the benchmark's data lies in 2025-2026)" >&2
    exit 1
fi
if [ -z "${USE_PGHOST:-}" ] && [ -z "${INCREMENTAL_BENCH_SERVER:-}" ]; then
    INCREMENTAL_BENCH_SERVER=1 exec Scripts/with_postgres.sh "$0" "$@"
fi
REPS=${REPS:-3}
DAYS=${DAYS:-5}
DBT_VENV=${DBT_VENV:-/work/dbt-venv}
[ "$DBT_VENV" != none ] && [ ! -x "$DBT_VENV/bin/dbt" ] && { echo "(no dbt in $DBT_VENV: dbt skipped)"; DBT_VENV=none; }
BENCH=$ROOT/Benchmarks/incremental
WEIR_MODELS="sessions sessions_union sessions_keyed daily_metrics sessions_dbt_style"
DBT_MODELS="daily_metrics sessions_dbt_style"  # dbt rejects open_sessions
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Each tool gets its own copy of the project, so their target/ directories stay out of the tree.
cp -r "$BENCH/project" "$WORK/weir"
cp -r "$BENCH/project" "$WORK/dbt"
RESULTS=$WORK/results.tsv
: >"$RESULTS"
psql_q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }

# The statistics counters named above: source rows, source index entries, target rows, target
# index entries (0 when the table does not exist).
counters() {
    local schema=$1 table=$2
    sleep 1  # a backend reports its counters when it ends; give the run's backends time to
    psql_q -F ' ' -c "
        with t as (
            select relid, seq_tup_read + coalesce(idx_tup_fetch, 0) as rows from pg_stat_user_tables
        ), i as (
            select relid, sum(idx_tup_read) as entries from pg_stat_user_indexes group by relid
        )
        select
            (select rows from t where relid = 'raw.events'::regclass),
            (select entries from i where relid = 'raw.events'::regclass),
            coalesce((select rows from t where relid = to_regclass('$schema.$table')), 0),
            coalesce((select entries from i where relid = to_regclass('$schema.$table')), 0)"
}

# Waits (up to two minutes) until no autovacuum worker is busy: on two cores, one vacuuming the
# table a full refresh just built, or the 900,000 rows a delete+insert model just deleted, takes
# a core from the run being timed.
quiet() {
    for _ in $(seq 120); do
        [ "$(psql_q -c "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker' and state = 'active'")" = 0 ] && return
        sleep 1
    done
}

# measure TOOL PHASE MODEL SCHEMA COMMAND...: runs COMMAND, appends a line to the results.
measure() {
    local tool=$1 phase=$2 model=$3 schema=$4
    shift 4
    local before after start end
    quiet
    before=$(counters "$schema" "$model")
    start=$(date +%s.%N)
    if ! "$@" >"$WORK/last.log" 2>&1; then
        echo "failed: $*" >&2
        cat "$WORK/last.log" >&2
        exit 1
    fi
    end=$(date +%s.%N)
    after=$(counters "$schema" "$model")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$phase" "$model" "$start" "$end" "$before $after" >>"$RESULTS"
    printf '  %-5s %-22s %-19s %7.2f s\n' "$tool" "$phase" "$model" "$(echo "$end - $start" | bc)"
}

weir() { "$WEIR" "$@" --project-dir "$WORK/weir" --profiles-dir "$WORK/weir" --target weir; }
dbt() {
    "$DBT_VENV/bin/dbt" "$@" --project-dir "$WORK/dbt" --profiles-dir "$WORK/dbt" --target dbt
}

for setting in ${PG_SETTINGS:-}; do
    psql_q -c "alter database $PGDATABASE set ${setting%%=*} = '${setting#*=}'"
done
echo "server: $(psql_q -c 'select version()')"
echo "settings: $(psql_q -c "select string_agg(name || '=' || current_setting(name), ' ' order by name) from pg_settings where name in ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'effective_cache_size', 'random_page_cost', 'jit', 'fsync', 'autovacuum')")"
echo "weir: $WEIR (checkout at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
[ "$DBT_VENV" != none ] && echo "dbt: $("$DBT_VENV/bin/dbt" --version 2>/dev/null | grep -Ei 'installed|postgres:' | tr -s ' ' | tr '\n' ' ')"

echo "generating a year of events (not timed)..."
for schema in weir dbt bench_check; do psql_q -c "drop schema if exists $schema cascade" 2>/dev/null; done
start=$(date +%s)
psql_q -f "$BENCH/generate.sql" >"$WORK/generate.log" 2>&1 || { cat "$WORK/generate.log" >&2; exit 1; }
echo "  $(psql_q -c "select to_char(count(*), 'FM999,999,999') || ' events, ' || to_char(count(distinct session_id), 'FM999,999,999') || ' sessions, ' || min(event_at) || ' to ' || max(event_at) || ', ' || pg_size_pretty(pg_total_relation_size('raw.events')) from raw.events") ($(($(date +%s) - start)) s)"

# The staging view, and a first build of each model (so that each timed full refresh replaces
# an existing table, as a scheduled full refresh does).
weir run -s stg_events >/dev/null
[ "$DBT_VENV" != none ] && dbt run -s stg_events >/dev/null
END0="2026-01-01"
weir run --full-refresh -s $WEIR_MODELS --event-time-start 2025-01-01 --event-time-end "$END0" >/dev/null
[ "$DBT_VENV" != none ] && dbt run --full-refresh -s $DBT_MODELS \
    --event-time-start 2025-01-01 --event-time-end "$END0" >/dev/null

echo "full refreshes of the year, $REPS each:"
for rep in $(seq "$REPS"); do
    for model in $WEIR_MODELS; do
        measure weir full_refresh "$model" weir weir run --full-refresh -s "$model" \
            --event-time-start 2025-01-01 --event-time-end "$END0"
    done
    if [ "$DBT_VENV" != none ]; then
        for model in $DBT_MODELS; do
            measure dbt full_refresh "$model" dbt dbt run --full-refresh -s "$model" \
                --event-time-start 2025-01-01 --event-time-end "$END0"
        done
    fi
done

if [ -n "${EXPLAIN:-}" ]; then
    psql_q -c "alter database $PGDATABASE set session_preload_libraries = 'auto_explain'" \
        -c "alter database $PGDATABASE set auto_explain.log_min_duration = 20" \
        -c "alter database $PGDATABASE set auto_explain.log_analyze = on" \
        -c "alter database $PGDATABASE set auto_explain.log_buffers = on" \
        -c "alter database $PGDATABASE set auto_explain.log_nested_statements = on"
    SERVER_LOG=$(dirname "$(psql_q -c 'show data_directory')")/server.log
    LOG_START=$(stat -c %s "$SERVER_LOG")
fi

for model in $WEIR_MODELS; do psql_q -c "vacuum analyze weir.$model"; done
if [ "$DBT_VENV" != none ]; then for model in $DBT_MODELS; do psql_q -c "vacuum analyze dbt.$model"; done; fi

echo "daily runs:"
for day in $(seq "$DAYS"); do
    loaded=$(psql_q -c "select (date '2025-12-31' + $day)::text")
    end=$(psql_q -c "select (date '2025-12-31' + $day + 1)::text")
    previous=$(psql_q -c "select (date '2025-12-31' + $day - 1)::text")
    inserted=$(psql -X -v ON_ERROR_STOP=1 -v day="$day" -f "$BENCH/append_day.sql" | sed -n 's/^INSERT 0 //p')
    echo " load of $loaded (not timed): $inserted events"
    for model in $WEIR_MODELS; do
        measure weir "daily $loaded" "$model" weir weir run -s "$model" --event-time-start "$previous" --event-time-end "$end"
    done
    if [ "$DBT_VENV" != none ]; then
        for model in $DBT_MODELS; do
            measure dbt "daily $loaded" "$model" dbt dbt run -s "$model" --event-time-start "$previous" --event-time-end "$end"
        done
    fi
    # What autovacuum does in the day between two runs: the delete+insert models leave half
    # their rows dead each day. (The other models change far fewer rows than its thresholds.)
    psql_q -c "vacuum analyze weir.sessions_dbt_style"
    if [ "$DBT_VENV" != none ]; then psql_q -c "vacuum analyze dbt.sessions_dbt_style"; fi
done

if [ -n "${EXPLAIN:-}" ]; then
    for setting in session_preload_libraries auto_explain.log_min_duration auto_explain.log_analyze \
        auto_explain.log_buffers auto_explain.log_nested_statements; do
        psql_q -c "alter database $PGDATABASE reset $setting"
    done
    tail -c +"$((LOG_START + 1))" "$SERVER_LOG" >"$WORK/explain.log"
fi

echo "checking the incremental results against a full refresh of the same data..."
psql_q -c "create schema bench_check"
checks="weir.sessions:sessions weir.sessions_union:sessions weir.sessions_keyed:sessions weir.daily_metrics:daily_metrics weir.sessions_dbt_style:sessions"
[ "$DBT_VENV" != none ] && checks="$checks dbt.sessions_dbt_style:sessions dbt.daily_metrics:daily_metrics"
for check in $checks; do
    relation=${check%%:*}
    psql_q -c "create table bench_check.${relation/./__} as select * from $relation"
done
end=$(psql_q -c "select (date '2025-12-31' + $DAYS + 1)::text")
for model in $WEIR_MODELS; do
    measure weir final_full_refresh "$model" weir weir run --full-refresh -s "$model" \
        --event-time-start 2025-01-01 --event-time-end "$end"
done
for check in $checks; do
    relation=${check%%:*} full=weir.${check##*:}
    copy=bench_check.${relation/./__}
    read -r missing extra incremental refreshed < <(psql_q -F ' ' -c "select
        (select count(*) from (select * from $full except all select * from $copy) as x),
        (select count(*) from (select * from $copy except all select * from $full) as x),
        (select count(*) from $copy), (select count(*) from $full)")
    verdict=identical
    [ "$missing" = 0 ] && [ "$extra" = 0 ] && [ "$incremental" = "$refreshed" ] && [ "$refreshed" != 0 ] || verdict=DIFFERENT
    printf '  %-24s vs full refresh %-20s %s rows vs %s, %s missing, %s extra: %s\n' \
        "$relation" "$full" "$incremental" "$refreshed" "$missing" "$extra" "$verdict"
    echo "$verdict" >>"$WORK/verdicts"
done

python3 - "$RESULTS" <<'PY'
import statistics, sys
rows = []
for line in open(sys.argv[1]):
    tool, phase, model, start, end, counters = line.rstrip("\n").split("\t")
    c = [int(x) for x in counters.split()]
    rows.append(dict(tool=tool, phase=phase, model=model, wall=float(end) - float(start),
                     src=c[4] - c[0], idx=c[5] - c[1], tgt=c[6] - c[2], tgt_idx=c[7] - c[3]))

def med(values):
    return statistics.median(values) if values else None

def fmt(n):
    return f"{n:,}"

print()
print("| tool | model | full refresh (median) | source rows | daily run (median) | source rows | source index entries | target rows + index entries | daily / full |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for tool in ("weir", "dbt"):
    for model in ("sessions", "sessions_union", "sessions_keyed", "daily_metrics", "sessions_dbt_style"):
        full = [r for r in rows if r["tool"] == tool and r["model"] == model and r["phase"] == "full_refresh"]
        daily = [r for r in rows if r["tool"] == tool and r["model"] == model and r["phase"].startswith("daily")]
        if not full or not daily:
            continue
        f, d = med([r["wall"] for r in full]), med([r["wall"] for r in daily])
        print(f"| {tool} | {model} | {f:.2f} s | {fmt(int(med([r['src'] for r in full])))} | {d:.3f} s "
              f"| {fmt(int(med([r['src'] for r in daily])))} | {fmt(int(med([r['idx'] for r in daily])))} "
              f"| {fmt(int(med([r['tgt'] for r in daily])))} + {fmt(int(med([r['tgt_idx'] for r in daily])))} | {100 * d / f:.1f}% |")
for tool, models in (("weir", ("sessions", "daily_metrics")), ("weir", ("sessions_union", "daily_metrics")),
                     ("weir", ("sessions_keyed", "daily_metrics")),
                     ("weir", ("sessions_dbt_style", "daily_metrics")), ("dbt", ("sessions_dbt_style", "daily_metrics"))):
    full = sum(med([r["wall"] for r in rows if r["tool"] == tool and r["model"] == m and r["phase"] == "full_refresh"]) or 0 for m in models)
    daily = sum(med([r["wall"] for r in rows if r["tool"] == tool and r["model"] == m and r["phase"].startswith("daily")]) or 0 for m in models)
    if full and daily:
        print(f"| {tool} | {' + '.join(models)} | {full:.2f} s | | {daily:.3f} s | | | | {100 * daily / full:.1f}% |")
print()
print("each daily run, and the final full refreshes:")
for r in rows:
    if r["phase"].startswith("daily") or r["phase"] == "final_full_refresh":
        # A full refresh replaces the target, whose counters start again: nothing to report.
        target = f"target {fmt(r['tgt']):>10} + {fmt(r['tgt_idx'])}" if r["phase"].startswith("daily") else ""
        print(f"  {r['tool']:5} {r['phase']:19} {r['model']:19} {r['wall']:8.3f} s  source {fmt(r['src']):>11} rows"
              f" {fmt(r['idx']):>11} index entries  {target}")
PY

if [ -n "${EXPLAIN:-}" ]; then
    echo
    echo "plans of the daily runs' statements over 20 ms (auto_explain):"
    cat "$WORK/explain.log"
fi
for setting in ${PG_SETTINGS:-}; do psql_q -c "alter database $PGDATABASE reset ${setting%%=*}"; done
! grep -q DIFFERENT "$WORK/verdicts"
