#!/usr/bin/env bash
# Load test of the demo (docs/reliability.md, "Load"): starts the demo jar on the tiny model against the local
# PostgreSQL (scripts/postgres.sh) on 127.0.0.1, ingests the demo corpus, then runs the load generator
# (demo-rag-app/src/test/java/dev/qwen3vl/demo/load/LoadGenerator.java): capacity in a closed loop, then 1× and 3× that
# rate open loop over /api/ask, /api/chat and uploads; p50/p95/p99, 429 share, 5xx; every accepted upload ingested
# exactly once (API and database).
#
#   scripts/load.sh [--no-build] [generator options ...]     e.g. --phase-seconds 60 --clients 4 --max-requests 3000
#
# Environment: QWEN3VL_LOAD_MODEL (model folder, default the tiny fixture model; e.g. a random-weights 2B checkpoint
# written by `qwen3vl bench --arch 2b --load ...`), QWEN3VL_LOAD_PORT (default 18080), QWEN3VL_LOAD_DB (database,
# default qwen3vl_load, created if missing), QWEN3VL_LOAD_REPORT (Markdown report, default target/load-report.md),
# QWEN3VL_LOAD_JAVA_OPTS (default -Xmx4g). Extra demo settings go in JAVA_TOOL_OPTIONS-style -D flags through
# QWEN3VL_LOAD_JAVA_OPTS, e.g. -Ddemo.limits.ask-queue=8.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log() { echo "[load.sh] $*" >&2; }

build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi
model="${QWEN3VL_LOAD_MODEL:-$root/testdata/qwen3vl-tiny/tiny-model}"
port="${QWEN3VL_LOAD_PORT:-18080}"
db="${QWEN3VL_LOAD_DB:-qwen3vl_load}"
report="${QWEN3VL_LOAD_REPORT:-$root/target/load-report.md}"
data="$(mktemp -d /tmp/qwen3vl-load-XXXXXX)"

base_url="$(scripts/postgres.sh start | tail -n 1)"   # jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres
server="${base_url%%/postgres\?*}"
pg_port="${server##*:}"
if ! psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE $db"
fi
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -c "CREATE EXTENSION IF NOT EXISTS vector"
# a fresh start: the load tables of an earlier run go
for t in $(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -tAc \
    "SELECT tablename FROM pg_tables WHERE tablename LIKE 'rag\_load%'"); do
  psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -c "DROP TABLE IF EXISTS $t CASCADE"
done
jdbc="jdbc:postgresql://127.0.0.1:${pg_port}/${db}?user=postgres"

if [ "$build" = 1 ]; then
  log "building the application (mvn package, no tests)"
  mvn -B -o -q -pl demo-rag-app -am package -DskipTests
fi
jar="demo-rag-app/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { log "$jar is missing: run without --no-build"; exit 1; }

log "starting the demo on 127.0.0.1:$port with $model (data in $data)"
# shellcheck disable=SC2086
QWEN3VL_EMBEDDING_MODEL="$model" QWEN3VL_SCORING_MODEL="$model" QWEN3VL_DEMO_JDBC_URL="$jdbc" \
  QWEN3VL_DEMO_DATA="$data" QWEN3VL_DEMO_FOLDER="$root/demo-rag-app/corpus" QWEN3VL_DEMO_CHAT_BASE_URL= \
  java ${QWEN3VL_LOAD_JAVA_OPTS:--Xmx4g} -Dai.djl.offline=true -Dquarkus.http.port="$port" \
  -Dquarkus.http.host=127.0.0.1 -Ddemo.store.table-prefix=rag_load -Ddemo.chat.table-prefix=rag_load_chat \
  -jar "$jar" > "$data/demo.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true' EXIT

log "waiting for readiness and the corpus's ingestion (log: $data/demo.log)"
for _ in $(seq 1 900); do
  if curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 \
      && curl -sf "http://127.0.0.1:$port/api/ingestion" | grep -q '"active":0,"jobs":\[{'; then
    break
  fi
  kill -0 "$app" 2>/dev/null || { log "the demo exited; see $data/demo.log"; tail -n 30 "$data/demo.log" >&2; exit 1; }
  sleep 1
done
dim="$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -tAc \
  "SELECT substring(tablename from 'rag_load_([0-9]+)_documents') FROM pg_tables WHERE tablename ~ '^rag_load_[0-9]+_documents$'" | head -n 1)"
driver="$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -n 1)"
mkdir -p "$(dirname "$report")"
log "running the load generator"
status=0
java -cp "$driver" demo-rag-app/src/test/java/dev/qwen3vl/demo/load/LoadGenerator.java \
  --base-url "http://127.0.0.1:$port" --jdbc "$jdbc" --table-prefix "rag_load_${dim}" --report "$report" "$@" \
  || status=$?
log "questions whose client went away, cancelled by the server: $(grep -c 'request went away' "$data/demo.log" || true)"
log "report: $report; demo log: $data/demo.log"
exit "$status"
