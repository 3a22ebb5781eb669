# Helpers for the benchmark scripts (sourced by bench/run). Each benchmark measures the hub and its
# peer side by side in one run, repeats, and quotes medians: these machines have 2 cores and are noisy.

BENCH_OUT="${BENCH_OUT:-$HUB_HOME/bench-out}"
BENCH_DOC="${BENCH_DOC:-$HUB_HOME/docs/benchmarks.md}"
# The machine's load average (1, 5, 15 min) when the bench began: the records say how busy it was
# rather than assuming.
# Charts are named by the run's start (UTC), so a later run never replaces an earlier record's chart.
BENCH_STAMP="$(date -u +%Y%m%d-%H%M)"
BENCH_LOAD_AT_START="$(cut -d" " -f1-3 /proc/loadavg | sed 's/ /, /g')"
mkdir -p "$BENCH_OUT"

# Maven for the benchmarks: offline first (no update checks once everything is resolved), online
# when something was never downloaded (a fresh machine whose first command is a benchmark); the
# online attempt's errors go to stderr, so a failed build never ends a benchmark silently.
bench_mvn() {
  (cd "$HUB_HOME" && ./mvnw -B -q -o "$@" >/dev/null 2>&1) && return 0
  (cd "$HUB_HOME" && ./mvnw -B -q "$@" >"$BENCH_OUT/mvn.log" 2>&1) || { cat "$BENCH_OUT/mvn.log" >&2; return 1; }
}

# The hubs the benchmarks start log in as the demo users: opted in, on loopback only (the hub
# refuses demo users on any other address).
export HUB_DEMO_USERS="${HUB_DEMO_USERS:-true}" SERVER_ADDRESS="${SERVER_ADDRESS:-127.0.0.1}"

# Median of the numbers on stdin, one per line.
bench_median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "NaN" } else if (NR % 2) { print v[(NR + 1) / 2] } else { print (v[NR / 2] + v[NR / 2 + 1]) / 2 } }'
}

# The given percentile (0–100) of the numbers on stdin (nearest rank).
bench_percentile() {
  local p="$1"
  sort -g | awk -v p="$p" '{ v[NR] = $1 } END { if (NR == 0) { print "NaN"; exit } r = int((p / 100) * NR + 0.999999); if (r < 1) r = 1; if (r > NR) r = NR; print v[r] }'
}

# Seconds since the epoch, with nanoseconds.
bench_now() { date +%s.%N; }

# Elapsed seconds between two bench_now readings, 2 decimals.
bench_elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# One line about the machine, for the record.
bench_machine() {
  printf '%s cores, %s, %s GiB RAM, %s, Java %s, PostgreSQL %s' \
    "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
    "$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)" \
    "$(. /etc/os-release && echo "$PRETTY_NAME")" \
    "$(java -version 2>&1 | head -1 | cut -d'"' -f2)" \
    "$("/usr/lib/postgresql/${HUB_PG_VERSION:-15}/bin/postgres" --version | awk '{ print $3 }')"
}

# Appends a section to docs/benchmarks.md: title, date, machine, commit, the commands that were
# run (file), the result table (markdown file) and optional notes (file) and chart (PNG path).
bench_record() {
  local title="$1" commands="$2" table="$3" notes="${4:-}" chart="${5:-}"
  # asked before the section is appended: afterwards docs/benchmarks.md itself is a local change
  local dirty=
  git -C "$HUB_HOME" diff --quiet || dirty=' (with local changes)'
  {
    echo
    echo "### $title — $(date -u +%Y-%m-%d\ %H:%M\ UTC)"
    echo
    echo "Machine: $(bench_machine). Commit: \`$(git -C "$HUB_HOME" rev-parse --short HEAD)\`$dirty."
    echo
    echo "Commands:"
    echo
    echo '```sh'
    cat "$commands"
    echo '```'
    echo
    cat "$table"
    if [ -n "$notes" ] && [ -s "$notes" ]; then echo; cat "$notes"; fi
    if [ -n "$chart" ] && [ -f "$chart" ]; then
      local shown
      shown="$(basename "$chart" .png)-$BENCH_STAMP.png"
      mkdir -p "$(dirname "$BENCH_DOC")/img"
      cp "$chart" "$(dirname "$BENCH_DOC")/img/$shown"
      echo
      echo "![$title](img/$shown)"
    fi
  } >>"$BENCH_DOC"
  echo "[bench] recorded \"$title\" in $BENCH_DOC" >&2
}

