#!/usr/bin/env python3
"""Checks that summary.xlsx's 集計 sheet holds the same numbers (and texts) as summary.csv.

    python3 scripts/proof/xlsx_numbers.py out/sample/summary.xlsx out/sample/summary.csv

Reads the workbook with openpyxl (an independent reader) and the CSV with Python's csv module. The sheet's
columns are in summary.csv's order (its headers may be Japanese labels); rows are matched by position.
A column is numeric when every value in it parses as a number and it is not a code or label column
(area, name, quadrant, value, file, column, reason: codes such as "1" stay texts). Every CSV number must be a number in the sheet, equal within half a unit of the CSV's last printed digit;
every CSV text must be the same text; an empty CSV cell must be an empty sheet cell.
When crosstab.csv lies beside summary.csv, every one of its rows is also checked against the 年代/性別/地区
sheets (mentioning, share, adjusted residual and every test column: chi2, df, p, p_holm, fisher_p,
cramers_v, min_expected). Prints a one-line verdict per check; exits 1 on any mismatch.
"""
import csv
import os
import sys

import openpyxl

TEXT_COLUMNS = {"area", "name", "quadrant", "value", "segment", "file", "sheet", "column", "code", "reason"}


def as_number(text):
    try:
        return float(text)
    except ValueError:
        return None


def tolerance(text):
    """Half a unit of the last digit the CSV printed (0.2874 -> 0.00005)."""
    if "e" in text.lower():
        mantissa = text.lower().split("e")[0]
        exponent = int(text.lower().split("e")[1])
        digits = len(mantissa.split(".")[1]) if "." in mantissa else 0
        return 0.5 * 10 ** (exponent - digits)
    digits = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** (-digits)


def main(xlsx_path, csv_path, sheet_name="集計"):
    book = openpyxl.load_workbook(xlsx_path, data_only=True)
    if sheet_name not in book.sheetnames:
        print(f"{xlsx_path}: no sheet {sheet_name} (sheets: {book.sheetnames})")
        return 1
    sheet = [list(row) for row in book[sheet_name].iter_rows(values_only=True)]
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    header, rows = table[0], table[1:]
    problems = []
    if len(sheet) - 1 != len(rows):
        problems.append(f"rows: sheet has {len(sheet) - 1}, csv has {len(rows)}")
    if len(sheet[0]) < len(header):
        problems.append(f"columns: sheet has {len(sheet[0])}, csv has {len(header)}")
    numeric = [
        h not in TEXT_COLUMNS and all(as_number(row[c]) is not None for row in rows if c < len(row) and row[c] != "")
        for c, h in enumerate(header)
    ]
    numbers = texts = empties = 0
    for r, (xrow, crow) in enumerate(zip(sheet[1:], rows), start=2):
        for c, text in enumerate(crow):
            value = xrow[c] if c < len(xrow) else None
            where = f"row {r} {header[c]} ({sheet[0][c] if c < len(sheet[0]) else '?'})"
            if text == "":
                empties += 1
                if value not in (None, ""):
                    problems.append(f"{where}: csv empty, sheet {value!r}")
                continue
            number = as_number(text)
            if numeric[c] and number is not None:
                numbers += 1
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    problems.append(f"{where}: csv number {text}, sheet {value!r} (not a number)")
                elif abs(value - number) > tolerance(text) * 1.000001:
                    problems.append(f"{where}: csv {text}, sheet {value!r}")
            else:
                texts += 1
                if value != text:
                    problems.append(f"{where}: csv {text!r}, sheet {value!r}")
    ws = book[sheet_name]
    levels = {}
    for r in range(2, ws.max_row + 1):
        level = ws.row_dimensions[r].outline_level or 0
        levels[level] = levels.get(level, 0) + 1
    print(f"layout (openpyxl): freeze {ws.freeze_panes}, autofilter {ws.auto_filter.ref}, "
          f"print titles {ws.print_title_rows}, outline rows by level {dict(sorted(levels.items()))}, "
          f"summary below {ws.sheet_properties.outlinePr.summaryBelow if ws.sheet_properties.outlinePr else None}, "
          f"sheets {book.sheetnames}")
    for line in problems[:30]:
        print("MISMATCH", line)
    verdict = "OK" if not problems else f"{len(problems)} mismatches"
    print(f"{xlsx_path} [{sheet_name}] vs {csv_path}: {len(rows)} rows, {numbers} numbers, {texts} texts, "
          f"{empties} empty cells compared: {verdict}")
    return 0 if not problems else 1


SEGMENT_SHEETS = {"age": "年代", "gender": "性別", "district": "地区"}
# crosstab.csv column -> the segment sheet's label for it (SummaryXLSXWriter.testLabels).
TEST_LABELS = {"chi2": "χ²", "df": "自由度", "p": "p", "p_holm": "p（Holm補正）", "fisher_p": "Fisherの正確確率p",
               "cramers_v": "クラメールのV", "min_expected": "最小期待度数"}


def check_crosstabs(xlsx_path, crosstab_path):
    """Every crosstab.csv row against its segment sheet: mentioning, share, adjusted residual and p."""
    book = openpyxl.load_workbook(xlsx_path, data_only=True)
    with open(crosstab_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    problems, compared = [], 0
    layout = {}
    for segment, name in SEGMENT_SHEETS.items():
        if name not in book.sheetnames:
            problems.append(f"no sheet {name}")
            continue
        cells = [list(r) for r in book[name].iter_rows(values_only=True)]
        groups, labels = cells[1], cells[2]
        values = {str(v).split("（n=")[0]: c for c, v in enumerate(groups) if v}
        areas = {str(r[0]): r for r in cells[3:] if r[0] is not None}
        tests = {key: labels.index(label) for key, label in TEST_LABELS.items() if label in labels}
        layout[segment] = (values, areas, tests)
    for row in rows:
        if row["segment"] not in layout:
            continue
        values, areas, tests = layout[row["segment"]]
        where = f"{SEGMENT_SHEETS[row['segment']]} {row['area']} {row['value']}"
        if row["area"] not in areas or row["value"] not in values:
            problems.append(f"{where}: not in the sheet")
            continue
        line, c = areas[row["area"]], values[row["value"]]
        pairs = [("mentioning", line[c]), ("share", line[c + 1]), ("adjusted_residual", line[c + 2])]
        pairs += [(key, line[column]) for key, column in tests.items() if key in row]
        for key, cell in pairs:
            text = row[key]
            compared += 1
            if text == "":
                if cell not in (None, ""):
                    problems.append(f"{where} {key}: csv empty, sheet {cell!r}")
            elif not isinstance(cell, (int, float)) or abs(cell - float(text)) > tolerance(text) * 1.000001:
                problems.append(f"{where} {key}: csv {text}, sheet {cell!r}")
    for line in problems[:30]:
        print("MISMATCH", line)
    verdict = "OK" if not problems else f"{len(problems)} mismatches"
    print(f"{xlsx_path} [年代/性別/地区] vs {crosstab_path}: {len(rows)} rows, {compared} numbers compared: {verdict}")
    return 0 if not problems else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    status = main(sys.argv[1], sys.argv[2])
    crosstab = os.path.join(os.path.dirname(sys.argv[2]), "crosstab.csv")
    if os.path.exists(crosstab):
        status |= check_crosstabs(sys.argv[1], crosstab)
    sys.exit(status)
