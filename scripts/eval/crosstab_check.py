#!/usr/bin/env python3
"""Recomputes the sample's crosstab.csv independently and compares it cell by cell.

Respondents and their segments come straight from Samples/survey/citizen-survey.csv (normalized here with
simple rules that cover the sample's values: ages as numbers or decades, 男/女, the gazetteer's names);
the areas each respondent mentioned come from opinions.jsonl (survey opinions grouped by source and row).
Statistics: scipy.stats.chi2_contingency(table, correction=False) per segment x area; when crosstab.csv has
them, also min_expected (scipy.stats.contingency.expected_freq(table).min()), fisher_p
(scipy.stats.fisher_exact(table, alternative="two-sided") for 2 x 2 tables, empty for k > 2) and p_holm
(statsmodels multipletests(p, method="holm") over the tested areas of one segment; pip install statsmodels).
Run after `koe run Pipelines/sample.yml --out DIR`:  python3 scripts/eval/crosstab_check.py DIR
"""
import csv
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy import stats
from scipy.stats.contingency import expected_freq

# Columns added by issue 9; checked only when crosstab.csv has them.
EXACT_COLUMNS = ("min_expected", "fisher_p", "p_holm")


def relative_problem(got, want, rel=1e-3, floor=1e-300):
    """True when `got` (4 significant digits, or 3 decimals) is not `want` to printing accuracy."""
    return abs(float(got) - want) > max(floor, abs(want) * rel)


def holm(pvalues):
    """Holm-adjusted p values; statsmodels when installed, else the same step-down computed here."""
    try:
        from statsmodels.stats.multitest import multipletests
        return list(multipletests(pvalues, method="holm")[1]) if pvalues else []
    except ImportError:
        order = sorted(range(len(pvalues)), key=lambda i: pvalues[i])
        out, running = [0.0] * len(pvalues), 0.0
        for rank, i in enumerate(order):
            running = max(running, pvalues[i] * (len(pvalues) - rank))
            out[i] = min(1.0, running)
        return out

ROOT = Path(__file__).resolve().parents[2]
BANDS = ["10代", "20代", "30代", "40代", "50代", "60代", "70代", "80歳以上"]
DECLINED = {"無回答", "回答しない", "未回答", "不明"}


