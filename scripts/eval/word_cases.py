#!/usr/bin/env python3
"""MeCab lemma matching on koe's word-matching cases (Tests/Fixtures/words/cases.tsv), for comparison.

Usage: scripts/eval/word_cases.py [CASES_TSV]

What an analyst's Python script would do: tokenize keyword and sentence with MeCab (unidic-lite) and call it a
match when the keyword's lemma sequence occurs in the sentence's lemma sequence. Prints recall on the cases
expected to match and false matches on the look-alike negatives — the baseline koe's WordMatchTests beat.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT = os.path.join(ROOT, "Tests", "Fixtures", "words", "cases.tsv")


def lemmas(tagger, text):
    out = []
    node = tagger.parseToNode(text)
    while node:
        if node.surface:
            f = node.feature.split(",")
            if f[0] not in ("補助記号", "空白"):
                out.append(f[7] if len(f) > 7 and f[7] else node.surface)
        node = node.next
    return out


def contains(seq, sub):
    return any(seq[i:i + len(sub)] == sub for i in range(len(seq) - len(sub) + 1))


def main():
    import MeCab
    import unidic_lite
    tagger = MeCab.Tagger("-d " + unidic_lite.DICDIR)
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    pos = hit = neg = false = 0
    misses = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        category, keyword, sentence, expected = line.rstrip("\n").split("\t")
        matched = contains(lemmas(tagger, sentence), lemmas(tagger, keyword))
        if expected == "1":
            pos += 1
            hit += matched
            if not matched:
                misses.append(f"miss  {keyword} | {sentence}")
        else:
            neg += 1
            false += matched
            if matched:
                misses.append(f"false {keyword} | {sentence}")
    print(f"MeCab lemma matching: recall {hit / pos:.3f} ({hit}/{pos}), false matches {false}/{neg}")
    for m in misses:
        print("  " + m)


if __name__ == "__main__":
    main()
