#!/usr/bin/env bash
# Builds akscompute and starts the local suite (Kafka, PostgreSQL, every service), runs the demo, stays up.
#   ./run-local.sh                   build, start, demo, keep running until Ctrl-C
#   ./run-local.sh --no-demo         build, start, keep running
#   ./run-local.sh --exit-after-demo build, start, demo, stop
# Set SKIP_BUILD=1 to reuse what the last build produced.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building (mvn install, tests skipped; the first build downloads dependencies)..."
  mvn -B -q install -DskipTests
fi
exec java -cp "deploy/launcher/target/classes:deploy/launcher/target/lib/*" io.akscompute.deploy.LocalSuite --repo . "$@"
