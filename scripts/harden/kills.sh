#!/usr/bin/env bash
# Slow hostile-condition checks of issue 21 on a 200,000-row survey: Ctrl-C/TERM/HUP during a run leave no
# work folder and no temporary file; a survey truncated while it is read fails the run (exit 1,
# input-changed); a second run into the same output folder is refused (output-busy) while the first ends well;
# a FIFO source does not hang. Prints one line per case: "case: observed (ok|FAIL)".
# Usage: scripts/harden/kills.sh [path/to/koe]   (default: .build/release/koe; build it first)
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
koe="${1:-$root/.build/release/koe}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
python3 - "$work/s.csv" <<'PY'
import random, sys
random.seed(21)
texts = ["バスの本数を増やしてほしい", "保育園の待機児童をなくしてほしい", "公園の遊具が古くて危ない", "駅前の駐車場が足りない",
         "図書館の開館時間を延ばしてほしい", "通学路の歩道が狭くて危険です", "子育て支援センターが便利", "ごみの分別が分かりにくい"]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("ID,年代,性別,意見\n")
    for i in range(200_000):
        f.write(f"{i},{random.choice(['20代','30代','40代','50代'])},{random.choice(['男性','女性'])},{random.choice(texts)}。{i}番目の意見です\n")
PY
cat > "$work/p.yml" <<YAML
sources:
  - path: s.csv
    columns: {ID: id, 年代: age, 性別: gender, 意見: text}
codebook: $root/Samples/codebook.yml
output: out
YAML
failures=0
report() { # name observed ok?
  if [ "$3" = 1 ]; then echo "$1: $2 (ok)"; else echo "$1: $2 (FAIL)"; failures=$((failures + 1)); fi
}
wait_for_work() { # wait until the run writes (its work folder exists), at most 60 s
  for _ in $(seq 600); do [ -d "$work/out/.koe-work" ] && return 0; sleep 0.1; done
  return 1
}
# A background job of a script ignores Ctrl-C: start koe with default signal handling, as a terminal does.
with_default_signals() {
  exec python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' "$@"
}
for sig in INT TERM HUP; do
  rm -rf "$work/out" "$TMPDIR"/*
  with_default_signals "$koe" run "$work/p.yml" --quiet 2>"$work/err" &
  pid=$!
  wait_for_work
  sleep 1
  kill -s "$sig" "$pid"
  wait "$pid"
  status=$?
  left=$(find "$work/out" "$TMPDIR" -mindepth 1 2>/dev/null | wc -l)
  size=$(du -sk "$work/out" "$TMPDIR" 2>/dev/null | awk '{s+=$1} END {print s}')
  example=$(find "$work/out" "$TMPDIR" -mindepth 1 2>/dev/null | head -1 | sed "s|$work/||")
  report "kill -$sig" "exit $status, $left paths left ($size KB)${example:+, e.g. $example}" "$([ "$left" = 0 ] && echo 1 || echo 0)"
done
# A survey truncated to a tenth while it is read.
rm -rf "$work/out"
cp "$work/s.csv" "$work/s.full"
"$koe" run "$work/p.yml" --quiet 2>"$work/err" &
pid=$!
wait_for_work
sleep 0.5
python3 -c "import os,sys; os.truncate(sys.argv[1], os.path.getsize(sys.argv[1]) // 10)" "$work/s.csv"
wait "$pid"
status=$?
code=$(grep -o 'error\[input-changed\]' "$work/err" | head -1)
report "truncated while read" "exit $status ${code:-no error}" "$([ "$status" = 1 ] && [ "$code" = 'error[input-changed]' ] && echo 1 || echo 0)"
cp "$work/s.full" "$work/s.csv"
# Two runs into one output folder.
rm -rf "$work/out"
"$koe" run "$work/p.yml" --quiet 2>"$work/err1" &
first=$!
wait_for_work
"$koe" run "$work/p.yml" --quiet 2>"$work/err2"
second=$?
wait "$first"
firstStatus=$?
code=$(grep -o 'error\[[a-z-]*\]' "$work/err2" | head -1)
report "two runs, one --out" "first exit $firstStatus, second exit $second ${code:-no error}" \
  "$([ "$firstStatus" = 0 ] && [ "$second" = 1 ] && [ "$code" = 'error[output-busy]' ] && echo 1 || echo 0)"
# A source that is a FIFO.
rm -rf "$work/out"
mkfifo "$work/fifo.csv"
sed 's/path: s.csv/path: fifo.csv/' "$work/p.yml" >"$work/fifo.yml"
timeout 20 "$koe" run "$work/fifo.yml" --quiet 2>"$work/err"
status=$?
code=$(grep -o 'error\[[a-z-]*\]' "$work/err" | head -1)
report "FIFO source" "exit $status ${code:-no error}$([ "$status" = 124 ] && echo ' (hung: killed after 20 s)')" \
  "$([ "$status" = 1 ] && echo 1 || echo 0)"
exit "$failures"