# Draws a bar chart (PNG) from a data file of "label value [value2]" lines with gnuplot:
# one series, or two side by side (hub and peer).
bench_chart() {
  local data="$1" png="$2" title="$3" ylabel="$4" s1="${5:-hub}" s2="${6:-}"
  command -v gnuplot >/dev/null || { echo "[bench] gnuplot missing: no chart" >&2; return 0; }
  local plot="'$data' using 2:xtic(1) title '$s1' linecolor rgb '#0b5394'"
  [ -n "$s2" ] && plot="$plot, '' using 3 title '$s2' linecolor rgb '#e69138'"
  gnuplot <<GP
set terminal pngcairo size 900,500 font "Noto Sans CJK SC,10" noenhanced
set output '$png'
set title "$title"
set ylabel "$ylabel"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 border -1
set grid ytics
set yrange [0:*]
set key top left
plot $plot
GP
}

# Waits until the URL answers 200 or the timeout (seconds) passes, or the process (optional pid)
# ends; prints the seconds waited.
bench_wait_http() {
  local url="$1" timeout="${2:-120}" pid="${3:-}" start
  start=$(bench_now)
  while ! curl -fsS -o /dev/null "$url" 2>/dev/null; do
    sleep 0.2
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then echo "exited"; return 1; fi
    if awk -v a="$start" -v b="$(bench_now)" -v t="$timeout" 'BEGIN { exit !(b - a > t) }'; then
      echo "timeout"; return 1
    fi
  done
  bench_elapsed "$start" "$(bench_now)"
}

