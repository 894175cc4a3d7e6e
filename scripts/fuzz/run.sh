#!/usr/bin/env bash
# Fuzz every reader for a while: survey CSV/TSV, .xlsx, workshop Markdown/text/HTML, and .docx — each test runs for
# SECONDS and prints "fuzz <formats>: N cases, F failures, 0 crashes, T s, seed S" (a crash stops the run instead).
# Usage: scripts/fuzz/run.sh [seconds-per-format] [seed]   (defaults: 150, current time)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-150}"
seed="${2:-$(date +%s)}"
swift build --build-tests >/dev/null
for test in KoeSurveyTests.FuzzTests/testMutatedInputsNeverCrashAndAddUp KoeSurveyTests.FuzzTests/testMutatedXLSXNeverCrashAndAddUp \
  KoeWorkshopTests.WorkshopFuzzTests/testMutatedNotesNeverCrashAndAddUp KoeWorkshopTests.WorkshopFuzzTests/testMutatedDocxNeverCrashes; do
  KOE_FUZZ_SECONDS="$seconds" KOE_FUZZ_SEED="$seed" swift test --skip-build --filter "$test" 2>&1 | grep -E '^fuzz |error:|Executed [0-9]+ test' || {
    echo "fuzz: $test crashed or failed to run (seed $seed)" >&2
    exit 1
  }
done
