#!/usr/bin/env python3
"""Confusion table of `koe tag`'s opinion type against the question of the Miro board
(../shared/corpora/shin-tokyo-2050-miro): q1 praise → 評価, q2 problems/requests → 課題 or 要望,
q5 visions of 2050 → 提案・ありたい姿.

Usage: scripts/eval/miro-types.py KOE_BINARY [--dir PATH] [--codebook PATH]
       [--jsonl q1=FILE --jsonl q2=FILE --jsonl q5=FILE]  (score saved outputs instead of running koe)
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from koe_eval import parse_jsonl, run_koe_tag  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DIR = os.path.join(ROOT, "..", "shared", "corpora", "shin-tokyo-2050-miro")
DEFAULT_CODEBOOK = os.path.join(ROOT, "Samples", "yamaguchi-codebook.yml")
QUESTIONS = {"q1": {"評価"}, "q2": {"課題", "要望"}, "q5": {"提案・ありたい姿"}}
TYPES = ["評価", "課題", "要望", "提案・ありたい姿", "unknown"]


def confusion(records_by_question):
    """{question: Counter(type)}; a missing or empty type counts as unknown."""
    table = {}
    for q, records in records_by_question.items():
        table[q] = collections.Counter((r.get("type") or "unknown") for r in records)
    return table


def render(table):
    width = 10
    lines = ["question \\ predicted".ljust(22) + "".join(t.rjust(width) for t in TYPES) + "n".rjust(6) + "agree".rjust(8)]
    total = agree_all = decided = agree_decided = 0
    for q in sorted(table):
        counts = table[q]
        n = sum(counts.values())
        agree = sum(counts[t] for t in QUESTIONS[q])
        total += n
        agree_all += agree
        decided += n - counts["unknown"]
        agree_decided += agree
        expected = "/".join(sorted(QUESTIONS[q]))
        lines.append(f"{q} ({expected})".ljust(22) + "".join(str(counts[t]).rjust(width) for t in TYPES)
                     + str(n).rjust(6) + f"{agree / n if n else float('nan'):8.2f}")
    lines.append(f"agreement: {agree_all}/{total} = {agree_all / total if total else float('nan'):.2f}; "
                 f"among decided (not unknown): {agree_decided}/{decided} = "
                 f"{agree_decided / decided if decided else float('nan'):.2f}")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("koe", nargs="?", help="path to the koe binary")
    ap.add_argument("--dir", default=DEFAULT_DIR)
    ap.add_argument("--codebook", default=DEFAULT_CODEBOOK)
    ap.add_argument("--jsonl", action="append", default=[], help="qN=FILE: a saved koe tag output per question")
    ap.add_argument("extra", nargs="*", help="extra arguments for koe tag (after --)")
    args = ap.parse_args(argv)
    by_question = {}
    if args.jsonl:
        for item in args.jsonl:
            q, _, path = item.partition("=")
            if q not in QUESTIONS or not path:
                ap.error(f"--jsonl wants q1=FILE, q2=FILE or q5=FILE, not {item}")
            by_question[q] = parse_jsonl(open(path, encoding="utf-8").read().splitlines())
    elif args.koe:
        for q in QUESTIONS:
            path = os.path.join(args.dir, f"anno-miro-{q}.csv")
            by_question[q] = parse_jsonl(run_koe_tag(args.koe, args.codebook, [path], args.extra))
    else:
        ap.error("give the koe binary or --jsonl")
    print(render(confusion(by_question)))


if __name__ == "__main__":
    main()
