# Siting on the 1M-transformer grid: HTTP latency (1 client) and throughput (2 clients); hub SQL vs bare KNN in psql.
#
# Usage: ./hub bench siting-http [REPEATS=3] [GRID_DIR=bench-out/siting/grid-1m-dt]
#
# Uses its own database (gridhub_bench_siting) and ports (HTTP 18091, broker 61691), so a running
# hub and the test database are not disturbed. The grid is generated once (SampleGridCli
# --transformers 1000000, about 100,000 feeders) and loaded once with ogr2ogr (COPY) into a staging
# schema, then into the grid store with its indexes dropped and rebuilt; later runs reuse it.
# Sites are 2,000 random transformer locations moved by up to ±300 m; the request mix is 60 %
# 10 kV (200–3,000 kVA), 30 % low voltage (5–150 kW), 10 % 10 kV for first-grade customers (双电源).
# 20,000 open cases hold commitments on random transformers and the feeders and main transformers
# behind them (since the 08:00 run; none before).

REPEATS="${1:-3}"
B="$BENCH_OUT/siting"
GRID="${2:-$B/grid-1m-dt}"
DB=gridhub_bench_siting
HTTP_PORT=18091
BROKER_PORT=61691
mkdir -p "$B"
export PGPASSWORD="$HUB_DB_PASSWORD"
psql_hub() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$HUB_PG_PORT" -U "$HUB_DB_USER" -d "$DB" "$@"; }
psql_su() { bench_psql_su "$@"; }

# --- the hub, against the bench database -------------------------------------------------------
bench_mvn -DskipTests package
start_hub() { bench_start_hub HUB_SAMPLE_GRID=false; }
stop_hub() { bench_stop_hub; }
trap stop_hub EXIT

# --- database and grid, once ---------------------------------------------------------------------
bench_create_db
start_hub   # Flyway creates or updates the schema
stop_hub

loaded=$(psql_hub -tAc "SELECT count(*) FROM grid.distribution_transformer")
if [ "$loaded" -lt 1000000 ]; then
  bench_load_grid "$GRID" "$B" "--transformers 1000000"
fi
psql_hub -tAc "SELECT 'transformers ' || (SELECT count(*) FROM grid.distribution_transformer)
  || ', feeders ' || (SELECT count(*) FROM grid.feeder) || ', feeder sections ' || (SELECT count(*) FROM grid.feeder_section)
  || ', poles ' || (SELECT count(*) FROM grid.pole) || ', ring main units ' || (SELECT count(*) FROM grid.ring_main_unit)
  || ', substations ' || (SELECT count(*) FROM grid.substation) || ', load rows ' || (SELECT count(*) FROM grid.measured_peak_load)" \
  >"$B/grid-size.txt"
echo "[bench] grid: $(cat "$B/grid-size.txt")" >&2

# --- sites and request bodies -------------------------------------------------------------------
psql_hub <<'SQL'
CREATE SCHEMA IF NOT EXISTS bench_stage;
DROP TABLE IF EXISTS bench_stage.sites;
SELECT setseed(0.20261127);
CREATE TABLE bench_stage.sites AS
  SELECT row_number() OVER () AS i, ST_X(geom) + (random() - 0.5) * 0.007 AS lon,
         ST_Y(geom) + (random() - 0.5) * 0.0054 AS lat, random() AS mix, random() AS size
  FROM (SELECT geom FROM grid.distribution_transformer ORDER BY random() LIMIT 2000) t;
