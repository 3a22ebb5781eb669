# MIS over the broker, end to end: create ConnectionApplication in → created SupplyPlan out; artemis perf as reference.
#
# Usage: ./hub bench mis-broker [RATE=50] [SECONDS=300] [WARMUP=30] [REF_SECONDS=60] [REF_REPEATS=3]
#
# Uses its own database (gridhub_bench_messaging) and ports (HTTP 61747, MIS acceptor 61746, the
# reference broker 61748), so a running hub and the test database are not disturbed. The grid store
# holds the generator's 100k-transformer grid (SampleGridCli --transformers 100000, generated and
# loaded once with ogr2ogr). The hub runs from the packaged jar with its embedded broker. The load
# driver (io.gridhub.messaging.bench.MisBrokerLoad, test classes) is the marketing MIS: it sends
# `create ConnectionApplication` at RATE per second, each case at the plan stage (`<stage>PLAN_REPLY`)
# on a site 50–250 m from one of 2,000 transformers of the grid, over Artemis Core with JMSReplyTo,
# and times each case until the `created SupplyPlan` event arrives on gridhub.events.mis
# (CorrelationID = the request's MessageID), deduplicating by MessageID. That is the whole path:
# request queue → dispatcher → dedup record, case, three stage steps, siting on the grid, plan draft
# and outbox rows in one transaction → commit → JMS acknowledgement → outbox relay → events queue.
# The first WARMUP seconds are sent at the same rate but kept out of the percentiles (a fresh JVM
# compiles its hot paths first; the MIS talks to a hub that has run for days); the driver then waits
# until every warm-up case has its event (the figures say how long), so the sustained run does not
# start on the cold JVM's backlog. The SECONDS after that are the sustained run, cut into one-minute windows whose p99s give the spread. The reference
# is the broker's own `artemis perf client`, persistent 1.5 kB messages at the same rate on a
# standalone Artemis 2.40.0 with default settings, REF_REPEATS times: what the broker alone costs.

RATE="${1:-50}"
DURATION="${2:-300}"
WARMUP="${3:-30}"
REF_DURATION="${4:-60}"
REF_REPEATS="${5:-3}"
B="$BENCH_OUT/mis-broker"
GRID="$B/grid-100k-dt"
DB=gridhub_bench_messaging
HTTP_PORT=61747
BROKER_PORT=61746
REF_PORT=61748
mkdir -p "$B"
export PGPASSWORD="$HUB_DB_PASSWORD"
psql_su() { bench_psql_su "$@"; }
psql_hub() { bench_psql_hub "$@"; }

bench_build_drivers

REF_PID=
stop_all() {
  bench_stop_hub
  if [ -n "$REF_PID" ]; then
    kill "$REF_PID" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$REF_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$REF_PID" 2>/dev/null || true
  fi
}
trap stop_all EXIT

# --- the grid, once; earlier runs' cases and plans go ----------------------------------------------
bench_cases_grid "$GRID"

# --- the hub ---------------------------------------------------------------------------------------
bench_start_hub HUB_SAMPLE_GRID=false HUB_CASES_TIME_LIMIT_CRON="" ${BENCH_HUB_JAVA_TOOL_OPTIONS:+JAVA_TOOL_OPTIONS="$BENCH_HUB_JAVA_TOOL_OPTIONS"}
echo "[bench] hub: $RATE cases/s for $WARMUP s warm-up + $DURATION s" >&2
bench_mis_load "$RATE" "$DURATION" "$B/hub-run" "$WARMUP" | tee "$B/hub-run.txt" >&2
load_during="$(uptime | sed 's/.*load average: //')"
cases_after=$(psql_hub -tAc "SELECT count(*) FROM cases.connection_case")
plans_after=$(psql_hub -tAc "SELECT count(*) FROM plans.supply_plan")
double_plans=$(psql_hub -tAc "SELECT count(*) FROM (SELECT case_no FROM plans.supply_plan GROUP BY case_no HAVING count(*) > 1) d")
unsent=$(psql_hub -tAc "SELECT count(*) FROM messaging.outbox WHERE sent_at IS NULL")
outbox_rows=$(psql_hub -tAc "SELECT count(*) FROM messaging.outbox")
bench_stop_hub
# one-minute windows of the sustained run (after the warm-up lines): p99 each
python3 - "$B/hub-run/latencies-ms.txt" "$((RATE * WARMUP))" "$((RATE * 60))" >"$B/window-p99.txt" <<'PY'
import math, sys
lines = open(sys.argv[1]).read().split()[int(sys.argv[2]):]
per = int(sys.argv[3])
for i in range(0, len(lines), per):
    w = sorted(float(x) for x in lines[i:i + per] if x != "lost")
    if len(w) >= per // 2:
        print("%.1f" % w[max(0, math.ceil(0.99 * len(w)) - 1)])