# Generates a synthetic grid into GRID (once; SampleGridCli SIZE, e.g. "--transformers 1000000" or
# "--assets 1000000") and loads it into the grid store of the caller's database (psql_hub) with
# ogr2ogr (COPY) through a staging schema, the store's indexes dropped and rebuilt; writes
# B/load-seconds.txt. Used by siting-http and tiles.
bench_load_grid() {
  local GRID="$1" B="$2" size="$3" load_start
  if [ ! -f "$GRID/manifest.json" ]; then
    echo "[bench] generating the grid ($size) into $GRID" >&2
    bench_mvn dependency:build-classpath -Dmdep.outputFile=target/cp.txt -DincludeScope=runtime
    java -Xmx512m -cp "target/classes:$(cat target/cp.txt)" io.gridhub.samplegrid.SampleGridCli \
      --out "$GRID" $size >&2
  fi
  echo "[bench] loading $GRID" >&2
  load_start=$(bench_now)
  psql_hub -c "DROP SCHEMA IF EXISTS bench_stage CASCADE" -c "CREATE SCHEMA bench_stage"
  for t in substation main_transformer busbar feeder feeder_section pole ring_main_unit distribution_transformer; do
    ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 port=$HUB_PG_PORT dbname=$DB user=$HUB_DB_USER password=$HUB_DB_PASSWORD" \
      "$GRID/$t.geojsonl" -nln "bench_stage.$t" -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE \
      -lco FID=ogc_fid -a_srs EPSG:4490 -gt 100000 --config PG_USE_COPY YES
  done
  # the grid store's own indexes are dropped for the bulk insert and rebuilt as Flyway made them
  psql_hub -tAc "SELECT indexdef || ';' FROM pg_indexes WHERE schemaname = 'grid'
                 AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%_key'" >"$B/indexes.sql"
  psql_hub -tAc "SELECT 'DROP INDEX grid.' || indexname || ';' FROM pg_indexes WHERE schemaname = 'grid'
                 AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%_key'" | psql_hub
  psql_hub <<'SQL'
  TRUNCATE grid.substation, grid.main_transformer, grid.busbar, grid.feeder, grid.feeder_section, grid.pole,
         grid.ring_main_unit, grid.distribution_transformer, grid.measured_peak_load;
  INSERT INTO grid.substation (feed_id, source_id, name, voltage_kv, geom)
  SELECT 'bench-1m', source_id, name, voltage_kv, geom FROM bench_stage.substation;
  INSERT INTO grid.main_transformer (feed_id, source_id, name, substation_ref, rated_kva, geom)
  SELECT 'bench-1m', source_id, name, substation_ref, rated_kva, geom FROM bench_stage.main_transformer;
  INSERT INTO grid.busbar (feed_id, source_id, name, substation_ref, main_transformer_ref, voltage_kv, geom)
  SELECT 'bench-1m', source_id, name, substation_ref, main_transformer_ref, coalesce(voltage_kv, 10), geom FROM bench_stage.busbar;
  INSERT INTO grid.feeder (feed_id, source_id, name, substation_ref, busbar_ref, voltage_kv, conductor, rated_current_a,
                         rated_kva, tie_feeder_refs, connected_customers, geom)
  SELECT 'bench-1m', source_id, name, substation_ref, busbar_ref, coalesce(voltage_kv, 10), conductor, rated_current_a,
         rated_kva, coalesce(tie_feeder_refs::text[], '{}'), connected_customers, ST_Multi(geom) FROM bench_stage.feeder;
  INSERT INTO grid.feeder_section (feed_id, source_id, name, feeder_ref, conductor, line_kind, geom)
  SELECT 'bench-1m', source_id, name, feeder_ref, conductor, line_kind, geom FROM bench_stage.feeder_section;
  INSERT INTO grid.pole (feed_id, source_id, name, feeder_ref, pole_number, geom)
  SELECT 'bench-1m', source_id, name, feeder_ref, pole_number, geom FROM bench_stage.pole;
  INSERT INTO grid.ring_main_unit (feed_id, source_id, name, kind, feeder_ref, total_bays, spare_bays, geom)
  SELECT 'bench-1m', source_id, name, kind, feeder_ref, total_bays, spare_bays, geom FROM bench_stage.ring_main_unit;
  INSERT INTO grid.distribution_transformer (feed_id, source_id, name, kind, ownership, rated_kva, feeder_ref, pole_ref,
                                           ring_main_unit_ref, geom)
  SELECT 'bench-1m', source_id, name, kind, ownership, rated_kva, feeder_ref, pole_ref, ring_main_unit_ref, geom
  FROM bench_stage.distribution_transformer;
  CREATE TABLE bench_stage.loads (sbbm text, sblx text, tjyf text, zdfh_kw numeric, glys numeric, cjsj text);
SQL
  psql_hub -c "\\copy bench_stage.loads FROM '$GRID/loads.csv' WITH (FORMAT csv, HEADER true)"
  psql_hub <<'SQL'
  INSERT INTO grid.measured_peak_load (feed_id, asset_type, asset_ref, period_start, period_end, peak_kw, power_factor,
                                     measured_at)
  SELECT 'bench-1m', CASE sblx WHEN 'PB' THEN 'DISTRIBUTION_TRANSFORMER' WHEN 'XL' THEN 'FEEDER' ELSE 'MAIN_TRANSFORMER' END,
         sbbm, to_date(tjyf, 'YYYY-MM'), (to_date(tjyf, 'YYYY-MM') + interval '1 month - 1 day')::date, zdfh_kw,
         glys, cjsj::timestamptz
  FROM bench_stage.loads;
SQL
  echo "[bench] rebuilding $(wc -l <"$B/indexes.sql") indexes" >&2
  psql_hub -c "SET maintenance_work_mem = '512MB'" -f "$B/indexes.sql"
  psql_hub -c "VACUUM ANALYZE"
  psql_hub -c "DROP TABLE bench_stage.loads" -c "DROP TABLE bench_stage.pole"
  echo "load $(bench_elapsed "$load_start" "$(bench_now)")" >"$B/load-seconds.txt"
}

