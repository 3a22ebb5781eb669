# Feeds: 1M-asset grid through the file-drop feed vs ogr2ogr, unchanged re-run, 1 % change set, WFS from MapServer.
#
# Usage: ./hub bench feeds-load [REPEATS=3] [ASSETS=1000000]
# The hub runs from the packaged jar with -Xmx512m and a GC log (peak heap), against its own
# database (gridhub_bench_feeds) on the project cluster, with its own HTTP and broker ports.
# ogr2ogr loads the same GeoJSONSeq files into the same database (schema ogr), with COPY and a
# GiST index, in the same repeat loop. Times of hub runs are the run record's start→finish
# (read, validate, stage, merge, commit); ogr2ogr is wall time summed over the files.

REPEATS="${1:-3}"
ASSETS="${2:-1000000}"
B="$BENCH_OUT/feeds"
DB=gridhub_bench_feeds
PORT="${BENCH_HUB_PORT:-61640}"
BROKER="${BENCH_BROKER_PORT:-61641}"
MS_PORT="${BENCH_MAPSERVER_PORT:-61642}"
PG="host=127.0.0.1 port=$HUB_PG_PORT dbname=$DB user=$HUB_DB_USER password=$HUB_DB_PASSWORD"
TABLES="substation main_transformer busbar feeder feeder_section pole ring_main_unit distribution_transformer"
mkdir -p "$B"
psql_db() { PGDB="$DB" "$HUB_HOME/hub" psql -tA "$@"; }

# --- the grid, the snapshot zip and a 1 % change set -------------------------------------------
if [ ! -s "$B/grid/pole.geojsonl" ] || [ "$(cat "$B/grid/.assets" 2>/dev/null)" != "$ASSETS" ]; then
  echo "[bench] generating a $ASSETS-asset grid" >&2
  rm -rf "$B/grid"
  ("$HUB_HOME/hub" generate --out "$B/grid" --assets "$ASSETS") >&2
  echo "$ASSETS" >"$B/grid/.assets"
fi
python3 - "$B" $TABLES <<'PY'
import json, os, sys, zipfile
b, tables = sys.argv[1], sys.argv[2:]
with zipfile.ZipFile(os.path.join(b, "snapshot.zip"), "w", zipfile.ZIP_STORED) as z:
    for t in tables:
        p = os.path.join(b, "grid", t + ".geojsonl")
        if os.path.exists(p):
            z.write(p, t + ".geojsonl")
