-- The baseline query: the rows and columns the placements export streams for ?year=2025&headers=codes,
-- in the same order. bench/run.sh counts it and the benchmark runs psql's \copy of it.
-- Column aliases are the export's code headers, so the two outputs can be compared line by line.
SELECT p.id AS placement_id, p.participant_id, m.code AS measure_code, d.code AS district_code, p.date,
       e.bin AS employer_bin, x.disability_group, lower(x.sex) AS sex, x.birth_year
FROM placements p
JOIN support_measures m ON m.id = p.measure_id
JOIN districts d ON d.id = p.district_id
JOIN participants x ON x.id = p.participant_id
LEFT JOIN employers e ON e.id = p.employer_id
WHERE p.date >= DATE '2025-01-01' AND p.date < DATE '2026-01-01'
ORDER BY p.id
