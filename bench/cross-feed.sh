# Feeds: cost of keeping cross-feed duplicates out of service, against the merge's own upsert (SQL, 1M poles).
#
# Usage: ./hub bench cross-feed [REPEATS=5] [ASSETS=1000000]
# A database of its own (gridhub_bench_cross_feed) with the grid store schema (V1) and V70. Feed
# bench-a holds ASSETS poles; feed bench-b 20,000, of which half are also bench-a's. A run of
# bench-b stages 10,000 records (5,000 also bench-a's) as the merge does, then each statement runs
# REPEATS times inside a savepoint rolled back after it (the same state every time):
#   probe    the check every run makes per asset type: which feeds hold rows of it (loose index scan)?
#   resolve  the ranking UPDATE over the source ids the run wrote (CrossFeedDuplicates: index probes)
#   resolve-hash-join  the same as first written (source_id IN …: a hash join over the table), for the record
#   report   the feed's duplicates counted (all 10,000) and the first 1,000 listed with raw content (a full snapshot's report)
#   upsert   the peer: the merge's existing INSERT … ON CONFLICT of the same staged records
# Times are psql's \timing of each statement (ms).

REPEATS="${1:-5}"
ASSETS="${2:-1000000}"
B="$BENCH_OUT/cross-feed"
DB=gridhub_bench_cross_feed
mkdir -p "$B"
PGDB=postgres "$HUB_HOME/hub" psql -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
bpsql() { PGDB="$DB" "$HUB_HOME/hub" psql "$@"; }
bpsql -c "CREATE EXTENSION postgis" >/dev/null
bpsql <src/main/resources/db/migration/V1__grid_store.sql >/dev/null
# V70's grid part (the feeds schema is not in this database)
sed '/^ALTER TABLE feeds/,$d' src/main/resources/db/migration/V70__cross_feed_duplicates.sql | bpsql >/dev/null
echo "[bench] filling $ASSETS poles" >&2
bpsql <<SQL >/dev/null
INSERT INTO grid.pole (feed_id, source_id, feeder_ref, geom, content_hash)
SELECT 'bench-a', 'P' || i, 'F' || (i / 200), ST_SetSRID(ST_MakePoint(106.5 + (i % 1000) * 0.005, 37.5 + (i / 1000) * 0.003), 4490), i
FROM generate_series(1, $ASSETS) i;
-- bench-b: 10,000 of bench-a's poles (kept DUPLICATE) and 10,000 of its own
INSERT INTO grid.pole (feed_id, source_id, feeder_ref, geom, content_hash, lifecycle)
SELECT 'bench-b', 'P' || i, 'F' || (i / 200), ST_SetSRID(ST_MakePoint(106.5 + (i % 1000) * 0.005, 37.5 + (i / 1000) * 0.003), 4490), i,
       CASE WHEN i <= $ASSETS THEN 'DUPLICATE' ELSE 'IN_SERVICE' END
FROM generate_series($ASSETS - 9999, $ASSETS + 10000) i;
VACUUM ANALYZE grid.pole;
SQL
STAGE="CREATE TEMP TABLE stage_pole AS SELECT source_id, name, geom, feeder_ref, pole_number, attributes, content_hash + 1 AS content_hash
  FROM grid.pole WHERE feed_id = 'bench-b' AND (substring(source_id, 2)::bigint % 2 = 0); CREATE INDEX ON stage_pole (source_id); ANALYZE stage_pole;"
PROBE="WITH RECURSIVE f AS (SELECT min(feed_id) AS feed_id FROM grid.pole UNION ALL SELECT (SELECT min(feed_id) FROM grid.pole WHERE feed_id > f.feed_id) FROM f WHERE f.feed_id IS NOT NULL) SELECT feed_id FROM f WHERE feed_id IS NOT NULL;"
# as CrossFeedDuplicates runs them; the peer of the first form is kept for the record (hash join)
RESOLVE="WITH touched AS (SELECT source_id FROM pg_temp.stage_pole),
  ranked AS (SELECT c.id, c.lifecycle, CASE WHEN row_number() OVER (PARTITION BY c.source_id ORDER BY c.id) = 1 THEN 'IN_SERVICE' ELSE 'DUPLICATE' END AS wanted
             FROM touched s CROSS JOIN LATERAL (SELECT t.id, t.source_id, t.lifecycle FROM grid.pole t
               WHERE t.feed_id = ANY ('{bench-a,bench-b}'::text[]) AND t.source_id = s.source_id AND t.lifecycle <> 'RETIRED' OFFSET 0) c),
  changed AS (UPDATE grid.pole t SET updated_at = now(), lifecycle = CASE WHEN t.lifecycle = 'IN_SERVICE' THEN 'DUPLICATE' ELSE 'IN_SERVICE' END
              WHERE t.id = ANY (ARRAY(SELECT id FROM ranked WHERE lifecycle <> wanted)) RETURNING t.geom)
  SELECT count(*) FROM changed;"