changed = 0
with zipfile.ZipFile(os.path.join(b, "changes.delta.zip"), "w", zipfile.ZIP_STORED) as z:
    for t in tables:
        p = os.path.join(b, "grid", t + ".geojsonl")
        if not os.path.exists(p):
            continue
        out = []
        with open(p, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i % 100 == 7:
                    feature = json.loads(line)
                    feature["properties"]["name"] = (feature["properties"].get("name") or "") + " (改)"
                    out.append(json.dumps(feature, ensure_ascii=False))
        changed += len(out)
        z.writestr(t + ".delta.geojsonl", "\n".join(out) + "\n")
open(os.path.join(b, "changed.txt"), "w").write(str(changed))
PY
TOTAL=$(cat "$B"/grid/*.geojsonl | wc -l)
CHANGED=$(cat "$B/changed.txt")

# --- database and hub ---------------------------------------------------------------------------
PGDB=postgres "$HUB_HOME/hub" psql -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER \"$HUB_DB_USER\"" >/dev/null
PGDB=$DB "$HUB_HOME/hub" psql -c "CREATE EXTENSION postgis" -c "CREATE SCHEMA ogr AUTHORIZATION \"$HUB_DB_USER\"" >/dev/null
bench_mvn -DskipTests package
# a copy under its own name: other benchmarks look for "gridhub.jar" processes to stop
cp "$HUB_HOME/target/gridhub.jar" "$B/feeds-bench-hub.jar"
rm -rf "$B/inbox" "$B/done" "$B/error" "$B/artemis"; mkdir -p "$B/inbox"
cat >"$B/feeds.yml" <<YML
hub:
  feeds:
    bench:
      kind: file
      inbox: $B/inbox
      mode: full
    bench-wfs:
      kind: wfs
      url: http://127.0.0.1:$MS_PORT/cgi-bin/mapserv?map=BENCH
      layer: poles
      asset-type: pole
      page-size: 10000
YML
HUB_DB_URL="jdbc:postgresql://127.0.0.1:$HUB_PG_PORT/$DB" HUB_HTTP_PORT=$PORT HUB_BROKER_PORT=$BROKER \
HUB_SAMPLE_GRID=false HUB_EXTRA_FEEDS="$B/feeds.yml" SPRING_ARTEMIS_EMBEDDED_DATA_DIRECTORY="$B/artemis" \
HUB_FEED_POLL=500ms \
  java -Xmx512m -Xlog:gc:file="$B/gc.log" -jar "$B/feeds-bench-hub.jar" >"$B/hub.log" 2>&1 &
HUB_PID=$!
trap 'kill $HUB_PID 2>/dev/null; [ -n "${MS_PID:-}" ] && kill $MS_PID 2>/dev/null' EXIT
bench_wait_http "http://localhost:$PORT/actuator/health" 180 >/dev/null || { echo "hub did not start; see $B/hub.log" >&2; exit 1; }

# Drops a file into the bench inbox; prints "seconds read inserted updated unchanged retired quarantined".
drop() {
  local file="$1" name="$2" since
  since=$(psql_db -c "SELECT now()")
  cp "$file" "$B/$name.tmp" && mv "$B/$name.tmp" "$B/inbox/$name"
  while :; do
    local row
    row=$(psql_db -F' ' -c "SELECT extract(epoch FROM finished_at - started_at), read, inserted, updated, unchanged, retired,
           quarantined, status FROM feeds.feed_run WHERE feed_id = 'bench' AND source = '$name' AND started_at >= '$since'
           AND status <> 'RUNNING'")
    if [ -n "$row" ]; then
      case "$row" in *SUCCEEDED) echo "${row% SUCCEEDED}"; return 0 ;; *) echo "[bench] run failed: $row" >&2; return 1 ;; esac
    fi
    sleep 0.5
  done
}

ogr_load() {
  local start; start=$(bench_now)
  for t in $TABLES; do
    [ -f "$B/grid/$t.geojsonl" ] || continue
    ogr2ogr -f PostgreSQL PG:"$PG" "$B/grid/$t.geojsonl" -nln "ogr.$t" -overwrite -lco GEOMETRY_NAME=geom \
      -lco SPATIAL_INDEX=GIST --config PG_USE_COPY YES -a_srs EPSG:4490 >/dev/null
  done
  bench_elapsed "$start" "$(bench_now)"; echo
}

: >"$B/hub-first.txt"; : >"$B/hub-rerun.txt"; : >"$B/hub-delta.txt"; : >"$B/ogr.txt"
for i in $(seq "$REPEATS"); do
  echo "[bench] repeat $i: emptying the grid store" >&2
  psql_db -c "TRUNCATE $(for t in $TABLES; do printf 'grid.%s,' "$t"; done | sed 's/,$//'), grid.measured_peak_load, feeds.quarantine, feeds.feed_run" >/dev/null
  echo "[bench] repeat $i: hub full load" >&2;      drop "$B/snapshot.zip" "snapshot-$i.zip" >>"$B/hub-first.txt"
  echo "[bench] repeat $i: hub unchanged re-run" >&2; drop "$B/snapshot.zip" "rerun-$i.zip" >>"$B/hub-rerun.txt"
  echo "[bench] repeat $i: hub 1 % change set" >&2;  drop "$B/changes.delta.zip" "changes-$i.delta.zip" >>"$B/hub-delta.txt"
  echo "[bench] repeat $i: ogr2ogr" >&2;             ogr_load >>"$B/ogr.txt"
done
first=$(cut -d' ' -f1 "$B/hub-first.txt" | bench_median)
rerun=$(cut -d' ' -f1 "$B/hub-rerun.txt" | bench_median)
delta=$(cut -d' ' -f1 "$B/hub-delta.txt" | bench_median)
ogr=$(bench_median <"$B/ogr.txt")
peak=$(grep -o '[0-9]*M->[0-9]*M' "$B/gc.log" | cut -dM -f1 | sort -n | tail -1)
maxheap=$(grep -o '([0-9]*M)' "$B/gc.log" | tr -d '()M' | sort -n | tail -1)

# --- the same poles through WFS from MapServer (serving the store's grid.pole) ---------------
M="$B/mapserver"; mkdir -p "$M"
cat >"$M/bench.map" <<MAPFILE
MAP
  NAME "bench"
  EXTENT 106 37 112 41
  PROJECTION "init=epsg:4490" END
  OUTPUTFORMAT
    NAME "geojson"
    DRIVER "OGR/GEOJSON"
    MIMETYPE "application/json; subtype=geojson"
    FORMATOPTION "STORAGE=stream"
    FORMATOPTION "FORM=SIMPLE"
    FORMATOPTION "LCO:COORDINATE_PRECISION=7"
  END
  WEB
    METADATA
      "ows_enable_request" "*"
      "ows_srs" "EPSG:4490"
      "wfs_getfeature_formatlist" "geojson"
      "wfs_maxfeatures" "10000"
      "ows_onlineresource" "http://127.0.0.1:$MS_PORT/cgi-bin/mapserv?map=BENCH"
    END
  END
  LAYER
    NAME "poles"
    TYPE POINT
    STATUS ON
    CONNECTIONTYPE POSTGIS
    CONNECTION "$PG"
    DATA "geom FROM (SELECT id, source_id, name, feeder_ref, pole_number, geom FROM grid.pole WHERE feed_id = 'bench') AS t USING UNIQUE id USING SRID=4490"
    PROJECTION "init=epsg:4490" END
    METADATA
      "ows_title" "poles"
      "gml_include_items" "all"
      "gml_featureid" "id"
      "gml_types" "auto"
    END
  END
END
MAPFILE
printf 'CONFIG\n  ENV\n    MS_MAP_NO_PATH "1"\n  END\n  MAPS\n    BENCH "%s"\n  END\nEND\n' "$M/bench.map" >"$M/mapserver.conf"
cat >"$M/lighttpd.conf" <<CONF
server.modules = ("mod_cgi", "mod_setenv", "mod_alias")
server.document-root = "$M"
server.bind = "127.0.0.1"
server.port = $MS_PORT
alias.url = ("/cgi-bin/mapserv" => "/usr/lib/cgi-bin/mapserv")
cgi.assign = ("/usr/lib/cgi-bin/mapserv" => "")
setenv.add-environment = ("MAPSERVER_CONFIG_FILE" => "$M/mapserver.conf")
CONF
lighttpd -D -f "$M/lighttpd.conf" >"$M/lighttpd.log" 2>&1 &
MS_PID=$!
sleep 1
poles=$(psql_db -c "SELECT count(*) FROM grid.pole WHERE feed_id = 'bench'")
run=$(curl -fsS -u admin:admin123 -X POST "http://localhost:$PORT/api/feeds/bench-wfs/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["runId"])')
while [ "$(psql_db -c "SELECT status FROM feeds.feed_run WHERE id = '$run'")" = RUNNING ]; do sleep 1; done
read -r wfs_s wfs_read wfs_status < <(psql_db -F' ' -c "SELECT round(extract(epoch FROM finished_at - started_at)::numeric, 2), read, status FROM feeds.feed_run WHERE id = '$run'")
wfs_rate=$(awk -v n="$wfs_read" -v s="$wfs_s" 'BEGIN { printf "%.0f", n / s }')
hub_rate=$(awk -v n="$TOTAL" -v s="$first" 'BEGIN { printf "%.0f", n / s }')

# --- record -------------------------------------------------------------------------------------
cat >"$B/commands.txt" <<CMD
./hub bench feeds-load $REPEATS $ASSETS     # bench/feeds-load.sh
./hub generate --out $B/grid --assets $ASSETS
java -Xmx512m -Xlog:gc:file=gc.log -jar target/gridhub.jar   # feed 'bench': kind file, mode full
#   full load:   snapshot.zip (all $TOTAL features, GeoJSONSeq per asset type, stored) dropped into the inbox
#   re-run:      the same snapshot.zip again
#   change set:  changes.delta.zip ($CHANGED features, 1 % of each file, name changed), applied incrementally
for t in $TABLES; do ogr2ogr -f PostgreSQL PG:"..." \$t.geojsonl -nln ogr.\$t -overwrite -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST --config PG_USE_COPY YES; done
# WFS: MapServer 8 (lighttpd, CGI) serving the loaded grid.pole; feed 'bench-wfs', page-size 10000 (= wfs_maxfeatures)
CMD
ratio=$(awk -v a="$first" -v b="$ogr" 'BEGIN { printf "%.2f", a / b }')
rr=$(awk -v a="$rerun" -v b="$first" 'BEGIN { printf "%.2f", a / b }')
dr=$(awk -v a="$delta" -v b="$first" 'BEGIN { printf "%.3f", a / b }')
verdict() { awk -v v="$1" -v g="$2" 'BEGIN { print (v <= g ? "met" : "**not met**") }'; }
cat >"$B/table.md" <<MD
| measurement ($TOTAL features, median of $REPEATS) | seconds | ratio | goal | |
|---|---:|---:|---:|---|
| hub full load through the file-drop feed (read, validate, write, index; the feed's first load into an empty store) | $first | $ratio × ogr2ogr | ≤ 1.0 | $(verdict "$ratio" 1.0) |
| ogr2ogr -f PostgreSQL, same files, same database | $ogr | 1 | | |
| hub re-run of the unchanged snapshot | $rerun | $rr × full | ≤ 0.5 | $(verdict "$rr" 0.5) |
| hub 1 % change set ($CHANGED features), incremental | $delta | $dr × full | ≤ 0.1 | $(verdict "$dr" 0.1) |
| peak heap (GC log, -Xmx512m) | ${peak} MiB of ${maxheap} MiB | | < 512 MiB | $(verdict "$peak" 511) |
| WFS 2.0 from MapServer 8: $wfs_read of $poles poles, pages of 10000 ($wfs_status) | $wfs_s | $wfs_rate records/s | | |
| hub full load throughput | | $hub_rate records/s | | |
MD
{
  echo "Raw runs (seconds read inserted updated unchanged retired quarantined):"
  echo; echo '```'; echo "full:";   cat "$B/hub-first.txt"; echo "re-run:"; cat "$B/hub-rerun.txt"
  echo "change set:"; cat "$B/hub-delta.txt"; echo "ogr2ogr:"; cat "$B/ogr.txt"; echo '```'
} >"$B/notes.md"
printf 'full-load %s %s\nre-run %s 0\nchange-set %s 0\n' "$first" "$ogr" "$rerun" "$delta" >"$B/chart.dat"
bench_chart "$B/chart.dat" "$B/feeds-load.png" "Feeds: $TOTAL features (median seconds)" "seconds" "hub" "ogr2ogr"
bench_record "Feeds" "$B/commands.txt" "$B/table.md" "$B/notes.md" "$B/feeds-load.png"
