#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup is invoked from traps
# Benchmarks the record-level placements export against psql's \copy of the same query, end to end:
#
#   bench/run.sh                    # 10,000,000 rows, 3 runs each, results into docs/benchmarks.md
#   bench/run.sh --rows 1000000     # a quicker run
#   bench/run.sh --runs 5 --no-doc  # more runs; print the results only
#
# Steps: build the web app and the benchmark program (Release); start a throwaway PostgreSQL
# cluster in a mktemp dir on a free 127.0.0.1 port (scripts/pg-cluster.sh, fsync off); migrate and
# load the demo data (`seed-demo`); add synthetic 2025 placements up to N (bench/synthetic-placements.sql);
# start the web app as its own process (Development, demo accounts); then the benchmark program
# (bench/EmploymentDashboard.Bench) signs in as the demo analyst, does a small warm-up export,
# compares the full export with psql's output line by line, and alternates timed runs of psql and
# of the export, sampling the web process's memory. Everything it started is stopped and removed at
# the end, also on failure or Ctrl-C. Exit status: 0 when the rows agree (targets missed or not;
# they are reported), 1 when the export's rows differ from psql's, 2 on errors.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$bench_dir/.." && pwd)"
cd "$repo"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 2; }

rows=10000000
runs=3
write_doc=1
while (($# > 0)); do
  case "$1" in
    --rows) rows="${2:?--rows needs a number}"; shift 2 ;;
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    -h | --help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see bench/run.sh --help)" ;;
  esac
done
[[ "$rows" =~ ^[0-9]+$ && "$rows" -gt 0 ]] || die "--rows must be a positive number"
[[ "$runs" =~ ^[0-9]+$ && "$runs" -gt 0 ]] || die "--runs must be a positive number"
command -v dotnet >/dev/null 2>&1 || die "'dotnet' was not found on PATH; install the .NET 10 SDK"
command -v curl >/dev/null 2>&1 || die "'curl' was not found on PATH"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset ConnectionStrings__Dashboard Dashboard__ApplyMigrationsOnStartup Dashboard__SeedDemoDataIfEmpty Dashboard__CreateDemoAccounts

# shellcheck source=scripts/pg-cluster.sh
source "$repo/scripts/pg-cluster.sh"

tmp_base=""
app_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    log "stopping the web app (pid $app_pid)"
    kill -TERM "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$app_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [[ -n "$tmp_base" ]]; then
    pgc_stop immediate || true
    log "removing $tmp_base"
    rm -rf "$tmp_base"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

web_dll="$repo/src/EmploymentDashboard.Web/bin/Release/net10.0/EmploymentDashboard.Web.dll"
bench_dll="$bench_dir/EmploymentDashboard.Bench/bin/Release/net10.0/EmploymentDashboard.Bench.dll"
log "building the web app and the benchmark program (Release)"
dotnet build "$repo/src/EmploymentDashboard.Web/EmploymentDashboard.Web.csproj" -c Release -nologo -v quiet >&2
dotnet build "$bench_dir/EmploymentDashboard.Bench/EmploymentDashboard.Bench.csproj" -c Release -nologo -v quiet >&2

# A throwaway cluster, as test.sh starts one (as root the server runs as "postgres", which must reach it).
pgc_find_bindir
tmp_parent="${TMPDIR:-/tmp}"
pgc_choose_user "$tmp_parent/none"
if ! pgc_user_can_traverse "$tmp_parent"; then
  tmp_parent=/var/tmp
fi
tmp_base="$(mktemp -d "$tmp_parent/employment-dashboard-bench.XXXXXX")"
pgc_setup "$tmp_base"
pgc_init
pgc_start "$(pgc_find_free_port 57432)" fast
db_name="employment_dashboard_bench"
pgc_create_db "$db_name"
export PGHOST=127.0.0.1 PGPORT="$PGC_PORT" PGUSER="$PGC_DB_SUPERUSER" PGDATABASE="$db_name"

export ConnectionStrings__Dashboard="Host=127.0.0.1;Port=$PGC_PORT;Username=$PGC_DB_SUPERUSER;Database=$db_name"
export ASPNETCORE_ENVIRONMENT=Development Serilog__MinimumLevel__Default="${Serilog__MinimumLevel__Default:-Warning}"
log "migrating and loading the demo data"
dotnet "$web_dll" seed-demo >&2

log "adding synthetic placements up to $rows rows in 2025"
seconds=$SECONDS
pgc_psql -d "$db_name" -v rows="$rows" -f "$bench_dir/synthetic-placements.sql" >/dev/null
query="$(grep -v '^[[:space:]]*--' "$bench_dir/placements-query.sql")"
expected="$(pgc_psql -d "$db_name" -tA -c "SELECT count(*) FROM ($query) q")"
log "the export query selects $expected rows ($((SECONDS - seconds)) s to insert, index and count)"
[[ "$expected" == "$rows" ]] || die "the query selects $expected rows, not $rows"

app_port="$(pgc_find_free_port 58080)"
app_log="$tmp_base/web.log"
log "starting the web app on http://127.0.0.1:$app_port (log: $app_log)"
Dashboard__CreateDemoAccounts=true Dashboard__ExportsPerMinute=1000 \
  DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x800000}" \
  dotnet "$web_dll" --urls "http://127.0.0.1:$app_port" >"$app_log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$app_port/health" 2>/dev/null; then
    break
  fi
  kill -0 "$app_pid" 2>/dev/null || { tail -n 30 "$app_log" >&2; die "the web app exited"; }
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$app_port/health" || { tail -n 30 "$app_log" >&2; die "the web app did not become healthy"; }

machine="$(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(free -h | awk '/^Mem:/ {print $2}') RAM, PostgreSQL $(pgc_server_version), .NET $(dotnet --version)"
command_line="bench/run.sh --rows $rows --runs $runs"
doc_args=()
((write_doc)) && doc_args=(--doc "$repo/docs/benchmarks.md")

bench_rc=0
dotnet "$bench_dll" \
  --url "http://127.0.0.1:$app_port" --pid "$app_pid" \
  --email analyst@demo.local --password Analyst-Cobalt-River-2025 \
  --export "/exports/records/placements.csv?year=2025&headers=codes" \
  --warmup "/exports/records/placements.csv?year=2024&headers=codes" \
  --psql "$PGC_BINDIR/psql" --query-file "$bench_dir/placements-query.sql" \
  --rows "$rows" --runs "$runs" --command "$command_line" --machine "$machine" \
  "${doc_args[@]}" || bench_rc=$?
if ((bench_rc != 0)); then
  log "the benchmark program exited with $bench_rc; last lines of the web log:"
  tail -n 20 "$app_log" >&2 || true
fi
exit "$bench_rc"