ALTER TABLE bench_stage.sites ADD PRIMARY KEY (i);
-- Open promises, as a utility has them: 20,000 accepted cases, each committing 20–200 kVA on a
-- random public transformer, its feeder and the main transformer behind it (capacity.commitment).
DELETE FROM capacity.commitment WHERE case_ref LIKE 'BENCH-%';
INSERT INTO capacity.commitment (case_ref, asset_type, asset_ref, committed_kva)
  SELECT 'BENCH-' || t.i, x.asset_type, x.asset_ref, t.kva
  FROM (SELECT row_number() OVER () AS i, d.source_id, d.feeder_ref, round((20 + random() * 180)::numeric, 1) AS kva
        FROM (SELECT source_id, feeder_ref FROM grid.distribution_transformer WHERE ownership = 'PUBLIC'
              ORDER BY random() LIMIT 20000) d) t
  LEFT JOIN grid.feeder f ON f.source_id = t.feeder_ref
  LEFT JOIN grid.busbar b ON b.source_id = f.busbar_ref
  CROSS JOIN LATERAL (VALUES ('DISTRIBUTION_TRANSFORMER', t.source_id), ('FEEDER', t.feeder_ref),
                             ('MAIN_TRANSFORMER', b.main_transformer_ref)) AS x(asset_type, asset_ref)
  WHERE x.asset_ref IS NOT NULL;
ANALYZE capacity.commitment;
-- The feeder search's local frame for 500 m at each site, as RadiusBox.around(lat, 500) computes it
-- in the hub (GRS80), and whether any feeder lacks line sections (CandidateSearchRepository).
ALTER TABLE bench_stage.sites ADD COLUMN dlon float8, ADD COLUMN dlat float8, ADD COLUMN kx float8,
  ADD COLUMN ky float8, ADD COLUMN slack float8, ADD COLUMN whole_lines text;
UPDATE bench_stage.sites SET dlat = 500 / (6378137 * (1 - 0.00669438002290) * pi() / 180) * 1.001;
UPDATE bench_stage.sites SET
  dlon = 500 / (6378137 * cos(radians(least(abs(lat) + dlat, 89.9))) * pi() / 180) * 1.001,
  ky = 6378137 * (1 - 0.00669438002290) / sqrt(1 - 0.00669438002290 * sin(radians(lat)) ^ 2) ^ 3 * pi() / 180,
  kx = 6378137 / sqrt(1 - 0.00669438002290 * sin(radians(lat)) ^ 2) * cos(radians(lat)) * pi() / 180,
  slack = (1 + (3 * (tan(radians(least(abs(lat) + dlat, 89.9))) + 0.02) * radians(dlat) + 1e-6))
        / (1 - (3 * (tan(radians(least(abs(lat) + dlat, 89.9))) + 0.02) * radians(dlat) + 1e-6)),
  whole_lines = (SELECT EXISTS (SELECT 1 FROM grid.feeder f WHERE f.lifecycle = 'IN_SERVICE'
                 AND NOT EXISTS (SELECT 1 FROM grid.feeder_section x WHERE x.feeder_ref = f.source_id)))::text;
SQL
psql_hub -tAc "SELECT CASE
    WHEN mix < 0.6 THEN format('{\"lon\": %s, \"lat\": %s, \"requestedKva\": %s, \"customerCategory\": \"LARGE_INDUSTRY\", \"importance\": \"NORMAL\"}', round(lon::numeric, 7), round(lat::numeric, 7), round((200 + size * 2800)::numeric))
    WHEN mix < 0.9 THEN format('{\"lon\": %s, \"lat\": %s, \"requestedKw\": %s, \"customerCategory\": \"RESIDENTIAL\", \"importance\": \"NORMAL\"}', round(lon::numeric, 7), round(lat::numeric, 7), round((5 + size * 145)::numeric))
    ELSE format('{\"lon\": %s, \"lat\": %s, \"requestedKva\": %s, \"customerCategory\": \"LARGE_INDUSTRY\", \"importance\": \"FIRST\"}', round(lon::numeric, 7), round(lat::numeric, 7), round((200 + size * 2800)::numeric))
  END FROM bench_stage.sites ORDER BY i" >"$B/bodies.jsonl"