PY
win_med=$(bench_median <"$B/window-p99.txt"); win_min=$(sort -g "$B/window-p99.txt" | head -1); win_max=$(sort -g "$B/window-p99.txt" | tail -1)

# --- the reference: the broker alone, persistent, same rate ------------------------------------------
D="target/artemis-dist/apache-artemis-2.40.0"
[ -x "$D/bin/artemis" ] || bench_mvn dependency:unpack@unpack-artemis
rm -rf "$B/ref-broker"
"$D/bin/artemis" create --silent --force --user bench --password bench --require-login --host 127.0.0.1 \
  --default-port "$REF_PORT" --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
  --no-web --no-autotune "$B/ref-broker" >/dev/null
"$B/ref-broker/bin/artemis" run >"$B/ref-broker.log" 2>&1 &
REF_PID=$!
for _ in $(seq 120); do (exec 3<>"/dev/tcp/127.0.0.1/$REF_PORT") 2>/dev/null && break; sleep 0.5; done
: >"$B/ref-p99.txt"; : >"$B/ref-p50.txt"
for r in $(seq 1 "$REF_REPEATS"); do
  echo "[bench] artemis perf client: $RATE msg/s for $REF_DURATION s ($r/$REF_REPEATS)" >&2
  "$D/bin/artemis" perf client --url "tcp://127.0.0.1:$REF_PORT" --user bench --password bench --persistent \
    --rate "$RATE" --duration "$REF_DURATION" --warmup 10 --message-size 1500 --json "$B/ref-perf-$r.json" --silent queue://BENCH \
    >"$B/ref-perf-$r.txt" 2>&1 || true
  python3 - "$B/ref-perf-$r.json" "$B" <<'PY' || echo "no result in $B/ref-perf-$r.txt" >&2
import json, sys
s = [x for x in json.load(open(sys.argv[1])) if x["sampleType"] == "summary"][0]
t = s["totalTransferTime"]  # microseconds
open(sys.argv[2] + "/ref-p99.txt", "a").write("%.2f\n" % (t["99"] / 1000))
open(sys.argv[2] + "/ref-p50.txt", "a").write("%.2f\n" % (t["50"] / 1000))
PY
done
stop_all
REF_PID=
ref_p99=$(bench_median <"$B/ref-p99.txt"); ref_p99_min=$(sort -g "$B/ref-p99.txt" | head -1); ref_p99_max=$(sort -g "$B/ref-p99.txt" | tail -1)
ref_p50=$(bench_median <"$B/ref-p50.txt")

summary="$(head -5 "$B/hub-run/summary.txt")"
{
  echo "./hub bench mis-broker $RATE $DURATION $WARMUP $REF_DURATION $REF_REPEATS"
  echo "# hub: java -jar target/gridhub.jar (embedded broker, own database $DB, 100k-transformer grid), driver:"
  echo "java -Dbench.warmup=$WARMUP -Dbench.sites=sites.txt -Dbench.stage=PLAN_REPLY -cp target/test-classes:target/classes:… \\"
  echo "  io.gridhub.messaging.bench.MisBrokerLoad tcp://127.0.0.1:$BROKER_PORT mis mis $RATE $DURATION … SupplyPlan"
  echo "# reference ($REF_REPEATS×): $D/bin/artemis perf client --persistent --rate $RATE --duration $REF_DURATION --warmup 10 --message-size 1500 queue://BENCH"
} >"$B/commands.txt"
{
  echo '| run | what | result |'
  echo '|---|---|---|'
  echo "| hub | create ConnectionApplication (at PLAN_REPLY) → created SupplyPlan, end to end | $(echo "$summary" | tr '\n' ';' | sed 's/;$//; s/;/; /g') |"
  echo "| hub | p99 of each minute of the sustained run, median (min–max) | **$win_med ms** ($win_min–$win_max) over $(wc -l <"$B/window-p99.txt") windows |"
  echo "| hub | cases / plans in the database after; cases with more than one plan; outbox rows, unsent at the end | $cases_after / $plans_after; $double_plans; $outbox_rows, $unsent |"
  echo "| machine | load average (1, 5, 15 min) at the end of the hub run, 2 cores | $load_during |"
  echo "| artemis perf | persistent 1.5 kB messages at the same rate, broker alone, send → receive, $REF_REPEATS × $REF_DURATION s | p99 median **$ref_p99 ms** ($ref_p99_min–$ref_p99_max), p50 median $ref_p50 ms |"
  echo
  echo "Hub p99 ÷ broker-alone p99 (medians): $(awk -v a="$win_med" -v b="$ref_p99" 'BEGIN { printf "%.1f", a / b }'). Grid: $(cat "$B/grid-size.txt")."
} >"$B/table.md"
cat "$B/table.md" >&2
bench_record "MIS over the broker: create ConnectionApplication → created SupplyPlan ($RATE/s, $DURATION s sustained)" \
  "$B/commands.txt" "$B/table.md" "${BENCH_NOTES:-}"
