#!/usr/bin/env bash
# Usage: Scripts/run_dbt_utils_integration.sh DBT_UTILS [WEIR]
#
# Runs dbt-utils' own integration test project (integration_tests/, which uses the package from
# its parent directory) with Weir on a throwaway PostgreSQL server (Scripts/with_postgres.sh):
# `seed --full-refresh`, `run`, `test`, and prints each command's summary line. DBT_UTILS is a
# checkout of github.com/dbt-labs/dbt-utils or its git directory (HEAD is used; nothing of it is
# kept here). WEIR defaults to the release build. With DBT_VENV set to a virtualenv holding
# dbt-postgres, dbt runs the same commands in another schema for comparison.
# Exit status: 1 when a Weir command failed.
set -euo pipefail
cd "$(dirname "$0")/.."
source=${1:?usage: $0 DBT_UTILS [WEIR]}
weir=${2:-$PWD/.build/release/weir}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in weir dbt; do
    mkdir -p "$work/$tool"
    if [ -d "$source/.git" ] || [ ! -d "$source/integration_tests" ]; then
        git -C "$source" archive HEAD | tar -x -C "$work/$tool"
    else
        cp -R "$source/." "$work/$tool"
    fi
done
cat > "$work/driver.sh" <<DRIVER
set -uo pipefail
export POSTGRES_HOST=\$PGHOST POSTGRES_USER=\$PGUSER DBT_ENV_SECRET_POSTGRES_PASS=\$PGPASSWORD
export POSTGRES_PORT=\$PGPORT POSTGRES_DATABASE=\$PGDATABASE DBT_SEND_ANONYMOUS_USAGE_STATS=false
status=0
cd "$work/weir/integration_tests"
for command in "seed --full-refresh" run test; do
    POSTGRES_SCHEMA=weir_utils "$weir" \$command --profiles-dir . --target postgres > "$work/weir.log" 2>&1 || status=1
    echo "weir \$command: \$(grep -E 'PASS=|Completed|ERROR=' "$work/weir.log" | tail -1)"
done
if [ -n "\${DBT_VENV:-}" ]; then
    cd "$work/dbt/integration_tests"
    "\$DBT_VENV/bin/dbt" deps --profiles-dir . > /dev/null 2>&1
    for command in "seed --full-refresh" run test; do
        POSTGRES_SCHEMA=dbt_utils_ref "\$DBT_VENV/bin/dbt" \$command --profiles-dir . --target postgres > "$work/dbt.log" 2>&1
        echo "dbt  \$command: \$(grep -E 'PASS=' "$work/dbt.log" | tail -1 | sed 's/^[0-9:]* *//')"
    done
    # The compiled SQL of both, the schema names made alike, compared file by file.
    cd "$work"
    total=0; differing=0
    for file in \$(cd dbt/integration_tests/target/compiled && find . -name '*.sql' | sort); do
        total=\$((total + 1))
        ours="weir/integration_tests/target/compiled/\$file"
        if [ ! -f "\$ours" ] || ! diff -q <(sed 's/weir_utils/SCHEMA/g' "\$ours") \\
            <(sed 's/dbt_utils_ref/SCHEMA/g' "dbt/integration_tests/target/compiled/\$file") > /dev/null; then
            differing=\$((differing + 1)); echo "compiled SQL differs: \$file"
        fi
    done
    echo "compiled SQL: \$total files of dbt's, \$differing differ"
fi
exit \$status
DRIVER
bash Scripts/with_postgres.sh bash "$work/driver.sh"
