#!/usr/bin/env bash
# shellcheck disable=SC2317  # functions below are invoked from traps
# Runs EmploymentDashboard locally: http://localhost:5080
#
#   ./run.sh                      # private PostgreSQL under .data/, demo data
#   ConnectionStrings__Dashboard='Host=...;Database=...;Username=...;Password=...' ./run.sh
#
# Environment:
#   ConnectionStrings__Dashboard   if set, used as is and no local cluster is
#                                  started (the database must already exist).
#   DASHBOARD_PORT                 HTTP port (default 5080).
#   ASPNETCORE_ENVIRONMENT         default Development.
#   Dashboard__ApplyMigrationsOnStartup, Dashboard__SeedDemoDataIfEmpty
#                                  default true.
#   Dashboard__CreateDemoAccounts  default true in Development (demo sign-ins).
#   Import__PseudonymKey           secret key of the IIN pseudonyms (base64, 32+
#                                  bytes); default: generated once into
#                                  .data/pseudonym.key (mode 600) and reused.
#
# Local database (when ConnectionStrings__Dashboard is not set):
#   - cluster in <repo>/.data/pg (data/, run/ = socket dir, postgresql.log),
#     database "employment_dashboard", superuser "postgres", trust auth,
#     listening on 127.0.0.1 only, on the first free port from 55432 up; the
#     port is remembered in .data/pg.port and reused next time if still free.
#   - As root the server runs as OS user "postgres". It must be able to reach
#     <repo>/.data; when a parent directory is not searchable by it (e.g. the
#     repo lives under /root, mode 700), the cluster goes to
#     /var/tmp/employment-dashboard-<hash of repo path> instead (printed at
#     start). We deliberately do not chmod the user's directories.
#   - Lifetime: "last one out turns off the lights". Every run.sh using the
#     local cluster registers its pid in .data/pg.users/; on exit (Ctrl-C,
#     SIGTERM, app exit or error) it unregisters and stops the cluster unless
#     another live run.sh (e.g. DASHBOARD_PORT=5081 ./run.sh) still uses it.
#     A cluster that is already running is reused, whoever started it (e.g.
#     left behind by a run.sh killed with -9), and is therefore also stopped
#     when the last run.sh exits. Start/stop are serialised with flock.
#   - To reset: stop run.sh, then rm -rf .data (and the /var/tmp dir if used).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"

log() { printf '[run] %s\n' "$*" >&2; }
die() { printf '[run] ERROR: %s\n' "$*" >&2; exit 1; }

if ! command -v dotnet >/dev/null 2>&1; then
    echo "run.sh: 'dotnet' was not found on PATH; install the .NET 10 SDK (https://dotnet.microsoft.com/download) and retry." >&2
    exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# shellcheck source=scripts/pg-cluster.sh
source "$repo/scripts/pg-cluster.sh"

app_port="${DASHBOARD_PORT:-5080}"
app_url="http://localhost:$app_port"
web_project="$repo/src/EmploymentDashboard.Web/EmploymentDashboard.Web.csproj"
db_name="employment_dashboard"
state_dir="$repo/.data"
port_file="$state_dir/pg.port"
users_dir="$state_dir/pg.users" # one file per run.sh using the local cluster (named by pid)
lock_file="$state_dir/pg.lock"

if pgc_port_in_use "$app_port"; then
    die "port $app_port is already in use (another ./run.sh or app?). Stop it, or choose another port: DASHBOARD_PORT=5081 ./run.sh"
fi

app_pid=""
using_local_cluster=0

# Serialises cluster start/stop between concurrent run.sh (fd 9).
lock_cluster() {
    command -v flock >/dev/null 2>&1 || return 0
    exec 9>>"$lock_file"
    flock -w 120 9 || log "warning: could not lock $lock_file; continuing"
}
unlock_cluster() {
    command -v flock >/dev/null 2>&1 || return 0
    flock -u 9 2>/dev/null || true
    exec 9>&-
}

# True if the pid belongs to a live run.sh process.
is_live_run_sh() {
    local pid="$1"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
        tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'run\.sh'
}

# Prints the pids of the other live run.sh using the cluster; removes stale entries.
other_users() {
    local f pid
    for f in "$users_dir"/*; do
        [[ -e "$f" ]] || continue
        pid="${f##*/}"
        [[ "$pid" == "$$" ]] && continue
        if is_live_run_sh "$pid"; then
            printf '%s ' "$pid"
        else
            rm -f "$f"
        fi
    done
}

stop_app() {
    [[ -n "$app_pid" ]] || return 0
    if kill -0 "$app_pid" 2>/dev/null; then
        log "stopping the app (pid $app_pid)"
        kill -TERM "$app_pid" 2>/dev/null || true
        local i
        for ((i = 0; i < 60; i++)); do
            kill -0 "$app_pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$app_pid" 2>/dev/null; then
            log "app did not stop within 30 s; killing it"
            kill -KILL "$app_pid" 2>/dev/null || true
        fi
    fi
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
}

stop_cluster() {
    [[ "$using_local_cluster" == 1 ]] || return 0
    using_local_cluster=0
    lock_cluster
    rm -f "$users_dir/$$"
    local others
    others="$(other_users)"
    if [[ -n "$others" ]]; then
        log "PostgreSQL on 127.0.0.1:$PGC_PORT is still used by run.sh pid(s) ${others% }; leaving it running"
    else
        pgc_stop fast
    fi
    unlock_cluster
}

on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    stop_app
    stop_cluster
    exit "$rc"
}

