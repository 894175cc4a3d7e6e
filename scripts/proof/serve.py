#!/usr/bin/env python3
"""Browser proof of `koe serve` (issue #27): Debian's chromium driven by Playwright (PyPI), no browser download.

With --pipeline, the pipeline is copied into OUT/work with its own copy of the codebook (saving never touches the
repository), run there, and two fixture themes are inserted into its workspace (the themes tables as SPEC §6 names
them). Starts `koe serve` on loopback, reads the first stdout line (address with token), then in the
browser: searches (KWIC shown), opens a quote's whole text and provenance, chooses it for an area, masks
more of it (a span selected in the text), tries a flagged quote, and exports the chosen quotes; in the codebook
desk tries a keyword, tries and saves a KH Coder rule, and proposes a theme as a new area (tried, saved); every page
(quote desk, codebook, overview) and report.html are checked with axe-core's WCAG 2.1 A/AA rules. Screenshots
at 1366 × 768 go to OUT (look at them). Also checks: hostile text stays text (no alert, no injected element),
no request leaves 127.0.0.1, and the keyboard reaches the controls.

  pip install --break-system-packages playwright axe-playwright-python
  koe run Pipelines/sample.yml          # writes out/sample (git-ignored)
  python3 scripts/proof/serve.py --koe .build/debug/koe --pipeline Pipelines/sample.yml \
      --report out/sample/report.html --out /tmp/koe-proof/shots
"""
import argparse
import json
import pathlib
import re
import shutil
import sqlite3
import subprocess
import sys
import urllib.parse

from playwright.sync_api import expect, sync_playwright
from axe_playwright_python.sync_playwright import Axe

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_check(axe, page, name, results):
    report = axe.run(page, options=WCAG)
    violations = report.response["violations"]
    passes = len(report.response["passes"])
    results[name] = {"passes": passes, "violations": [(v["id"], len(v["nodes"])) for v in violations]}
    print(f"axe {name}: {passes} rules pass, {len(violations)} fail {results[name]['violations']}")
    return not violations


def scratch_copy(koe, pipeline, work):
    """The pipeline copied into WORK with absolute input paths, its own codebook copy and output; run; themes added."""
    pipeline = pathlib.Path(pipeline).resolve()
    work.mkdir(parents=True, exist_ok=True)
    text = pipeline.read_text(encoding="utf-8")
    codebook = re.search(r"^codebook:\s*(\S+)", text, re.M).group(1)
    shutil.copy(pipeline.parent / codebook, work / "codebook.yml")
    for backup in work.glob("codebook.yml*.bak"):
        backup.unlink()
    text = re.sub(r"^codebook:.*$", "codebook: codebook.yml", text, flags=re.M)
    text = re.sub(r"^output:.*$", "output: out", text, flags=re.M)
    text = re.sub(r"(\s)\.\./", lambda m: m.group(1) + str(pipeline.parent.parent) + "/", text)
    copy = work / "pipeline.yml"
    copy.write_text(text, encoding="utf-8")
    subprocess.run([koe, "run", str(copy)], check=True, capture_output=True)
    db = sqlite3.connect(work / "out" / "koe.sqlite")
    untagged = [r[0] for r in db.execute("SELECT id FROM opinions WHERE tagged = 0 ORDER BY opinion_rowid LIMIT 40")]
    db.execute("DELETE FROM themes")
    db.execute("DELETE FROM theme_members")
    for theme, (label, members) in enumerate([("空き家・景観", untagged[:12]), ("<b>猫</b>・ペット", untagged[12:20])], start=1):
        db.execute("INSERT INTO themes VALUES (?, ?, ?)", (theme, label, len(members)))
        db.executemany("INSERT INTO theme_members VALUES (?, ?)", [(theme, m) for m in members])
    db.commit()
    db.close()
    return copy


