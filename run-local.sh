#!/usr/bin/env bash
# Builds akscompute, starts the local suite (Kafka, PostgreSQL, Azure emulator, every service), runs the tour
# through the CLI, stays up.
#   ./run-local.sh                   build, start, tour, keep running until Ctrl-C
#   ./run-local.sh --no-tour         build, start, keep running
#   ./run-local.sh --exit-after-tour build, start, tour, stop (exit 1 if a tour step went wrong)
# Set SKIP_BUILD=1 to reuse what the last build produced.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building (mvn install, tests skipped; the first build downloads dependencies)..."
  mvn -B -q install -DskipTests
fi
exec java -cp "deploy/launcher/target/classes:deploy/launcher/target/lib/*" io.akscompute.deploy.LocalSuite --repo . "$@"