# --- HTTP: one client for latency, two for throughput -------------------------------------------
# wrk (C, epoll) drives the load: on these 2 cores the driver shares the CPU with the hub and the
# database, and a JVM HttpClient driver spent about 1 ms of CPU per request. Each connection is a
# closed loop (next request when the answer is in). One form login, as the browser workspace does;
# then the session cookie and CSRF token: HTTP Basic would check the BCrypt hash on every request.
command -v wrk >/dev/null || { echo "[bench] wrk missing: apt-get install wrk" >&2; exit 1; }
BASE="http://localhost:$HTTP_PORT"
URL="$BASE/api/siting/candidates"
JAR="$B/cookies.txt"
login() { # form login as the customer manager; exports the session cookie and CSRF token for wrk
  rm -f "$JAR"
  curl -fsS -c "$JAR" -b "$JAR" -o /dev/null "$BASE/login.html"
  curl -fsS -c "$JAR" -b "$JAR" -o /dev/null -w '%{redirect_url}' \
    -d "username=cm&password=cm123&_csrf=$(awk '$6 == "XSRF-TOKEN" { print $7 }' "$JAR")" "$BASE/login" | grep -qv error \
    || { echo "[bench] login failed" >&2; exit 1; }
  XSRF=$(awk '$6 == "XSRF-TOKEN" { print $7 }' "$JAR")
  export BODIES="$B/bodies.jsonl" XSRF COOKIE="JSESSIONID=$(awk '$6 == "JSESSIONID" { print $7 }' "$JAR"); XSRF-TOKEN=$XSRF"
}
start_hub
login
load() { # $1 = clients, $2 = seconds; prints "p50_ms p99_ms requests_per_s not_200 driver_cpu_ms_per_request"
  local me=$BASHPID ticks   # this shell's CPU of waited-for children, before and after wrk
  ticks=$(awk '{ print $16 + $17 }' "/proc/$me/stat")
  wrk -t"$1" -c"$1" -d"$2"s --latency -s bench/siting.lua "$URL" >"$B/wrk-$1.txt"
  ticks=$(( $(awk '{ print $16 + $17 }' "/proc/$me/stat") - ticks ))
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" \
    '/^RESULT/ { printf "%s %s %.0f %d %.3f\n", $4, $5, $2 / $3, $6 + $7, t * 1000 / hz / $2 }' "$B/wrk-$1.txt"
}
# Warm-up: the JIT compiler was still busy after a minute of load (C2 threads at 40 s of CPU), so
# two minutes at two clients before anything is counted.
load 2 120 >/dev/null
: >"$B/one.txt"; : >"$B/two.txt"
for r in $(seq "$REPEATS"); do
  load 1 20 >>"$B/one.txt"; cp "$B/wrk-1.txt" "$B/wrk-1-$r.txt"
  load 2 20 >>"$B/two.txt"; cp "$B/wrk-2.txt" "$B/wrk-2-$r.txt"
done
curl -fsS -b "$JAR" -H "X-XSRF-TOKEN: $XSRF" -H 'Content-Type: application/json' -d "$(sed -n 1p "$B/bodies.jsonl")" \
  "$URL" >"$B/sample-answer.json"
stop_hub

# --- plan audit: the plan of every statement the hub runs under the same load -------------------
# auto_explain logs each plan of the hub's sessions for 10 s at two clients (not timed: logging
# slows it); the record counts the plans per statement and any full-table scan among them.
audit_off() { psql_su -d "$DB" -c "ALTER DATABASE $DB RESET session_preload_libraries" \
  -c "ALTER DATABASE $DB RESET auto_explain.log_min_duration" >/dev/null; }
trap 'stop_hub; audit_off' EXIT
psql_su -d "$DB" -c "ALTER DATABASE $DB SET session_preload_libraries = 'auto_explain'" \
  -c "ALTER DATABASE $DB SET auto_explain.log_min_duration = 0" >/dev/null
