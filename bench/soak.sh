# Soak: 50 MIS cases/s and 200 siting requests/s together on the 100k grid; p99 per 30 s, heap and connections over time.
#
# Usage: ./hub bench soak [SECONDS=300] [CASE_RATE=50] [SITING_RATE=200] [WARMUP=60]
#
# Uses its own database (gridhub_bench_soak) and ports (HTTP 61777, MIS acceptor 61776), so a
# running hub and the other benchmarks' databases are not disturbed. The grid store holds the
# generator's 100k-transformer grid (SampleGridCli --transformers 100000, generated and loaded once
# with ogr2ogr, as for mis-broker). The hub runs from the packaged jar with its embedded broker
# (-Xmx1g). Two load drivers run at the same time, each on a fixed clock:
#   cases  — io.gridhub.messaging.bench.MisBrokerLoad, the marketing MIS: `create ConnectionApplication`
#            at CASE_RATE/s at the plan stage on 2,000 sites 50–250 m from transformers, each timed
#            until its `created SupplyPlan` event leaves the hub (issue 9: p99 ≤ 200 ms);
#   siting — io.gridhub.siting.bench.SitingLoad: POST /api/siting/candidates at SITING_RATE/s, open
#            loop (each request sent when it is due, answered or not, its latency counted from the
#            time it was due: no coordinated omission), as a workspace session of cm (one form
#            login), the same 2,000 sites with siting-http's mix of requests (issue 4: p99 ≤ 20 ms).
# First both run WARMUP seconds (a fresh JVM compiles its hot paths; the MIS driver then waits for
# the warm-up's events), then both run SECONDS: the soak. The soak is cut into 30-second windows of
# send time; each window's p99 of both must be within its target, with no errors (answers other
# than 200, no answer in 10 s, failed MIS replies, lost events, ERROR lines in the hub's log).
# Every 5 s from the hub's start a sampler reads the hub's heap used, live threads and Hikari pool
# (/actuator/prometheus, as admin in a session), the hub's PostgreSQL backends (pg_stat_activity),
# the broker's TCP connections (ss) and the hub's RSS. Flat means: the heap's floor per window (its
# lowest sample, about what survives a collection) rises by less than a few MiB per minute, and
# the connection counts stay in a narrow band. Charts go to docs/img/ with the record.

DURATION="${1:-300}"
CASE_RATE="${2:-50}"
SITING_RATE="${3:-200}"
WARMUP="${4:-60}"
WINDOW=30
SAMPLE_EVERY=5
B="$BENCH_OUT/soak"
GRID="$B/grid-100k-dt"
DB=gridhub_bench_soak
HTTP_PORT=61777
BROKER_PORT=61776
mkdir -p "$B"
export PGPASSWORD="$HUB_DB_PASSWORD"
psql_su() { bench_psql_su "$@"; }
psql_hub() { bench_psql_hub "$@"; }

bench_build_drivers

SAMPLER_PID=
stop_all() {
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; fi
  SAMPLER_PID=
  bench_stop_hub
}
trap stop_all EXIT

# --- the grid, once; earlier runs' cases and plans go; request bodies ------------------------------
bench_cases_grid "$GRID"
# siting-http's mix on the same sites: 60 % 10 kV (200–3,000 kVA), 30 % low voltage (5–150 kW),
# 10 % 10 kV for first-grade customers (fixed seed: the same bodies each run)
awk 'BEGIN { srand(20261203) } NF == 2 { mix = rand(); size = rand()
  if (mix < 0.6) printf "{\"lon\": %s, \"lat\": %s, \"requestedKva\": %d, \"customerCategory\": \"LARGE_INDUSTRY\", \"importance\": \"NORMAL\"}\n", $1, $2, 200 + size * 2800
  else if (mix < 0.9) printf "{\"lon\": %s, \"lat\": %s, \"requestedKw\": %d, \"customerCategory\": \"RESIDENTIAL\", \"importance\": \"NORMAL\"}\n", $1, $2, 5 + size * 145
  else printf "{\"lon\": %s, \"lat\": %s, \"requestedKva\": %d, \"customerCategory\": \"LARGE_INDUSTRY\", \"importance\": \"FIRST\"}\n", $1, $2, 200 + size * 2800 }' \
  "$B/sites.txt" >"$B/bodies.jsonl"

