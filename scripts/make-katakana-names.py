#!/usr/bin/env python3
# make-katakana-names — builds Sources/KoeQuotes/Resources/katakana-names.txt (personal names written in
# katakana: foreign names such as アンナ, ロペス and Japanese names such as アキコ) from Debian's mecab-ipadic
# (apt-get install mecab-ipadic, or `apt-get download` and `dpkg-deb -x` into DICTIONARY's parent), Noun.name.csv.
#
# Usage: python3 scripts/make-katakana-names.py [DICTIONARY] > Sources/KoeQuotes/Resources/katakana-names.txt
# Kept: katakana-only 人名 entries of two or more characters that no other IPADIC file lists (names that are
# also common words — アート, キング, カナ — are left out). The NAIST/ICOT licence of IPADIC requires its notice
# with every copy: it is the header of the output (copied from person-names.txt, the same dictionary).
import glob
import os
import re
import sys

DICTIONARY = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/mecab/dic/ipadic/"
KATAKANA = re.compile(r"^[ァ-ヺー]{2,}$")
HERE = os.path.dirname(os.path.abspath(__file__))
LICENCE_FROM = os.path.join(HERE, "..", "Sources", "KoeQuotes", "Resources", "person-names.txt")


def rows(path):
    with open(path, encoding="euc_jp", errors="replace") as f:
        for line in f:
            yield line.rstrip("\n").split(",")


def main():
    names, common = set(), set()
    for path in sorted(glob.glob(os.path.join(DICTIONARY, "*.csv"))):
        for row in rows(path):
            if len(row) < 7 or not KATAKANA.match(row[0]):
                continue
            (names if row[6] == "人名" else common).add(row[0])
    kept = sorted(names - common)
    licence = []
    with open(LICENCE_FROM, encoding="utf-8") as f:
        lines = f.read().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# Licence"))
    for line in lines[start:]:
        if not line.startswith("#"):
            break
        licence.append(line)
    print("# katakana-names — personal names written in katakana (foreign names and Japanese names), for masking")
    print("# a katakana name pair such as アンナ・ロペス and for the review flag.")
    print("# Source: mecab-ipadic 2.7.0 (Debian package mecab-ipadic), all .csv files: katakana-only 人名 entries of two")
    print(f"# or more characters that no other entry lists as a common word; {len(kept)} names.")
    print("# Built by scripts/make-katakana-names.py.")
    print("\n".join(licence))
    for word in kept:
        print(f"名\t{word}")


if __name__ == "__main__":
    main()
