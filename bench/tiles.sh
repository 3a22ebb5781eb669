# Vector tiles on a 1M-asset grid: p50/p99 and sizes at z10/13/16, cold and cached, beside the bare ST_AsMVT query in pgbench; case page paint.
#
# Usage: ./hub bench tiles [REPEATS=3] [TILES=30] [GRID_DIR=bench-out/tiles/grid-1m]
#
# Own database (gridhub_bench_tiles) and ports (HTTP 61733, broker 61734, chromedriver 61735). The
# grid is `SampleGridCli --assets 1000000`, generated and loaded once (bench_load_grid). Each repeat
# draws TILES new random asset locations and asks for the tile holding each at zoom 10, 13 and 16,
# layer grid and capacity: first from the hub (a cache miss: PostGIS renders it), then again (a
# hit), then the same queries with the same parameters bare in pgbench (1 client). One form
# login, then the session cookie, as the browser does. Finally the case page is opened in headless
# Chromium (bench/case-paint.py) and its first contentful paint and map-drawn time are read.

REPEATS="${1:-3}"
TILES="${2:-30}"
B="$BENCH_OUT/tiles"
GRID="${3:-$B/grid-1m}"
DB=gridhub_bench_tiles
HTTP_PORT=61733
BROKER_PORT=61734
mkdir -p "$B"
export PGPASSWORD="$HUB_DB_PASSWORD"
psql_hub() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$HUB_PG_PORT" -U "$HUB_DB_USER" -d "$DB" "$@"; }
psql_su() { bench_psql_su "$@"; }

bench_mvn -DskipTests package
start_hub() { bench_start_hub HUB_SAMPLE_GRID=false; }
stop_hub() { bench_stop_hub; }
trap stop_hub EXIT

bench_create_db
start_hub   # Flyway creates or updates the schema
stop_hub
assets="SELECT (SELECT count(*) FROM grid.substation) + (SELECT count(*) FROM grid.main_transformer)
  + (SELECT count(*) FROM grid.busbar) + (SELECT count(*) FROM grid.feeder) + (SELECT count(*) FROM grid.feeder_section)
  + (SELECT count(*) FROM grid.pole) + (SELECT count(*) FROM grid.ring_main_unit) + (SELECT count(*) FROM grid.distribution_transformer)"
if [ "$(psql_hub -tAc "$assets")" -lt 900000 ]; then
  bench_load_grid "$GRID" "$B" "--assets 1000000"
fi
psql_hub -tAc "SELECT 'assets ' || ($assets) || ' (transformers ' || (SELECT count(*) FROM grid.distribution_transformer)
  || ', poles ' || (SELECT count(*) FROM grid.pole) || ', feeders ' || (SELECT count(*) FROM grid.feeder)
  || ', feeder sections ' || (SELECT count(*) FROM grid.feeder_section) || '), load rows '
  || (SELECT count(*) FROM grid.measured_peak_load)" >"$B/grid-size.txt"
echo "[bench] grid: $(cat "$B/grid-size.txt")" >&2

start_hub
BASE="http://localhost:$HTTP_PORT"
JAR="$B/cookies.txt"
rm -f "$JAR"
curl -fsS -c "$JAR" -o /dev/null "$BASE/login.html"
curl -fsS -b "$JAR" -c "$JAR" -o /dev/null -d "username=gis&password=gis123&_csrf=$(awk '$6 == "XSRF-TOKEN" { print $7 }' "$JAR")" "$BASE/login"
curl -fsS -b "$JAR" "$BASE/api/me" | grep -q gis || { echo "[bench] login failed" >&2; exit 1; }

