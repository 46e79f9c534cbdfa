#!/usr/bin/env bash
# Runs the demo RAG application (README: "run the demo") on http://localhost:8080.
#
#   scripts/demo.sh [--no-build] [JVM options ...]
#
# 1. Database: QWEN3VL_DEMO_JDBC_URL when set; otherwise, where Docker runs, a pgvector/pgvector:pg17 container
#    (the image Quarkus Dev Services use in dev mode and tests) named qwen3vl-demo-postgres on port
#    QWEN3VL_DEMO_PG_PORT (default 55433); otherwise the local PostgreSQL 15 + pgvector of scripts/postgres.sh.
# 2. Build: the application and the modules it needs (no tests), unless --no-build.
# 3. Run: java -jar demo-rag-app/target/quarkus-app/quarkus-run.jar with DJL offline.
#
# Models (see demo-rag-app/README.md): QWEN3VL_EMBEDDING_MODEL and QWEN3VL_SCORING_MODEL, each a local folder or a hub
# id (default Qwen/Qwen3-VL-Embedding-2B and Qwen/Qwen3-VL-Reranker-2B, taken from the local hub cache or downloaded
# from the Hugging Face hub on first run; HF_ENDPOINT names a mirror, HF_TOKEN a token, HF_HUB_OFFLINE=1 forbids
# downloads). DJL stays offline: it never downloads libtorch. Chat model (optional): QWEN3VL_DEMO_CHAT_BASE_URL,
# QWEN3VL_DEMO_CHAT_MODEL, QWEN3VL_DEMO_CHAT_API_KEY, QWEN3VL_DEMO_CHAT_VISION. Data folder: QWEN3VL_DEMO_DATA (default
# demo-data/ here).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

log() { echo "[demo.sh] $*" >&2; }

build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi

docker_database() {
  local port="${QWEN3VL_DEMO_PG_PORT:-55433}" name="qwen3vl-demo-postgres"
  if [ -z "$(docker ps -q -f "name=^${name}$")" ]; then
    if [ -n "$(docker ps -aq -f "name=^${name}$")" ]; then
      log "starting the existing container $name"
      docker start "$name" >/dev/null
    else
      log "starting PostgreSQL + pgvector in the container $name on 127.0.0.1:$port"
      docker run -d --name "$name" -p "127.0.0.1:${port}:5432" -e POSTGRES_HOST_AUTH_METHOD=trust \
        pgvector/pgvector:pg17 >/dev/null
    fi
  fi
  for _ in $(seq 1 60); do
    if docker exec "$name" pg_isready -U postgres -q 2>/dev/null; then
      docker exec "$name" psql -q -U postgres -c "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null
      echo "jdbc:postgresql://127.0.0.1:${port}/postgres?user=postgres"
      return
    fi
    sleep 1
  done
  log "the container $name did not become ready in 60 s"
  exit 1
}

if [ -z "${QWEN3VL_DEMO_JDBC_URL:-}" ]; then
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    QWEN3VL_DEMO_JDBC_URL="$(docker_database)"
  else
    log "no Docker: using the local PostgreSQL of scripts/postgres.sh"
    QWEN3VL_DEMO_JDBC_URL="$(scripts/postgres.sh start | tail -n 1)"
  fi
fi
export QWEN3VL_DEMO_JDBC_URL
log "database: $QWEN3VL_DEMO_JDBC_URL"

if [ "$build" = 1 ]; then
  log "building the application (mvn package, no tests)"
  mvn -B -q -pl demo-rag-app -am package -DskipTests
fi

jar="demo-rag-app/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { log "$jar is missing: run without --no-build"; exit 1; }
log "starting the application: http://localhost:${QUARKUS_HTTP_PORT:-8080}"
# libtorch backs large tensors with transparent huge pages (far fewer page faults; docs/natives.md)
export THP_MEM_ALLOC_ENABLE="${THP_MEM_ALLOC_ENABLE:-1}"
exec java -Xmx4g -Dai.djl.offline=true "$@" -jar "$jar"
