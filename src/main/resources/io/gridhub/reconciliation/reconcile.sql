-- One reconciliation run (对账), set-based: each step is one statement over the whole register and
-- grid store, run in order in one transaction by ReconciliationRepository. Parameters (:name) are
-- bound by the hub; the benchmark (bench/reconciliation) runs the same file in psql with \set.
-- Steps are separated by lines starting with "-- step:".

-- step: settings
SET LOCAL work_mem = '128MB';

-- step: transformers
-- The GIS transformers by source id, an in-service one preferred where a feed retired and re-added it.
CREATE TEMP TABLE rec_tx ON COMMIT DROP AS
SELECT DISTINCT ON (source_id) source_id, feed_id, lifecycle, retired_at, feeder_ref, rated_kva, geom
FROM grid.distribution_transformer
ORDER BY source_id, (lifecycle = 'IN_SERVICE') DESC, updated_at DESC;

-- step: transformers-key
ALTER TABLE rec_tx ADD PRIMARY KEY (source_id);

-- step: found
CREATE TEMP TABLE rec_found (
    finding_id       uuid,
    kind             text,
    severity         text,
    service_unit     text,
    transformer_area text,
    feeder_ref       text,
    subject          text,
    evidence         jsonb
) ON COMMIT DROP;

-- step: unknown-or-retired-transformer
-- Customers in supply assigned to a transformer the GIS does not have, or has retired.
INSERT INTO rec_found
SELECT md5(k.kind || ':' || c.customer_no)::uuid, k.kind, 'HIGH', c.service_unit, c.transformer_area, c.feeder_ref,
       c.customer_no,
       jsonb_build_object(
           'mis', jsonb_build_object('customerNo', c.customer_no, 'name', c.name, 'status', c.status,
                                     'transformerRef', c.transformer_ref, 'transformerArea', c.transformer_area,
                                     'feederRef', c.feeder_ref, 'contractedKva', c.contracted_kva),
           'gis', CASE WHEN t.source_id IS NULL THEN NULL
                       ELSE jsonb_build_object('transformer', t.source_id, 'feed', t.feed_id, 'lifecycle', t.lifecycle,
                                               'retiredAt', t.retired_at) END)
FROM register.customer c
LEFT JOIN rec_tx t ON t.source_id = c.transformer_ref
CROSS JOIN LATERAL (SELECT CASE WHEN t.source_id IS NULL THEN 'UNKNOWN_TRANSFORMER' ELSE 'RETIRED_TRANSFORMER' END AS kind) k
WHERE c.lifecycle = 'IN_SERVICE' AND c.status <> 'CLOSED' AND c.transformer_ref IS NOT NULL
  AND (t.source_id IS NULL OR t.lifecycle = 'RETIRED');

-- step: feeder-mismatch
-- Customers whose transformer hangs on another feeder in the GIS than the MIS says.
INSERT INTO rec_found
SELECT md5('FEEDER_MISMATCH:' || c.customer_no)::uuid, 'FEEDER_MISMATCH', 'MEDIUM', c.service_unit,
       c.transformer_area, c.feeder_ref, c.customer_no,
       jsonb_build_object(
           'mis', jsonb_build_object('customerNo', c.customer_no, 'transformerRef', c.transformer_ref,
                                     'feederRef', c.feeder_ref),
           'gis', jsonb_build_object('transformer', t.source_id, 'feederRef', t.feeder_ref))
FROM register.customer c
JOIN rec_tx t ON t.source_id = c.transformer_ref AND t.lifecycle = 'IN_SERVICE'
WHERE c.lifecycle = 'IN_SERVICE' AND c.status <> 'CLOSED' AND c.feeder_ref IS NOT NULL
  AND t.feeder_ref <> c.feeder_ref;