# --- a hub of its own per benchmark: its database, its ports, its data directory ------------------
# The caller sets DB (database name), B (output folder), HTTP_PORT and BROKER_PORT.

# psql as the cluster's superuser (over the socket), and as the hub's user on the benchmark's DB.
bench_psql_su() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$HUB_PG_PORT" "$@"
  else psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$HUB_PG_PORT" "$@"; fi
}
bench_psql_hub() { PGPASSWORD="$HUB_DB_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$HUB_PG_PORT" -U "$HUB_DB_USER" -d "$DB" "$@"; }

# Creates the benchmark's database with PostGIS unless it exists (the hub's Flyway fills it).
bench_create_db() {
  bench_psql_su -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
    || bench_psql_su -d postgres -c "CREATE DATABASE $DB OWNER \"$HUB_DB_USER\""
  bench_psql_su -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS postgis" -c "GRANT ALL ON SCHEMA public TO \"$HUB_DB_USER\""
}

# Starts target/gridhub.jar on the benchmark's database and ports, logging to B/hub.log; extra
# arguments are VAR=value settings for it. Waits for health (BENCH_HUB_START_TIMEOUT seconds, 300:
# a hub on a 2-core machine busy with other builds has needed about that), sets HUB_PID.
HUB_PID=
bench_start_hub() {
  env HUB_DB_URL="jdbc:postgresql://127.0.0.1:$HUB_PG_PORT/$DB" HUB_HTTP_PORT="$HTTP_PORT" HUB_BROKER_PORT="$BROKER_PORT" \
    HUB_DATA_DIR="$B/hub-data" "$@" java -Xmx1g -jar target/gridhub.jar >"$B/hub.log" 2>&1 &
  HUB_PID=$!
  bench_wait_http "http://127.0.0.1:$HTTP_PORT/actuator/health" "${BENCH_HUB_START_TIMEOUT:-300}" "$HUB_PID" >/dev/null \
    || { echo "hub did not start, see $B/hub.log" >&2; kill "$HUB_PID" 2>/dev/null; exit 1; }
}

# Stops the hub bench_start_hub started: politely, then after 30 s for good.
bench_stop_hub() {
  [ -n "$HUB_PID" ] || return 0
  kill "$HUB_PID" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$HUB_PID" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$HUB_PID" 2>/dev/null || true
  wait "$HUB_PID" 2>/dev/null || true
  HUB_PID=
}

# --- cases from the MIS on the generator's 100k-transformer grid (mis-broker, soak) ---------------
# The caller sets DB, B, HTTP_PORT, BROKER_PORT and psql_hub, as for bench_start_hub.

# Builds the jar and the test classpath (target/test-cp.txt) the load drivers run from.
bench_build_drivers() {
  bench_mvn -DskipTests package
  bench_mvn dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
}

