#!/usr/bin/env bash
# Benchmarks the Spark job on this machine (docs/benchmarks.md, "Spark"): builds the module, then runs
# dev.qwen3vl.spark.SparkBenchmark (src/test/java) with the test classpath. Arguments go to SparkBenchmark, e.g.
#   qwen3vl-spark/bench.sh --texts 400 --images 100 --pdfs 10 --videos 4 --cores 1,2
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -pl qwen3vl-spark -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test.classpath
classpath="qwen3vl-spark/target/test-classes:qwen3vl-spark/target/classes:$(cat qwen3vl-spark/target/test.classpath)"
exec java -Xmx1g -cp "$classpath" dev.qwen3vl.spark.SparkBenchmark "$@"
