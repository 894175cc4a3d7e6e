#!/usr/bin/env python3
"""Precision and recall per topic of `koe tag` with Samples/yamaguchi-codebook.yml against the prefecture's
own topic coding (topic_label) of ../shared/corpora/yamaguchi-koukou-pubcom/opinions_flat.csv.

Usage: scripts/eval/yamaguchi.py KOE_BINARY [--csv PATH] [--codebook PATH] [--column official_text]
       [--jsonl FILE]  (score a saved `koe tag` output instead of running koe)  [-- extra koe tag args]

Join: koe reports the spreadsheet row as Excel shows it (header = row 1), so CSV data record i (1-based) is
row i + 1. When koe emits several opinions for one row (one per text column), only the opinions of
`--column` (default official_text) count, if records carry a `column`. An area counts as a topic when its
codebook name equals a topic_label. A measure of the matching, not a target to tune to.
"""
import argparse
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from koe_eval import area_codes, codebook_names, parse_jsonl, run_koe_tag  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_CSV = os.path.join(ROOT, "..", "shared", "corpora", "yamaguchi-koukou-pubcom", "opinions_flat.csv")
DEFAULT_CODEBOOK = os.path.join(ROOT, "Samples", "yamaguchi-codebook.yml")


def load_gold(path):
    """Excel row -> topic_label (data record i is row i + 1)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {i + 1: rec["topic_label"] for i, rec in enumerate(csv.DictReader(f), 1)}


def predictions(records, names, column):
    """Excel row -> set of predicted topic labels (names of tagged areas)."""
    labels = set()
    by_row = {}
    for r in records:
        if "row" not in r:
            raise ValueError(f"record {r.get('id')} has no row")
        if column and r.get("column") not in (None, column):
            continue
        row = int(r["row"])
        by_row.setdefault(row, set())
        for code in area_codes(r):
            labels.add(names.get(code, code))
            by_row[row].add(names.get(code, code))
    return by_row


def score(gold, by_row):
    """{label: (tp, predicted, actual, precision, recall)} over the gold rows."""
    topics = sorted(set(gold.values()), key=lambda t: -sum(1 for v in gold.values() if v == t))
    table = {}
    for t in topics:
        actual = sum(1 for v in gold.values() if v == t)
        predicted = sum(1 for row in gold if t in by_row.get(row, set()))
        tp = sum(1 for row, v in gold.items() if v == t and t in by_row.get(row, set()))
        precision = tp / predicted if predicted else float("nan")
        recall = tp / actual if actual else float("nan")
        table[t] = (tp, predicted, actual, precision, recall)
    return table


def render(table, gold, by_row):
    lines = [f"{'topic':<16}{'gold':>6}{'pred':>6}{'TP':>5}{'precision':>11}{'recall':>8}"]
    for t, (tp, predicted, actual, p, r) in table.items():
        lines.append(f"{t:<16}{actual:>6}{predicted:>6}{tp:>5}{p:>11.2f}{r:>8.2f}")
    topics = set(table)
    untagged = sum(1 for row in gold if not (by_row.get(row, set()) & topics))
    missing = sum(1 for row in gold if row not in by_row)
    lines.append(f"rows: {len(gold)}, with no topic tagged: {untagged}, absent from koe output: {missing}")
    tp = sum(v[0] for v in table.values())
    pred = sum(v[1] for v in table.values())
    lines.append(f"micro precision {tp / pred if pred else float('nan'):.2f}, micro recall {tp / len(gold):.2f}")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("koe", nargs="?", help="path to the koe binary")
    ap.add_argument("--csv", default=DEFAULT_CSV)
    ap.add_argument("--codebook", default=DEFAULT_CODEBOOK)
    ap.add_argument("--column", default="official_text")
    ap.add_argument("--jsonl", help="score this saved koe tag output instead of running koe")
    ap.add_argument("extra", nargs="*", help="extra arguments for koe tag (after --)")
    args = ap.parse_args(argv)
    if args.jsonl:
        lines = open(args.jsonl, encoding="utf-8").read().splitlines()
    elif args.koe:
        lines = run_koe_tag(args.koe, args.codebook, [args.csv], args.extra)
    else:
        ap.error("give the koe binary or --jsonl")
    gold = load_gold(args.csv)
    by_row = predictions(parse_jsonl(lines), codebook_names(args.codebook), args.column)
    print(render(score(gold, by_row), gold, by_row))


if __name__ == "__main__":
    main()
