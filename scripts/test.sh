#!/usr/bin/env bash
# Runs the whole test suite (README: "run the tests").
#
# The tests need a PostgreSQL with pgvector. Give one with QWEN3VL_TEST_JDBC_URL; otherwise, where Docker runs,
# the tests start pgvector/pgvector with Testcontainers / Quarkus Dev Services; otherwise this script starts the
# local one of scripts/postgres.sh (Debian/Ubuntu, installs PostgreSQL 15 + pgvector on first use).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ -z "${QWEN3VL_TEST_JDBC_URL:-}" ] && ! docker info >/dev/null 2>&1; then
  QWEN3VL_TEST_JDBC_URL="$(scripts/postgres.sh start | tail -n 1)"
  export QWEN3VL_TEST_JDBC_URL
fi
exec mvn -B verify "$@"
