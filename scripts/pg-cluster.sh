# shellcheck shell=bash disable=SC2034
# (SC2034: the PGC_* variables are read by the scripts that source this file.)
# Shared helpers for run.sh and test.sh: a private, local-only PostgreSQL
# cluster started from the distribution's binaries (no system service, no
# Docker). This file is meant to be sourced, not executed:
#
#   source scripts/pg-cluster.sh
#   pgc_setup "$base_dir"          # picks the OS user, owns/creates $base_dir
#   pgc_init                       # initdb if $base_dir/data is not a cluster yet
#   pgc_start 55432 [fast]         # start on 127.0.0.1:<port>, sets PGC_PORT
#   pgc_psql -d postgres -c 'select 1'
#   pgc_create_db employment_dashboard
#   pgc_stop [fast|immediate]
#
# Layout under the base directory (owned by the cluster's OS user, mode 700):
#   data/            the cluster (PGDATA)
#   run/             Unix socket directory (TCP on 127.0.0.1 is what we use)
#   postgresql.log   server log
#
# Security: the cluster listens on 127.0.0.1 only and uses "trust" auth for
# local connections (initdb --auth=trust). Fine for a developer machine or a
# CI container, never for anything reachable from the network.
#
# Running as root: initdb/postgres refuse to run as root, so the server runs
# as the "postgres" OS user (created as a system user if missing) via runuser.
# When not root, the server runs as the current user. In both cases the
# database superuser is named "postgres" (initdb -U postgres), so connection
# strings are the same everywhere.

# Functions return non-zero on failure; callers use `set -e`.

PGC_BINDIR="${PGC_BINDIR:-}"
PGC_OS_USER=""      # OS user the server runs as ("" = current user)
PGC_BASE=""         # base directory (see layout above)
PGC_DATA=""         # $PGC_BASE/data
PGC_PORT=""         # TCP port once started
PGC_STARTED_BY_US=0 # 1 if pgc_start actually launched the server
PGC_DB_SUPERUSER="postgres"

pgc_log() { printf '[pg] %s\n' "$*" >&2; }
pgc_err() { printf '[pg] ERROR: %s\n' "$*" >&2; }

pgc_is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Runs a command as the cluster's OS user (root -> runuser, else directly).
pgc_as_owner() {
    if [[ -n "$PGC_OS_USER" ]]; then
        runuser -u "$PGC_OS_USER" -- "$@"
    else
        "$@"
    fi
}

# Newest /usr/lib/postgresql/<major>/bin that has initdb (Debian layout).
pgc_newest_debian_bindir() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [[ -x "$d/initdb" ]] && printf '%s\n' "$d"
    done | sort -V | tail -n 1
}

# Locates the PostgreSQL server binaries (newest major version wins) and
# installs Debian's "postgresql" package when they are missing.
pgc_find_bindir() {
    if [[ -n "$PGC_BINDIR" && -x "$PGC_BINDIR/initdb" ]]; then
        return 0
    fi
    local dir
    dir="$(pgc_newest_debian_bindir)"
    if [[ -z "$dir" || ! -x "$dir/initdb" ]] && command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir 2>/dev/null || true)"
    fi
    if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
        if ! pgc_is_root; then
            pgc_err "PostgreSQL server binaries (initdb, pg_ctl) not found."
            pgc_err "Install them with:  sudo apt-get update && sudo apt-get install -y postgresql"
            return 1
        fi
        if ! command -v apt-get >/dev/null 2>&1; then
            pgc_err "PostgreSQL server binaries not found and apt-get is unavailable; install PostgreSQL (>= 15) manually."
            return 1
        fi
        pgc_log "PostgreSQL binaries not found; installing Debian package 'postgresql' ..."
        # The package's own "main" cluster/service is irrelevant to us (we never
        # use port 5432); in containers without an init system it just won't start.
        DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
        dir="$(pgc_newest_debian_bindir)"
        if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
            pgc_err "installed 'postgresql' but still cannot find initdb under /usr/lib/postgresql/*/bin"
            return 1
        fi
    fi
    PGC_BINDIR="$dir"
}

# True if something listens on (or otherwise holds) the given local TCP port.
pgc_port_in_use() {
    local port="$1"
    if command -v ss >/dev/null 2>&1; then
        # Any socket bound to the port, except TIME_WAIT leftovers of closed
        # connections (postgres binds with SO_REUSEADDR, so those don't block).
        [[ -n "$(ss -Htan exclude time-wait "( sport = :$port )" 2>/dev/null)" ]]
        return
    fi
    # Fallback: try to connect on IPv4 and IPv6 loopback.
    local host
    for host in 127.0.0.1 ::1; do
        if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
            return 0
        fi
    done
    return 1
}

# Prints the first free port in [start, start+count).
pgc_find_free_port() {
    local start="${1:-55432}" count="${2:-200}" port
    for ((port = start; port < start + count; port++)); do
        if ! pgc_port_in_use "$port"; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    pgc_err "no free TCP port in $start..$((start + count - 1))"
    return 1
}

