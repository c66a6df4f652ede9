#!/usr/bin/env bash
# Calls on one kept-alive HTTPS connection to the Azure emulator, with TCP_NODELAY off (the JDK server's default)
# and on (what the emulator sets): one table row each, for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl deploy/azure-emulator -am install -DskipTests
mvn -B -q -pl deploy/azure-emulator test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
cp="deploy/azure-emulator/target/test-classes:deploy/azure-emulator/target/classes:$(cat deploy/azure-emulator/target/bench.cp)"
echo "| TCP_NODELAY | calls | p50 | p90 |"
echo "|---|---|---|---|"
for nodelay in false true; do
  java -Dsun.net.httpserver.nodelay=$nodelay -cp "$cp" io.akscompute.emulator.KeepAliveBench 2>/dev/null | grep '^|'
done
