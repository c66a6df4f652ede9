#!/usr/bin/env bash
# How many clusters the Azure emulator holds in the heap the launcher gives it (-Xmx256m): N clusters, each with
# what an attach leaves in its Kubernetes API; one table row per N, for docs/benchmarks.md.
# Usage: deploy/bench/emulator-capacity.sh [N ...]   (default: 1000 10000)
set -euo pipefail
[ $# -gt 0 ] || set -- 1000 10000
cd "$(dirname "$0")/../.."
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl deploy/azure-emulator -am install -DskipTests
fi
mvn -B -q -pl deploy/azure-emulator test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
cp="deploy/azure-emulator/target/test-classes:deploy/azure-emulator/target/classes:$(cat deploy/azure-emulator/target/bench.cp)"
echo "| clusters | heap limit | heap used after GC | per cluster | threads | time per cluster |"
echo "|---|---|---|---|---|---|"
for n in "$@"; do
  java -Xmx256m -cp "$cp" io.akscompute.emulator.ClusterCapacityBench "$n" 2>/dev/null | grep '^|' \
    || echo "| $n | 256 MB | failed (see: java -Xmx256m ... ClusterCapacityBench $n) | | | |"
done
