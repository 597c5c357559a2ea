#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup is invoked from traps
# Runs the whole test suite against a throwaway PostgreSQL cluster.
#
#   ./test.sh                                  # all tests
#   ./test.sh --filter "FullyQualifiedName~Import"   # extra args go to `dotnet test`
#
# Steps: dotnet tool restore; make sure /usr/bin/chromium exists for the
# browser tests (installed with apt-get when missing and running as root;
# otherwise the sudo command to run is printed and the script fails); start a
# private cluster in a mktemp dir on a free 127.0.0.1 port (trust auth, fsync
# off); export
# EMPLOYMENT_DASHBOARD_TEST_DB (admin connection string; the tests create and
# drop their own databases); dotnet test EmploymentDashboard.sln with a TRX
# logger; remove the cluster whatever happened; print "N passed, N failed,
# N skipped" and exit with dotnet test's status (non-zero also when no test
# ran at all).
#
# Environment:
#   EMPLOYMENT_DASHBOARD_TEST_DB  if already set, used as is and no cluster is
#                                 started (e.g. a CI service container).
#   TEST_RESULTS_DIR              where TRX files go (default
#                                 artifacts/test-results, emptied first).
# ConnectionStrings__Dashboard and Dashboard__* are unset so that a
# developer's run.sh settings cannot leak into the tests.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"

log() { printf '[test] %s\n' "$*" >&2; }
die() { printf '[test] ERROR: %s\n' "$*" >&2; exit 1; }

if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: 'dotnet' was not found on PATH; install the .NET 10 SDK (https://dotnet.microsoft.com/download) and retry." >&2
    exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset ConnectionStrings__Dashboard Dashboard__ApplyMigrationsOnStartup Dashboard__SeedDemoDataIfEmpty

# shellcheck source=scripts/pg-cluster.sh
source "$repo/scripts/pg-cluster.sh"

solution="EmploymentDashboard.sln"
results_dir="${TEST_RESULTS_DIR:-$repo/artifacts/test-results}"
tmp_base=""

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n "$tmp_base" ]]; then
        pgc_stop immediate || true
        log "removing the throwaway cluster $tmp_base"
        rm -rf "$tmp_base"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "restoring local .NET tools (dotnet tool restore)"
dotnet tool restore

# tests/EmploymentDashboard.BrowserTests drives Debian's chromium through
# Playwright (which must never download a browser of its own).
chromium=/usr/bin/chromium
if [[ -x "$chromium" ]]; then
    log "browser for the browser tests: $("$chromium" --version 2>/dev/null || echo "$chromium")"
else
    if [[ "$(id -u)" -ne 0 ]]; then
        die "$chromium is missing; the browser tests need Debian's chromium. Install it with: sudo apt-get update && sudo apt-get install -y chromium"
    fi
    command -v apt-get >/dev/null 2>&1 || die "$chromium is missing and apt-get is not available to install it (the browser tests need Debian's chromium)"
    log "$chromium is missing: installing Debian's chromium for the browser tests (apt-get update, apt-get install -y chromium)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update || die "apt-get update failed, so chromium (needed by the browser tests) cannot be installed"
    apt-get install -y chromium || die "apt-get install -y chromium failed; the browser tests cannot run without it"
    [[ -x "$chromium" ]] || die "chromium was installed but $chromium does not exist"
    log "installed $("$chromium" --version 2>/dev/null || echo chromium)"
fi

if [[ -n "${EMPLOYMENT_DASHBOARD_TEST_DB:-}" ]]; then
    log "using EMPLOYMENT_DASHBOARD_TEST_DB from the environment; no cluster is started"
else
    pgc_find_bindir
    tmp_parent="${TMPDIR:-/tmp}"
    pgc_choose_user "$tmp_parent/none" # (no data dir there yet: picks the default user)
    if ! pgc_user_can_traverse "$tmp_parent"; then
        log "OS user '$PGC_OS_USER' cannot reach $tmp_parent; using /var/tmp"
        tmp_parent=/var/tmp
    fi
    tmp_base="$(mktemp -d "$tmp_parent/employment-dashboard-test-pg.XXXXXX")"
    log "starting a throwaway PostgreSQL cluster in $tmp_base"
    pgc_setup "$tmp_base"
    pgc_init
    pgc_start "$(pgc_find_free_port 56432)" fast
    export EMPLOYMENT_DASHBOARD_TEST_DB="Host=127.0.0.1;Port=$PGC_PORT;Username=postgres;Database=postgres"
fi
log "EMPLOYMENT_DASHBOARD_TEST_DB=$EMPLOYMENT_DASHBOARD_TEST_DB"

rm -rf "$results_dir"
mkdir -p "$results_dir"

# Default TRX file names (no LogFileName/LogFilePrefix): with several test
# projects the logger then picks distinct names ("...[1].trx") instead of
# overwriting; every *.trx in the results dir is summed below.
log "running: dotnet test $solution --logger trx --results-directory ${results_dir#"$repo"/} $*"
test_rc=0
dotnet test "$solution" \
    --logger trx \
    --results-directory "$results_dir" \
    "$@" || test_rc=$?

# Sum the <Counters .../> of all TRX files.
trx_attr() { # trx_attr COUNTERS_ELEMENT NAME -> value or 0
    local v
    v="$(sed -nE "s/.*[[:space:]]$2=\"([0-9]+)\".*/\\1/p" <<<"$1")"
    printf '%s\n' "${v:-0}"
}
total=0 executed=0 passed=0 failed=0 skipped=0 trx_count=0
while IFS= read -r -d '' trx; do
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
    [[ -n "$counters" ]] || continue
    trx_count=$((trx_count + 1))
    t="$(trx_attr "$counters" total)"
    e="$(trx_attr "$counters" executed)"
    total=$((total + t))
    executed=$((executed + e))
    passed=$((passed + $(trx_attr "$counters" passed)))
    failed=$((failed + $(trx_attr "$counters" failed) + $(trx_attr "$counters" error) + $(trx_attr "$counters" timeout) + $(trx_attr "$counters" aborted)))
    skipped=$((skipped + t - e))
done < <(find "$results_dir" -name '*.trx' -print0)

log "TRX files: $trx_count in ${results_dir#"$repo"/}"
if ((executed == 0)); then
    log "no test was executed (dotnet test exit status $test_rc) - build failure, wrong filter, or no tests?"
    ((test_rc != 0)) || test_rc=1
    exit "$test_rc"
fi

printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
if ((failed > 0 && test_rc == 0)); then
    test_rc=1
fi
exit "$test_rc"
