#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup is invoked from traps
# Page-load benchmark on the national synthetic data set:
#
#   bench/pages.sh                          # 1,000,000 placements; results into docs/benchmarks.md
#   bench/pages.sh --placements 10000000    # the national size (generated once, then reused)
#   bench/pages.sh --duration 10 --no-doc   # shorter cells; print the results only
#   bench/pages.sh --generate-only          # build and load the data set, measure nothing
#
# Steps: build the web app and the benchmark program (Release); start a PostgreSQL cluster kept in
# bench/.data/national-N (git-ignored; created, migrated with the app's `migrate` command and filled
# by `EmploymentDashboard.Bench generate` on the first run, reused afterwards); create a benchmark
# administrator with the app's `create-admin` command; then `EmploymentDashboard.Bench pages` runs
# the naive SQL of every page (1 and 16 connections), starts the web app twice (response caching
# off, then on; Dashboard__BenchmarkEndpoints=true for the trivial endpoint), measures every page
# with 1 and 16 clients, checks the API's staff figures against the naive SQL, and writes the
# tables. The cluster is stopped at the end (its data stays); the web app is stopped by the
# benchmark program. Exit status: 0 done, 1 figures differ or requests failed, 2 errors.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$bench_dir/.." && pwd)"
cd "$repo"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 2; }

placements=1000000
seed=""
write_doc=1
generate_only=0
pass=()
while (($# > 0)); do
  case "$1" in
    --placements) placements="${2:?--placements needs a number}"; shift 2 ;;
    --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
    --duration | --max-requests | --max-cached-requests | --warm-up-requests | --clients | --grace | --year | --district | --measure)
      pass+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    --generate-only) generate_only=1; shift ;;
    -h | --help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see bench/pages.sh --help)" ;;
  esac
done
[[ "$placements" =~ ^[0-9]+$ && "$placements" -ge 10 ]] || die "--placements must be a number of at least 10"
[[ -z "$seed" || "$seed" =~ ^[0-9]+$ ]] || die "--seed must be a number"
command -v dotnet >/dev/null 2>&1 || die "'dotnet' was not found on PATH; install the .NET 10 SDK"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset ConnectionStrings__Dashboard Dashboard__ApplyMigrationsOnStartup Dashboard__SeedDemoDataIfEmpty Dashboard__CreateDemoAccounts

# shellcheck source=scripts/pg-cluster.sh
source "$repo/scripts/pg-cluster.sh"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if ((PGC_STARTED_BY_US)); then
    pgc_stop fast || true
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

# The cluster lives under bench/.data (git-ignored) so that the big data set is generated once. When
# run as root the server runs as "postgres", which must be able to reach that directory; otherwise
# the cluster goes under /var/tmp.
base="$bench_dir/.data/national-$placements${seed:+-seed-$seed}"
pgc_find_bindir
pgc_choose_user "$base"
mkdir -p "$bench_dir/.data"
if ! pgc_user_can_traverse "$bench_dir/.data"; then
  base="/var/tmp/employment-dashboard-bench/national-$placements${seed:+-seed-$seed}"
  mkdir -p "$(dirname "$base")"
  log "the database server's user cannot reach $bench_dir/.data; keeping the cluster in $base"
fi
pgc_setup "$base"
pgc_init
# A cluster already running on the data set (an engineer's, for inspection) is used as it is and left running.
if pgc_is_running; then
  log "using the PostgreSQL already running on the data set (port $PGC_PORT); it is left running"
else
  pgc_start "$(pgc_find_free_port 57532)" fast
fi
db_name="employment_dashboard_national"
export PGHOST=127.0.0.1 PGPORT="$PGC_PORT" PGUSER="$PGC_DB_SUPERUSER" PGDATABASE="$db_name"
connection="Host=127.0.0.1;Port=$PGC_PORT;Username=$PGC_DB_SUPERUSER;Database=$db_name"
export ConnectionStrings__Dashboard="$connection" ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning

# A data set is complete only when the generator finished; the marker file records that.
marker="$base/generated"
if [[ ! -f "$marker" ]]; then
  pgc_psql -d postgres -q -c "DROP DATABASE IF EXISTS $db_name" >/dev/null
  pgc_create_db "$db_name"
  log "migrating with the app's migrate command"
  dotnet "$web_dll" migrate >&2
  log "generating the national data set ($placements placements) into $base"
  seconds=$SECONDS
  dotnet "$bench_dll" generate --connection "$connection" --placements "$placements" ${seed:+--seed "$seed"}
  echo "placements=$placements seed=${seed:-default} seconds=$((SECONDS - seconds)) at $(date -u '+%Y-%m-%d %H:%M UTC')" >"$marker"
else
  log "reusing the data set in $base ($(cat "$marker"))"
  dotnet "$web_dll" migrate >&2
fi
((generate_only)) && exit 0

email="bench-admin@bench.local"
password="Bench-Admin-2026-$placements"
if [[ "$(pgc_psql -d "$db_name" -tA -c "SELECT count(*) FROM users WHERE normalized_email = upper('$email')")" == "0" ]]; then
  log "creating $email with the app's create-admin command"
  DASHBOARD_ADMIN_PASSWORD="$password" dotnet "$web_dll" create-admin --email "$email" >&2
fi

machine="$(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(free -h | awk '/^Mem:/ {print $2}') RAM, PostgreSQL $(pgc_server_version), .NET $(dotnet --version), load average before the run $(cut -d' ' -f1-3 /proc/loadavg)"
command_line="bench/pages.sh --placements $placements${seed:+ --seed $seed}${pass[*]:+ ${pass[*]}}"
doc_args=()
((write_doc)) && doc_args=(--doc "$repo/docs/benchmarks.md")
app_port="$(pgc_find_free_port 58180)"

DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x800000}" dotnet "$bench_dll" pages \
  --web-dll "$web_dll" --connection "$connection" --port "$app_port" \
  --email "$email" --password "$password" --placements "$placements" \
  --log "$base/web.log" --command "$command_line" --machine "$machine" \
  "${pass[@]}" "${doc_args[@]}"