# True if the cluster OS user can reach (traverse into) the given directory.
pgc_user_can_traverse() {
    local dir="$1"
    if [[ -z "$PGC_OS_USER" ]]; then
        [[ -x "$dir" ]]
    else
        runuser -u "$PGC_OS_USER" -- test -x "$dir" 2>/dev/null
    fi
}

# Decides which OS user runs the server for the cluster in BASE_DIR/data
# (sets PGC_OS_USER). Usage: pgc_choose_user BASE_DIR
# When root: reuses the owner of an existing data dir if that is a non-root
# user, otherwise "postgres" (created as a system user if missing).
# When not root: the current user (PGC_OS_USER="").
pgc_choose_user() {
    local data="$1/data" owner=""
    PGC_OS_USER=""
    pgc_is_root || return 0
    if [[ -e "$data" ]]; then
        owner="$(stat -c %U "$data")"
    fi
    if [[ -z "$owner" || "$owner" == "root" || "$owner" == "UNKNOWN" ]]; then
        owner="postgres"
        if ! id -u postgres >/dev/null 2>&1; then
            pgc_log "creating system user 'postgres' to run the database server"
            useradd --system --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin postgres
        fi
    fi
    PGC_OS_USER="$owner"
}

# Chooses the OS user and prepares the base directory (mode 700, owned by
# that user). Usage: pgc_setup BASE_DIR
# The parent of BASE_DIR must be traversable by the chosen user; check with
# pgc_choose_user + pgc_user_can_traverse first if unsure.
pgc_setup() {
    PGC_BASE="$1"
    PGC_DATA="$PGC_BASE/data"
    pgc_find_bindir
    pgc_choose_user "$PGC_BASE"
    if pgc_is_root; then
        mkdir -p "$PGC_BASE"
        chown "$PGC_OS_USER:" "$PGC_BASE"
        [[ -e "$PGC_DATA" ]] && chown -R "$PGC_OS_USER:" "$PGC_DATA"
        # Leftovers (log/socket dir) may belong to a previous owner.
        [[ -e "$PGC_BASE/postgresql.log" ]] && chown "$PGC_OS_USER:" "$PGC_BASE/postgresql.log"
        [[ -e "$PGC_BASE/run" ]] && chown -R "$PGC_OS_USER:" "$PGC_BASE/run"
    else
        mkdir -p "$PGC_BASE"
        if [[ -e "$PGC_DATA" && ! -O "$PGC_DATA" ]]; then
            pgc_err "$PGC_DATA belongs to '$(stat -c %U "$PGC_DATA")', not to you ($(id -un))."
            pgc_err "Run as that user or root, or remove it (the local database is lost): rm -rf '$PGC_BASE'"
            return 1
        fi
    fi
    chmod 700 "$PGC_BASE"
    pgc_as_owner mkdir -p "$PGC_BASE/run"
    pgc_as_owner chmod 700 "$PGC_BASE/run"
}

# Server version of the binaries, e.g. "15.18".
pgc_server_version() {
    "$PGC_BINDIR/postgres" -V | sed -E 's/^[^0-9]*([0-9]+(\.[0-9]+)?).*/\1/'
}

# initdb unless $PGC_DATA already holds a cluster.
pgc_init() {
    if [[ -f "$PGC_DATA/PG_VERSION" ]]; then
        local have want
        have="$(cat "$PGC_DATA/PG_VERSION")"
        want="$(pgc_server_version)"
        want="${want%%.*}"
        if [[ "$have" != "$want" ]]; then
            pgc_err "$PGC_DATA was created by PostgreSQL $have but the binaries are version $want."
            pgc_err "Remove it to start fresh (data is lost): rm -rf '$PGC_BASE'"
            return 1
        fi
        return 0
    fi
    if [[ -e "$PGC_DATA" ]] && [[ -n "$(ls -A "$PGC_DATA" 2>/dev/null)" ]]; then
        pgc_err "$PGC_DATA exists, is not empty and is not a PostgreSQL cluster; remove it: rm -rf '$PGC_DATA'"
        return 1
    fi
    # A UTF-8 locale keeps upper()/lower()/ILIKE working for Cyrillic text
    # (under the plain C locale they only handle ASCII).
    local -a locale_args=(--no-locale)
    local available
    available="$(locale -a 2>/dev/null || true)"
    if grep -qixE 'c\.utf-?8' <<<"$available"; then
        locale_args=(--locale=C.UTF-8)
    elif grep -qixE 'en_US\.utf-?8' <<<"$available"; then
        locale_args=(--locale=en_US.UTF-8)
    else
        pgc_log "warning: no UTF-8 locale found; using the C locale (case-insensitive matching of non-ASCII text will not work)"
    fi
    pgc_log "initialising a new cluster in $PGC_DATA"
    local out
    if ! out="$(pgc_as_owner "$PGC_BINDIR/initdb" -D "$PGC_DATA" -U "$PGC_DB_SUPERUSER" \
        --auth=trust --encoding=UTF8 "${locale_args[@]}" 2>&1)"; then
        printf '%s\n' "$out" >&2
        pgc_err "initdb failed"
        return 1
    fi
    # Our settings live in a file we rewrite at every start (see pgc_start).
    printf "\n# Added by scripts/pg-cluster.sh (rewritten at each start)\ninclude_if_exists = 'local-dev.conf'\n" |
        pgc_as_owner tee -a "$PGC_DATA/postgresql.conf" >/dev/null
}