# Parameters as TileRepository binds them (application.yml defaults), for the bare queries.
LATEST=$(psql_hub -tAc "SELECT coalesce(max(period_start), '0001-01-01') FROM grid.measured_peak_load")
RAW="$B/raw.txt"
: >"$RAW"
for rep in $(seq "$REPEATS"); do
  # warm the JVM on tiles outside the sample before the first measured request
  [ "$rep" = 1 ] && for z in 10 13 16; do
    psql_hub -tAc "SELECT ST_X(geom), ST_Y(geom) FROM grid.distribution_transformer ORDER BY random() LIMIT 10" |
    while IFS='|' read -r lon lat; do
      t=$(awk -v z=$z -v lon="$lon" -v lat="$lat" 'BEGIN { n = 2 ^ z; r = lat * 3.14159265358979 / 180;
        printf "%d/%d/%d", z, int((lon + 180) / 360 * n), int((1 - log(sin(r) / cos(r) + 1 / cos(r)) / 3.14159265358979) / 2 * n) }')
      curl -sS -b "$JAR" -o /dev/null "$BASE/tiles/grid/$t.mvt"; curl -sS -b "$JAR" -o /dev/null "$BASE/tiles/capacity/$t.mvt"
    done
  done
  psql_hub -tAc "SELECT setseed(0.$rep); SELECT ST_X(geom), ST_Y(geom) FROM (SELECT geom FROM grid.distribution_transformer
                 UNION ALL SELECT geom FROM grid.pole) a ORDER BY random() LIMIT $TILES" | sed '/^$/d' >"$B/sites-$rep.txt"
  for z in 10 13 16; do
    awk -F'|' -v z=$z '{ n = 2 ^ z; r = $2 * 3.14159265358979 / 180;
      printf "%d %d %d\n", z, int(($1 + 180) / 360 * n), int((1 - log(sin(r) / cos(r) + 1 / cos(r)) / 3.14159265358979) / 2 * n) }' \
      "$B/sites-$rep.txt" | sort -u >"$B/tiles-$rep-$z.txt"
    for layer in grid capacity; do
      while read -r tz tx ty; do
        miss=$(curl -sS -b "$JAR" -o /dev/null -w '%{time_total} %{size_download} %{http_code}' "$BASE/tiles/$layer/$tz/$tx/$ty.mvt")
        hit=$(curl -sS -b "$JAR" -o /dev/null -w '%{time_total}' "$BASE/tiles/$layer/$tz/$tx/$ty.mvt")
        set -- $miss
        echo "$rep $layer $z hub-cold $(awk -v t="$1" 'BEGIN { print t * 1000 }') $2 $3" >>"$RAW"
        echo "$rep $layer $z hub-cached $(awk -v t="$hit" 'BEGIN { print t * 1000 }') $2 $3" >>"$RAW"
      done <"$B/tiles-$rep-$z.txt"
      # the same queries, parameters as literals, bare in pgbench: one script per tile, picked at random
      rm -rf "$B/pgb" && mkdir -p "$B/pgb"
      python3 - "$HUB_HOME/src/main/resources/io/gridhub/tiles/$layer-tile.sql" "$B/tiles-$rep-$z.txt" "$B/pgb" "$LATEST" <<'PY'
import math, re, sys, datetime
sql, tiles, out, latest = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3], sys.argv[4]
sql = '\n'.join(l for l in sql.split('\n') if not l.lstrip().startswith('--'))
y, m = int(latest[:4]), int(latest[5:7])
frm = '%04d-%02d-01' % ((y * 12 + m - 1 - 11) // 12, (y * 12 + m - 1 - 11) % 12 + 1)
zooms = dict(substation=0, main_transformer=0, feeder=0, busbar=14, feeder_section=14, ring_main_unit=13,
             distribution_transformer=13, pole=15)
for i, line in enumerate(open(tiles)):
    z, x, yy = map(int, line.split())
    n = 2 ** z
    lat = lambda r: math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * r))))
    w, e, no, so = x / n * 360 - 180, (x + 1) / n * 360 - 180, lat(yy / n), lat((yy + 1) / n)
    mg = 64 / 4096
    p = dict(z=z, x=x, y=yy, min_lon=w - (e - w) * mg, max_lon=e + (e - w) * mg, min_lat=so - (no - so) * mg,
             max_lat=no + (no - so) * mg, extent=4096, buffer=64, tolerance=360 / n / 256, allowed_loading=0.8,
             power_factor=0.9, simultaneity=1.0, window_from="'%s'" % frm, window_to="'%s'" % latest,
             feeder_ties="'{1,2,3}'", feeder_caps="'{0.5,0.67,0.75}'", mt_counts="'{2,3}'", mt_caps="'{0.65,0.87}'")
    for k, v in zooms.items():
        p['min_zoom_' + k] = v
    q = re.sub(r'(?<!:):([a-z_]+)', lambda mm: repr(p[mm.group(1)]) if not isinstance(p[mm.group(1)], str) else p[mm.group(1)], sql)
    open('%s/t%03d.sql' % (out, i), 'w').write(q.strip().rstrip(';') + ';\n')
PY
      count=$(wc -l <"$B/tiles-$rep-$z.txt")
      ( cd "$B/pgb" && rm -f pgbench_log.* && pgbench -n -h 127.0.0.1 -p "$HUB_PG_PORT" -U "$HUB_DB_USER" -c 1 \
          -t $((count * 2)) -l $(for f in t*.sql; do printf -- '-f %s ' "$f"; done) "$DB" >"$B/pgbench-$rep-$layer-$z.txt" 2>&1 )
      awk -v rep="$rep" -v layer="$layer" -v z="$z" '{ print rep, layer, z, "psql-bare", $3 / 1000, 0, 0 }' "$B"/pgb/pgbench_log.* >>"$RAW"
    done
  done