-- step: beyond-supply-radius
-- Customers farther (true metres, on the ellipsoid) from their transformer than the low-voltage
-- supply radius, with the nearest in-service transformer within the radius suggested: the
-- suggestion is a nearest-neighbour search on the geography GiST index, run only for the far ones.
INSERT INTO rec_found
WITH far AS MATERIALIZED (
    SELECT c.customer_no, c.name, c.service_unit, c.transformer_area, c.feeder_ref, c.transformer_ref, c.geom,
           ST_Distance(c.geom::geography, t.geom::geography) AS distance_m
    FROM register.customer c
    JOIN rec_tx t ON t.source_id = c.transformer_ref AND t.lifecycle = 'IN_SERVICE'
    WHERE c.lifecycle = 'IN_SERVICE' AND c.status <> 'CLOSED' AND c.geom IS NOT NULL
      AND NOT ST_DWithin(c.geom::geography, t.geom::geography, :radius_m)
)
SELECT md5('BEYOND_SUPPLY_RADIUS:' || f.customer_no)::uuid, 'BEYOND_SUPPLY_RADIUS',
       CASE WHEN f.distance_m > :radius_m * :far_factor THEN 'HIGH' ELSE 'MEDIUM' END,
       f.service_unit, f.transformer_area, f.feeder_ref, f.customer_no,
       jsonb_build_object(
           'mis', jsonb_build_object('customerNo', f.customer_no, 'name', f.name, 'transformerRef', f.transformer_ref,
                                     'lon', round(ST_X(f.geom)::numeric, 6), 'lat', round(ST_Y(f.geom)::numeric, 6)),
           'distanceM', round(f.distance_m::numeric, 1), 'radiusM', :radius_m,
           'suggested', CASE WHEN n.source_id IS NULL THEN NULL
                             ELSE jsonb_build_object('transformer', n.source_id, 'feederRef', n.feeder_ref,
                                                     'distanceM', round(n.distance_m::numeric, 1)) END)
FROM far f
LEFT JOIN LATERAL (
    SELECT d.source_id, d.feeder_ref, ST_Distance(d.geom::geography, f.geom::geography) AS distance_m
    FROM grid.distribution_transformer d
    WHERE d.lifecycle = 'IN_SERVICE' AND ST_DWithin(d.geom::geography, f.geom::geography, :radius_m)
    ORDER BY d.geom::geography <-> f.geom::geography
    LIMIT 1
) n ON true;

-- step: loads
-- Per GIS transformer: the customers the MIS assigns to it, their contracted capacity, and the
-- measured peak (kVA) of the peak window ending at the latest month loaded.
CREATE TEMP TABLE rec_load ON COMMIT DROP AS
SELECT c.transformer_ref,
       count(*) AS customers,
       coalesce(sum(c.contracted_kva) FILTER (WHERE c.status = 'ACTIVE'), 0) AS contracted_kva,
       min(c.service_unit) AS service_unit,
       min(c.transformer_area) AS transformer_area
FROM register.customer c
WHERE c.lifecycle = 'IN_SERVICE' AND c.status <> 'CLOSED' AND c.transformer_ref IS NOT NULL
GROUP BY c.transformer_ref;

-- step: loads-key
ALTER TABLE rec_load ADD PRIMARY KEY (transformer_ref);

-- step: peaks
CREATE TEMP TABLE rec_peak ON COMMIT DROP AS
SELECT p.asset_ref, max(p.peak_kw / coalesce(p.power_factor, :default_power_factor)) AS peak_kva,
       max(p.period_start) AS latest_period
FROM grid.measured_peak_load p
WHERE p.asset_type = 'DISTRIBUTION_TRANSFORMER'
  AND p.period_start > (SELECT max(period_start) FROM grid.measured_peak_load WHERE asset_type = 'DISTRIBUTION_TRANSFORMER')
                       - make_interval(months => :peak_window_months)
GROUP BY p.asset_ref;

-- step: overloaded
-- Transformers whose contracted capacity × diversity factor, or whose measured peak, exceeds the rating.
INSERT INTO rec_found
SELECT md5(k.kind || ':' || t.source_id)::uuid, k.kind, k.severity, l.service_unit, l.transformer_area, t.feeder_ref,
       t.source_id,
       jsonb_build_object('gis', jsonb_build_object('transformer', t.source_id, 'ratedKva', t.rated_kva,
                                                    'feederRef', t.feeder_ref),
                          'mis', jsonb_build_object('customers', l.customers, 'contractedKva', l.contracted_kva),
                          'diversityFactor', :diversity_factor,
                          'diversifiedKva', round((l.contracted_kva * :diversity_factor)::numeric, 1),
                          'measuredPeakKva', round(p.peak_kva::numeric, 1), 'peakPeriod', p.latest_period)
