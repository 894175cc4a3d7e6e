#!/usr/bin/env python3
"""Recomputes koe's previous-wave comparison with SciPy, independently of koe's own tables.

usage: python3 scripts/eval/baseline_reference.py            # prints the unit-test references
       python3 scripts/eval/baseline_reference.py NOW BEFORE  # checks NOW/koe.sqlite against both runs

Unit references (pinned in Tests/KoeAnalysisTests/BaselineStatisticsTests.swift):
  pooled two-proportion z-test: z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)), p = 2 * scipy.stats.norm.sf(|z|)
  Welch: scipy.stats.ttest_ind(a, b, equal_var=False) on the raw values, and on sufficient statistics with
  scipy.stats.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=False).

Run check (NOW and BEFORE are output folders of `koe run Pipelines/sample-compare.yml` and
`koe run Pipelines/sample-2023.yml`): shares of the whole from each run's opinions.jsonl (respondents with at
least one opinion in the area / respondents with at least one opinion), per segment value from crosstab.csv,
and rating means straight from the survey CSVs (1 = 重要/満足 … 4, oriented as 5 - x; 5 and blanks left out),
compared with every row of NOW/koe.sqlite's baseline_shares and baseline_means (relative tolerance 1e-9);
baseline_words' G² and p from koe's counts and each run's survey opinions (opinions.jsonl) with
scipy.stats.chi2_contingency(table, correction=False, lambda_="log-likelihood").
"""
import csv
import json
import math
import os
import sqlite3
import sys

import numpy as np
from scipy import stats


