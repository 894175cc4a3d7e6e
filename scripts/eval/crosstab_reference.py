#!/usr/bin/env python3
"""Reference numbers for Tests/KoeAnalysisTests/CrossTabTests.swift, from SciPy.

Each table is 2 x k: the first row counts respondents who mention an area, the second those who do not,
one column per segment value. chi2, p, df and the expected counts come from
scipy.stats.chi2_contingency(table, correction=False); Cramér's V and the adjusted standardized residual of
the mentioning cell, (O - E) / sqrt(E (1 - R/n) (1 - C/n)), are computed here from the same table.
Run: python3 scripts/eval/crosstab_reference.py
"""
import numpy as np
import scipy
from scipy import special, stats

TABLES = {
    "2x3": ([12, 25, 8], [40, 50, 30]),
    "2x8": ([3, 10, 22, 18, 9, 6, 4, 1], [20, 35, 48, 52, 40, 45, 38, 15]),
    # The second column has no respondents: it is dropped before the test.
    "zero column": ([5, 0, 9, 2], [20, 0, 25, 18]),
    "strong": ([80, 10], [100, 100]),
}


def analyse(mentioning, respondents):
    keep = [i for i, r in enumerate(respondents) if r > 0]
    m = np.array([mentioning[i] for i in keep], dtype=float)
    r = np.array([respondents[i] for i in keep], dtype=float)
    table = np.vstack([m, r - m])
    chi2, p, dof, expected = stats.chi2_contingency(table, correction=False)
    n = table.sum()
    row = m.sum()
    k = table.shape[1]
    v = np.sqrt(chi2 / (n * (min(2, k) - 1)))
    e = expected[0]
    residual = (m - e) / np.sqrt(e * (1 - row / n) * (1 - r / n))
    return chi2, p, dof, e, residual, v


def main():
    print(f"scipy {scipy.__version__}, numpy {np.__version__}")
    for name, (mentioning, respondents) in TABLES.items():
        chi2, p, dof, e, residual, v = analyse(mentioning, respondents)
        print(f"\n{name}: mentioning={mentioning} respondents={respondents}")
        print(f"  chi2={float(chi2)!r} df={dof} p={float(p)!r} cramers_v={float(v)!r}")
        print(f"  expected={[float(x) for x in e]!r}")
        print(f"  adjusted_residual={[float(x) for x in residual]!r}")
    print("\nchi2.sf(x, df):")
    for x, df in [(85.7, 1), (95.0, 2), (0.5, 1), (3.84, 1), (12.0, 5), (18.307, 10), (2.0, 10), (120.0, 10), (250.0, 10)]:
        print(f"  x={x} df={df} p={float(stats.chi2.sf(x, df))!r}")
    print("\ngammaincc(a, x):")
    for a, x in [(0.5, 0.1), (0.5, 3.0), (5.0, 2.0), (5.0, 9.0), (2.5, 3.4)]:
        print(f"  a={a} x={x} Q={float(special.gammaincc(a, x))!r}")


if __name__ == "__main__":
    main()
