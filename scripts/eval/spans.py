#!/usr/bin/env python3
"""Word-span agreement of `koe tokenize` with MeCab (unidic-lite) on the public-comment corpora.

Usage: scripts/eval/spans.py KOE_BINARY [--corpora DIR] [--limit N]

MeCab is only the yardstick here (pip install mecab-python3 unidic-lite); koe does not depend on it.
For each answer it compares the sets of word spans (start, end in characters, punctuation left out):
- `mecab`: MeCab's short units as they are (auxiliaries such as た, ない, れる are their own words);
- `mecab+infl`: the same with inflection joined to the word it inflects — 助動詞 and the conjunctive
  particles て/で/ば/ながら/つつ/たり/だり after a verb, adjective or auxiliary — which is koe's notion of a word.
Printed: precision, recall and F1 of koe's spans against each, and for verbs and adjectives whose span
agrees with `mecab+infl`, how often one of koe's dictionary forms equals MeCab's lemma (`--forms`).
"""
import argparse
import csv
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
CONJUNCTIVE = {"て", "で", "ば", "ながら", "つつ", "たり", "だり"}


def answers(corpora, limit):
    texts = []
    for path, column in (("yamaguchi-koukou-pubcom/opinions_flat.csv", "official_text"),
                         ("aipubcom-bunkacho-2024/combined_list.csv", "comment")):
        with open(os.path.join(corpora, path), encoding="utf-8-sig", newline="") as f:
            texts += [" ".join(r[column].split()) for r in csv.DictReader(f) if r[column].strip()]
    return texts[:limit] if limit else texts


def locate(text, surfaces):
    """Character spans of `surfaces` found in order in `text` (a surface not found is skipped)."""
    spans, cursor = [], 0
    for s in surfaces:
        i = text.find(s, cursor)
        if i < 0:
            continue
        spans.append((i, i + len(s)))
        cursor = i + len(s)
    return spans


def mecab_words(tagger, text):
    """[(start, end, pos, lemma, orthBase)] of MeCab's short units, punctuation and spaces left out."""
    out, cursor = [], 0
    node = tagger.parseToNode(text)
    while node:
        if node.surface:
            f = node.feature.split(",")
            i = text.find(node.surface, cursor)
            if i >= 0:
                cursor = i + len(node.surface)
                if f[0] not in ("補助記号", "空白"):
                    out.append((i, cursor, f[0], f[7] if len(f) > 7 else "", f[10] if len(f) > 10 else ""))
        node = node.next
    return out


def joined(words):
    out = []
    for w in words:
        start, end, pos, lemma, base = w
        if out and out[-1][1] == start and out[-1][2] in ("動詞", "形容詞", "助動詞") and (
                pos == "助動詞" or (pos == "助詞" and base in CONJUNCTIVE)):
            p = out[-1]
            # The joined word keeps the head's part of speech and lemma.
            out[-1] = (p[0], end, p[2] if p[2] != "助動詞" else pos, p[3], p[4])
            continue
        out.append(w)
    return out


def prf(mine, theirs):
    tp = len(mine & theirs)
    p = tp / len(mine) if mine else 0.0
    r = tp / len(theirs) if theirs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("koe")
    ap.add_argument("--corpora", default=DEFAULT_CORPORA)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    import MeCab
    import unidic_lite
    tagger = MeCab.Tagger("-d " + unidic_lite.DICDIR)
    texts = answers(args.corpora, args.limit)
    stdin = "\n".join(texts) + "\n"
    surface = subprocess.run([args.koe, "tokenize", "--form", "surface"], input=stdin, capture_output=True,
                             text=True, check=True).stdout.splitlines()
    forms_out = subprocess.run([args.koe, "tokenize", "--form", "surface", "--forms"], input=stdin,
                               capture_output=True, text=True)
    forms_lines = forms_out.stdout.splitlines() if forms_out.returncode == 0 else None
    if len(surface) != len(texts):
        sys.exit(f"koe printed {len(surface)} lines for {len(texts)} answers")
    mine, raw, infl = set(), set(), set()
    lemma_total = lemma_hits = 0
    for n, text in enumerate(texts):
        spans = locate(text, surface[n].split(" ") if surface[n] else [])
        mine |= {(n, s, e) for s, e in spans}
        words = mecab_words(tagger, text)
        raw |= {(n, w[0], w[1]) for w in words}
        jw = joined(words)
        infl |= {(n, w[0], w[1]) for w in jw}
        if forms_lines is not None:
            # `surface(form|form)`: the word, then its dictionary forms.
            items = forms_lines[n].split(" ") if forms_lines[n] else []
            surfaces = [i.split("(")[0] for i in items]
            forms = [set(i[i.index("(") + 1:-1].split("|")) if "(" in i else {i} for i in items]
            located = locate(text, surfaces)
            by_span = {sp: forms[k] for k, sp in enumerate(located)}
            for w in jw:
                if w[2] in ("動詞", "形容詞") and (w[0], w[1]) in by_span:
                    lemma_total += 1
                    if by_span[(w[0], w[1])] & {w[3], w[4], text[w[0]:w[1]]}:
                        lemma_hits += 1
    print(f"answers: {len(texts)}, koe words: {len(mine)}, MeCab units: {len(raw)}, joined: {len(infl)}")
    for name, ref in (("mecab", raw), ("mecab+infl", infl)):
        p, r, f = prf(mine, ref)
        print(f"{name:<11} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    if lemma_total:
        print(f"verbs/adjectives with agreeing span: {lemma_total}, dictionary form = MeCab lemma: "
              f"{lemma_hits / lemma_total:.3f}")


if __name__ == "__main__":
    main()
