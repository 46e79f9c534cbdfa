#!/usr/bin/env bash
# Memory soak (docs/reliability.md, "Soak"): embedding calls through the LangChain4j model, sampling heap, direct
# buffers, resident memory and DJL's live NDArray count; prints the slope over the last half and a verdict.
#
#   scripts/soak.sh                 10,000 calls on the tiny test model
#   scripts/soak.sh 2b 1000         1,000 calls on the real 2B architecture with random weights
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
arch="${1:-tiny}"
calls="${2:-10000}"
samples="${3:-40}"
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
# every module of the reactor writes its classpath to the file; qwen3vl-cli comes last
mvn -B -q -o -pl qwen3vl-cli -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cpfile" >/dev/null
cp="$(cat "$cpfile")"
java -Xmx2g -Dqwen3vl.home="$root" -cp "qwen3vl-cli/target/test-classes:qwen3vl-cli/target/classes:$cp" \
  dev.qwen3vl.cli.EmbeddingSoak "$arch" "$calls" "$samples"