# --- the hub, the sessions, the sampler -------------------------------------------------------------
rm -rf "$B/run" "$B/warmup"
bench_start_hub HUB_SAMPLE_GRID=false HUB_CASES_TIME_LIMIT_CRON="" ${BENCH_HUB_JAVA_TOOL_OPTIONS:+JAVA_TOOL_OPTIONS="$BENCH_HUB_JAVA_TOOL_OPTIONS"}
BASE="http://127.0.0.1:$HTTP_PORT"
bench_session_login admin admin123 /actuator/metrics
ADMIN_JAR="$BENCH_JAR"
bench_session_login cm cm123 "/api/cases?size=1"
export COOKIE="$BENCH_COOKIE" XSRF="$BENCH_XSRF"
curl -fsS -b "$BENCH_JAR" -H "X-XSRF-TOKEN: $XSRF" -H 'Content-Type: application/json' -d "$(head -1 "$B/bodies.jsonl")" \
  "$BASE/api/siting/candidates" >"$B/sample-answer.json" || { echo "[bench] a siting request failed" >&2; exit 1; }

# CPU time (clock ticks) of a process: user + system, and with "all" also its waited-for children
cpu_ticks() {
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || { echo NaN; return; }
  set -- ${s##*) }
  if [ "${2:-}" = all ]; then echo $(( ${12} + ${13} + ${14} + ${15} )); else echo $(( ${12} + ${13} )); fi
}
# CPU ticks of the whole PostgreSQL cluster: the postmaster (with the sessions that have ended) and
# every process it runs now (sessions, WAL writer, checkpointer, autovacuum)
pg_cpu_ticks() {
  local pm t c
  pm=$(head -1 "$HUB_DATA_DIR/pg/postmaster.pid" 2>/dev/null) || { echo NaN; return; }
  t=$(cpu_ticks "$pm" all)
  [ "$t" = NaN ] && { echo NaN; return; }
  for c in $(cat /proc/"$pm"/task/*/children 2>/dev/null); do
    c=$(cpu_ticks "$c"); [ "$c" = NaN ] || t=$(( t + c ))
  done
  echo "$t"
}
# one line per sample: epoch s, heap used MiB, heap committed MiB, live threads, Hikari active,
# idle, total, pending, hub's PostgreSQL backends (all, active), broker TCP connections, RSS MiB,
# CPU ticks of the hub (with its embedded broker) and of PostgreSQL
sample() {
  local t metrics pg
  t=$(date +%s.%N)
  metrics=$(curl -s --max-time 8 -b "$ADMIN_JAR" "$BASE/actuator/prometheus" | awk '
    /^jvm_memory_used_bytes\{.*area="heap"/ { hu += $NF }
    /^jvm_memory_committed_bytes\{.*area="heap"/ { hc += $NF }
    /^jvm_threads_live_threads/ { th += $NF }
    /^hikaricp_connections_active\{/ { ha += $NF }
    /^hikaricp_connections_idle\{/ { hi += $NF }
    /^hikaricp_connections\{/ { ht += $NF }
    /^hikaricp_connections_pending\{/ { hp += $NF }
    END { if (hu == 0) print "NaN NaN NaN NaN NaN NaN NaN"
          else printf "%.1f %.1f %d %d %d %d %d", hu / 1048576, hc / 1048576, th, ha, hi, ht, hp }' || true)
  pg=$(psql_hub -tAF' ' -c "SELECT count(*), count(*) FILTER (WHERE state = 'active') FROM pg_stat_activity
                             WHERE datname = '$DB' AND backend_type = 'client backend' AND pid <> pg_backend_pid()" 2>/dev/null \
       || echo "NaN NaN" || true)
  echo "$t $metrics $pg $(ss -Htn state established "( sport = :$BROKER_PORT )" | wc -l) \
$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$HUB_PID/status" 2>/dev/null || echo NaN) \
$(cpu_ticks "$HUB_PID") $(pg_cpu_ticks)"
}
: >"$B/samples.txt"
( while kill -0 "$HUB_PID" 2>/dev/null; do
    sample >>"$B/samples.txt"
    sleep "$(awk -v p="$SAMPLE_EVERY" -v n="$(date +%s.%N)" 'BEGIN { printf "%.3f", p - (n % p) }')"
  done ) &
SAMPLER_PID=$!

# --- both loads at once: warm-up, then the soak --------------------------------------------------------
# Both drivers start their clocks at one moment (io.gridhub.bench.StartGate): when both are ready,
# the go file names the epoch millisecond a second ahead. Prints that start (epoch s); the drivers'
# outputs go to B/PHASE/{mis,siting}.
both() {
  local phase="$1" seconds="$2" t0 mis siting gate="$B/$1/gate"
  mkdir -p "$B/$phase"
  rm -rf "$gate"
  BENCH_MIS_JAVA_OPTS="-Dbench.gate=$gate" bench_mis_load "$CASE_RATE" "$seconds" "$B/$phase/mis" >"$B/$phase/mis.txt" 2>&1 &
  mis=$!
  java -Xmx256m -Dbench.gate="$gate" -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" \
    io.gridhub.siting.bench.SitingLoad "$BASE/api/siting/candidates" "$B/bodies.jsonl" "$SITING_RATE" "$seconds" \
    "$B/$phase/siting" >"$B/$phase/siting.txt" 2>&1 &
  siting=$!
  local deadline=$(( $(date +%s) + 300 ))
  until [ -f "$gate/ready-mis" ] && [ -f "$gate/ready-siting" ]; do
    if ! kill -0 "$mis" 2>/dev/null || ! kill -0 "$siting" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
      echo "[bench] a driver did not get ready (see $B/$phase/*.txt)" >&2; kill "$mis" "$siting" 2>/dev/null; exit 1
    fi
    sleep 0.1
  done
  t0=$(( $(date +%s%3N) + 1000 ))
  echo "$t0" >"$gate/go.tmp" && mv "$gate/go.tmp" "$gate/go"
  wait "$siting" || echo "[bench] the siting driver failed: $B/$phase/siting.txt" >&2
  wait "$mis" || echo "[bench] the MIS driver failed: $B/$phase/mis.txt" >&2
  awk -v t="$t0" 'BEGIN { printf "%.3f", t / 1000 }'
}
log_warmup=$(wc -l <"$B/hub.log")
echo "[bench] warm-up: $CASE_RATE cases/s + $SITING_RATE siting requests/s for $WARMUP s" >&2
T_WARMUP=$(both warmup "$WARMUP")
log_run=$(wc -l <"$B/hub.log")
echo "[bench] soak: $CASE_RATE cases/s + $SITING_RATE siting requests/s for $DURATION s" >&2
T_RUN=$(both run "$DURATION")
T_END=$(date +%s.%N)
log_end=$(wc -l <"$B/hub.log")
sleep "$SAMPLE_EVERY"   # one more sample after the load
for phase in warmup run; do
  echo "[bench] $phase:" >&2; sed 's/^/  /' "$B/$phase/mis.txt" "$B/$phase/siting.txt" >&2
done
load_after="$(uptime | sed 's/.*load average: //')"
errors_run=$(sed -n "$((log_run + 1)),${log_end}p" "$B/hub.log" | grep -c ' ERROR ' || true)
errors_warmup=$(sed -n "$((log_warmup + 1)),${log_run}p" "$B/hub.log" | grep -c ' ERROR ' || true)
sed -n "$((log_warmup + 1)),${log_end}p" "$B/hub.log" | grep ' ERROR ' | head -20 >"$B/hub-errors.txt" || true
cases_after=$(psql_hub -tAc "SELECT count(*) FROM cases.connection_case")
plans_after=$(psql_hub -tAc "SELECT count(*) FROM plans.supply_plan")
double_plans=$(psql_hub -tAc "SELECT count(*) FROM (SELECT case_no FROM plans.supply_plan GROUP BY case_no HAVING count(*) > 1) d")
unsent=$(psql_hub -tAc "SELECT count(*) FROM messaging.outbox WHERE sent_at IS NULL")
stop_all

# --- windows, flatness, charts -------------------------------------------------------------------------
python3 - "$B" "$T_WARMUP" "$T_RUN" "$T_END" "$WINDOW" "$CASE_RATE" "$SITING_RATE" "$errors_run" "$(getconf CLK_TCK)" <<'PY' >"$B/figures.txt"
import math, statistics, sys
b, t_warm, t_run, t_end, window = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
case_rate, siting_rate, hub_errors, clk_tck = int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8]), int(sys.argv[9])

def p99(v):
    v = sorted(v)
    return v[max(0, math.ceil(0.99 * len(v)) - 1)] if v else float("nan")

def counts(path):
    f = open(path).read().split()
    return {f[i]: int(f[i + 1]) for i in range(0, len(f) - 1, 2)}

# per window of send time: cases (sent epoch ms, latency or lost), siting (due epoch ms, latency, status)
wins = {}
def win(ms):
    return int((ms / 1000 - t_run) // window)
for line in open(b + "/run/mis/due-latencies.txt"):
    t, v = line.split()
    w = wins.setdefault(win(int(t)), {"c": [], "s": [], "e": 0, "cn": 0, "sn": 0})
    w["cn"] += 1
    if v == "lost":
        w["e"] += 1
    else:
        w["c"].append(float(v))
for line in open(b + "/run/siting/requests.txt"):
    t, v, s = line.split()
    w = wins.setdefault(win(int(t)), {"c": [], "s": [], "e": 0, "cn": 0, "sn": 0})
    w["sn"] += 1
    if s == "200":
        w["s"].append(float(v))
    else:
        w["e"] += 1
full = [k for k in sorted(wins) if wins[k]["cn"] >= case_rate * window / 2 and wins[k]["sn"] >= siting_rate * window / 2]
with open(b + "/windows.dat", "w") as out:
    out.write("# window start s, cases p99 ms, siting p99 ms, cases, siting requests, errors (lost events, siting not 200)\n")
    for k in full:
        w = wins[k]
        out.write("%d %.1f %.1f %d %d %d\n" % (k * window, p99(w["c"]), p99(w["s"]), w["cn"], w["sn"], w["e"]))
cp = [p99(wins[k]["c"]) for k in full]
sp = [p99(wins[k]["s"]) for k in full]
all_c = [x for k in wins for x in wins[k]["c"]]
all_s = [x for k in wins for x in wins[k]["s"]]

# samples: seconds relative to the soak's start; the heap's floor per window
rows = []
for line in open(b + "/samples.txt"):
    f = line.split()
    if len(f) == 14:
        rows.append([float(f[0]) - t_run] + [float(x) for x in f[1:]])
with open(b + "/samples.dat", "w") as out:
    out.write("# s from the soak's start, heap used MiB, heap committed MiB, threads, hikari active, idle, total, "
              "pending, pg backends, pg active, broker connections, RSS MiB, CPU ticks hub, CPU ticks PostgreSQL\n")
    for r in rows:
        out.write(" ".join("NaN" if math.isnan(x) else "%g" % x for x in r) + "\n")
soak = [r for r in rows if 0 <= r[0] <= t_end - t_run]
floors = []
for k in range(0, int((t_end - t_run) // window) + 1):
    ws = [r for r in soak if k * window <= r[0] < (k + 1) * window and not math.isnan(r[1])]
    if len(ws) >= 3:
        floors.append((k * window + window / 2, min(r[1] for r in ws)))
with open(b + "/heap-floor.dat", "w") as out:
    out.write("# window middle s, lowest heap used MiB in the window\n")
    for t, h in floors:
        out.write("%g %.1f\n" % (t, h))

def slope_per_min(pts):
    if len(pts) < 2:
        return float("nan")
    mx = statistics.fmean(p[0] for p in pts)
    my = statistics.fmean(p[1] for p in pts)
    d = sum((p[0] - mx) ** 2 for p in pts)
    return 60 * sum((p[0] - mx) * (p[1] - my) for p in pts) / d if d else float("nan")

def rng(i):
    v = [r[i] for r in soak if not math.isnan(r[i])]
    missing = len(soak) - len(v)
    return ("%g–%g" % (min(v), max(v)) if v else "NaN") + (" (%d samples missing)" % missing if missing else "")

def cores(i):
    """Mean cores used over the soak: CPU ticks between its first and last sample, per second."""
    v = [(r[0], r[i]) for r in soak if not math.isnan(r[i])]
    if len(v) < 2 or v[-1][0] <= v[0][0]:
        return float("nan")
    return (v[-1][1] - v[0][1]) / clk_tck / (v[-1][0] - v[0][0])

mis, sit = counts(b + "/run/mis/counts.txt"), counts(b + "/run/siting/counts.txt")
mis_w, sit_w = counts(b + "/warmup/mis/counts.txt"), counts(b + "/warmup/siting/counts.txt")
errors = mis["lost"] + mis["replies_failed"] + mis["send_failures"] + mis["unreadable_events"] + sit["not_ok"] + hub_errors
fig = {
    "windows": len(full),
    "cases_p99_med": statistics.median(cp) if cp else float("nan"), "cases_p99_min": min(cp, default=float("nan")),
    "cases_p99_max": max(cp, default=float("nan")), "cases_p99_all": p99(all_c),
    "cases_p50_all": statistics.median(all_c) if all_c else float("nan"),
    "cases_over": sum(1 for x in cp if not x <= 200),
    "siting_p99_med": statistics.median(sp) if sp else float("nan"), "siting_p99_min": min(sp, default=float("nan")),
    "siting_p99_max": max(sp, default=float("nan")), "siting_p99_all": p99(all_s),
    "siting_p50_all": statistics.median(all_s) if all_s else float("nan"),
    "siting_over": sum(1 for x in sp if not x <= 20),
    "cases_sent": mis["sent"], "cases_lost": mis["lost"], "cases_failed": mis["replies_failed"],
    "cases_send_failures": mis["send_failures"] + mis["unreadable_events"], "cases_duplicates": mis["duplicates"],
    "siting_sent": sit["sent"], "siting_not_ok": sit["not_ok"], "siting_no_answer": sit["no_answer"],
    "hub_errors": hub_errors, "errors": errors,
    "warmup_errors": mis_w["lost"] + mis_w["replies_failed"] + mis_w["send_failures"] + sit_w["not_ok"],
    "heap_floor_slope": slope_per_min(floors),
    "heap_slope": slope_per_min([(r[0], r[1]) for r in soak if not math.isnan(r[1])]),
    "heap_floor_first": floors[0][1] if floors else float("nan"), "heap_floor_last": floors[-1][1] if floors else float("nan"),
    "heap_range": rng(1), "threads_range": rng(3), "hikari_active_range": rng(4), "hikari_total_range": rng(6),
    "hikari_pending_range": rng(7), "pg_range": rng(8), "broker_range": rng(10), "rss_range": rng(11),
    "rss_slope": slope_per_min([(r[0], r[11]) for r in soak if not math.isnan(r[11])]), "samples": len(soak),
    "cpu_hub": cores(12), "cpu_pg": cores(13),
}
for k, v in fig.items():
    print(k, (("%.2f" if k.startswith("cpu_") else "%.1f") % v) if isinstance(v, float) else v)
PY
fig() { awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "$B/figures.txt"; }
cat "$B/figures.txt" >&2

if command -v gnuplot >/dev/null; then
  gnuplot <<GP
set terminal pngcairo size 1000,900 font "Noto Sans CJK SC,10" noenhanced
set output '$B/soak-resources.png'
set multiplot layout 3,1 title "Soak: $CASE_RATE cases/s + $SITING_RATE siting requests/s, hub resources every $SAMPLE_EVERY s (warm-up before 0)"
set grid
set key outside right top
set offsets 0, 0, graph 0.08, 0
set arrow from 0, graph 0 to 0, graph 1 nohead dashtype 3 linecolor rgb '#444444'
set xlabel "seconds from the start of the soak"
set ylabel "MiB"
set yrange [0:*]
plot '$B/samples.dat' using 1:2 with lines linecolor rgb '#0b5394' title 'heap used', \
     '' using 1:3 with lines linecolor rgb '#999999' title 'heap committed', \
     '$B/heap-floor.dat' using 1:2 with linespoints linecolor rgb '#cc0000' pointtype 7 title 'heap floor per 30 s', \
     '$B/samples.dat' using 1:12 with lines linecolor rgb '#6aa84f' title 'RSS'
set ylabel "connections"
plot '$B/samples.dat' using 1:7 with steps linecolor rgb '#0b5394' title 'Hikari total', \
     '' using 1:5 with steps linecolor rgb '#e69138' title 'Hikari active', \
     '' using 1:9 with steps linecolor rgb '#6aa84f' title 'PostgreSQL backends', \
     '' using 1:11 with steps linecolor rgb '#cc0000' title 'broker connections'
set ylabel "threads"
plot '$B/samples.dat' using 1:4 with steps linecolor rgb '#674ea7' title 'JVM live threads', \
     '' using 1:8 with steps linecolor rgb '#e69138' title 'waiting for a Hikari connection'
unset multiplot
GP
  gnuplot <<GP
set terminal pngcairo size 1000,650 font "Noto Sans CJK SC,10" noenhanced
set output '$B/soak-p99.png'
set multiplot layout 2,1 title "Soak: p99 per $WINDOW-second window of send time"
set grid
set key outside right top
set xlabel "window start, seconds from the start of the soak"
set ylabel "ms (log scale)"
set logscale y
plot '$B/windows.dat' using 1:2 with linespoints pointtype 7 linecolor rgb '#0b5394' title 'cases: create → created SupplyPlan', \
     200 with lines dashtype 2 linecolor rgb '#cc0000' title 'target 200 ms'
plot '$B/windows.dat' using 1:3 with linespoints pointtype 7 linecolor rgb '#e69138' title 'siting: POST /api/siting/candidates', \
     20 with lines dashtype 2 linecolor rgb '#cc0000' title 'target 20 ms'
unset multiplot
GP
  mkdir -p "$(dirname "$BENCH_DOC")/img"
  cp "$B/soak-resources.png" "$(dirname "$BENCH_DOC")/img/soak-resources-$BENCH_STAMP.png"
else
  echo "[bench] gnuplot missing: no charts" >&2
fi

# --- record ----------------------------------------------------------------------------------------------
cat >"$B/commands.txt" <<CMD
./hub bench soak $DURATION $CASE_RATE $SITING_RATE $WARMUP
# hub: java -Xmx1g -jar target/gridhub.jar (embedded broker, own database $DB, 100k-transformer grid)
# cases:  java -Dbench.sites=sites.txt -Dbench.stage=PLAN_REPLY … io.gridhub.messaging.bench.MisBrokerLoad \\
#           tcp://127.0.0.1:$BROKER_PORT mis mis $CASE_RATE $DURATION … SupplyPlan
# siting: COOKIE=… XSRF=… java … io.gridhub.siting.bench.SitingLoad http://127.0.0.1:$HTTP_PORT/api/siting/candidates \\
#           bodies.jsonl $SITING_RATE $DURATION …   (open loop, latency from the due time)
# both at once, first $WARMUP s (warm-up, not counted), then $DURATION s; sampler every $SAMPLE_EVERY s:
#   /actuator/prometheus (admin session), pg_stat_activity, ss -tn sport = :$BROKER_PORT, /proc/PID/status
CMD
verdict() { if [ "$1" -eq 0 ]; then echo "within the target in every window"; else echo "**over the target in $1 of $(fig windows) windows**"; fi; }
{
  echo "| figure | soak ($DURATION s, $(fig windows) windows of $WINDOW s) | target |"
  echo "|---|---|---|"
  echo "| cases: create ConnectionApplication → created SupplyPlan, p99 per window, median (min–max), ms | **$(fig cases_p99_med)** ($(fig cases_p99_min)–$(fig cases_p99_max)): $(verdict "$(fig cases_over)") | ≤ 200 |"
  echo "| cases: p50 / p99 over the whole soak, ms | $(fig cases_p50_all) / $(fig cases_p99_all) | |"
  echo "| siting: POST /api/siting/candidates, p99 per window, median (min–max), ms | **$(fig siting_p99_med)** ($(fig siting_p99_min)–$(fig siting_p99_max)): $(verdict "$(fig siting_over)") | ≤ 20 |"
  echo "| siting: p50 / p99 over the whole soak, ms (from the due time, open loop) | $(fig siting_p50_all) / $(fig siting_p99_all) | |"
  echo "| errors: lost events, failed MIS replies, send failures, siting answers not 200 (of them no answer in 10 s), ERROR lines in the hub's log | **$(fig errors)**: $(fig cases_lost), $(fig cases_failed), $(fig cases_send_failures), $(fig siting_not_ok) ($(fig siting_no_answer)), $(fig hub_errors) | 0 |"
  echo "| sent: cases / siting requests; events dropped as duplicates by MessageID | $(fig cases_sent) / $(fig siting_sent); $(fig cases_duplicates) | |"
  echo "| heap floor (lowest sample per window): first → last window, slope MiB/min | $(fig heap_floor_first) → $(fig heap_floor_last), $(fig heap_floor_slope) | flat |"
  echo "| heap used: range MiB, slope of all samples MiB/min; RSS range MiB, slope MiB/min | $(fig heap_range), $(fig heap_slope); $(fig rss_range), $(fig rss_slope) | |"
  echo "| Hikari connections: total, active, threads waiting (min–max) | $(fig hikari_total_range), $(fig hikari_active_range), $(fig hikari_pending_range) | flat |"
  echo "| hub's PostgreSQL backends; broker TCP connections; JVM live threads (min–max) | $(fig pg_range); $(fig broker_range); $(fig threads_range) | flat |"
  echo "| cases / plans in the database after; cases with more than one plan; outbox rows unsent at the end | $cases_after / $plans_after; $double_plans; $unsent | |"
  echo "| CPU over the soak, mean cores: the hub (with its embedded broker); PostgreSQL (all its processes) | $(fig cpu_hub); $(fig cpu_pg) | |"
  echo "| machine: load average (1, 5, 15 min) after the soak, 2 cores; errors in the warm-up | $load_after; $(fig warmup_errors) | |"
  echo
  echo "Grid: $(cat "$B/grid-size.txt"). $(fig samples) samples in the soak."
} >"$B/table.md"
{
  echo "The drivers, the hub and PostgreSQL share the machine's cores; the drivers' own summaries:"
  echo
  echo '```'
  for phase in warmup run; do echo "[$phase] cases"; grep -v "Commons Logging" "$B/$phase/mis.txt"; echo "[$phase] siting"; cat "$B/$phase/siting.txt"; done
  echo '```'
  if [ -s "$B/hub-errors.txt" ]; then echo; echo "ERROR lines in the hub's log (first 20):"; echo; echo '```'; cat "$B/hub-errors.txt"; echo '```'; fi
  [ -f "$B/soak-resources.png" ] && { echo; echo "![Soak: heap, connections and threads over time](img/soak-resources-$BENCH_STAMP.png)"; }
  [ -n "${BENCH_NOTES:-}" ] && [ -s "$BENCH_NOTES" ] && { echo; cat "$BENCH_NOTES"; }
} >"$B/notes.md"
cat "$B/table.md" >&2
bench_record "Soak: $CASE_RATE cases/s and $SITING_RATE siting requests/s together for $DURATION s" \
  "$B/commands.txt" "$B/table.md" "$B/notes.md" "$B/soak-p99.png"