def ztest(x1, n1, x2, n2):
    pooled = (x1 + x2) / (n1 + n2)
    if pooled in (0, 1):
        return None
    z = (x1 / n1 - x2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return z, 2 * stats.norm.sf(abs(z))


def unit_references():
    for case in [(61, 346, 26, 217), (126, 346, 77, 217), (3, 10, 7, 12), (0, 50, 4, 60), (999, 1000, 990, 1000)]:
        z, p = ztest(*case)
        print(f"ztest{case}: z={z!r} p={p!r}")
    a = [4, 3, 3, 4, 2, 4, 3, 1, 4, 4, 3, 2]
    b = [2, 3, 1, 2, 2, 3, 1, 2, 4]
    r = stats.ttest_ind(a, b, equal_var=False)
    print(f"welch a={a} b={b}: t={r.statistic!r} df={r.df!r} p={r.pvalue!r}")
    print(f"  n={len(a)},{len(b)} mean={np.mean(a)!r},{np.mean(b)!r} var={np.var(a, ddof=1)!r},{np.var(b, ddof=1)!r}")
    r = stats.ttest_ind_from_stats(3.2, math.sqrt(0.9), 1200, 3.1, math.sqrt(1.3), 800, equal_var=False)
    print(f"welch_from_stats(3.2, 0.9, 1200; 3.1, 1.3, 800): t={r.statistic!r} p={r.pvalue!r}")
    r = stats.ttest_ind_from_stats(2.0, math.sqrt(0.5), 3, 4.0, math.sqrt(2.0), 4, equal_var=False)
    print(f"welch_from_stats(2.0, 0.5, 3; 4.0, 2.0, 4): t={r.statistic!r} p={r.pvalue!r}")
    for a, n1, b, n2 in [(7, 610, 0, 401), (60, 610, 25, 401), (2, 610, 6, 401), (500, 1000, 300, 900)]:
        g2, p, _, _ = stats.chi2_contingency([[a, n1 - a], [b, n2 - b]], correction=False, lambda_="log-likelihood")
        print(f"g2({a}, {n1}, {b}, {n2}): g2={g2!r} p={p!r}")


def whole_shares(folder):
    mentioning, respondents = {}, set()
    by_respondent = {}
    for line in open(os.path.join(folder, "opinions.jsonl"), encoding="utf-8"):
        o = json.loads(line)
        if o["kind"] != "survey" or o["respondent"] is None:
            continue
        key = (o["source"], o["respondent"])
        respondents.add(key)
        for a in o["areas"]:
            by_respondent.setdefault(a, set()).add(key)
    return {a: len(s) for a, s in by_respondent.items()}, len(respondents)


def cells(folder):
    out = {}
    with open(os.path.join(folder, "crosstab.csv"), encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            out[(r["segment"], r["area"], r["value"])] = (int(r["mentioning"]), int(r["respondents"]))
    return out


RATINGS = {"1": "子育て", "2": "教育", "3": "産業", "4": "交通", "5": "防災", "6": "環境", "8": "高齢者", "10": "ブランド"}


def ratings(csv_path):
    rows = list(csv.DictReader(open(csv_path, encoding="utf-8-sig")))
    out = {}
    for area, label in RATINGS.items():
        for kind, prefix in (("importance", "重要度"), ("satisfaction", "満足度")):
            values = [5 - float(r[f"{prefix}_{label}"]) for r in rows if r[f"{prefix}_{label}"].strip() in ("1", "2", "3", "4")]
            out[(area, kind)] = values
    return out


def check(now, before):
    db = sqlite3.connect(os.path.join(now, "koe.sqlite"))
    (mn, bn), (mb, bb) = whole_shares(now), whole_shares(before)
    cn, cb = cells(now), cells(before)
    bad = checked = 0

    def close(a, b):
        return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-300))

    for area, segment, value, share_now, share_before, p, xn, nn, xb, nb in db.execute(
            "SELECT area, segment, value, share_now, share_before, p, mentioning_now, respondents_now,"
            " mentioning_before, respondents_before FROM baseline_shares"):
        if segment is None:
            ref = (mn.get(area, 0), bn, mb.get(area, 0), bb)
        else:
            ref = cn[(segment, area, value)] + cb[(segment, area, value)]
        t = ztest(*ref)
        ok = (xn, nn, xb, nb) == ref and close(p, t[1] if t else None) and close(share_now, ref[0] / ref[1])
        checked += 1
        if not ok:
            bad += 1
            print("share mismatch:", area, segment, value, (xn, nn, xb, nb), ref, p, t)
    here = os.path.dirname(os.path.abspath(__file__))
    rn = ratings(os.path.join(here, "../../Samples/survey/citizen-survey.csv"))
    rb = ratings(os.path.join(here, "../../Samples/survey-2023/citizen-survey-2023.csv"))
    for area, kind, mean_now, mean_before, p, n_now, n_before, t in db.execute(
            "SELECT area, kind, mean_now, mean_before, p, n_now, n_before, t FROM baseline_means"):
        a, b = rn[(area, kind)], rb[(area, kind)]
        r = stats.ttest_ind(a, b, equal_var=False)
        ok = (n_now, n_before) == (len(a), len(b)) and close(mean_now, np.mean(a)) and close(p, r.pvalue) and close(t, r.statistic)
        checked += 1
        if not ok:
            bad += 1
            print("mean mismatch:", area, kind, (n_now, n_before, mean_now, p, t), (len(a), len(b), np.mean(a), r.pvalue, r.statistic))
        if area == "5":
            print(f"reference area {area} {kind}: t={r.statistic!r} p={r.pvalue!r} n={len(a)},{len(b)}")
    for word, a, b, g2, p in db.execute("SELECT word, opinions_now, opinions_before, g2, p FROM baseline_words"):
        n1 = sum(1 for line in open(os.path.join(now, "opinions.jsonl"), encoding="utf-8") if '"kind":"survey"' in line)
        n2 = sum(1 for line in open(os.path.join(before, "opinions.jsonl"), encoding="utf-8") if '"kind":"survey"' in line)
        g, q, _, _ = stats.chi2_contingency([[a, n1 - a], [b, n2 - b]], correction=False, lambda_="log-likelihood")
        checked += 1
        if not (close(g2, g) and close(p, q)):
            bad += 1
            print("word mismatch:", word, a, b, g2, g, p, q)
    for area in ("1", "1-3", "4", "A"):
        ref = (mn.get(area, 0), bn, mb.get(area, 0), bb)
        print(f"reference share {area}: {ref} z,p={ztest(*ref)}")
    print(f"{checked} rows checked, {bad} mismatches")
    return bad


if __name__ == "__main__":
    if len(sys.argv) == 3:
        sys.exit(1 if check(sys.argv[1], sys.argv[2]) else 0)
    unit_references()
