#!/usr/bin/env bash
# Times the documentation site (issue 7's goals) and prints the figures:
#
# 1. `weir docs generate` on a gen_project.py project (../shared/bench) whose warehouse was
#    built first (`weir build`: seeds, models and tests), so the catalog and the last run are
#    real. Wall time and peak memory: once with --no-partial-parse (everything parsed and
#    compiled, as after a change to a property file or a macro), once as the first after `weir
#    build`, then the median of REPS runs on the unchanged project, split by the times its files
#    were written: until manifest.json (parse, catalog query, compiling every node, the
#    manifest), catalog.json, the site built in memory (data.js and the details chunks) and the
#    site's files written. `weir parse` and `weir compile --no-partial-parse` say what parsing
#    and compiling everything cost. The goal is under 3 s at 10,000 models.
# 2. The site in headless Chromium (Scripts/headless_chromium.py, a fresh browser per run,
#    median of REPS): from navigation start to the load event (data.js read, the overview drawn)
#    and until a search typed right after it shows its hits (the goal: interactive under 2 s),
#    then the time to open a model's page with its compiled SQL, its lineage and the last run's
#    page, each from setting the address to the page drawn.
#
# The warehouse is PostgreSQL when PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE name a server
# (a throwaway one, as below; the bench drops and recreates the schemas bench and raw_<system>
# there), SQLite otherwise. On SQLite, `weir build` of 10,000 models takes a quarter of an hour:
# each new table makes SQLite re-read a schema of thousands of tables.
#
#   Scripts/with_postgres.sh Benchmarks/docs_bench.sh [MODELS]      # default 10000
#
# WEIR=path/to/weir skips building (otherwise a release build in .build-docs-release);
# WEIR_CHROMIUM=path names the browser; KEEP=1 keeps the project and prints where it is.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
GEN=${GEN:-$ROOT/../shared/bench/gen_project.py}
MODELS=${1:-10000}
REPS=${REPS:-3}
if [ -z "${WEIR:-}" ]; then
    swift build -c release --static-swift-stdlib --product weir --scratch-path .build-docs-release >/dev/null
    WEIR=$ROOT/.build-docs-release/release/weir
fi
WORK=$(mktemp -d)
if [ "${KEEP:-0}" = 1 ]; then echo "(project kept in $WORK)"; else trap 'rm -rf "$WORK"' EXIT; fi

cat >"$WORK/bench.py" <<'PY'
import json, os, shutil, statistics, subprocess, sys, time

weir, project, reps, driver = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
target = os.path.join(project, "target")
timer = os.path.exists("/usr/bin/time")

def run(*arguments):
    """Wall seconds and peak memory (MiB, None without /usr/bin/time) of one weir command."""
    command = [weir, *arguments, "--project-dir", project, "--profiles-dir", project]
    if timer:
        command = ["/usr/bin/time", "-f", "%e %M", "-o", os.path.join(project, "time.txt")] + command
    started = time.time()
    result = subprocess.run(command, capture_output=True, text=True)
    ended = time.time()
    if result.returncode != 0:
        sys.exit("weir %s failed:\n%s" % (" ".join(arguments), (result.stdout + result.stderr)[-3000:]))
    memory = None
    if timer:
        memory = int(open(os.path.join(project, "time.txt")).read().split()[-1]) / 1024
    return started, ended, memory

def line(label, seconds, memory=None, note=""):
    text = "%-58s %8.2f s" % (label, seconds)
    if memory is not None:
        text += " %7.0f MiB" % memory
    print(text + ("  " + note if note else ""))

def median_run(label, *arguments, before=lambda: None):
    runs = []
    for _ in range(reps):
        before()
        runs.append(run(*arguments))
    wall = statistics.median(end - start for start, end, _ in runs)
    memory = max(m for _, _, m in runs) if timer else None
    line(label, wall, memory)
    return wall

def mtime(path):
    return os.stat(path).st_mtime_ns / 1e9

for command in ("build",):
    started, ended, _ = run(command)
    line("weir %s (once: the warehouse the catalog reads)" % command, ended - started)
# Parsing and compiling everything, as a changed project would: without the parse snapshot,
# the compiled SQL kept with it, or the compile snapshot.
median_run("weir parse --no-partial-parse", "parse", "--no-partial-parse")
median_run("weir compile --no-partial-parse", "compile", "--no-partial-parse")
median_run("weir docs generate --no-partial-parse (parse and compile everything)", "docs", "generate", "--no-partial-parse")
median_run("weir parse (restored from the parse snapshot)", "parse")

phases = []
for _ in range(reps + 1):
    started, ended, memory = run("docs", "generate")
    site = os.path.join(target, "docs")
    details = [os.path.join(site, "details", name) for name in os.listdir(os.path.join(site, "details"))]
    files = [os.path.join(site, name) for name in ("index.html", "weir-docs.css", "weir-docs.js", "data.js")] + details
    manifest, catalog = mtime(os.path.join(target, "manifest.json")), mtime(os.path.join(target, "catalog.json"))
    first = min(map(mtime, files))
    last = max(map(mtime, files))
    # index.html is written first, once every file of the site is built in memory.
    phases.append((ended - started, memory, manifest - started, catalog - manifest, first - catalog,
                   last - first, ended - last))
