# MIS over the broker, end to end: create ConnectionApplication in → its created event out; artemis perf as reference.
#
# Usage: ./hub bench mis-broker [RATE=50] [SECONDS=300] [REFERENCE_SECONDS=SECONDS]
#
# Uses its own database (gridhub_bench_messaging) and ports (HTTP 61747, MIS acceptor 61746, the
# reference broker 61748), so a running hub and the test database are not disturbed. The hub runs
# from the packaged jar with its embedded broker. The load driver (io.gridhub.messaging.bench.
# MisBrokerLoad, test classes) is the marketing MIS: it sends `create ConnectionApplication` at RATE
# per second for SECONDS over Artemis Core with JMSReplyTo, and times each case until the
# `created ConnectionApplication` event the hub appended to its outbox in the same transaction
# arrives on gridhub.events.mis (CorrelationID = the request's MessageID), deduplicating by
# MessageID. That path is the whole messaging side: request queue → dispatcher → dedup record, case
# and outbox row in one transaction → commit → JMS acknowledgement → outbox relay → events queue.
# The reference is the broker's own `artemis perf client`, persistent messages at the same rate on
# a standalone Artemis 2.40.0 with default settings: what the broker alone costs per message.

RATE="${1:-50}"
DURATION="${2:-300}"
REF_DURATION="${3:-$DURATION}"
B="$BENCH_OUT/mis-broker"
DB=gridhub_bench_messaging
HTTP_PORT=61747
BROKER_PORT=61746
REF_PORT=61748
mkdir -p "$B"
export PGPASSWORD="$HUB_DB_PASSWORD"
psql_su() { bench_psql_su "$@"; }
psql_hub() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$HUB_PG_PORT" -U "$HUB_DB_USER" -d "$DB" "$@"; }

./mvnw -q -o -DskipTests package >/dev/null
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test >/dev/null
bench_create_db

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
rm -rf "$B/hub-data"
bench_start_hub
cases_before=$(psql_hub -tAc "SELECT count(*) FROM cases.connection_case" 2>/dev/null || echo "?")

echo "[bench] hub: $RATE cases/s for $DURATION s" >&2
java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" io.gridhub.messaging.bench.MisBrokerLoad \
  "tcp://127.0.0.1:$BROKER_PORT" mis mis "$RATE" "$DURATION" "$B/hub-run" | tee "$B/hub-run.txt" >&2
load_during="$(uptime | sed 's/.*load average: //')"
cases_after=$(psql_hub -tAc "SELECT count(*) FROM cases.connection_case" 2>/dev/null || echo "?")
unsent=$(psql_hub -tAc "SELECT count(*) FROM messaging.outbox WHERE sent_at IS NULL")
bench_stop_hub

# --- the reference: the broker alone, persistent, same rate and duration -------------------------
D="target/artemis-dist/apache-artemis-2.40.0"
[ -x "$D/bin/artemis" ] || ./mvnw -q -o dependency:unpack@unpack-artemis >/dev/null
rm -rf "$B/ref-broker"
"$D/bin/artemis" create --silent --force --user bench --password bench --require-login --host 127.0.0.1 \
  --default-port "$REF_PORT" --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
  --no-web --no-autotune "$B/ref-broker" >/dev/null
"$B/ref-broker/bin/artemis" run >"$B/ref-broker.log" 2>&1 &
REF_PID=$!
for _ in $(seq 120); do (exec 3<>"/dev/tcp/127.0.0.1/$REF_PORT") 2>/dev/null && break; sleep 0.5; done
echo "[bench] artemis perf client: $RATE msg/s for $REF_DURATION s" >&2
"$D/bin/artemis" perf client --url "tcp://127.0.0.1:$REF_PORT" --user bench --password bench --persistent \
  --rate "$RATE" --duration "$REF_DURATION" --message-size 1500 --json "$B/ref-perf.json" --silent queue://BENCH \
  >"$B/ref-perf.txt" 2>&1 || true
stop_all
REF_PID=

summary="$(cat "$B/hub-run/summary.txt" | head -4)"
{
  echo "./hub bench mis-broker $RATE $DURATION"
  echo "# hub: java -jar target/gridhub.jar (embedded broker, own database $DB), driver:"
  echo "java -cp target/test-classes:target/classes:… io.gridhub.messaging.bench.MisBrokerLoad tcp://127.0.0.1:$BROKER_PORT mis mis $RATE $DURATION …"
  echo "# reference: $D/bin/artemis perf client --persistent --rate $RATE --duration $REF_DURATION --message-size 1500 queue://BENCH"
} >"$B/commands.txt"
{
  echo '| run | what | result |'
  echo '|---|---|---|'
  echo "| hub | create ConnectionApplication → created ConnectionApplication, end to end | $(echo "$summary" | tr '\n' ';' | sed 's/;$//; s/;/; /g') |"
  echo "| hub | cases in the database before / after; outbox rows unsent at the end | $cases_before / $cases_after; $unsent |"
  echo "| machine | load average (1, 5, 15 min) at the end of the hub run, 2 cores | $load_during |"
  echo "| artemis perf | persistent 1.5 kB messages at the same rate, broker alone: send → receive | $(python3 -c '
import json, sys
s = [x for x in json.load(open(sys.argv[1])) if x["sampleType"] == "summary"][0]
t = s["totalTransferTime"]  # microseconds
print("sent %d, received %d; transfer ms p50 %.1f p90 %.1f p99 %.1f max %.1f" % (s["totalSent"], s["totalReceived"],
      t["50"] / 1000, t["90"] / 1000, t["99"] / 1000, t["max"] / 1000))' "$B/ref-perf.json" 2>/dev/null || echo "no result, see $B/ref-perf.txt") |"
} >"$B/table.md"
cat "$B/table.md" >&2
bench_record "MIS over the broker: create ConnectionApplication → created event ($RATE/s, $DURATION s; reference $REF_DURATION s)" \
  "$B/commands.txt" "$B/table.md" "${BENCH_NOTES:-}"