log_from=$(($(wc -l <"$PG_LOG") + 1))
start_hub
login
load 2 10 >/dev/null
stop_hub
audit_off
trap stop_hub EXIT
tail -n +"$log_from" "$PG_LOG" >"$B/plans.log"
# per statement (its first 60 characters): plans logged, and plans with a full scan of a grid or capacity table
awk '
  function flush() { if (key != "") { n[key]++; if (seq) s[key]++ } key = ""; seq = 0 }
  /LOG:  duration: .* plan:/ { flush(); inplan = 1; next }
  inplan && /^\tQuery Text: / { q = $0; sub(/^\tQuery Text: */, "", q); key = substr(q, 1, 60); next }
  inplan && /^\t/ {
    if ($0 ~ /Seq Scan on (feeder|feeder_section|distribution_transformer|pole|ring_main_unit|measured_peak_load|main_transformer|substation|busbar|commitment)( |$)/) seq = 1
    next }
  { flush(); inplan = 0 }
  END { flush(); for (k in n) printf "%6d %6d  %s\n", n[k], s[k] + 0, k }' "$B/plans.log" | sort -k2,2rn -k1,1rn >"$B/plan-audit.txt"
AUDITED=$(awk '{ t += $1 } END { print t + 0 }' "$B/plan-audit.txt")
AUDIT_SEQ=$(awk '{ t += $2 } END { print t + 0 }' "$B/plan-audit.txt")

# --- SQL: the hub's search queries vs the bare nearest-neighbour query, same sites, pgbench ----
SQLDIR=src/main/resources/io/gridhub/siting
site='\set i random(1, 2000)
SELECT lon, lat FROM bench_stage.sites WHERE i = :i \gset'
site_frame='\set i random(1, 2000)
SELECT lon, lat, dlon, dlat, kx, ky, slack, whole_lines FROM bench_stage.sites WHERE i = :i \gset'
{ echo "$site_frame"; printf '\\set radius 500\n\\set kv 10\n\\set limit 16\n\\set edge_m 2\n'; grep -v '^--' "$SQLDIR/feeders-within.sql"; echo ';'; } >"$B/hub-feeders.pgb"
{ echo "$site"; echo 'SELECT source_id FROM grid.feeder ORDER BY geom::geography <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography LIMIT 5;'; } >"$B/bare-feeders.pgb"
{ echo "$site"; printf '\\set radius 250\n\\set limit 16\n'; grep -v '^--' "$SQLDIR/transformers-within.sql"; echo ';'; } >"$B/hub-transformers.pgb"
{ echo "$site"; echo 'SELECT source_id FROM grid.distribution_transformer ORDER BY geom::geography <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography LIMIT 16;'; } >"$B/bare-transformers.pgb"
{ echo "$site"; echo 'SELECT 1;'; } >"$B/site-only.pgb"
pgb() { # prints the mean latency (ms) of one 8 s single-client pgbench run of a script; more pgbench options may follow
  local f="$1"; shift
  "/usr/lib/postgresql/${HUB_PG_VERSION:-15}/bin/pgbench" -n -h 127.0.0.1 -p "$HUB_PG_PORT" -U "$HUB_DB_USER" -c 1 -T 8 \
    "$@" -f "$f" "$DB" 2>&1 | awk '/latency average/ { print $4 }'
}
# The hub runs its queries as prepared statements with their generic plan (SitingService sets
# plan_cache_mode for the answer's transaction): the same, for both sides, without planning per run.
pgb_generic() { PGOPTIONS="-c plan_cache_mode=force_generic_plan" pgb "$1" -M prepared; }
: >"$B/sql.txt"
for r in $(seq "$REPEATS"); do
  echo "$(pgb "$B/hub-feeders.pgb") $(pgb "$B/bare-feeders.pgb") $(pgb "$B/hub-transformers.pgb") $(pgb "$B/bare-transformers.pgb") $(pgb "$B/site-only.pgb")" \
       "$(pgb_generic "$B/hub-feeders.pgb") $(pgb_generic "$B/bare-feeders.pgb") $(pgb_generic "$B/hub-transformers.pgb") $(pgb_generic "$B/bare-transformers.pgb") $(pgb_generic "$B/site-only.pgb")" >>"$B/sql.txt"