# The first run restores the parse `weir build` left and takes the SQL it compiled where its
# answers still hold (not for incremental models, whose relations exist now; the
# --no-partial-parse commands keep nothing); the others find the last one's compiled SQL.
line("weir docs generate, the first after weir build", phases[0][0], phases[0][1])
phases = phases[1:]
wall = statistics.median(p[0] for p in phases)
line("weir docs generate, the project unchanged since the last one", wall, max(p[1] for p in phases) if timer else None)
for index, label in enumerate([
        "  until manifest.json (parse, catalog, compile, manifest)", "  catalog.json",
        "  the site built in memory", "  the site's files written", "  exit"], start=2):
    line(label, statistics.median(p[index] for p in phases))
site = os.path.join(target, "docs")
sizes = {name: os.path.getsize(os.path.join(site, name)) for name in ("data.js", "weir-docs.js")}
chunks = os.listdir(os.path.join(site, "details"))
detail_bytes = sum(os.path.getsize(os.path.join(site, "details", name)) for name in chunks)
print("site: data.js %.1f MB, weir-docs.js %.0f kB, %d details chunks (%.1f MB)" % (
    sizes["data.js"] / 1e6, sizes["weir-docs.js"] / 1e3, len(chunks), detail_bytes / 1e6))

# The model the browser opens: the one with the most parents and children (tests aside), for
# a busy lineage.
document = json.load(open(os.path.join(target, "manifest.json")))
models = [uid for uid in document["nodes"] if uid.startswith("model.")]
def degree(uid):
    around = document["parent_map"].get(uid, []) + document["child_map"].get(uid, [])
    return sum(1 for other in around if not other.startswith("test."))
model = max(sorted(models), key=degree)
name = document["nodes"][model]["name"]

def until(action, condition):
    """An expression: does `action`, then resolves to the milliseconds until `condition` holds
    and a frame is drawn."""
    return """new Promise(function (resolve, reject) {
      const start = performance.now();
      %s;
      (function poll() {
        if (%s) requestAnimationFrame(function () { resolve(performance.now() - start); });
        else if (performance.now() - start > 60000) reject(new Error("timed out"));
        else setTimeout(poll, 2);
      })();
    })""" % (action, condition)

index = "file://" + os.path.join(site, "index.html")
steps = {"timeout": 60, "steps": [
    {"navigate": index},
    {"label": "load", "evaluate": "(function (n) { return n.loadEventEnd || n.loadEventStart || performance.now(); })"
                                  "(performance.getEntriesByType('navigation')[0])"},
    {"click": "#search"},
    {"type": name},
    {"label": "search", "wait_for": "document.querySelector('#search-results a.hit') && performance.now()"},
    {"label": "model", "evaluate": until("location.hash = '#/node/%s'" % model, "document.querySelector('#node-details pre.code')")},
    {"label": "lineage", "evaluate": until("location.hash = '#/lineage/%s'" % model, "document.querySelector('#lineage .lnode')")},
    {"label": "lineage nodes", "evaluate": "document.querySelectorAll('#lineage .lnode').length"},
    {"label": "run", "evaluate": until("location.hash = '#/run'", "document.querySelector('svg.timeline rect.bar')")},
]}
figures = {}
for _ in range(reps):
    result = subprocess.run([sys.executable, driver], input=json.dumps(steps), capture_output=True, text=True)
    report = json.loads(result.stdout or "{}")
    if not report.get("ok"):
        sys.exit("the browser: %s" % (report.get("failure") or result.stderr))
    if report["errors"]:
        print("console errors: %s" % report["errors"])
    for step in report["steps"]:
        if step["label"] in ("load", "search", "model", "lineage", "run", "lineage nodes"):
            figures.setdefault(step["label"], []).append(step["value"])
print("in %s (median of %d, a fresh browser each):" % (report["chromium"], reps))
def ms(label, key):
    print("%-58s %8.0f ms" % (label, statistics.median(figures[key])))
ms("  index.html: navigation start to the load event", "load")
ms("  index.html: navigation start to a search's hits shown", "search")
ms("  a model's page, with its compiled SQL", "model")
ms("  its lineage (%d nodes)" % statistics.median(figures["lineage nodes"]), "lineage")
ms("  the last run's page (%d results)" % len(json.load(open(os.path.join(target, "run_results.json")))["results"]), "run")
PY

ADAPTER=sqlite
if [ -n "${PGHOST:-}" ] && psql -X -q -c 'select 1' >/dev/null 2>&1; then
    ADAPTER=postgres
    for schema in bench raw_app raw_billing raw_crm raw_inventory raw_marketing raw_support; do
        # One relation at a time: dropping a schema of 10,000 tables in one transaction takes
        # more locks than the server's lock table holds.
        psql -X -q -At -c "select format('drop %s if exists %I.%I cascade;', case relkind when 'v' then 'view' else 'table' end, n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '$schema' and c.relkind in ('r', 'v')" \
            | psql -X -q >/dev/null 2>&1 || true
        psql -X -q -c "drop schema if exists $schema cascade" >/dev/null 2>&1
    done
fi
project=$WORK/project
python3 "$GEN" --models "$MODELS" --adapter "$ADAPTER" --out "$project" >/dev/null
echo "== $MODELS models on $ADAPTER, $(nproc) cores; weir $("$WEIR" --version 2>/dev/null || echo "?") at $(git rev-parse --short HEAD)"
python3 "$WORK/bench.py" "$WEIR" "$project" "$REPS" "$ROOT/Scripts/headless_chromium.py"
