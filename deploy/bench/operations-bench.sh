#!/usr/bin/env bash
# The speed harness: builds, starts the local suite as processes, and measures attach/detach latency against the
# raw Kafka hop, bursts, requests per operation, start, footprint and stop in one run; writes the
# operations-bench section of docs/benchmarks.md. Arguments go to OperationsBench: --cycles N --burst N --no-write,
# --aot-cache (JAVA_HOME=<a JDK 25>: the services on the JDK's AOT cache, trained first by a short unmeasured run).
# --profile DIR records the first attach after the start in each service with JFR (DIR/<service>.jfr).
# Set SKIP_BUILD=1 to reuse what the last build produced.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q install -DskipTests
fi
mvn -B -q -pl deploy/launcher test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.cp
cp="deploy/launcher/target/test-classes:deploy/launcher/target/classes:$(cat deploy/launcher/target/bench.cp)"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -cp "$cp" io.akscompute.deploy.OperationsBench --repo . "$@"
