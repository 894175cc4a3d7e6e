#!/usr/bin/env bash
# Fuzz the survey reader with mutated CSV/TSV exports for longer than the unit test does (all formats: run.sh).
# Usage: scripts/fuzz/survey.sh [iterations] [seed]   (defaults: 20000, current time)
set -euo pipefail
cd "$(dirname "$0")/../.."
KOE_FUZZ_ITERATIONS="${1:-20000}" KOE_FUZZ_SEED="${2:-$(date +%s)}" \
  swift test --filter 'KoeSurveyTests.FuzzTests/testMutatedInputsNeverCrashAndAddUp'
