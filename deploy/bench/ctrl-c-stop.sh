#!/usr/bin/env bash
# Stops the local suite as a terminal's Ctrl-C does (SIGINT to the launcher's whole process group) and prints one
# table row for docs/benchmarks.md: when, how long the stop took, the connection errors the services logged meanwhile,
# and the suite's processes still running a second after the launcher ended.
#   deploy/bench/ctrl-c-stop.sh            Ctrl-C 20 s after the suite is up
#   deploy/bench/ctrl-c-stop.sh --during-start 9   Ctrl-C 9 s after the launch, while the suite starts
# Reuses the last build (run ./run-local.sh or mvn install first); extra launcher options go in LAUNCHER_OPTS
# (e.g. "--aot-cache" with JAVA_HOME set to a JDK 25). Needs python3: a script's background job ignores SIGINT,
# and python resets it before the launcher starts, as a terminal leaves it.
set -euo pipefail
cd "$(dirname "$0")/../.."
during_start=""
if [ "${1:-}" = --during-start ]; then during_start=$2; fi
out=$(mktemp)
logs=.akscompute/logs
declare -A before
for f in "$logs"/*.log; do [ -e "$f" ] && before[$f]=$(wc -l < "$f"); done
SKIP_BUILD=1 python3 -c '
import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.setsid()
os.execvp("./run-local.sh", ["./run-local.sh", "--no-tour"] + sys.argv[1].split())' "${LAUNCHER_OPTS:-}" > "$out" 2>&1 &
launcher=$!
if [ -n "$during_start" ]; then
  sleep "$during_start"
else
  until grep -q "suite up in" "$out"; do sleep 1; done
  sleep 20
fi
t0=$(date +%s%N)
kill -INT -- "-$launcher"
wait "$launcher" || true
t1=$(date +%s%N)
sleep 1
errors=0
for f in "$logs"/*.log; do
  n=$(tail -n +$((${before[$f]:-0} + 1)) "$f" | grep -c "Connection to node\|Connection refused\|I/O error\|08006" || true)
  errors=$((errors + n))
done
left=$(pgrep -f "quarkus-run.jar|kafka.Kafka|AzureEmulatorMain" | wc -l || true)
when="20 s after the suite was up"
if [ -n "$during_start" ]; then when="during the start, ${during_start} s after the launch"; fi
printf '| %s | %.1f s | %d | %d |\n' "$when" \
  "$(echo "($t1 - $t0) / 1000000000" | bc -l)" "$errors" "$left"
rm -f "$out"
