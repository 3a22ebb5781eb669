# Helpers for the benchmark scripts (sourced by bench/run). Each benchmark measures the hub and its
# peer side by side in one run, repeats, and quotes medians: these machines have 2 cores and are noisy.

BENCH_OUT="${BENCH_OUT:-$HUB_HOME/bench-out}"
BENCH_DOC="${BENCH_DOC:-$HUB_HOME/docs/benchmarks.md}"
mkdir -p "$BENCH_OUT"

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
      mkdir -p "$HUB_HOME/docs/img"
      cp "$chart" "$HUB_HOME/docs/img/"
      echo
      echo "![$title](img/$(basename "$chart"))"
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
