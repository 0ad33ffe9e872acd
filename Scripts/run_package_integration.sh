#!/usr/bin/env bash
# Usage: Scripts/run_package_integration.sh PACKAGE [DEPENDENCY...]
#
# Runs a dbt package's own integration test project (PACKAGE/integration_tests, which uses the
# package from its parent directory) with Weir on a throwaway PostgreSQL server
# (Scripts/with_postgres.sh): `seed --full-refresh`, `run`, `test`, printing each command's
# summary line. Measured this way: dbt-labs/dbt-utils, calogica/dbt-date,
# calogica/dbt-expectations with calogica/dbt-date as its DEPENDENCY, and
# dbt-labs/dbt-project-evaluator and dbt-labs/dbt-audit-helper, each with dbt-labs/dbt-utils.
#
# PACKAGE and each DEPENDENCY are checkouts or git directories (HEAD is used; nothing of them is
# kept here). The package's own `packages.yml` (hub packages, which need the network) is replaced
# by `local:` entries for the DEPENDENCY checkouts (and the test project's `package-lock.yml`
# dropped). The profile is integration_tests/profiles.yml,
# else integration_tests/ci/profiles.yml, target `postgres`; the environment variables the
# packages' profiles read (POSTGRES_HOST, POSTGRES_[TEST_]USER, ...) name the throwaway server.
# WEIR is the Weir binary (default: the release build). With DBT_VENV set to a virtualenv holding
# dbt-postgres, dbt runs the same commands in another schema, and the compiled SQL of both is
# compared file by file (schema names made alike).
# KEEP_WORK=1 keeps the working directory (printed first) for a look at both projects.
# Exit status: 1 when a Weir command failed.
set -euo pipefail
cd "$(dirname "$0")/.."
package=${1:?usage: $0 PACKAGE [DEPENDENCY...]}
shift
weir=${WEIR:-$PWD/.build/release/weir}
work=$(mktemp -d)
if [ -n "${KEEP_WORK:-}" ]; then echo "working in $work (kept)"; else trap 'rm -rf "$work"' EXIT; fi

# A checkout's HEAD (or its tree, when it is not a git repository) extracted into a directory.
extract() {
    mkdir -p "$2"
    if git -C "$1" rev-parse --git-dir > /dev/null 2>&1; then
        git -C "$1" archive HEAD | tar -x -C "$2"
    else
        cp -R "$1/." "$2"
    fi
}

for tool in weir dbt; do
    extract "$package" "$work/$tool/package"
    if [ "$#" -gt 0 ]; then
        echo "packages:" > "$work/$tool/package/packages.yml"
        index=0
        for dependency in "$@"; do
            index=$((index + 1))
            extract "$dependency" "$work/$tool/dependency$index"
            echo "  - local: $work/$tool/dependency$index" >> "$work/$tool/package/packages.yml"
        done
    fi
    tests="$work/$tool/package/integration_tests"
    # A lock file pins the hub packages the DEPENDENCY checkouts stand in for.
    if [ "$#" -gt 0 ]; then rm -f "$tests/package-lock.yml"; fi
    if [ ! -f "$tests/profiles.yml" ] && [ -f "$tests/ci/profiles.yml" ]; then
        cp "$tests/ci/profiles.yml" "$tests/profiles.yml"
    fi
done

cat > "$work/driver.sh" <<DRIVER
set -uo pipefail
export POSTGRES_HOST=\$PGHOST POSTGRES_PORT=\$PGPORT POSTGRES_TEST_PORT=\$PGPORT
export POSTGRES_USER=\$PGUSER POSTGRES_TEST_USER=\$PGUSER
export POSTGRES_PASSWORD=\$PGPASSWORD POSTGRES_TEST_PASSWORD=\$PGPASSWORD DBT_ENV_SECRET_POSTGRES_PASS=\$PGPASSWORD
export POSTGRES_DATABASE=\$PGDATABASE POSTGRES_TEST_DATABASE=\$PGDATABASE DBT_SEND_ANONYMOUS_USAGE_STATS=false
status=0
cd "$work/weir/package/integration_tests"
for command in "seed --full-refresh" run test; do
    POSTGRES_SCHEMA=weir_pkg_it POSTGRES_TEST_SCHEMA=weir_pkg_it "$weir" \$command --profiles-dir . --target postgres \\
        > "$work/weir.log" 2>&1 || status=1
    echo "weir \$command: \$(grep -E 'PASS=|Completed|ERROR=' "$work/weir.log" | tail -1)"
done
if [ -n "\${DBT_VENV:-}" ]; then
    cd "$work/dbt/package/integration_tests"
    "\$DBT_VENV/bin/dbt" deps --profiles-dir . > /dev/null 2>&1
    for command in "seed --full-refresh" run test; do
        POSTGRES_SCHEMA=dbt_pkg_it POSTGRES_TEST_SCHEMA=dbt_pkg_it "\$DBT_VENV/bin/dbt" \$command --profiles-dir . \\
            --target postgres > "$work/dbt.log" 2>&1
        echo "dbt  \$command: \$(grep -E 'PASS=' "$work/dbt.log" | tail -1 | sed 's/^[^ ]* *//')"
    done
    # The compiled SQL of both, the schema names made alike, compared file by file. (Two tests
    # whose names hash to the same alias share a file, which then holds whichever was written
    # last: such a file may differ while both tests compile alike.)
    cd "$work"
    total=0; differing=0
    for file in \$(cd dbt/package/integration_tests/target/compiled && find . -name '*.sql' | sort); do
        total=\$((total + 1))
        ours="weir/package/integration_tests/target/compiled/\$file"
        if [ ! -f "\$ours" ] || ! diff -q <(sed 's/weir_pkg_it/SCHEMA/g' "\$ours") \\
            <(sed 's/dbt_pkg_it/SCHEMA/g' "dbt/package/integration_tests/target/compiled/\$file") > /dev/null; then
            differing=\$((differing + 1)); echo "compiled SQL differs: \$file"
        fi
    done
    echo "compiled SQL: \$total files of dbt's, \$differing differ"
fi
exit \$status
DRIVER
bash Scripts/with_postgres.sh bash "$work/driver.sh"