def codebook_rule_and_theme(page, out, results, axe, codebook):
    """A rule tried then saved (one line), a theme proposed as a new area (tried then saved); backups kept."""
    ok = True
    before = codebook.read_text(encoding="utf-8")
    page.select_option("#rule-area", "1-2")
    page.fill("#rule", "(保育園 | 学童) & !観光")
    page.locator("#rule-form").get_by_role("button", name="試す").click()
    expect(page.locator("#try-result")).to_contain_text("ルール「(保育園 | 学童) & !観光」")
    expect(page.locator("#rule-save")).to_be_enabled()
    print("rule try:", page.locator("#try-result p").first.inner_text())
    page.screenshot(path=str(out / "4b-codebook-rule-tried.png"))
    page.locator("#rule-save").click()
    expect(page.locator("#status")).to_contain_text("ルールを保存しました")
    after = codebook.read_text(encoding="utf-8")
    added = [l for l in after.splitlines() if l not in before.splitlines()]
    print("rule saved, lines added:", added)
    ok &= added == ['          rule: "(保育園 | 学童) & !観光"'] and codebook.with_name("codebook.yml.bak").exists()
    # The first theme: proposed as a new area under project 9, tried, then saved.
    page.locator("#themes li button").first.click()
    expect(page.locator("#theme-result")).to_contain_text("新しい分野 T1")
    page.select_option("#theme-parent", "9")
    page.locator("#theme-form").get_by_role("button", name="試す").click()
    expect(page.locator("#theme-result")).to_contain_text("件の意見")
    expect(page.locator("#theme-save")).to_be_enabled()
    print("theme try:", page.locator("#theme-result p").first.inner_text())
    page.locator("#theme-form").scroll_into_view_if_needed()
    page.screenshot(path=str(out / "4c-codebook-theme-tried.png"))
    ok &= axe_check(axe, page, "codebook with rule and theme", results)
    page.locator("#theme-save").click()
    expect(page.locator("#status")).to_contain_text("分野 T1 をコードブックに追加しました")
    saved = codebook.read_text(encoding="utf-8")
    node = [l for l in saved.splitlines() if l not in after.splitlines()]
    print("theme saved as:", node)
    ok &= len(node) == 3 and node[0].strip() == '- code: "T1"'
    hostile = page.locator("#themes").inner_text()
    ok &= "<b>猫</b>" in hostile and page.locator("#themes b").count() == 0
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--koe", default=".build/debug/koe")
    ap.add_argument("--workspace", help="koe.sqlite (the codebook desk can then only show, not try)")
    ap.add_argument("--pipeline", help="pipeline file (its output's koe.sqlite; the codebook desk can try keywords)")
    ap.add_argument("--report", help="report.html to check too (default: beside the workspace)")
    ap.add_argument("--out", default="/tmp/koe-serve-proof")
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.pipeline:
        args.pipeline = str(scratch_copy(args.koe, args.pipeline, out / "work"))
        args.workspace = str(out / "work" / "out" / "koe.sqlite")
    source = ["--pipeline", args.pipeline] if args.pipeline else ["--workspace", args.workspace]
    report_html = pathlib.Path(args.report or pathlib.Path(args.workspace or ".").with_name("report.html")).resolve()

    server = subprocess.Popen([args.koe, "serve"] + source, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    ok = True
    try:
        url = server.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and "?token=" in url, url
        base = url.split("/?token=")[0]
        token = url.split("token=")[1]
        print("server:", base)
        results = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ja-JP", accept_downloads=True)
            page = context.new_page()
            foreign = []
            page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(base) and not r.url.startswith("data:") else None)
            dialogs = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            console_errors = []
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            axe = Axe()

            # Without the token: 403.
            response = page.goto(base + "/")
            print("without token:", response.status)
            ok &= response.status == 403

            page.goto(url)
            page.wait_for_selector("#results li")
            page.screenshot(path=str(out / "1-quote-desk.png"))
            ok &= axe_check(axe, page, "quote desk", results)

            # Search from the keyboard: "/" focuses the search box.
            page.keyboard.press("/")
            page.keyboard.type("保育園")
            page.keyboard.press("Enter")
            page.wait_for_selector("#kwic-area:not([hidden])")
            expect(page.locator("#status")).to_contain_text("件の意見")
            kwic_rows = page.locator("#kwic tr").count()
            result_count = page.locator("#results > li").count()
            print(f"search 保育園: {result_count} quotes, {kwic_rows} KWIC lines")
            ok &= kwic_rows > 0 and result_count > 0
            page.screenshot(path=str(out / "2-search-kwic.png"))

            # Open the first quote's whole text and provenance.
            first = page.locator("#results > li").first
            quote_id = first.get_attribute("data-id")
            first.get_by_role("button", name="全文と出典").click()
            page.wait_for_selector("#whole-text")
            # Choose it for its area.
            page.locator("#detail-use").click() if page.locator("#detail-use").is_enabled() else None
            expect(page.locator("#chosen")).to_contain_text("「")
            expect(page.locator("#status")).to_contain_text("採用」にしました")
            print("chosen:", quote_id, page.locator("#chosen li").first.inner_text()[:60])

            # The page's CSP blocks eval: the browser proof itself cannot run string scripts (checked).
            # Mask more: select a span of the whole text with the mouse-equivalent Selection API, then the button.
            span = page.evaluate("""() => {
                const node = document.getElementById('whole-text').firstChild;
                const text = node.textContent;
                let start = text.indexOf('保育園');
                let end = start + 3;
                if (start < 0) { start = 1; end = 5; }
                const range = document.createRange();
                range.setStart(node, start); range.setEnd(node, end);
                const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
                document.getElementById('whole-text').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                return sel.toString();
            }""")
            page.locator("#mask-button").click()
            expect(page.locator("#status")).to_contain_text("伏せ字にしました")
            whole = page.locator("#whole-text").inner_text()
            print(f"masked span {span!r}: whole text now has it: {span in whole}")
            ok &= span not in whole and "＊＊＊" in whole
            page.screenshot(path=str(out / "3-detail-chosen-masked.png"))
            ok &= axe_check(axe, page, "quote desk with detail", results)

            # Hostile text: search a word of the hostile answer if present; nothing executes either way.
            injected = page.evaluate("document.querySelectorAll('#results script, #results img, #detail script, #detail img').length")
            print("injected elements:", injected, "dialogs:", dialogs)
            ok &= injected == 0 and not dialogs

            # Export the chosen quotes (a download of Markdown).
            with page.expect_download() as info:
                page.locator("#export").click()
            download = info.value
            target = out / "chosen-quotes.md"
            download.save_as(str(target))
            exported = target.read_text(encoding="utf-8")
            print("export:", target, exported.count("- 「"), "quotes;", "masked span absent:", span not in exported)
            ok &= exported.count("- 「") >= 1 and quote_id in exported

            # Keyboard: from the top, Tab reaches the skip link, then the navigation, then the search box.
            page.goto(url)
            page.wait_for_selector("#results li")
            order = []
            for _ in range(6):
                page.keyboard.press("Tab")
                order.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim().slice(0, 8)"))
            print("Tab order:", order)
            ok &= "search" in order

            for name, path, shot in [("codebook", "/codebook", "4-codebook.png"), ("overview", "/overview", "5-overview.png")]:
                page.goto(base + path + "?token=" + token)
                page.wait_for_load_state("networkidle")
                if name == "codebook":
                    page.select_option("#try-area", index=2)
                    page.fill("#keyword", "送迎")
                    page.locator("#try-form").get_by_role("button", name="試す").click()
                    expect(page.locator("#try-result")).to_contain_text("件の意見")
                    print("codebook try:", page.locator("#try-result p").first.inner_text())
                    if args.pipeline:
                        ok &= codebook_rule_and_theme(page, out, results, axe, pathlib.Path(args.pipeline).parent / "codebook.yml")
                else:
                    page.wait_for_selector("#chart-heatmap-age")
                    marks = page.locator("#segments svg text").filter(has_text=re.compile("[▲▼]")).count()
                    print("overview (KoeReport): cards", page.locator(".card").count(), "heat-map cells with ▲▼", marks)
                    ok &= page.locator(".card").count() >= 5 and marks > 0
                page.screenshot(path=str(out / shot), full_page=False)
                ok &= axe_check(axe, page, name, results)

            if report_html.exists():
                page.goto(report_html.as_uri())
                page.wait_for_load_state("load")
                page.screenshot(path=str(out / "6-report.png"))
                axe_check(axe, page, "report.html", results)  # reported; report.html belongs to koe run
            print("requests outside 127.0.0.1:", foreign[:5])
            print("console errors:", console_errors[:5])
            ok &= not [u for u in foreign if not u.startswith("file:")]
            ok &= all(not v for k, v in results.items() if k != "report.html" for v in [v["violations"]])
            (out / "axe.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
            browser.close()
    finally:
        server.terminate()
        server.wait()
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
