#!/usr/bin/env bash
# Longer fuzzing run of the hostile-input tests (docs/reliability.md, "Fuzzing"): the image decoders (PNG, GIF,
# BMP, JPEG, WebP), the video file path (FFmpeg, in a child JVM) and the PDF path (PDFBox) get seeded mutations.
# Bounded by executions, not time. Findings are saved under <module>/target/fuzz-findings (images, PDFs) and
# qwen3vl-engine/target/fuzz-video (videos).
#
#   scripts/fuzz.sh                        50,000 per image format, 5,000 videos, 10,000 PDFs, seed 1
#   scripts/fuzz.sh 200000 20000 50000 7   more, with seed 7
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
images="${1:-50000}"
videos="${2:-5000}"
pdfs="${3:-10000}"
seed="${4:-1}"
echo "fuzz: $images inputs per image format, $videos videos, $pdfs PDFs, seed $seed"
mvn -B -o -pl qwen3vl-engine -am test -Dtest='ImageDecoderFuzzTest,VideoFuzzTest,FuzzRegressionTest' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dqwen3vl.fuzz.seed="$seed" -Dqwen3vl.fuzz.executions="$images" \
  -Dqwen3vl.fuzz.video.executions="$videos" | grep -E '^fuzz |FINDING|Tests run:|BUILD|ERROR'
mvn -B -o -pl demo-rag-app -am test -Dtest='PdfFuzzTest,HostilePdfTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dqwen3vl.fuzz.seed="$seed" -Dqwen3vl.fuzz.pdf.executions="$pdfs" | grep -a -E '^fuzz |FINDING|Tests run:|BUILD|ERROR'
