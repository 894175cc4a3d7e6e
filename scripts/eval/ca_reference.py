#!/usr/bin/env python3
"""Independent reference for koe's correspondence analysis (Tests/KoeAnalysisTests/CorrespondenceTests.swift and
Tests/KoePipelineTests/CorrespondenceRunTests.swift): numpy's SVD of the standardized residuals.

Usage: python3 scripts/eval/ca_reference.py [matrix.json]
With no argument it analyses the small fixed matrix of the unit test; with a JSON file
{"rows": [...], "columns": [...], "counts": [[...]]} it analyses that table (rows/columns with a zero total
are dropped, as koe does). Prints principal coordinates on two dimensions and the inertia shares, with the
same sign rule as koe: on each dimension the row coordinate of largest absolute value is positive.
"""
import json
import sys

import numpy as np


def ca(n):
    n = np.asarray(n, dtype=float)
    p = n / n.sum()
    r = p.sum(axis=1)
    c = p.sum(axis=0)
    s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    u, sigma, vt = np.linalg.svd(s, full_matrices=False)
    dims = min(n.shape) - 1
    f = (u[:, :dims] * sigma[:dims]) / np.sqrt(r)[:, None]
    g = (vt.T[:, :dims] * sigma[:dims]) / np.sqrt(c)[:, None]
    for k in range(dims):
        i = int(np.argmax(np.abs(f[:, k])))
        if f[i, k] < 0:
            f[:, k] *= -1
            g[:, k] *= -1
    eig = sigma[:dims] ** 2
    return f, g, eig / eig.sum()


def main():
    if len(sys.argv) > 1:
        table = json.load(open(sys.argv[1], encoding="utf-8"))
    else:
        table = {
            "rows": ["A", "B", "C", "D"],
            "columns": ["x", "y", "z"],
            "counts": [[20, 5, 3], [4, 18, 6], [7, 6, 21], [10, 10, 2]],
        }
    counts = np.asarray(table["counts"], dtype=float)
    keep_r = counts.sum(axis=1) > 0
    keep_c = counts.sum(axis=0) > 0
    counts = counts[keep_r][:, keep_c]
    rows = [x for x, k in zip(table["rows"], keep_r) if k]
    cols = [x for x, k in zip(table["columns"], keep_c) if k]
    f, g, shares = ca(counts)
    second = lambda m, i: m[i, 1] if m.shape[1] > 1 else 0.0
    for i, label in enumerate(rows):
        print(f"row {label} {f[i, 0]:.10f} {second(f, i):.10f}")
    for j, label in enumerate(cols):
        print(f"column {label} {g[j, 0]:.10f} {second(g, j):.10f}")
    print("shares " + " ".join(f"{s:.10f}" for s in shares))


if __name__ == "__main__":
    main()
