#!/usr/bin/env bash
# Builds akscompute, starts the local suite (Kafka, PostgreSQL, Azure emulator, every service), runs the tour
# through the CLI, stays up.
#   ./run-local.sh                   build, start, tour, keep running until Ctrl-C
#   ./run-local.sh --no-tour         build, start, keep running
#   ./run-local.sh --exit-after-tour build, start, tour, stop (exit 1 if a tour step went wrong)
#   JAVA_HOME=<a JDK 25> ./run-local.sh --aot-cache   every service on the JDK's AOT cache (trained on its first run)
# Set SKIP_BUILD=1 to reuse what the last build produced. The launcher runs on $JAVA_HOME's java when set.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building (mvn install, tests skipped; the first build downloads dependencies)..."
  mvn -B -q install -DskipTests
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "deploy/launcher/target/classes:deploy/launcher/target/lib/*" io.akscompute.deploy.LocalSuite --repo . "$@"