# Readies the benchmark's database for cases on the 100k-transformer grid: Flyway creates or
# updates the schema (one hub start), the grid is generated into GRID and loaded once, earlier
# runs' cases, plans, messages and commitments go. Writes B/grid-size.txt and B/sites.txt: 2,000
# sites 50–250 m from transformers spread over the grid (fixed seed: the same sites each run).
bench_cases_grid() {
  local GRID="$1"
  bench_create_db
  rm -rf "$B/hub-data"
  bench_start_hub HUB_SAMPLE_GRID=false
  bench_stop_hub
  if [ "$(psql_hub -tAc "SELECT count(*) FROM grid.distribution_transformer")" -lt 90000 ]; then
    bench_load_grid "$GRID" "$B" "--transformers 100000"
  fi
  psql_hub -c "TRUNCATE cases.connection_case, plans.supply_plan, messaging.outbox, messaging.inbound_message CASCADE" \
           -c "DELETE FROM capacity.commitment"
  psql_hub -tAc "SELECT 'transformers ' || (SELECT count(*) FROM grid.distribution_transformer) || ', feeders '
    || (SELECT count(*) FROM grid.feeder) || ', load rows ' || (SELECT count(*) FROM grid.measured_peak_load)" >"$B/grid-size.txt"
  psql_hub -tAc "SELECT setseed(0.42)" -tAc "
    SELECT round((ST_X(geom) + (50 + 200 * random()) / 85000.0 * cos(a))::numeric, 6) || ' ' ||
           round((ST_Y(geom) + (50 + 200 * random()) / 111000.0 * sin(a))::numeric, 6)
    FROM (SELECT geom, 2 * pi() * random() AS a FROM grid.distribution_transformer
          WHERE lifecycle = 'IN_SERVICE' ORDER BY md5(source_id) LIMIT 2000) t" >"$B/sites.txt"
  # the set-up's bulk writes (grid load, truncation) go to disk now, not in a checkpoint during the
  # measured run; the run still has the time-triggered checkpoints of its own writes
  bench_psql_su -d postgres -c "CHECKPOINT"
  echo "[bench] grid: $(cat "$B/grid-size.txt"); $(wc -l <"$B/sites.txt") sites" >&2
}

# The marketing MIS (io.gridhub.messaging.bench.MisBrokerLoad) against the hub's broker: RATE cases
# per second for SECONDS at the plan stage on B/sites.txt, timed until `created SupplyPlan`; WARMUP
# seconds first at the same rate, drained, not in the percentiles. Output in OUT (see the class).
# BENCH_MIS_JAVA_OPTS: more JVM options (system properties) for the driver.
bench_mis_load() {
  local rate="$1" seconds="$2" out="$3" warmup="${4:-0}"
  # shellcheck disable=SC2086
  java -Xmx512m ${BENCH_MIS_JAVA_OPTS:-} -Dbench.warmup="$warmup" -Dbench.sites="$B/sites.txt" -Dbench.stage=PLAN_REPLY \
    -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" io.gridhub.messaging.bench.MisBrokerLoad \
    "tcp://127.0.0.1:$BROKER_PORT" mis mis "$rate" "$seconds" "$out" SupplyPlan
}

# A workspace session, as the browser has one: form login as USER with PASSWORD on the hub at
# HTTP_PORT, then one GET of CHECK_PATH, which must answer 200 (the login rotates the XSRF token,
# the GET brings the new one). Sets BENCH_JAR (curl's cookie jar), BENCH_COOKIE (the Cookie header:
# JSESSIONID and XSRF-TOKEN) and BENCH_XSRF (the X-XSRF-TOKEN header). HTTP Basic would check the
# BCrypt hash on every request instead.
bench_session_login() {
  local user="$1" password="$2" check="$3" base="http://127.0.0.1:$HTTP_PORT"
  BENCH_JAR="$B/session-$user.jar"
  rm -f "$BENCH_JAR"
  curl -fsS -c "$BENCH_JAR" -b "$BENCH_JAR" -o /dev/null "$base/login.html"
  curl -fsS -c "$BENCH_JAR" -b "$BENCH_JAR" -o /dev/null --data-urlencode username="$user" \
    --data-urlencode password="$password" \
    --data-urlencode _csrf="$(awk '$6 == "XSRF-TOKEN" { print $7 }' "$BENCH_JAR")" "$base/login"
  [ "$(curl -s -c "$BENCH_JAR" -b "$BENCH_JAR" -o /dev/null -w '%{http_code}' "$base$check")" = 200 ] \
    || { echo "[bench] workspace login as $user failed (GET $check)" >&2; return 1; }
  BENCH_XSRF=$(awk '$6 == "XSRF-TOKEN" { print $7 }' "$BENCH_JAR")
  BENCH_COOKIE="JSESSIONID=$(awk '$6 == "JSESSIONID" { print $7 }' "$BENCH_JAR"); XSRF-TOKEN=$BENCH_XSRF"
}
