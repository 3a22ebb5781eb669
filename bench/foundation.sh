# The two commands: cold and warm time of ./hub run (to health UP) and ./hub test, hub start-up, memory at rest.
#
# "Cold" here means a machine that has the Debian packages and the Maven cache but no database
# cluster and no build (./hub run: new data folder, ./mvnw clean first); "warm" is the second run.
# The benchmark uses its own cluster (port 55499) and ports, so a running hub is not disturbed.
# Usage: ./hub bench foundation [RUN_REPEATS=3] [TEST_REPEATS=1]

RUN_REPEATS="${1:-3}"
TEST_REPEATS="${2:-1}"
B="$BENCH_OUT/foundation"
rm -rf "$B"; mkdir -p "$B"
export HUB_DATA_DIR="$B/hub-data" HUB_PG_PORT=55499 HUB_HTTP_PORT=18080 HUB_BROKER_PORT=61699 \
       HUB_TEST_BROKER_PORT=61698 HUB_TEST_DB_NAME=gridhub_test_bench
HEALTH="http://localhost:$HUB_HTTP_PORT/actuator/health"

if curl -s -o /dev/null "$HEALTH"; then
  echo "something already answers on port $HUB_HTTP_PORT: stop it first" >&2; exit 1
fi

run_once() { # $1 = cold|warm; prints "seconds-to-UP startup-seconds rss-MiB heap-MiB"
  local kind="$1" start up pid log="$B/run-$1-$RANDOM.log"
  if [ "$kind" = cold ]; then
    ./hub stop >/dev/null 2>&1 || true
    rm -rf "$HUB_DATA_DIR"
    bench_mvn clean
  fi
  start=$(bench_now)
  ./hub run >"$log" 2>&1 &
  pid=$!
  bench_wait_http "$HEALTH" 600 "$pid" >/dev/null || { echo "hub did not come up, see $log" >&2; kill "$pid"; return 1; }
  up=$(bench_elapsed "$start" "$(bench_now)")
  local startup; startup=$(grep -o 'Started GridHubApplication in [0-9.]*' "$log" | awk '{ print $4 }')
  sleep 20 # at rest: start-up work done, no requests
  local jpid="$pid" # ./hub run execs the JVM, so this is the hub's own process
  local rss; rss=$(ps -o rss= -p "$jpid" | awk '{ printf "%.0f", $1 / 1024 }')
  local heap; heap=$(curl -fsS -u admin:admin123 "http://localhost:$HUB_HTTP_PORT/actuator/metrics/jvm.memory.used?tag=area:heap" \
    | grep -o '"value":[0-9.E]*' | head -1 | cut -d: -f2 | awk '{ printf "%.0f", $1 / 1048576 }')
  # SIGTERM: a background job of a script ignores SIGINT, and so would the JVM
  kill -TERM "$jpid"; wait "$pid" 2>/dev/null || true
  echo "$up $startup $rss $heap"
}

test_once() { # $1 = cold|warm; prints seconds
  local start
  [ "$1" = cold ] && bench_mvn clean
  start=$(bench_now)
  ./hub test -o -q >"$B/test-$1-$RANDOM.log" 2>&1 || { echo "tests failed" >&2; return 1; }
  bench_elapsed "$start" "$(bench_now)"
}

for i in $(seq "$RUN_REPEATS"); do
  echo "[bench] ./hub run cold #$i" >&2; run_once cold >>"$B/run-cold.txt"
  echo "[bench] ./hub run warm #$i" >&2; run_once warm >>"$B/run-warm.txt"
done
for i in $(seq "$TEST_REPEATS"); do
  echo "[bench] ./hub test cold #$i" >&2; test_once cold >>"$B/test-cold.txt"
  echo "[bench] ./hub test warm #$i" >&2; test_once warm >>"$B/test-warm.txt"
done
./hub stop >/dev/null 2>&1 || true

col() { awk -v c="$2" '{ print $c }' "$1" | bench_median; }
cat >"$B/commands.txt" <<CMD
./hub bench foundation $RUN_REPEATS $TEST_REPEATS
# per repeat: ./hub stop; rm -rf \$HUB_DATA_DIR; ./mvnw clean; time ./hub run (until /actuator/health is UP)
#             time ./hub run again (warm); ./mvnw clean; time ./hub test; time ./hub test again (warm)
CMD
{
  echo "| figure | cold (median) | warm (median) | repeats |"
  echo "|---|---|---|---|"
  echo "| \`./hub run\` to health UP, s | $(col "$B/run-cold.txt" 1) | $(col "$B/run-warm.txt" 1) | $RUN_REPEATS |"
  echo "| hub start-up (Spring Boot \"Started … in\"), s | $(col "$B/run-cold.txt" 2) | $(col "$B/run-warm.txt" 2) | $RUN_REPEATS |"
  echo "| memory at rest: RSS, MiB | $(col "$B/run-cold.txt" 3) | $(col "$B/run-warm.txt" 3) | $RUN_REPEATS |"
  echo "| memory at rest: heap used, MiB | $(col "$B/run-cold.txt" 4) | $(col "$B/run-warm.txt" 4) | $RUN_REPEATS |"
  echo "| \`./hub test\` (whole suite), s | $(bench_median <"$B/test-cold.txt") | $(bench_median <"$B/test-warm.txt") | $TEST_REPEATS |"
} >"$B/table.md"
cat "$B/table.md"
printf 'run-to-UP %s %s\nstart-up %s %s\n' "$(col "$B/run-cold.txt" 1)" "$(col "$B/run-warm.txt" 1)" \
  "$(col "$B/run-cold.txt" 2)" "$(col "$B/run-warm.txt" 2)" >"$B/chart.dat"
bench_chart "$B/chart.dat" "$B/foundation-startup.png" "./hub run: cold vs warm (median s)" "seconds" cold warm
echo "Cold = Debian packages and Maven cache present, no cluster, no build. Memory at rest: 20 s after health UP, no requests, -Xmx1g." >"$B/notes.md"
bench_record "Foundation: the two commands" "$B/commands.txt" "$B/table.md" "$B/notes.md" "$B/foundation-startup.png"
