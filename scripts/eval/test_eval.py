#!/usr/bin/env python3
"""Tests of the evaluation scripts' parsing and scoring on small hand-made files (python3 scripts/eval/test_eval.py)."""
import importlib.util
import io
import os
import sys
import tempfile
import textwrap
import unittest
from contextlib import redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import koe_eval  # noqa: E402


def load(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


yamaguchi = load("yamaguchi")
miro = load("miro-types")

CSV = textwrap.dedent("""\
    opinion_item_id,number,group_id,topic_id,topic_label,source_page,school_mentions,official_text,response_text
    a,1,g,x,定時制課程,3,,"定時制を
    残して",答
    b,2,g,x,通学・交通など,3,,バスが不便,答
    c,3,g,x,定時制課程,3,,夜間,答
    d,4,g,x,通学・交通など,3,,遠い,答
    """)

CODEBOOK = textwrap.dedent("""\
    - code: Y
      name: 全体
      children:
        - code: Y6
          name: 定時制課程
          keywords: [定時制]
        - code: "9"
          name: "通学・交通など"
          keywords: [バス]
    """)

# Row 2 = record a (its text spans two lines: rows follow records, not lines), row 3 = b, row 4 = c.
JSONL = "\n".join([
    '{"id":"f-2-H","row":2,"column":"official_text","text":"定時制を\\n残して","areas":["Y","Y6"],"type":"要望","horizon":"unknown"}',
    '{"id":"f-2-I","row":2,"column":"response_text","text":"答","areas":["9"],"type":"unknown","horizon":"unknown"}',
    '{"id":"f-3-H","row":3,"column":"official_text","text":"バスが不便","areas":[{"code":"Y6"},{"code":"9"}],"type":"課題"}',
    '',
    '{"id":"f-4-H","row":4,"text":"夜間","areas":[],"type":null}',
])


class EvalTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.csv = os.path.join(self.dir.name, "o.csv")
        self.codebook = os.path.join(self.dir.name, "c.yml")
        open(self.csv, "w", encoding="utf-8").write(CSV)
        open(self.codebook, "w", encoding="utf-8").write(CODEBOOK)

    def tearDown(self):
        self.dir.cleanup()

    def test_parse_jsonl_and_errors(self):
        records = koe_eval.parse_jsonl(JSONL.splitlines())
        self.assertEqual(len(records), 4)
        self.assertEqual(koe_eval.area_codes(records[2]), ["Y6", "9"])
        with self.assertRaisesRegex(ValueError, "line 2"):
            koe_eval.parse_jsonl(['{"a":1}', "not json"])

    def test_codebook_names(self):
        self.assertEqual(koe_eval.codebook_names(self.codebook), {"Y": "全体", "Y6": "定時制課程", "9": "通学・交通など"})

    def test_yamaguchi_join_and_score(self):
        gold = yamaguchi.load_gold(self.csv)
        self.assertEqual(gold, {2: "定時制課程", 3: "通学・交通など", 4: "定時制課程", 5: "通学・交通など"})
        by_row = yamaguchi.predictions(koe_eval.parse_jsonl(JSONL.splitlines()), koe_eval.codebook_names(self.codebook),
                                       "official_text")
        self.assertEqual(by_row[2], {"全体", "定時制課程"}, "response_text opinion ignored")
        table = yamaguchi.score(gold, by_row)
        tp, predicted, actual, p, r = table["定時制課程"]
        self.assertEqual((tp, predicted, actual), (1, 2, 2))
        self.assertAlmostEqual(p, 0.5)
        self.assertAlmostEqual(r, 0.5)
        tp, predicted, actual, p, r = table["通学・交通など"]
        self.assertEqual((tp, predicted, actual), (1, 1, 2))
        text = yamaguchi.render(table, gold, by_row)
        self.assertIn("absent from koe output: 1", text)
        self.assertIn("with no topic tagged: 2", text)

    def test_yamaguchi_main_with_saved_jsonl(self):
        path = os.path.join(self.dir.name, "out.jsonl")
        open(path, "w", encoding="utf-8").write(JSONL)
        out = io.StringIO()
        with redirect_stdout(out):
            yamaguchi.main(["--csv", self.csv, "--codebook", self.codebook, "--jsonl", path])
        self.assertIn("定時制課程", out.getvalue())

    def test_yamaguchi_runs_a_koe_binary(self):
        fake = os.path.join(self.dir.name, "koe")
        fixture = os.path.join(self.dir.name, "fixture.jsonl")
        open(fixture, "w", encoding="utf-8").write(JSONL)
        open(fake, "w").write(f"#!/bin/sh\n[ \"$1\" = tag ] && [ \"$2\" = --codebook ] || exit 2\ncat '{fixture}'\n")
        os.chmod(fake, 0o755)
        out = io.StringIO()
        with redirect_stdout(out):
            yamaguchi.main([fake, "--csv", self.csv, "--codebook", self.codebook])
        self.assertIn("micro precision 0.67", out.getvalue())

    def test_miro_confusion(self):
        records = {"q1": [{"type": "評価"}, {"type": "unknown"}, {"type": "課題"}],
                   "q2": [{"type": "要望"}, {"type": "課題"}],
                   "q5": [{"type": "提案・ありたい姿"}, {}]}
        table = miro.confusion(records)
        self.assertEqual(table["q1"]["評価"], 1)
        self.assertEqual(table["q5"]["unknown"], 1)
        text = miro.render(table)
        self.assertIn("agreement: 4/7 = 0.57", text)
        self.assertIn("among decided (not unknown): 4/5 = 0.80", text)


if __name__ == "__main__":
    unittest.main()
