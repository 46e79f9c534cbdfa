#!/usr/bin/env bash
# Recall/latency benchmark of the pgvector store (pgvector-store module), see docs/benchmarks-pgvector.md.
#
#   scripts/bench-pgvector.sh [--rows=100000] [--rows-4096=100000] [--queries=100] [--seed=42] [--out=DIR]
#
# Uses the database in QWEN3VL_TEST_JDBC_URL, or starts the local one with scripts/postgres.sh.
# Writes pgvector-recall.csv and pgvector-recall.png to docs/benchmarks/ unless --out is given.
# Creates (and leaves behind, for inspection) the tables bench_2048, bench_2048_int8 and bench_4096.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${QWEN3VL_TEST_JDBC_URL:-}" ]; then
  QWEN3VL_TEST_JDBC_URL=$("$ROOT/scripts/postgres.sh" start)
  export QWEN3VL_TEST_JDBC_URL
fi
cd "$ROOT"
export MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx2g"
exec mvn -B -q -pl pgvector-store test-compile exec:java -Dbench.args="--out=$ROOT/docs/benchmarks $*"