done
read -r LON LAT DLON DLAT KX KY SLACK WHOLE < <(psql_hub -tAF' ' -c \
  "SELECT lon, lat, dlon, dlat, kx, ky, slack, whole_lines FROM bench_stage.sites WHERE i = 1")
explain() { # $1 = sql file (comments allowed), extra psql -v settings follow
  local f="$1"; shift
  { echo "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)"; grep -v '^--' "$f"; echo ';'; } >"$B/explain.tmp"
  psql_hub -v lon="$LON" -v lat="$LAT" "$@" -f "$B/explain.tmp"
}
explain "$SQLDIR/feeders-within.sql" -v radius=500 -v kv=10 -v limit=16 -v dlon="$DLON" -v dlat="$DLAT" -v kx="$KX" \
  -v ky="$KY" -v slack="$SLACK" -v edge_m=2 -v whole_lines="$WHOLE" >"$B/explain-hub-feeders.txt"
echo 'SELECT source_id FROM grid.feeder ORDER BY geom::geography <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4490)::geography LIMIT 5' >"$B/bare-feeders.sql"
explain "$B/bare-feeders.sql" >"$B/explain-bare-feeders.txt"
explain "$SQLDIR/transformers-within.sql" -v radius=250 -v limit=16 >"$B/explain-hub-transformers.txt"
if grep -h 'Seq Scan on \(feeder\|feeder_section\|distribution_transformer\|pole\|ring_main_unit\|measured_peak_load\)\b' \
     "$B"/explain-*.txt; then
  echo "[bench] a full-table scan in a siting query plan" >&2; SEQ_SCAN=yes
else SEQ_SCAN=no; fi

