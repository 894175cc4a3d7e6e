#!/usr/bin/env python3
"""Fast probes of issue 21's defects against a koe binary: prints one line per defect with what was observed,
so the same script gives the before (main's binary) and after numbers. Slow kills: scripts/harden/kills.sh.
Usage: python3 scripts/harden/probe.py [path/to/koe]   (default: .build/release/koe)"""
import html, os, re, resource, sqlite3, subprocess, sys, tempfile, time, zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
KOE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/koe"))
WORK = tempfile.mkdtemp(prefix="koe-probe-")
CODEBOOK = os.path.join(ROOT, "Samples/codebook.yml")


def koe(args, cwd=WORK, env=None, timeout=60):
    start = time.time()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    try:
        p = subprocess.run([KOE] + args, cwd=cwd, capture_output=True, timeout=timeout, env=env)
        out = (p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"))
    except subprocess.TimeoutExpired:
        out = ("timeout", "", "")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return out + (time.time() - start, rss if rss > before else None)


def write(name, text):
    path = os.path.join(WORK, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def pipeline(name, sources, extra="", out="out"):
    return write(name, f"sources:\n{sources}\ncodebook: {CODEBOOK}\noutput: {out}\n{extra}")


def code(err):
    m = re.search(r"error\[([a-z-]+)\]", err)
    return m.group(1) if m else "-"


def show(defect, observed):
    print(f"{defect}: {observed}")


SURVEY_COLS = "    columns: {ID: id, 年代: age, 性別: gender, 地区: district, 意見: text}"

# 1. District matching: one cell of 60,000 「区」 (and a gazetteer value of 60,000 「町」).
write("d.csv", "name,district\n広丘町,広丘\n" + "片丘," + "町" * 60000 + "\n")
write("long.csv", "ID,年代,性別,地区,意見\n1,30代,女性," + "区" * 60000 + ",バスが少ない\n")
pipeline("long.yml", "  - path: long.csv\n" + SURVEY_COLS, "gazetteer: d.csv", out="out-long")
s, o, e, t, rss = koe(["run", "long.yml", "--quiet"], timeout=120)
show("1 district 60,000 区", f"exit {s}, {t:.2f} s, max RSS {rss // 1024 if rss else '?'} MB, warning line {max((len(l) for l in e.splitlines()), default=0)} chars")

# 2. User numbers.
base = "ID,年代,性別,地区,意見\n" + "".join(f"{i},30代,女性,広丘,バスの本数を増やしてほしい{i}\n" for i in range(1, 13))
write("s.csv", base)
pipeline("p.yml", "  - path: s.csv\n" + SURVEY_COLS)
s, o, e, t, _ = koe(["run", "p.yml", "--quiet"])
ws = os.path.join(WORK, "out/koe.sqlite")
s, o, e, t, _ = koe(["quotes", "--workspace", ws, "--limit", "2305843009213693951"])
show("2 --limit 2305843009213693951", f"exit {s} {e.strip().splitlines()[0][:80] if e.strip() else ''}")
pipeline("big.yml", "  - path: s.csv\n" + SURVEY_COLS, "quotes: {per_area: 2305843009213693951}", out="out-big")
s, o, e, t, _ = koe(["run", "big.yml", "--quiet"])
show("2 per_area 2305843009213693951", f"exit {s} {code(e)}")

# 8. Formula behind a NUL, through `koe import --format csv`.
write("nul.csv", "ID,意見\n1,\"\x00=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\"\n")
s, o, e, t, _ = koe(["import", "nul.csv", "--format", "csv", "--text", "意見", "--id", "ID"])
cell = [l for l in o.splitlines() if "HYPERLINK" in l]
show("8 NUL then =HYPERLINK (import csv)", "neutralised" if cell and "'=HYPERLINK" in cell[0] else f"live: {cell[0][:60]!r}" if cell else f"no row (exit {s})")

# 9/10. Markdown in codebook codes, bidi in a district answer, a file name with a backtick and newlines.
write("cb.yml", '- code: "<script>x</script>"\n  name: "**交通**"\n  keywords: [バス]\n')
bidi = "ID,年代,性別,地区,意見\n" + "".join(f"{i},30代,女性,広丘\u202e,バスの本数を増やしてほしい{i}\n" for i in range(1, 13))
write("b.csv", bidi)
write("md.yml", f"sources:\n  - path: b.csv\n{SURVEY_COLS}\ncodebook: cb.yml\noutput: out-md\n")
s, o, e, t, _ = koe(["run", "md.yml", "--quiet"])
q = open(os.path.join(WORK, "out-md/quotes.md"), encoding="utf-8").read()
show("9 codebook code in quotes.md heading", "raw <script>" if "<script>" in q else "escaped")
files = ["quotes.md", "report.html"]
docx = zipfile.ZipFile(os.path.join(WORK, "out-md/quotes.docx")).read("word/document.xml").decode()
s, o, e, t, _ = koe(["quotes", "--workspace", os.path.join(WORK, "out-md/koe.sqlite"), "--format", "csv"])
leaks = [n for n in files if "\u202e" in open(os.path.join(WORK, "out-md", n), encoding="utf-8").read()]
leaks += ["quotes.docx"] if "\u202e" in docx else []
leaks += ["koe quotes csv"] if "\u202e" in o else []
show("10 U+202E in district answer", "in " + ", ".join(leaks) if leaks else "in no output")
os.makedirs(os.path.join(WORK, "notes"), exist_ok=True)
weird = "a`\n\n# 乗っ取り\n`b"
write(os.path.join("notes", weird + ".md"), "- バスの本数を増やしてほしい\n")
pipeline("notes.yml", "  - path: notes/*.md\n    kind: workshop", out="out-notes")
s, o, e, t, _ = koe(["run", "notes.yml", "--quiet"])
s, o, e, t, _ = koe(["quotes", "--workspace", os.path.join(WORK, "out-notes/koe.sqlite"), "--format", "md"])
show("9 file name with backtick+newlines, quotes --format md", f"{len(o.splitlines())} lines ({'breaks out' if len(o.splitlines()) > 1 else 'one line'})")

# 11. ESC in a column label (inspect) and in a file name (quotes text).
write("esc.csv", "ID,\x1b]0;owned\x07意見\x1b[2J\n1,バスが少ない\n")
s, o, e, t, _ = koe(["inspect", "esc.csv"])
show("11 ESC in column label (inspect)", "raw ESC on stdout" if "\x1b" in o else "escaped")
write("e\x1b[31mx.csv", base)
pipeline("esc.yml", '  - path: "e\\e[31mx.csv"\n' + SURVEY_COLS, out="out-esc")
koe(["run", "esc.yml", "--quiet"])
s, o, e, t, _ = koe(["quotes", "--workspace", os.path.join(WORK, "out-esc/koe.sqlite")])
show("11 ESC in file name (quotes text)", "raw ESC on stdout" if "\x1b" in o else "escaped")

# 12. FIFO as workspace.
fifo = os.path.join(WORK, "fifo.sqlite")
os.mkfifo(fifo)
s, o, e, t, _ = koe(["quotes", "--workspace", fifo], timeout=10)
show("12 --workspace FIFO", f"exit {s} {code(e)} ({t:.1f} s)")

# 15. A link out of a workshop folder.
os.makedirs(os.path.join(WORK, "ws"), exist_ok=True)
write("ws/a.md", "- バスが少ない\n")
os.symlink("/etc/passwd", os.path.join(WORK, "ws/passwd.md"))
pipeline("link.yml", "  - path: ws/*.md\n    kind: workshop", out="out-link")
s, o, e, t, _ = koe(["run", "link.yml", "--quiet"])
imported = os.path.exists(os.path.join(WORK, "out-link/opinions.jsonl")) and "root:" in open(os.path.join(WORK, "out-link/opinions.jsonl"), encoding="utf-8").read()
show("15 passwd.md -> /etc/passwd", f"exit {s} {code(e)}, /etc/passwd {'imported' if imported else 'not imported'}")

# 16. One respondent id on five rows.
dup = "ID,年代,性別,地区,意見\n" + "".join(f"7,40代,男性,広丘,バスの停留所が遠くて困る{i}\n" for i in range(5))
write("dup.csv", dup)
pipeline("dup.yml", "  - path: dup.csv\n" + SURVEY_COLS, out="out-dup")
s, o, e, t, _ = koe(["run", "dup.yml"])
q = open(os.path.join(WORK, "out-dup/quotes.md"), encoding="utf-8").read()
show("16 one id on five rows", f"attribution {'（40代・男性・広丘）' if '40代・男性・広丘' in q else 'coarsened'}, warning {'yes' if 'duplicate-respondent-id' in e else 'no'}")

# 3. Personal data in report.html's words.
answers = ["山田花子さんに公園の清掃でお世話になりました。連絡は yamada.taro@example.com まで",
           "公園の清掃について山田花子さんと話しました。yamada.taro@example.com に送ります",
           "山田花子さんの公園清掃はありがたい。yamada.taro@example.com", "公園の清掃の回数を増やしてほしい"]
write("pd.csv", "ID,年代,性別,地区,意見\n" + "".join(f"{i},30代,女性,広丘,{answers[i % 4]}\n" for i in range(1, 13)))
pipeline("pd.yml", "  - path: pd.csv\n" + SURVEY_COLS, out="out-pd")
koe(["run", "pd.yml", "--quiet"])
r = open(os.path.join(WORK, "out-pd/report.html"), encoding="utf-8").read()
show("3 names/e-mail in report.html words", ", ".join(w for w in ["山田", "花子", "yamada", "example"] if w in r) or "none")

# 7. Unusable TMPDIR.
env = dict(os.environ, TMPDIR=os.path.join(WORK, "no/such"))
s, o, e, t, _ = koe(["run", "p.yml", "--quiet", "--out", os.path.join(WORK, "out-tmp")], env=env)
show("7 TMPDIR unusable", f"exit {s} {code(e)}")

# Minor: min_cell 0 in a workspace; dropped table; xlsx print header length.
db = sqlite3.connect(ws)
db.execute("UPDATE meta SET value='0' WHERE key='min_cell'")
db.commit()
s, o, e, t, _ = koe(["quotes", "--workspace", ws])
show("minor min_cell 0 workspace", f"exit {s} {code(e)}")
db.execute("UPDATE meta SET value='5' WHERE key='min_cell'")
db.execute("DROP TABLE respondents")
db.commit()
s, o, e, t, _ = koe(["quotes", "--workspace", ws])
show("minor dropped table", f"exit {s} {code(e)}, {'says disk space' if '空き容量' in e else 'says damaged'}")
write("title.yml", f"name: {'長' * 400}\nsources:\n  - path: s.csv\n{SURVEY_COLS}\ncodebook: {CODEBOOK}\noutput: out-title\n")
koe(["run", "title.yml", "--quiet"])
xml = zipfile.ZipFile(os.path.join(WORK, "out-title/summary.xlsx")).read("xl/worksheets/sheet1.xml").decode()
m = re.search(r"<oddHeader>(.*?)</oddHeader>", xml)
show("minor xlsx print header", f"{len(html.unescape(m.group(1))) if m else 0} characters")