on_signal() {
    log "received SIG$1, shutting down"
    trap - INT TERM # a second Ctrl-C interrupts the graceful shutdown
    stop_app
    [[ "$1" == INT ]] && exit 130
    exit 143
}

trap on_exit EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM

start_local_database() {
    pgc_find_bindir
    mkdir -p "$state_dir"
    local base="$state_dir/pg"
    pgc_choose_user "$base"
    if ! pgc_user_can_traverse "$state_dir"; then
        local hash
        hash="$(printf '%s' "$repo" | sha256sum | cut -c1-12)"
        base="/var/tmp/employment-dashboard-$hash"
        log "OS user '$PGC_OS_USER' cannot reach $state_dir (a parent directory is not searchable),"
        log "so the database cluster lives in $base"
        # /var/tmp is world-writable: refuse a path someone else prepared.
        if [[ -L "$base" ]] || { [[ -e "$base" ]] && [[ "$(stat -c %U "$base")" != "$PGC_OS_USER" ]]; }; then
            die "$base exists but is a symlink or not owned by '$PGC_OS_USER'; remove it and retry"
        fi
        pgc_choose_user "$base"
    fi
    pgc_setup "$base"

    lock_cluster
    # From here on, on_exit unregisters us and stops the cluster if we are
    # the last user (also when something below fails).
    mkdir -p "$users_dir"
    : >"$users_dir/$$"
    using_local_cluster=1
    if pgc_is_running; then
        local others
        others="$(other_users)"
        log "PostgreSQL is already running on 127.0.0.1:$PGC_PORT${others:+ (also used by run.sh pid(s) ${others% })}; reusing it"
        pgc_wait_ready
    else
        pgc_init
        local port="" saved=""
        [[ -f "$port_file" ]] && saved="$(tr -dc '0-9' <"$port_file")"
        if [[ -n "$saved" ]]; then
            if pgc_port_in_use "$saved"; then
                log "remembered port $saved is taken now; choosing another"
            else
                port="$saved"
            fi
        fi
        [[ -n "$port" ]] || port="$(pgc_find_free_port 55432)"
        pgc_start "$port"
    fi
    unlock_cluster
    printf '%s\n' "$PGC_PORT" >"$port_file"
    pgc_create_db "$db_name"
    export ConnectionStrings__Dashboard="Host=127.0.0.1;Port=$PGC_PORT;Database=$db_name;Username=postgres"
    log "database: $ConnectionStrings__Dashboard"
}

if [[ -n "${ConnectionStrings__Dashboard:-}" ]]; then
    log "using ConnectionStrings__Dashboard from the environment; no local PostgreSQL is started"
else
    start_local_database
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# A small gen0 budget keeps the process's memory low (docs/benchmarks.md); only settable by environment.
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x800000}"
export ASPNETCORE_URLS="$app_url"
export Dashboard__ApplyMigrationsOnStartup="${Dashboard__ApplyMigrationsOnStartup:-true}"
export Dashboard__SeedDemoDataIfEmpty="${Dashboard__SeedDemoDataIfEmpty:-true}"
# The import's pseudonym key: a secret that must stay the same for the same person
# to keep the same id across imports, so it is generated once and kept under .data/.
if [[ -z "${Import__PseudonymKey:-}" ]]; then
    mkdir -p "$state_dir"
    key_file="$state_dir/pseudonym.key"
    if [[ ! -s "$key_file" ]]; then
        (umask 077 && head -c 32 /dev/urandom | base64 > "$key_file")
        log "generated the import's pseudonym key in ${key_file#"$repo"/}"
    fi
    Import__PseudonymKey="$(cat "$key_file")"
    export Import__PseudonymKey
fi
# Demo accounts (one per role, credentials printed by the app) so that one can
# sign in right away; the app honours this only in Development.
if [[ "$ASPNETCORE_ENVIRONMENT" == Development ]]; then
    export Dashboard__CreateDemoAccounts="${Dashboard__CreateDemoAccounts:-true}"
fi

log "building ${web_project#"$repo"/} (Release)"
dotnet build "$web_project" -c Release -nologo || die "build failed"
app_dll="$(dotnet msbuild "$web_project" -nologo -getProperty:TargetPath -p:Configuration=Release)"
[[ -f "$app_dll" ]] || die "built app not found at '$app_dll'"

# Like `dotnet run`, run from the project directory so that the content root
# (appsettings*.json, wwwroot) is the project. The app runs in the background
# so that the traps can stop it (and then the database) on Ctrl-C/SIGTERM.
log "starting the app ($ASPNETCORE_ENVIRONMENT) on $app_url"
(cd "$(dirname "$web_project")" && exec dotnet "$app_dll") &
app_pid=$!

# Announce the URL once the app listens (migrations and seeding run first).
announced=0
for ((i = 0; i < 600; i++)); do
    kill -0 "$app_pid" 2>/dev/null || break
    if pgc_port_in_use "$app_port"; then
        printf '\nDashboard: %s\n(press Ctrl-C to stop)\n\n' "$app_url"
        announced=1
        break
    fi
    sleep 0.5
done
if [[ "$announced" == 0 ]] && kill -0 "$app_pid" 2>/dev/null; then
    printf '\nDashboard: %s (not answering yet; see the log above)\n\n' "$app_url"
fi

app_rc=0
wait "$app_pid" || app_rc=$?
app_pid=""
if [[ "$app_rc" != 0 ]]; then
    log "the app exited with status $app_rc"
fi
exit "$app_rc"
