#!/usr/bin/env python3
"""Themes of untagged opinions against the prefecture's own topic coding: koe's themes (every opinion untagged,
k = the number of distinct topic_label values) and MeCab + TF-IDF + KMeans at the same k, both scored by NMI and
ARI against topic_label of ../shared/corpora/yamaguchi-koukou-pubcom/opinions_flat.csv.

Usage: scripts/eval/themes_yamaguchi.py KOE_BINARY [--csv PATH] [--seeds 10] [--methods kmeans,average]

koe: `koe run` on a pipeline written to a temporary folder (the CSV as a survey, id = opinion_item_id, text =
official_text, a one-area codebook whose keyword never occurs, `themes: {count: k, method: M}`), members read
from koe.sqlite's theme_members joined to opinions (row as Excel shows it = CSV record + 1). An opinion koe puts in
no theme (no content word in the themes' vocabulary) counts as a cluster of its own ("none").
Baseline: fugashi + ipadic (pip), content words = base forms of 名詞 (not 非自立/代名詞/数/接尾), 動詞 and 形容詞
(自立), scikit-learn TfidfVectorizer over those words and KMeans(k, n_init=10) for each seed: mean and range.
A measure of the grouping, not a target to tune to.
"""
import argparse
import csv
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile

from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_CSV = os.path.join(ROOT, "..", "shared", "corpora", "yamaguchi-koukou-pubcom", "opinions_flat.csv")

CODEBOOK = """- code: X
  name: 該当なし
  keywords: [該当なしダミー語ＺＺＺ]
"""


def load(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def koe_themes(koe, csv_path, k, method, folder):
    """Excel row -> theme number (0: none) from a koe run."""
    with open(os.path.join(folder, "codebook.yml"), "w", encoding="utf-8") as f:
        f.write(CODEBOOK)
    out = os.path.join(folder, f"out-{method}")
    pipeline = os.path.join(folder, f"pipeline-{method}.yml")
    with open(pipeline, "w", encoding="utf-8") as f:
        f.write(
            f"""name: yamaguchi themes
sources:
  - path: {os.path.abspath(csv_path)}
    kind: survey
    columns: {{opinion_item_id: id, official_text: text}}
codebook: codebook.yml
themes: {{count: {k}, method: {method}}}
outputs: [koe.sqlite]
output: {out}
""")
    subprocess.run([koe, "run", pipeline, "--quiet"], check=True)
    db = sqlite3.connect(os.path.join(out, "koe.sqlite"))
    rows = dict(db.execute("SELECT o.row, m.theme FROM theme_members m JOIN opinions o ON o.id = m.opinion_id"))
    tagged = db.execute("SELECT count(*) FROM opinions WHERE tagged = 1").fetchone()[0]
    labels = [r[0] for r in db.execute("SELECT label FROM themes ORDER BY theme")]
    return rows, tagged, labels


def mecab_words(texts):
    import fugashi
    import ipadic

    tagger = fugashi.GenericTagger(ipadic.MECAB_ARGS)
    out = []
    for t in texts:
        words = []
        for w in tagger(t):
            f = w.feature
            pos, sub = f[0], f[1]
            base = f[6] if len(f) > 6 and f[6] != "*" else w.surface
            if pos == "名詞" and sub not in ("非自立", "代名詞", "数", "接尾"):
                words.append(base)
            elif pos in ("動詞", "形容詞") and sub == "自立":
                words.append(base)
        out.append(words)
    return out


def score(gold, predicted):
    return normalized_mutual_info_score(gold, predicted), adjusted_rand_score(gold, predicted)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("koe")
    ap.add_argument("--csv", default=DEFAULT_CSV)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--methods", default="kmeans,average")
    a = ap.parse_args()
    if not os.path.exists(a.csv):
        sys.exit(f"skipped: {a.csv} is absent")
    records = load(a.csv)
    gold = [r["topic_label"] for r in records]
    k = len(set(gold))
    print(f"{len(records)} opinions, k = {k} topic labels")
    print("| method | NMI | ARI | note |")
    print("| --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for method in a.methods.split(","):
            rows, tagged, labels = koe_themes(a.koe, a.csv, k, method, folder)
            predicted = [rows.get(i + 2, 0) for i in range(len(records))]
            none = predicted.count(0)
            nmi, ari = score(gold, predicted)
            print(f"| koe {method} | {nmi:.3f} | {ari:.3f} | {tagged} tagged, {none} in no theme; labels: {' / '.join(labels)} |")
    vectors = TfidfVectorizer(analyzer=lambda ws: ws).fit_transform(mecab_words([r["official_text"] for r in records]))
    runs = []
    for seed in range(a.seeds):
        predicted = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(vectors)
        runs.append(score(gold, predicted))
    for name, i in (("NMI", 0), ("ARI", 1)):
        values = [r[i] for r in runs]
        print(f"MeCab+TF-IDF+KMeans {name}: mean {statistics.mean(values):.3f}, range {min(values):.3f}–{max(values):.3f} ({a.seeds} seeds)")


if __name__ == "__main__":
    main()