# Quotes a value for postgresql.conf.
pgc_conf_quote() { printf "'%s'" "${1//\'/\'\'}"; }

# Pid of the running postmaster, or empty.
pgc_running_pid() {
    [[ -f "$PGC_DATA/postmaster.pid" ]] || return 0
    if pgc_as_owner "$PGC_BINDIR/pg_ctl" status -D "$PGC_DATA" >/dev/null 2>&1; then
        head -n 1 "$PGC_DATA/postmaster.pid"
    fi
}

# True if the cluster is running; sets PGC_PORT from postmaster.pid.
pgc_is_running() {
    local pid
    pid="$(pgc_running_pid)"
    [[ -n "$pid" ]] || return 1
    PGC_PORT="$(sed -n 4p "$PGC_DATA/postmaster.pid")"
    return 0
}

# Starts the server on 127.0.0.1:PORT. Usage: pgc_start PORT [fast]
# "fast" disables fsync etc. (for throwaway test clusters only).
# If the port turns out to be taken (race with another process), the next
# free ports are tried; PGC_PORT holds the port actually used.
pgc_start() {
    local port="$1" mode="${2:-}" _
    local conf="$PGC_DATA/local-dev.conf" log="$PGC_BASE/postgresql.log"
    local socket_dir="$PGC_BASE/run"
    # Unix socket paths are limited to ~107 bytes; we connect over TCP anyway,
    # so a too-long path just disables the Unix socket.
    if ((${#socket_dir} + 20 > 107)); then
        socket_dir=""
    fi
    for _ in 1 2 3 4 5; do
        {
            printf 'listen_addresses = %s\n' "$(pgc_conf_quote 127.0.0.1)"
            printf 'port = %s\n' "$port"
            printf 'unix_socket_directories = %s\n' "$(pgc_conf_quote "$socket_dir")"
            if [[ "$mode" == "fast" ]]; then
                printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n'
            fi
        } | pgc_as_owner tee "$conf" >/dev/null
        pgc_log "starting PostgreSQL $(pgc_server_version) on 127.0.0.1:$port (data: $PGC_DATA)"
        if pgc_as_owner "$PGC_BINDIR/pg_ctl" start -D "$PGC_DATA" -l "$log" -w -t 60 -s >/dev/null 2>&1; then
            PGC_PORT="$port"
            PGC_STARTED_BY_US=1
            return 0
        fi
        if tail -n 20 "$log" 2>/dev/null | grep -q 'could not bind\|Address already in use'; then
            pgc_log "port $port was taken meanwhile; trying another one"
            port="$(pgc_find_free_port $((port + 1)))" || return 1
            continue
        fi
        break
    done
    pgc_err "PostgreSQL failed to start; last lines of $log:"
    tail -n 25 "$log" >&2 2>/dev/null || true
    return 1
}

# Waits until the server accepts TCP connections (pg_ctl -w already does
# this; kept for servers we did not start ourselves).
pgc_wait_ready() {
    local i
    for ((i = 0; i < 60; i++)); do
        if "$PGC_BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PGC_PORT" -U "$PGC_DB_SUPERUSER" -d postgres; then
            return 0
        fi
        sleep 0.5
    done
    pgc_err "PostgreSQL on 127.0.0.1:$PGC_PORT is not accepting connections"
    return 1
}

# psql against the running cluster as the DB superuser (over TCP).
pgc_psql() {
    "$PGC_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGC_PORT" -U "$PGC_DB_SUPERUSER" "$@"
}

# Creates a database if it does not exist yet. Usage: pgc_create_db NAME
pgc_create_db() {
    local name="$1" exists
    # psql variables are not interpolated in -c strings, hence stdin.
    exists="$(printf "select 1 from pg_database where datname = :'name';\n" |
        pgc_psql -d postgres -tA -v name="$name")"
    if [[ "$exists" == "1" ]]; then
        pgc_log "database '$name' already exists"
        return 0
    fi
    pgc_log "creating database '$name'"
    "$PGC_BINDIR/createdb" -h 127.0.0.1 -p "$PGC_PORT" -U "$PGC_DB_SUPERUSER" -E UTF8 "$name"
}

# Stops the cluster. Usage: pgc_stop [fast|immediate]
pgc_stop() {
    local mode="${1:-fast}" pid
    [[ -n "$PGC_DATA" && -f "$PGC_DATA/postmaster.pid" ]] || return 0
    pid="$(pgc_running_pid)"
    [[ -n "$pid" ]] || return 0
    pgc_log "stopping PostgreSQL (pid $pid, mode $mode)"
    if ! pgc_as_owner "$PGC_BINDIR/pg_ctl" stop -D "$PGC_DATA" -m "$mode" -w -t 60 -s >/dev/null 2>&1; then
        pgc_err "pg_ctl stop failed; killing postmaster pid $pid"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    PGC_STARTED_BY_US=0
}