def age_band(raw):
    s = unicodedata.normalize("NFKC", raw).strip()
    if not s:
        return None
    if s in DECLINED:
        return "無回答"
    if s.startswith("80"):
        return "80歳以上"
    m = re.fullmatch(r"(\d+)(歳代|代|歳)?", s)
    if not m:
        return None
    n = int(m.group(1))
    return "80歳以上" if n >= 80 else BANDS[max(0, n // 10 - 1)]


def gender(raw):
    return {"男": "男性", "男性": "男性", "女": "女性", "女性": "女性", "その他": "その他"}.get(
        raw.strip(), "無回答" if raw.strip() in DECLINED else None)


def main(out):
    gazetteer = {r["name"]: r["district"] for r in csv.DictReader(open(ROOT / "Samples/districts.csv", encoding="utf-8-sig"))}
    survey = list(csv.reader(open(ROOT / "Samples/survey/citizen-survey.csv", encoding="utf-8-sig", newline="")))
    header = survey[0]
    col = {name: header.index(name) for name in ["年代", "性別", "お住まいの地区"]}
    # Excel row numbers: header = 1. csv.reader returns one list per record, quoted newlines included.
    respondents = {}
    for i, rec in enumerate(survey[1:], start=2):
        d = rec[col["お住まいの地区"]].strip()
        district = "無回答" if d in DECLINED else gazetteer.get(d) if d else None
        respondents[i] = {"age": age_band(rec[col["年代"]]), "gender": gender(rec[col["性別"]]), "district": district}
    mentioned = defaultdict(set)
    areas_in_order = []
    for line in open(Path(out) / "opinions.jsonl", encoding="utf-8"):
        o = json.loads(line)
        if o["kind"] == "survey":
            mentioned[o["row"]].update(o["areas"])
    for row in csv.DictReader(open(Path(out) / "summary.csv", encoding="utf-8-sig")):
        areas_in_order.append(row["area"])
    reader = csv.DictReader(open(Path(out) / "crosstab.csv", encoding="utf-8-sig"))
    produced = {(r["segment"], r["area"], r["value"]): r for r in reader}
    exact = [c for c in EXACT_COLUMNS if c in (reader.fieldnames or [])]
    missing = [c for c in EXACT_COLUMNS if c not in exact]
    if missing:
        print(f"not in crosstab.csv (not checked): {', '.join(missing)}")
    checked = mismatches = 0
    for segment in ["age", "gender", "district"]:
        # p_holm: the family is every area of this segment whose table has a test.
        tests = {}
        for area in areas_in_order:
            counts = defaultdict(lambda: [0, 0])
            for row, seg in respondents.items():
                value = seg[segment]
                if value is None:
                    continue
                counts[value][1] += 1
                counts[value][0] += area in mentioned.get(row, ())
            values = sorted(counts)
            m = np.array([counts[v][0] for v in values], float)
            r = np.array([counts[v][1] for v in values], float)
            n, total = r.sum(), m.sum()
            test = None
            if len(values) >= 2 and 0 < total < n:
                table = np.vstack([m, r - m])
                chi2, p, dof, expected = stats.chi2_contingency(table, correction=False)
                e = expected[0]
                residual = (m - e) / np.sqrt(e * (1 - total / n) * (1 - r / n))
                fisher = stats.fisher_exact(table.astype(int), alternative="two-sided").pvalue if len(values) == 2 else None
                test = (chi2, dof, p, np.sqrt(chi2 / n), residual, expected_freq(table).min(), fisher)
            tests[area] = (values, m, r, test)
        tested = [a for a in areas_in_order if tests[a][3] is not None]
        adjusted = dict(zip(tested, holm([tests[a][3][2] for a in tested])))
        for area in areas_in_order:
            values, m, r, test = tests[area]
            for j, v in enumerate(values):
                got = produced.get((segment, area, v))
                checked += 1
                want = {"respondents": int(r[j]), "mentioning": int(m[j])}
                problems = [k for k, x in want.items() if got is None or int(got[k]) != x]
                if got is not None and test is not None:
                    chi2, dof, p, cv, residual, min_expected, fisher = test
                    for key, x, tol in [("chi2", chi2, 1e-4), ("adjusted_residual", residual[j], 1e-3), ("cramers_v", cv, 1e-4)]:
                        if abs(float(got[key]) - x) > tol:
                            problems.append(key)
                    if int(got["df"]) != dof or abs(float(got["p"]) - p) > max(1e-6, p * 1e-3):
                        problems.append("df/p")
                    want_exact = {"min_expected": min_expected, "fisher_p": fisher, "p_holm": adjusted[area]}
                    for key in exact:
                        x = want_exact[key]
                        if x is None:
                            if got[key] != "":
                                problems.append(f"{key} should be empty (k > 2)")
                        elif got[key] == "":
                            problems.append(f"{key} empty")
                        elif key == "min_expected" and abs(float(got[key]) - x) > 1e-3:
                            problems.append(key)
                        elif key != "min_expected" and relative_problem(got[key], x):
                            problems.append(key)
                elif got is not None and got["chi2"] != "":
                    problems.append("expected a degenerate table")
                elif got is not None and any(got[key] != "" for key in exact):
                    problems.append("degenerate table with min_expected/fisher_p/p_holm")
                if problems:
                    mismatches += 1
                    print(f"{segment} {area} {v}: {problems} got={got} want={want}")
    extra = len(produced) - checked
    print(f"checked {checked} rows, {mismatches} mismatches, {extra} rows only in crosstab.csv")
    return 1 if mismatches or extra else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "out/sample"))
