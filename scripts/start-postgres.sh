#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the store's test suite.
#
# Installs nothing: it needs Debian's `postgresql` package (apt-get install -y postgresql).
# Runs initdb + pg_ctl as the `postgres` user in a fresh temp dir, so it never touches a
# system cluster, then creates a role and database and prints the line to eval:
#   eval "$(bash scripts/start-postgres.sh)"   # sets PROXYGRAPH_TEST_PG
# Stop it later with: pg_ctl -D "$PGDATA_DIR" stop  (the path is printed on stderr).
set -euo pipefail

PORT="${PROXYGRAPH_PG_PORT:-54329}"
ROLE="proxygraph"
DB="proxygraph_test"
PASSWORD="proxygraph"

bindir=""
for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && bindir="$candidate"
done
if [ -z "$bindir" ]; then
    echo "start-postgres: no PostgreSQL server found; run: apt-get install -y postgresql" >&2
    exit 1
fi

# initdb refuses to run as root, so the cluster belongs to the postgres user.
run_pg() {
    if [ "$(id -u)" = "0" ]; then
        su postgres -s /bin/sh -c "$*"
    else
        sh -c "$*"
    fi
}

# A server already answering on the port (an earlier run) is reused as it is.
if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    echo "start-postgres: reusing the server on 127.0.0.1:$PORT" >&2
    echo "export PROXYGRAPH_TEST_PG=postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
    exit 0
fi

datadir="$(mktemp -d /tmp/proxygraph-pg.XXXXXX)"
[ "$(id -u)" = "0" ] && chown postgres:postgres "$datadir"
run_pg "'$bindir/initdb' -D '$datadir' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
run_pg "'$bindir/pg_ctl' -D '$datadir' -l '$datadir/server.log' -w \
    -o \"-h 127.0.0.1 -p $PORT -k '$datadir' -c fsync=off\" start" >/dev/null
run_pg "'$bindir/psql' -h 127.0.0.1 -p $PORT -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB\" \
    -c \"CREATE DATABASE $DB OWNER $ROLE\"" >/dev/null

echo "start-postgres: server in $datadir on 127.0.0.1:$PORT (stop: su postgres -c '$bindir/pg_ctl -D $datadir stop')" >&2
echo "export PROXYGRAPH_TEST_PG=postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
