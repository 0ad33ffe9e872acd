#!/usr/bin/env bash
# Usage: Scripts/with_postgres.sh COMMAND [ARG...]
#
# Runs COMMAND against a throwaway PostgreSQL server: initdb into a temporary directory, listen
# on 127.0.0.1 only (a random free port, unix sockets inside the directory), require
# scram-sha-256 passwords over TCP (so a wrong password is really refused), create a superuser
# `weir` with a random password and a database `weir_test`. COMMAND sees the server through
#   WEIR_TEST_PGHOST, WEIR_TEST_PGPORT, WEIR_TEST_PGUSER, WEIR_TEST_PGPASSWORD, WEIR_TEST_PGDATABASE
# (PostgresWarehouseTests) and the same values as PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE
# (the example project's `postgres` target, psql). The server is stopped and the directory
# removed when the script exits, whether COMMAND succeeds, fails or is interrupted.
# The exit status is COMMAND's.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 64
fi

# The server binaries: the installation pg_config names, then Debian's versioned directories
# (newest first), then PATH.
find_bindir() {
    local candidate
    if command -v pg_config >/dev/null 2>&1; then
        candidate="$(pg_config --bindir 2>/dev/null || true)"
        if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
            echo "$candidate"
            return
        fi
    fi
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
            echo "$candidate"
            return
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    return 1
}

if ! BINDIR="$(find_bindir)"; then
    echo "with_postgres.sh: no PostgreSQL server binaries (initdb, pg_ctl) found;" \
        "install the 'postgresql' package" >&2
    exit 69
fi

# A port nobody listens on now. Another process could take it before the server starts, so
# starting is retried with a new port.
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    else
        echo $((20000 + RANDOM % 40000))
    fi
}

random_hex() {
    od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

WORKDIR="$(mktemp -d "${TMPDIR:-/tmp}/weir-postgres.XXXXXX")"
DATADIR="$WORKDIR/data"
SERVER_STARTED=0

# initdb and the server refuse to run as root: as root, the directory belongs to `postgres` and
# the server tools run as that user.
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        useradd -r -M -d /nonexistent -s /usr/sbin/nologin postgres
    fi
    chown postgres: "$WORKDIR"
    if command -v runuser >/dev/null 2>&1; then
        as_server_user() { (cd "$WORKDIR" && runuser -u postgres -- "$@"); }
    else
        as_server_user() { (cd "$WORKDIR" && setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"); }
    fi
else
    as_server_user() { (cd "$WORKDIR" && "$@"); }
fi

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ "$SERVER_STARTED" -eq 1 ]; then
        as_server_user "$BINDIR/pg_ctl" -D "$DATADIR" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORKDIR"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PASSWORD="$(random_hex 24)"
PWFILE="$WORKDIR/pwfile"
(umask 077 && printf '%s\n' "$PASSWORD" >"$PWFILE")
[ "$(id -u)" -eq 0 ] && chown postgres: "$PWFILE"

# Local (unix socket) connections are trusted: the socket lives in the private temporary
# directory. TCP connections must prove the password with SCRAM.
as_server_user "$BINDIR/initdb" --pgdata="$DATADIR" --username=weir --pwfile="$PWFILE" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
    --no-sync >"$WORKDIR/initdb.log" 2>&1 || {
    cat "$WORKDIR/initdb.log" >&2
    exit 1
}
rm -f "$PWFILE"

cat >"$DATADIR/pg_hba.conf" <<'EOF'
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   scram-sha-256
EOF

# A test server: durability is not needed, speed is.
cat >>"$DATADIR/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORKDIR'
password_encryption = 'scram-sha-256'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF

for attempt in 1 2 3 4 5; do
    PORT="$(free_port)"
    if as_server_user "$BINDIR/pg_ctl" -D "$DATADIR" -l "$WORKDIR/server.log" -o "-p $PORT" -w -t 60 \
        start >/dev/null 2>&1; then
        SERVER_STARTED=1
        break
    fi
done
if [ "$SERVER_STARTED" -ne 1 ]; then
    echo "with_postgres.sh: the PostgreSQL server did not start; its log:" >&2
    cat "$WORKDIR/server.log" >&2 || true
    exit 1
fi

export WEIR_TEST_PGHOST=127.0.0.1
export WEIR_TEST_PGPORT="$PORT"
export WEIR_TEST_PGUSER=weir
export WEIR_TEST_PGPASSWORD="$PASSWORD"
export WEIR_TEST_PGDATABASE=weir_test
export PGHOST="$WEIR_TEST_PGHOST"
export PGPORT="$WEIR_TEST_PGPORT"
export PGUSER="$WEIR_TEST_PGUSER"
export PGPASSWORD="$WEIR_TEST_PGPASSWORD"
export PGDATABASE="$WEIR_TEST_PGDATABASE"

# Over TCP, so the password and the SCRAM setup are checked before COMMAND runs.
"$BINDIR/createdb" --host="$PGHOST" --port="$PGPORT" --username="$PGUSER" weir_test

# Not `exec`: the trap must still stop the server when COMMAND ends.
set +e
"$@"
status=$?
set -e
exit "$status"
