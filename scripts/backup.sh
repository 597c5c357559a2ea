#!/usr/bin/env bash
# Backs up the dashboard's PostgreSQL database into one file (pg_dump custom format: compressed, restored
# table by table with scripts/restore.sh or pg_restore).
#
#   scripts/backup.sh                          # writes ./employment-dashboard-YYYYMMDD-HHMMSS.dump
#   scripts/backup.sh --output /backups/ed.dump
#
# The database comes from the usual libpq variables: PGHOST, PGPORT, PGUSER, PGDATABASE (default
# employment_dashboard) and the password from PGPASSWORD or ~/.pgpass — never from the command line. The dump is
# written to a temporary name and renamed when complete, so a file with the final name is always a whole backup;
# it is readable by its owner only (it holds the staff accounts' password hashes and the key ring).
# Exit status: 0 done, 1 pg_dump failed, 2 bad arguments.
set -euo pipefail

die() { printf 'backup.sh: %s\n' "$*" >&2; exit 2; }

output=""
while (($# > 0)); do
  case "$1" in
    --output) output="${2:?--output needs a file name}"; shift 2 ;;
    -h | --help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see scripts/backup.sh --help)" ;;
  esac
done

export PGDATABASE="${PGDATABASE:-employment_dashboard}"
command -v pg_dump >/dev/null 2>&1 || die "pg_dump was not found; install the PostgreSQL client (apt-get install postgresql-client)"
output="${output:-employment-dashboard-$(date -u +%Y%m%d-%H%M%S).dump}"
[[ -d "$(dirname "$output")" ]] || die "the folder of '$output' does not exist"

partial="$output.partial"
umask 077
rm -f "$partial"
# --format=custom: compressed, restorable in parallel and table by table; --no-owner/--no-privileges: the
# restore may use another role name. One transaction snapshot: the dump is consistent even while the app writes.
if ! pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$partial"; then
  rm -f "$partial"
  printf 'backup.sh: pg_dump of %s failed\n' "$PGDATABASE" >&2
  exit 1
fi
mv "$partial" "$output"
printf 'backup.sh: %s backed up to %s (%s)\n' "$PGDATABASE" "$output" "$(du -h "$output" | cut -f1)" >&2
