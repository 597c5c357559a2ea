#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a new, empty database.
#
#   scripts/restore.sh employment-dashboard-20261202-210000.dump                 # into $PGDATABASE
#   scripts/restore.sh backup.dump --database employment_dashboard_restored
#
# The server comes from PGHOST, PGPORT, PGUSER and PGPASSWORD (or ~/.pgpass); the role must be allowed to
# create databases. The target database must not exist: a restore never overwrites data (to replace a
# database, stop the app, rename or drop the old one yourself, restore, then start the app). The restore runs
# in one transaction, so a failure leaves an empty database behind, never half the tables.
# Exit status: 0 done, 1 pg_restore failed, 2 bad arguments or the target exists.
set -euo pipefail

die() { printf 'restore.sh: %s\n' "$*" >&2; exit 2; }

file=""
database="${PGDATABASE:-employment_dashboard}"
while (($# > 0)); do
  case "$1" in
    --database) database="${2:?--database needs a name}"; shift 2 ;;
    -h | --help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown argument '$1' (see scripts/restore.sh --help)" ;;
    *) [[ -z "$file" ]] || die "one backup file at a time"; file="$1"; shift ;;
  esac
done
[[ -n "$file" ]] || die "name the backup file (see scripts/restore.sh --help)"
[[ -f "$file" ]] || die "'$file' does not exist"
[[ "$database" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "the database name may hold letters, digits and _ only: '$database'"
command -v pg_restore >/dev/null 2>&1 || die "pg_restore was not found; install the PostgreSQL client (apt-get install postgresql-client)"
pg_restore --list "$file" >/dev/null 2>&1 || die "'$file' is not a pg_dump custom-format backup"

exists="$(psql -X -d postgres -tA -v ON_ERROR_STOP=1 -v name="$database" <<<"SELECT 1 FROM pg_database WHERE datname = :'name';")"
[[ "$exists" != "1" ]] || die "database '$database' already exists; restore into a new name (--database) or remove it first"

createdb --encoding=UTF8 --template=template0 "$database"
if ! pg_restore --dbname="$database" --no-owner --no-privileges --single-transaction --exit-on-error "$file"; then
  printf 'restore.sh: pg_restore into %s failed; the database is left empty\n' "$database" >&2
  exit 1
fi
printf 'restore.sh: %s restored into %s\n' "$file" "$database" >&2
