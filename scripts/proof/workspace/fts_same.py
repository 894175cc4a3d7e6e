#!/usr/bin/env python3
"""Proof that two koe.sqlite files answer every word search the same (FTS5 table `opinion_words`).

Usage: fts_same.py OLD.sqlite NEW.sqlite [--words N]

The FTS5 index's internal blocks (opinion_words_data / _idx) may differ between two builds of the same opinions
(how many terms are collected before a segment is written, how segments were merged). This script checks that
the index answers identically anyway:
  1. FTS5 'integrity-check' passes on both files (the index matches the opinions' words);
  2. for N words of the `words` table (all when fewer) and for every distinct word when --all is given, the
     matching rowid list of `"word"` is the same in both files;
  3. phrase, AND and OR queries built as `koe quotes` / `koe kwic` / `koe serve` build them (each word quoted,
     joined by AND; groups joined by OR; two words in one quoted phrase) give the same rowid lists;
  4. bm25 scores of every 20th query and FTS5's averages record (row and token totals) are the same;
  5. every other table's dump is the same (the FTS5 blocks and sqlite_stat1's rows about them excepted).
Exit status 0 when all checks pass.
"""
import random
import sqlite3
import subprocess
import sys


def quoted(word):
    return '"' + word.replace('"', '""') + '"'


def rowids(db, match):
    return [r[0] for r in db.execute("SELECT rowid FROM opinion_words WHERE opinion_words MATCH ? ORDER BY rowid", (match,))]


def filtered_dump(path):
    out = subprocess.run(["sqlite3", path, ".dump"], capture_output=True, text=True, check=True).stdout.splitlines()
    keep = []
    for line in out:
        if line.startswith(("INSERT INTO opinion_words_data", "INSERT INTO opinion_words_idx",
                            "INSERT INTO 'opinion_words_data'", "INSERT INTO 'opinion_words_idx'")):
            continue
        if line.startswith("INSERT INTO sqlite_stat1 VALUES('opinion_words_data'") or line.startswith(
                "INSERT INTO sqlite_stat1 VALUES('opinion_words_idx'"):
            continue
        keep.append(line)
    return keep


def main():
    old_path, new_path = sys.argv[1], sys.argv[2]
    n = int(sys.argv[sys.argv.index("--words") + 1]) if "--words" in sys.argv else 3000
    old, new = sqlite3.connect(old_path), sqlite3.connect(new_path)
    for name, db in (("old", old), ("new", new)):
        db.execute("INSERT INTO opinion_words(opinion_words) VALUES ('integrity-check')")
        print(f"integrity-check {name}: ok")
    words = [r[0] for r in old.execute("SELECT DISTINCT word FROM words ORDER BY word")]
    rng = random.Random(26)
    sample = words if len(words) <= n else rng.sample(words, n)
    queries = [quoted(w) for w in sample]
    # AND of two or three words, OR of AND groups (as the codebook trial builds), phrases of consecutive words.
    for _ in range(1000):
        k = rng.choice([2, 3])
        queries.append(" AND ".join(quoted(w) for w in rng.sample(words, k)))
    for _ in range(300):
        groups = ["(" + " AND ".join(quoted(w) for w in rng.sample(words, 2)) + ")" for _ in range(rng.choice([2, 3]))]
        queries.append(" OR ".join(groups))
    texts = [r[0] for r in old.execute("SELECT words FROM opinions WHERE words IS NOT NULL ORDER BY opinion_rowid LIMIT 20000")]
    for text in rng.sample(texts, min(700, len(texts))):
        parts = text.split(" ")
        if len(parts) >= 2:
            i = rng.randrange(len(parts) - 1)
            queries.append(quoted(parts[i] + " " + parts[i + 1]))
            queries.append(quoted(parts[i]) + " AND " + quoted(parts[i + 1]))
    bad, matched = 0, 0
    for q in queries:
        a, b = rowids(old, q), rowids(new, q)
        matched += len(a)
        if a != b:
            bad += 1
            if bad <= 10:
                print("DIFFERENT:", q, len(a), len(b))
    print(f"queries: {len(queries)} ({len(sample)} single words of {len(words)}), rowids matched in total: {matched}, different: {bad}")
    # bm25 (documented as working on the table) reads the averages record and the terms' position lists.
    averages = [db.execute("SELECT block FROM opinion_words_data WHERE id = 1").fetchone() for db in (old, new)]
    if averages[0] != averages[1]:
        bad += 1
        print("DIFFERENT: the averages record (row and token totals)")
    scored = 0
    for q in queries[::20]:
        sql = "SELECT rowid, bm25(opinion_words) FROM opinion_words WHERE opinion_words MATCH ? ORDER BY rowid"
        a, b = old.execute(sql, (q,)).fetchall(), new.execute(sql, (q,)).fetchall()
        scored += len(a)
        if a != b:
            bad += 1
            print("DIFFERENT bm25:", q)
    print(f"bm25 of {len(queries[::20])} queries ({scored} rows) and the averages record: compared")
    d_old, d_new = filtered_dump(old_path), filtered_dump(new_path)
    same_dump = d_old == d_new
    print(f"dump without the FTS5 blocks: {'same' if same_dump else 'DIFFERENT'} ({len(d_old)} lines)")
    sys.exit(0 if bad == 0 and same_dump else 1)


if __name__ == "__main__":
    main()
