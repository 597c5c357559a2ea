-- Adds synthetic 2025 placements until 2025 holds :rows of them (psql -v rows=N -f ...).
-- Participants, measures, districts and employers are the demo data's, picked by modulo; dates are
-- spread over 2025; every third placement has no employer. For speed the secondary indexes are
-- dropped and rebuilt and the foreign-key triggers are off during the insert (the keys are valid
-- by construction). The rollup triggers stay on: one statement-level run aggregates the whole
-- insert into the rollups (ADR 0007). Needs a superuser (disabling internal triggers).
\set ON_ERROR_STOP on
SET maintenance_work_mem = '512MB';
BEGIN;
CREATE TEMP TABLE bench_indexes ON COMMIT DROP AS
SELECT indexname, indexdef FROM pg_indexes
WHERE schemaname = 'public' AND tablename = 'placements'
  AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'placements'::regclass);
SELECT format('DROP INDEX %I', indexname) FROM bench_indexes \gexec
SELECT format('ALTER TABLE placements DISABLE TRIGGER %I', tgname) FROM pg_trigger
WHERE tgrelid = 'placements'::regclass AND tgisinternal \gexec
WITH pa AS (SELECT array_agg(id ORDER BY id) AS ids FROM participants),
     ma AS (SELECT array_agg(id ORDER BY id) AS ids FROM support_measures),
     da AS (SELECT array_agg(id ORDER BY id) AS ids FROM districts),
     ea AS (SELECT array_agg(id ORDER BY id) AS ids FROM employers),
     missing AS (
         SELECT greatest(:rows - count(*), 0) AS n FROM placements
         WHERE date >= DATE '2025-01-01' AND date < DATE '2026-01-01')
INSERT INTO placements (participant_id, measure_id, district_id, date, employer_id)
SELECT pa.ids[1 + i % cardinality(pa.ids)],
       ma.ids[1 + i % cardinality(ma.ids)],
       da.ids[1 + (i / 7) % cardinality(da.ids)],
       DATE '2025-01-01' + (i % 365)::int,
       CASE WHEN i % 3 = 0 THEN NULL ELSE ea.ids[1 + i % cardinality(ea.ids)] END
FROM missing, pa, ma, da, ea, generate_series(1, missing.n::int) AS i;
SELECT format('ALTER TABLE placements ENABLE TRIGGER %I', tgname) FROM pg_trigger
WHERE tgrelid = 'placements'::regclass AND tgisinternal \gexec
SELECT indexdef FROM bench_indexes \gexec
COMMIT;
VACUUM (ANALYZE) placements, placement_months, placement_person_years;
