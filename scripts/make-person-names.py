#!/usr/bin/env python3
# make-person-names — builds Sources/KoeQuotes/Resources/person-names.txt (surnames and given names for
# masking bare full names) from Debian's mecab-ipadic (apt-get install mecab-ipadic), Noun.name.csv.
#
# Usage: python3 scripts/make-person-names.py > Sources/KoeQuotes/Resources/person-names.txt
# Kept: kanji-only 人名,姓 entries of 1-3 characters and 人名,名 entries of 2-3 characters (no katakana
# foreign names), leaving out given names that IPADIC also lists as common nouns or adverbs. IPADIC's word costs are not frequencies (山本 and 太郎 rank below rare names), so every such
# entry is kept rather than a top-N. The NAIST/ICOT licence of IPADIC requires its notice with every copy: it
# is the header of the output.
import csv
import re
import sys

DICTIONARY = "/usr/share/mecab/dic/ipadic/"
SOURCE = DICTIONARY + "Noun.name.csv"
# Given names that are also common words (大学, 工事, 健康, 平日…) would mask ordinary text: see keep().
COMMON = ["Noun.csv", "Noun.verbal.csv", "Noun.adjv.csv", "Noun.adverbal.csv", "Adverb.csv"]
COPYRIGHT = "/usr/share/doc/mecab-ipadic/copyright"
KANJI = re.compile(r"^[\u4e00-\u9fff々ヶ]+$")
LENGTHS = {"姓": (1, 3), "名": (2, 3)}


# Given names that are also common words are left out (大学, 工事, 健康), unless they end like a name (和子).
NAME_ENDINGS = set("子郎美恵江代夫男雄彦介太")


def keep(kind, word, common):
    if kind == "姓":
        return True
    return word not in common or word[-1] in NAME_ENDINGS


def main():
    common = set()
    for name in COMMON:
        with open(DICTIONARY + name, encoding="euc_jp") as f:
            common.update(row[0] for row in csv.reader(f))
    best = {"姓": {}, "名": {}}
    with open(SOURCE, encoding="euc_jp") as f:
        for row in csv.reader(f):
            word, cost, kind = row[0], int(row[3]), row[7]
            if kind in best and KANJI.match(word) and LENGTHS[kind][0] <= len(word) <= LENGTHS[kind][1] and keep(kind, word, common):
                table = best[kind]
                table[word] = min(cost, table.get(word, 1 << 30))
    notice = []
    with open(COPYRIGHT, encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("License:"))
    for line in lines[start + 1:]:
        if line.startswith("Files:"):
            break
        notice.append(line[1:] if line.startswith(" ") else line)
    out = sys.stdout
    out.write("# person-names — common Japanese surnames (姓) and given names (名) for masking bare full names.\n")
    out.write("# Source: mecab-ipadic 2.7.0 (Debian package mecab-ipadic), Noun.name.csv, kanji-only 人名 entries\n")
    out.write("# (given names that are also common nouns or adverbs in IPADIC left out unless they end like a name),\n")
    counts = {kind: len(table) for kind, table in best.items()}
    out.write(f"# {counts['姓']} surnames (1-3 characters) and {counts['名']} given names (2-3 characters).\n")
    out.write("# Built by scripts/make-person-names.py.\n")
    out.write("# Licence of the source dictionary (BSD-3-Clause-with-ICOT-term), reproduced as it requires:\n#\n")
    for line in notice:
        out.write(("# " + line).rstrip() + "\n" if line.strip() not in (".", "") else "#\n")
    out.write("#\n# Format: kind<TAB>word; kind is 姓 (surname) or 名 (given name).\n")
    for kind in ("姓", "名"):
        for word in sorted(best[kind]):
            out.write(f"{kind}\t{word}\n")


if __name__ == "__main__":
    main()