done

# --- table ------------------------------------------------------------------------------------------
TABLE="$B/table.md"
{
  echo "| layer | zoom | tiles (204 empty) | hub cold p50 / p99 ms | hub cached p50 / p99 ms | bare ST_AsMVT in pgbench p50 / p99 ms | cold ÷ bare (p50) | tile size median / max KB |"
  echo "|---|---|---|---|---|---|---|---|"
  for layer in grid capacity; do for z in 10 13 16; do
    sel() { awk -v l="$layer" -v z="$z" -v k="$1" '$2 == l && $3 == z && $4 == k { print $5 }' "$RAW"; }
    n=$(awk -v l="$layer" -v z="$z" '$2 == l && $3 == z && $4 == "hub-cold"' "$RAW" | wc -l)
    e=$(awk -v l="$layer" -v z="$z" '$2 == l && $3 == z && $4 == "hub-cold" && $7 == 204' "$RAW" | wc -l)
    c50=$(sel hub-cold | bench_median); c99=$(sel hub-cold | bench_percentile 99)
    h50=$(sel hub-cached | bench_median); h99=$(sel hub-cached | bench_percentile 99)
    b50=$(sel psql-bare | bench_median); b99=$(sel psql-bare | bench_percentile 99)
    s50=$(awk -v l="$layer" -v z="$z" '$2 == l && $3 == z && $4 == "hub-cold" { print $6 / 1024 }' "$RAW" | bench_median)
    smax=$(awk -v l="$layer" -v z="$z" '$2 == l && $3 == z && $4 == "hub-cold" { print $6 / 1024 }' "$RAW" | sort -g | tail -1)
    printf '| %s | %s | %s (%s) | %.1f / %.1f | %.2f / %.2f | %.1f / %.1f | %.2f | %.1f / %.1f |\n' "$layer" "$z" "$n" "$e" \
      "$c50" "$c99" "$h50" "$h99" "$b50" "$b99" "$(awk -v a="$c50" -v b="$b50" 'BEGIN { print (b > 0 ? a / b : 0) }')" "$s50" "$smax"
  done; done
} >"$TABLE"
cat "$TABLE"

# --- the case page in headless Chromium -----------------------------------------------------------
PAINT="$B/paint.txt"
SITE=$(psql_hub -tAc "SELECT ST_X(geom) + 0.0008, ST_Y(geom) + 0.0005 FROM grid.distribution_transformer ORDER BY id LIMIT 1 OFFSET 5000")
curl -sS -u admin:admin123 -H 'Content-Type: application/json' -o /dev/null "$BASE/api/cases" -d "{\"caseNo\": \"BENCH-PAINT\",
  \"customerName\": \"bench\", \"site\": {\"lon\": ${SITE%|*}, \"lat\": ${SITE#*|}}, \"requestedKva\": 400,
  \"customerCategory\": \"GENERAL_COMMERCIAL\", \"importance\": \"NORMAL\", \"serviceUnit\": \"东胜供电所\", \"customerManager\": \"cm\"}" || true
python3 "$HUB_HOME/bench/case-paint.py" "$BASE" BENCH-PAINT "$REPEATS" 61735 >"$PAINT"
cat "$PAINT"
stop_hub

NOTES="$B/notes.md"
{
  echo "Grid: $(cat "$B/grid-size.txt"). $REPEATS repeats × $TILES random asset locations, the tile holding each at every zoom"
  echo "(duplicates merged), both layers; cold = first request of the tile (hub cache miss: PostGIS renders it; the database's own"
  echo "buffers are warm from loading), cached = the same tile again. Bare = the same SQL with the same parameters as literals,"
  echo "pgbench, 1 client, each tile twice. Minimum zooms (hub.tiles.min-zoom) leave transformers out below z13 and poles below z15."
  echo "Load average of the 2-core machine when the bench began (1, 5, 15 min): $BENCH_LOAD_AT_START."
  echo
  echo "Case page in headless Chromium (Debian chromium, --headless --disable-gpu), $REPEATS loads after login:"
  echo
  cat "$PAINT"
} >"$NOTES"
CMDS="$B/commands.txt"
printf '%s\n' "./hub bench tiles $REPEATS $TILES" >"$CMDS"
bench_record "Vector tiles on the 1M-asset grid, and the case page's first paint" "$CMDS" "$TABLE" "$NOTES"
