#!/usr/bin/env bash
# Benchmark of version-catalog: GET /versions?location=westus against GET /ping of the same service, under wrk,
# with the real broker, PostgreSQL and Azure emulator (BenchInfrastructure) and the packaged service
# (java -jar version-catalog/target/quarkus-app/quarkus-run.jar). Results: docs/benchmarks.md.
#   deploy/bench/versions-bench.sh [duration=30s] [connections=32] [threads=2] [rounds=2]
# Set SKIP_BUILD=1 to reuse the last build. Needs wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-30s}
CONNECTIONS=${2:-32}
THREADS=${3:-2}
ROUNDS=${4:-2}
PORT=${BENCH_PORT:-18081}
WORK=version-catalog/target/bench
mkdir -p "$WORK"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # package (no install): the reactor resolves common and test-support from their target directories
  mvn -B -q -o -pl version-catalog -am package dependency:build-classpath -DskipTests \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

rm -f "$WORK/infra.opts"
java -Xmx768m -cp "version-catalog/target/test-classes:$(cat version-catalog/target/bench-classpath.txt)" \
     io.akscompute.versioncatalog.bench.BenchInfrastructure "$WORK/infra.opts" > "$WORK/infra.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do [ -s "$WORK/infra.opts" ] && break; sleep 1; done
[ -s "$WORK/infra.opts" ] || { echo "infrastructure did not start, see $WORK/infra.log" >&2; exit 1; }

# shellcheck disable=SC2046
java $(cat "$WORK/infra.opts") -Dquarkus.http.port="$PORT" -Dquarkus.http.ssl-port="$PORT" \
     -Dakscompute.version-catalog.locations=westus \
     -Dquarkus.log.level=WARN -jar version-catalog/target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
pids+=($!)
# As in production: HTTPS only (the bench CA's certificate; wrk does not verify it) and a bearer token on every call.
AUTH="Authorization: Bearer $(cat "$WORK/infra.opts.token")"
CURL=(curl -s --cacert "$WORK/tls/ca.pem" -H "$AUTH")
for _ in $(seq 1 120); do
  code=$("${CURL[@]}" -o /dev/null -w '%{http_code}' "https://localhost:$PORT/versions?location=westus" || true)
  [ "$code" = 200 ] && break; sleep 1
done
[ "$code" = 200 ] || { echo "version-catalog did not answer, see $WORK/service.log" >&2; exit 1; }
"${CURL[@]}" "https://localhost:$PORT/versions?location=westus&output=table"

run() { # name url
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$AUTH" "$2" > "$WORK/$1.txt"
  rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/$1.txt")
  echo "$1 $rps $p99"
}
to_ms() { # wrk latency (us, ms, s) -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.3f", n }'
}

# warm up the JIT on both paths, then alternate so that both see the same machine load
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -H "$AUTH" "https://localhost:$PORT/ping" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -H "$AUTH" "https://localhost:$PORT/versions?location=westus" > /dev/null
echo "| round | endpoint | requests/s | p99 |"
echo "|---|---|---|---|"
sum_ping=0; sum_versions=0; worst_p99=0
for round in $(seq 1 "$ROUNDS"); do
  read -r _ ping_rps ping_p99 < <(run "ping-$round" "https://localhost:$PORT/ping")
  read -r _ v_rps v_p99 < <(run "versions-$round" "https://localhost:$PORT/versions?location=westus")
  echo "| $round | GET /ping | $ping_rps | $ping_p99 |"
  echo "| $round | GET /versions?location=westus | $v_rps | $v_p99 |"
  sum_ping=$(awk -v a="$sum_ping" -v b="$ping_rps" 'BEGIN {print a + b}')
  sum_versions=$(awk -v a="$sum_versions" -v b="$v_rps" 'BEGIN {print a + b}')
  worst_p99=$(awk -v a="$worst_p99" -v b="$(to_ms "$v_p99")" 'BEGIN {print (b > a ? b : a)}')
done
ratio=$(awk -v v="$sum_versions" -v p="$sum_ping" 'BEGIN {printf "%.2f", v / p}')
echo
echo "ratio (versions / ping requests/s, all rounds): $ratio (goal >= 0.8)"
echo "worst p99 of /versions: ${worst_p99} ms (goal < 5 ms)"
echo "wrk: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -H 'Authorization: Bearer <token>' <https url>; raw output in $WORK"