RESOLVE_HASH="WITH touched AS (SELECT source_id FROM pg_temp.stage_pole),
  ranked AS (SELECT t.id, t.lifecycle, CASE WHEN row_number() OVER (PARTITION BY t.source_id ORDER BY t.id) = 1 THEN 'IN_SERVICE' ELSE 'DUPLICATE' END AS wanted
             FROM grid.pole t WHERE t.lifecycle <> 'RETIRED' AND t.source_id IN (SELECT source_id FROM touched)),
  changed AS (UPDATE grid.pole t SET lifecycle = r.wanted, updated_at = now() FROM ranked r WHERE t.id = r.id AND t.lifecycle <> r.wanted RETURNING t.geom)
  SELECT count(*) FROM changed;"
REPORT="WITH d AS MATERIALIZED (SELECT t.id, o.feed_id AS other FROM grid.pole t JOIN grid.pole o
    ON o.feed_id = ANY ('{bench-a}'::text[]) AND o.source_id = t.source_id AND o.lifecycle = 'IN_SERVICE'
    WHERE t.feed_id = 'bench-b' AND t.lifecycle = 'DUPLICATE'),
  listed AS (SELECT t.source_id, 'also published by feed ' || d.other AS reason, (to_jsonb(t) - 'geom' - 'content_hash')::text AS raw
    FROM (SELECT * FROM d ORDER BY id LIMIT 1000) d JOIN grid.pole t ON t.id = d.id)
  SELECT (SELECT count(*) FROM d), (SELECT count(*) FROM listed);"
UPSERT="WITH up AS (INSERT INTO grid.pole AS t (feed_id, source_id, name, geom, feeder_ref, pole_number, attributes, content_hash)
  SELECT 'bench-b', source_id, name, geom, feeder_ref, pole_number, attributes, content_hash FROM pg_temp.stage_pole
  ON CONFLICT (feed_id, source_id) DO UPDATE SET name = EXCLUDED.name, geom = EXCLUDED.geom, content_hash = EXCLUDED.content_hash, updated_at = now()
  WHERE t.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR t.lifecycle = 'RETIRED' RETURNING 1) SELECT count(*) FROM up;"
{
  echo '\timing on'
  echo 'BEGIN;'
  echo "$STAGE"
  for r in $(seq 1 "$REPEATS"); do
    for s in probe resolve resolve-hash-join report upsert; do
      echo 'SAVEPOINT s;'
      echo "\\echo MARK $s"
      case $s in probe) echo "$PROBE" ;; resolve) echo "$RESOLVE" ;; resolve-hash-join) echo "$RESOLVE_HASH" ;; report) echo "$REPORT" ;; upsert) echo "$UPSERT" ;; esac
      echo 'ROLLBACK TO SAVEPOINT s;'
    done
  done
  echo 'ROLLBACK;'
} >"$B/run.sql"
bpsql <"$B/run.sql" >"$B/run.log" 2>&1 || { tail "$B/run.log" >&2; exit 1; }
awk '/^MARK/ { s = $2; next } s != "" && /^Time:/ { print s, $2; s = "" }' "$B/run.log" >"$B/times.txt"
table="$B/table.md"
{
  echo "| statement ($ASSETS poles of feed A; feed B stages 10,000, 5,000 of them A's too) | median ms | min–max ms | ÷ upsert |"
  echo "|---|---|---|---|"
  up=$(awk '$1 == "upsert" { print $2 }' "$B/times.txt" | bench_median)
  for s in probe resolve resolve-hash-join report upsert; do
    med=$(awk -v s=$s '$1 == s { print $2 }' "$B/times.txt" | bench_median)
    min=$(awk -v s=$s '$1 == s { print $2 }' "$B/times.txt" | sort -g | head -1)
    max=$(awk -v s=$s '$1 == s { print $2 }' "$B/times.txt" | sort -g | tail -1)
    printf '| %s | %s | %s–%s | %s |\n' "$s" "$med" "$min" "$max" "$(awk -v a="$med" -v b="$up" 'BEGIN { printf "%.2f", a / b }')"
  done
} >"$table"
cat "$table"
printf './hub bench cross-feed %s %s\n' "$REPEATS" "$ASSETS" >"$B/commands.txt"
cat >"$B/notes.md" <<'NOTES'
Repeats run inside one transaction, each statement in a savepoint rolled back after it. `probe` is
all a run pays for a type no other feed holds. `resolve` and `report` are paid only when another
feed holds rows of the type; poles have no `source_id` index, so both look each id up per feed in
the `(feed_id, source_id)` index (`resolve-hash-join` is the plain form the planner hashes: the
whole table read). A feed's first load of a type another feed holds looks up every record this
way (about 1M probes for 1M poles). Siting's queries are unchanged by cross-feed duplicates (they read
`IN_SERVICE` as before), so no siting figure moves.
NOTES
echo "Load average of the 2-core machine when the bench began (1, 5, 15 min): $BENCH_LOAD_AT_START." >>"$B/notes.md"
bench_record "Cross-feed duplicates: merge cost against the upsert (SQL)" "$B/commands.txt" "$table" "$B/notes.md"
[ -n "${BENCH_KEEP:-}" ] || PGDB=postgres "$HUB_HOME/hub" psql -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
