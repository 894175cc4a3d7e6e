#!/usr/bin/env python3
"""Reference numbers for Tests/KoeAnalysisTests/ExactTestTests.swift: Fisher's exact p, the smallest
expected count and Holm-adjusted p values, from SciPy and statsmodels.

Tables are given as SciPy takes them, [[a, b], [c, d]]; koe's 2 x k tables put the respondents who mention
an area in the first row and those who do not in the second, one column per segment value.
  fisher_p     = scipy.stats.fisher_exact(table, alternative="two-sided").pvalue
  min_expected = scipy.stats.contingency.expected_freq(table).min()
  p_holm       = statsmodels.stats.multitest.multipletests(p, method="holm")[1]
Run (pip install scipy statsmodels): python3 scripts/eval/exact_reference.py
"""
import numpy as np
import scipy
import statsmodels
from scipy.stats import fisher_exact
from scipy.stats.contingency import expected_freq
from statsmodels.stats.multitest import multipletests

FISHER = [
    [[0, 5], [6, 3]],  # a zero cell
    [[3, 1], [1, 3]],  # symmetric: mirror tables tie
    [[80, 10], [20, 90]],  # strong association
    [[5000, 5200], [5200, 5000]],  # symmetric, large
    [[12000, 15000], [13500, 14200]],  # tens of thousands of respondents
    [[1, 30000], [10, 25000]],  # rare event, large n
    [[2, 7], [8, 2]],
    [[10, 10], [10, 10]],  # the mode itself: p = 1
    [[7, 3], [5, 9]],
    [[412, 388], [379, 421]],
    [[45, 15], [30, 40]],
    [[900, 1100], [1100, 900]],  # p ~ 1e-10 with 4,000 respondents
    [[1, 0], [0, 1]],
    [[20000, 5000], [5000, 20000]],  # p below the smallest double: 0
]

EXPECTED = [
    [[12, 25, 8], [28, 25, 22]],
    [[3, 10, 22, 18, 9, 6, 4, 1], [17, 25, 26, 34, 31, 39, 34, 14]],
    [[0, 5], [6, 3]],
]

HOLM = [
    [0.01, 0.04, 0.03, 0.005],
    [0.02, 0.02, 0.02, 0.5],  # ties
    [0.9, 0.8, 0.7],  # capped at 1
    [1e-10, 0.3, 0.3, 0.049, 0.6],
    [0.5],
    [0.001, 0.2, 0.04, 0.04, 0.012, 0.3, 0.7],
]


def main():
    print(f"SciPy {scipy.__version__}, statsmodels {statsmodels.__version__}, NumPy {np.__version__}")
    for t in FISHER:
        print("fisher", t, repr(float(fisher_exact(t, alternative="two-sided").pvalue)), "min_expected",
              repr(float(expected_freq(np.array(t)).min())))
    for t in EXPECTED:
        print("min_expected", t, repr(float(expected_freq(np.array(t)).min())))
    for p in HOLM:
        print("holm", p, [repr(float(x)) for x in multipletests(p, method="holm")[1]])


if __name__ == "__main__":
    main()