FROM rec_tx t
LEFT JOIN rec_load l ON l.transformer_ref = t.source_id
LEFT JOIN rec_peak p ON p.asset_ref = t.source_id
CROSS JOIN LATERAL (VALUES
    ('CONTRACTED_OVERLOAD', 'MEDIUM', coalesce(l.contracted_kva, 0) * :diversity_factor > t.rated_kva),
    ('MEASURED_OVERLOAD', 'HIGH', coalesce(p.peak_kva, 0) > t.rated_kva)) k(kind, severity, applies)
WHERE t.lifecycle = 'IN_SERVICE' AND k.applies;

-- step: transformer-without-customers
-- GIS transformers in service that no customer in supply is assigned to.
INSERT INTO rec_found
SELECT md5('TRANSFORMER_WITHOUT_CUSTOMERS:' || t.source_id)::uuid, 'TRANSFORMER_WITHOUT_CUSTOMERS', 'LOW', NULL, NULL,
       t.feeder_ref, t.source_id,
       jsonb_build_object('gis', jsonb_build_object('transformer', t.source_id, 'feed', t.feed_id,
                                                    'ratedKva', t.rated_kva, 'feederRef', t.feeder_ref))
FROM rec_tx t
WHERE t.lifecycle = 'IN_SERVICE' AND NOT EXISTS (SELECT 1 FROM rec_load l WHERE l.transformer_ref = t.source_id);

-- step: area-without-transformer
-- MIS transformer areas (台区) none of whose customers names a GIS transformer in service. Grouped by
-- area and transformer first (a hash aggregate over the register), then by area over those few rows:
-- one sort of the million customers by area was the slowest step of the benchmark.
INSERT INTO rec_found
WITH per_transformer AS (
    SELECT c.transformer_area, c.transformer_ref, count(*) AS customers, min(c.service_unit) AS service_unit,
           min(c.feeder_ref) AS feeder_ref, bool_or(t.source_id IS NOT NULL) AS in_gis
    FROM register.customer c
    LEFT JOIN rec_tx t ON t.source_id = c.transformer_ref AND t.lifecycle = 'IN_SERVICE'
    WHERE c.lifecycle = 'IN_SERVICE' AND c.status <> 'CLOSED' AND c.transformer_area IS NOT NULL
    GROUP BY c.transformer_area, c.transformer_ref
)
SELECT md5('AREA_WITHOUT_TRANSFORMER:' || transformer_area)::uuid, 'AREA_WITHOUT_TRANSFORMER', 'HIGH',
       min(service_unit), transformer_area, min(feeder_ref), transformer_area,
       jsonb_build_object('mis', jsonb_build_object('transformerArea', transformer_area, 'customers', sum(customers),
                                                    'transformerRefs', (array_agg(transformer_ref ORDER BY transformer_ref))[1 : 20]))
FROM per_transformer
GROUP BY transformer_area
HAVING NOT bool_or(in_gis);

-- step: report
-- The run's report, each finding marked new when it was not open before this run.
INSERT INTO reconciliation.run_finding (run_id, finding_id, kind, severity, is_new, service_unit, transformer_area,
                                        feeder_ref, subject, evidence)
SELECT :run_id, f.finding_id, f.kind, f.severity, x.id IS NULL OR x.status = 'FIXED', f.service_unit,
       f.transformer_area, f.feeder_ref, f.subject, f.evidence
FROM rec_found f
LEFT JOIN reconciliation.finding x ON x.id = f.finding_id;

-- step: findings
-- Findings across runs: a new one opens, a fixed one found again reopens, open or acknowledged ones stay.
INSERT INTO reconciliation.finding AS x (id, kind, subject, status, first_run, last_run)
SELECT f.finding_id, f.kind, f.subject, 'OPEN', :run_id, :run_id
FROM rec_found f
ON CONFLICT (id) DO UPDATE SET
    last_run = EXCLUDED.last_run, last_seen_at = now(),
    status = CASE WHEN x.status = 'FIXED' THEN 'OPEN' ELSE x.status END,
    fixed_at = NULL, fixed_run = NULL;

-- step: fixed
-- What this run no longer finds is fixed.
UPDATE reconciliation.finding SET status = 'FIXED', fixed_at = now(), fixed_run = :run_id
WHERE status <> 'FIXED' AND last_run <> :run_id;