# --- record --------------------------------------------------------------------------------------
med() { awk -v c="$2" '{ print $c }' "$1" | bench_median; }
cat >"$B/commands.txt" <<CMD
./hub bench siting-http $REPEATS
# grid: SampleGridCli --transformers 1000000, loaded with ogr2ogr + INSERT … SELECT, indexes rebuilt
# HTTP: wrk -tC -cC -dSs --latency -s bench/siting.lua URL (C closed-loop connections, loopback, form login once,
#   session cookie + CSRF token; bodies.jsonl in turn, each connection from its own offset)
#   warm-up 2 clients × 120 s; then per repeat 1 client × 20 s and 2 clients × 20 s
# SQL: pgbench -n -c 1 -T 8 -f {hub,bare}-{feeders,transformers}.pgb (same 2,000 sites, picked at random),
#      then again with -M prepared and PGOPTIONS='-c plan_cache_mode=force_generic_plan'
CMD
hf=$(med "$B/sql.txt" 1); bf=$(med "$B/sql.txt" 2); ht=$(med "$B/sql.txt" 3); bt=$(med "$B/sql.txt" 4); so=$(med "$B/sql.txt" 5)
ghf=$(med "$B/sql.txt" 6); gbf=$(med "$B/sql.txt" 7); ght=$(med "$B/sql.txt" 8); gbt=$(med "$B/sql.txt" 9); gso=$(med "$B/sql.txt" 10)
{
  echo "Grid: $(cat "$B/grid-size.txt")."
  echo
  echo "| figure (median of $REPEATS) | result | goal |"
  echo "|---|---|---|"
  echo "| 1 client: p50 latency, ms | $(awk '{ print $1 }' "$B/one.txt" | bench_median) | ≤ 5 |"
  echo "| 1 client: p99 latency, ms | $(awk '{ print $2 }' "$B/one.txt" | bench_median) | ≤ 20 |"
  echo "| 1 client: requests/s | $(med "$B/one.txt" 3) | |"
  echo "| 2 clients: requests/s | $(med "$B/two.txt" 3) | ≥ 500 |"
  echo "| 2 clients: p50 / p99 latency, ms | $(awk '{ print $1 }' "$B/two.txt" | bench_median) / $(awk '{ print $2 }' "$B/two.txt" | bench_median) | |"
  echo "| errors (non-200) in all runs | $(awk '{ s += $4 } END { print s + 0 }' "$B/one.txt" "$B/two.txt") | 0 |"
  echo "| load driver (wrk) CPU per request, 2 clients, ms | $(med "$B/two.txt" 5) | |"
  echo "| plans audited under load (auto_explain, every statement of the hub, 10 s) / with a full scan of a grid or capacity table | $AUDITED / $AUDIT_SEQ | |"
  echo
  echo "| SQL, mean ms per query (pgbench, 1 client, incl. the site lookup of $so ms) | hub query | bare KNN | ratio (goal ≤ 1.5) |"
  echo "|---|---|---|---|"
  echo "| 10 kV: feeders within 500 m vs \`ORDER BY geom::geography <-> site LIMIT 5\` | $hf | $bf | $(awk -v a="$hf" -v b="$bf" 'BEGIN { printf "%.2f", a / b }') |"
  echo "| low voltage: transformers within 250 m vs KNN \`LIMIT 16\` | $ht | $bt | $(awk -v a="$ht" -v b="$bt" 'BEGIN { printf "%.2f", a / b }') |"
  echo
  echo "| the same, both prepared with their generic plan, as the hub runs them (pgbench -M prepared, incl. the site lookup of $gso ms) | hub query | bare KNN | ratio |"
  echo "|---|---|---|---|"
  echo "| 10 kV: feeders within 500 m vs KNN \`LIMIT 5\` | $ghf | $gbf | $(awk -v a="$ghf" -v b="$gbf" 'BEGIN { printf "%.2f", a / b }') |"
  echo "| low voltage: transformers within 250 m vs KNN \`LIMIT 16\` | $ght | $gbt | $(awk -v a="$ght" -v b="$gbt" 'BEGIN { printf "%.2f", a / b }') |"
  echo
  echo "| the hub's SQL as the hub runs it (prepared, generic plan) vs the bare KNN query as psql runs it (simple protocol) | hub query | bare KNN | ratio (goal ≤ 1.5) |"
  echo "|---|---|---|---|"
  echo "| 10 kV: feeders within 500 m vs KNN \`LIMIT 5\` | $ghf | $bf | $(awk -v a="$ghf" -v b="$bf" 'BEGIN { printf "%.2f", a / b }') |"
  echo "| low voltage: transformers within 250 m vs KNN \`LIMIT 16\` | $ght | $bt | $(awk -v a="$ght" -v b="$bt" 'BEGIN { printf "%.2f", a / b }') |"
} >"$B/table.md"
{
  echo "Full-table scan in the plans: $SEQ_SCAN. EXPLAIN (ANALYZE, BUFFERS) at site 1 ($LON, $LAT):"
  echo
  echo "Statements the hub ran during the plan audit (plans logged, of them with a full scan of a grid or capacity table, first words):"
  echo; echo '```'; cat "$B/plan-audit.txt"; echo '```'; echo
  for e in hub-feeders bare-feeders hub-transformers; do
    echo "<details><summary>$e</summary>"; echo; echo '```'; cat "$B/explain-$e.txt"; echo '```'; echo; echo "</details>"; echo
  done
} >"$B/notes.md"
printf '"1 client p50" %s\n"1 client p99" %s\n"2 clients p50" %s\n"2 clients p99" %s\n' \
  "$(awk '{ print $1 }' "$B/one.txt" | bench_median)" "$(awk '{ print $2 }' "$B/one.txt" | bench_median)" \
  "$(awk '{ print $1 }' "$B/two.txt" | bench_median)" "$(awk '{ print $2 }' "$B/two.txt" | bench_median)" >"$B/chart.dat"
bench_chart "$B/chart.dat" "$B/siting-latency.png" "Siting over HTTP, 1M transformers (median ms)" "ms"
cat "$B/table.md"
bench_record "Siting: candidates over HTTP on 1M transformers, and the SQL behind them" "$B/commands.txt" \
  "$B/table.md" "$B/notes.md" "$B/siting-latency.png"
