#!/usr/bin/env python3
"""koe's content words and dictionary forms against MeCab (ipadic) on the real corpora in ../shared/corpora.

Usage: scripts/eval/word_roles.py KOE_BINARY [--show N] [--corpus yamaguchi|aipubcom|all]

Needs `pip install --break-system-packages fugashi ipadic` (for this comparison only; koe does not use MeCab).

koe's side: `koe tokenize --content --forms --form surface` prints each opinion's content words with the
dictionary form the word list counts (the verbatim surface, so each word is found in the text by position).
MeCab's side, KH Coder's default part-of-speech selection for MeCab: a content word is a noun (一般, サ変接続,
形容動詞語幹, 固有名詞, ナイ形容詞語幹, 副詞可能), an independent verb or adjective (自立), or an adverb — except
the words KH Coder files under 名詞B/動詞B/形容詞B/副詞B (written in hiragana only: する, いる, せめて, もっと),
which its analyses leave out by default.

Figures:
- precision: share of koe's content words whose span holds a MeCab content word;
- recall: share of MeCab content words that lie inside one of koe's content words;
- form agreement: on koe's content words that MeCab also calls content, share whose counted dictionary form
  equals MeCab's: the MeCab words of the span up to its last content word, that word in its base form
  (暮らし|やすい → 暮らす, 大きく → 大きい, 学童|保育 → 学童保育); also over inflecting words only (MeCab reads
  the last content word as a verb or adjective). Forms are compared after NFKC with 子供/こども → 子ども.
"""
import argparse
import collections
import csv
import os
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
SOURCES = {
    "yamaguchi": ("yamaguchi-koukou-pubcom/opinions_flat.csv", "official_text"),
    "aipubcom": ("aipubcom-bunkacho-2024/combined_list.csv", "comment"),
}
NOUNS = {"一般", "サ変接続", "形容動詞語幹", "固有名詞", "ナイ形容詞語幹", "副詞可能"}


def texts(name):
    path, column = SOURCES[name]
    with open(os.path.join(CORPORA, path), encoding="utf-8-sig", newline="") as f:
        for rec in csv.DictReader(f):
            text = " ".join(rec[column].split())
            if text:
                yield text


def hiragana_only(s):
    return all("\u3041" <= c <= "\u309f" or c == "ー" for c in s)


def is_content(feature, surface):
    pos, sub = feature[0], feature[1]
    if hiragana_only(surface) and pos in ("名詞", "動詞", "形容詞", "副詞"):
        return False
    if pos == "名詞":
        return sub in NOUNS
    if pos in ("動詞", "形容詞"):
        return sub == "自立"
    return pos == "副詞"


def fold(s):
    s = unicodedata.normalize("NFKC", s)
    for v in ("子供", "こども", "コドモ"):
        s = s.replace(v, "子ども")
    return s


def mecab_words(tagger, text):
    """(start, end, surface, feature, content) per MeCab word, offsets in `text`."""
    out = []
    cursor = 0
    for w in tagger(text):
        start = text.find(w.surface, cursor)
        if start < 0:
            continue
        end = start + len(w.surface)
        cursor = end
        out.append((start, end, w.surface, w.feature, is_content(w.feature, w.surface)))
    return out


def koe_words(binary, lines):
    """Per line: [(surface, counted form)] from `koe tokenize --content --forms --form surface`."""
    result = subprocess.run(
        [binary, "tokenize", "--content", "--forms", "--form", "surface"],
        input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    out = []
    for line in result.stdout.split("\n")[: len(lines)]:
        words = []
        for item in line.split(" "):
            if not item:
                continue
            if item.endswith(")") and "(" in item:
                k = item.index("(")
                words.append((item[:k], item[k + 1:-1]))
            else:
                words.append((item, item))
        out.append(words)
    return out


def expected_form(span):
    """MeCab's form of a span: its words up to the last content word, that word in base form."""
    last = max(i for i, w in enumerate(span) if w[4])
    head = span[last]
    base = head[3][6] if head[3][0] in ("動詞", "形容詞") and head[3][6] != "*" else head[2]
    return "".join(w[2] for w in span[:last]) + base, head[3][0] in ("動詞", "形容詞")


def evaluate(binary, name, tagger, show):
    lines = list(texts(name))
    koe = koe_words(binary, lines)
    c = collections.Counter()
    not_content = collections.Counter()
    wrong_form = collections.Counter()
    missed = collections.Counter()
    for text, words in zip(lines, koe):
        mecab = mecab_words(tagger, text)
        covered = set()
        cursor = 0
        for surface, form in words:
            start = text.find(surface, cursor)
            c["koe"] += 1
            if start < 0:
                c["unaligned"] += 1
                continue
            end = start + len(surface)
            cursor = end
            span = [w for w in mecab if start <= w[0] < end]
            for k, w in enumerate(mecab):
                if start <= w[0] and w[1] <= end:
                    covered.add(k)
            if not any(w[4] for w in span):
                not_content[surface] += 1
                continue
            c["both"] += 1
            want, inflecting = expected_form(span)
            same = fold(want) == fold(form)
            c["same"] += same
            if inflecting:
                c["inflecting"] += 1
                c["inflecting_same"] += same
            if not same:
                wrong_form[f"{surface} → koe {form} / MeCab {want}"] += 1
        for k, w in enumerate(mecab):
            if w[4]:
                c["mecab"] += 1
                if k in covered:
                    c["recalled"] += 1
                else:
                    missed[w[2]] += 1
    pct = lambda a, b: f"{100 * c[a] / c[b]:.1f}%" if c[b] else "n/a"
    print(f"## {name}: {len(lines)} texts, koe content words {c['koe']} (unaligned {c['unaligned']}), "
          f"MeCab content words {c['mecab']}")
    print(f"precision (koe content also MeCab content): {pct('both', 'koe')} ({c['both']}/{c['koe']})")
    print(f"recall (MeCab content inside a koe content word): {pct('recalled', 'mecab')} "
          f"({c['recalled']}/{c['mecab']})")
    print(f"form agreement, all: {pct('same', 'both')} ({c['same']}/{c['both']}); inflecting: "
          f"{pct('inflecting_same', 'inflecting')} ({c['inflecting_same']}/{c['inflecting']})")
    if show:
        print("koe content, not MeCab content:", ", ".join(f"{w} {n}" for w, n in not_content.most_common(show)))
        print("different forms:", "; ".join(f"{w} ({n})" for w, n in wrong_form.most_common(show)))
        print("MeCab content koe misses:", ", ".join(f"{w} {n}" for w, n in missed.most_common(show)))
    return c


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("koe")
    parser.add_argument("--show", type=int, default=0, help="list the N most frequent disagreements")
    parser.add_argument("--corpus", default="all", choices=["all"] + sorted(SOURCES))
    args = parser.parse_args()
    try:
        import fugashi
        import ipadic
    except ImportError:
        sys.exit("needs: pip install --break-system-packages fugashi ipadic")
    tagger = fugashi.GenericTagger(ipadic.MECAB_ARGS)
    names = sorted(SOURCES) if args.corpus == "all" else [args.corpus]
    for name in names:
        if not os.path.exists(os.path.join(CORPORA, SOURCES[name][0])):
            print(f"## {name}: corpus absent, skipped")
            continue
        evaluate(args.koe, name, tagger, args.show)


if __name__ == "__main__":
    main()
