// codebook.js — the codebook desk: untagged opinions and their themes, related words per area, and a
// keyword or a KH Coder rule tried (how many opinions it would tag, a sample, what moves) before it is saved, and a
// theme proposed as a new area (tried, then saved as a new node).
"use strict";
(() => {
  const { el, status, get, post } = koe;
  let meta = { areas: [] };
  let tried = null;

  async function init() {
    try { meta = await get("meta"); } catch (e) { status(e.message, true); return; }
    document.getElementById("run-title").textContent = meta.title || "";
    koe.areaOptions(document.getElementById("try-area"), meta.areas, "分野を選ぶ");
    koe.areaOptions(document.getElementById("related-area"), meta.areas, "すべての分野");
    koe.areaOptions(document.getElementById("rule-area"), meta.areas, "分野を選ぶ");
    koe.areaOptions(document.getElementById("theme-parent"), meta.areas, "（最上位に追加）");
    document.getElementById("rule-form").addEventListener("submit", (e) => { e.preventDefault(); tryRule(false); });
    document.getElementById("rule-save").addEventListener("click", () => tryRule(true));
    for (const id of ["rule-area", "rule"]) {
      document.getElementById(id).addEventListener("input", () => { document.getElementById("rule-save").disabled = true; });
    }
    document.getElementById("theme-form").addEventListener("submit", (e) => { e.preventDefault(); tryTheme(false); });
    document.getElementById("theme-save").addEventListener("click", () => tryTheme(true));
    for (const id of ["theme-code", "theme-name", "theme-parent", "theme-keywords"]) {
      document.getElementById(id).addEventListener("input", () => { document.getElementById("theme-save").disabled = true; });
    }
    document.getElementById("codebook-file").textContent = meta.codebook
      ? "保存先: " + meta.codebook + "（保存前の内容は .bak に残します。コメントと順序はそのままです）"
      : "コードブックの場所が分かりません（koe serve --pipeline で起動すると保存できます）";
    document.getElementById("try-form").addEventListener("submit", (e) => { e.preventDefault(); tryKeyword(false); });
    document.getElementById("save").addEventListener("click", () => tryKeyword(true));
    for (const id of ["try-area", "keyword"]) {
      document.getElementById(id).addEventListener("input", () => { document.getElementById("save").disabled = true; });
    }
    document.getElementById("related-form").addEventListener("submit", (e) => { e.preventDefault(); related(); });
    await Promise.all([related(), themes(), untagged()]);
  }

  async function tryKeyword(save) {
    const area = document.getElementById("try-area").value;
    const keyword = document.getElementById("keyword").value.trim();
    if (!area || !keyword) { status("分野とキーワードを入れてください", true); return; }
    if (save && !(tried && tried.area === area && tried.keyword === keyword)) { status("保存の前に試してください", true); return; }
    try {
      const r = await post(save ? "codebook/save" : "codebook/try", { area, keyword });
      tried = { area, keyword };
      document.getElementById("save").disabled = !!meta.read_only || !!r.saved || !meta.codebook;
      showResult(document.getElementById("try-result"), "「" + r.keyword + "」を分野 " + r.area + " に加えると", r);
      status(r.saved ? "コードブックに保存しました（以前の内容は " + r.backup + "）。次の koe run で反映されます。" : "試しました。よければ「コードブックに保存」を押してください。");
    } catch (e) { status(e.message, true); }
  }

  // What an edit would do: counts, the areas the new opinions hold today, a sample, and the opinions that leave.
  function showResult(box, lead, r) {
    box.replaceChildren(...[
      el("p", { text: lead + ": " + r.would_tag + " 件の意見がこの分野に入り、そのうち新たに入るのは " + r.newly_tagged
        + " 件（未分類からは " + r.from_untagged + " 件）、この分野から外れるのは " + r.removed + " 件です（調べた意見 " + r.checked + " 件）。" }),
      r.moves.length ? el("table", {},
        el("caption", { text: "新たに入る意見の今の分野" }),
        el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "今の分野" }), el("th", { scope: "col", text: "加わる分野" }), el("th", { scope: "col", text: "意見数" }))),
        el("tbody", {}, ...r.moves.map((m) => el("tr", {}, el("td", { text: m.from }), el("td", { text: m.to }), el("td", { class: "num", text: m.opinions }))))) : null,
      el("h3", { text: "新たに入る意見の例" }),
      el("ul", {}, ...(r.sample.length ? r.sample.map((o) => el("li", { text: "「" + o.text + "」 " + o.id })) : [el("li", { class: "empty", text: "ありません" })])),
      r.removed_sample.length ? el("h3", { text: "この分野から外れる意見の例" }) : null,
      r.removed_sample.length ? el("ul", {}, ...r.removed_sample.map((o) => el("li", { text: "「" + o.text + "」 " + o.id }))) : null].filter(Boolean));
  }

  let triedRule = null;
  async function tryRule(save) {
    const area = document.getElementById("rule-area").value;
    const rule = document.getElementById("rule").value.trim();
    if (!area || !rule) { status("分野とルールを入れてください", true); return; }
    if (save && !(triedRule && triedRule.area === area && triedRule.rule === rule)) { status("保存の前に試してください", true); return; }
    try {
      const r = await post(save ? "codebook/save" : "codebook/try", { area, rule });
      triedRule = { area, rule };
      document.getElementById("rule-save").disabled = !!meta.read_only || !!r.saved || !meta.codebook;
      showResult(document.getElementById("try-result"), "ルール「" + r.rule + "」を分野 " + r.area + " に設定すると", r);
      status(r.saved ? "ルールを保存しました（以前の内容は " + r.backup + "）。次の koe run で反映されます。" : "ルールを試しました。よければ「コードブックに保存」を押してください。");
    } catch (e) { status(e.message, true); }
  }

  let triedTheme = null;
  function themeBody() {
    return {
      theme: String(document.getElementById("theme-form").dataset.theme || ""),
      code: document.getElementById("theme-code").value.trim(), name: document.getElementById("theme-name").value.trim(),
      parent: document.getElementById("theme-parent").value, keywords: document.getElementById("theme-keywords").value.trim(),
    };
  }
  async function tryTheme(save) {
    const body = themeBody();
    if (save && JSON.stringify(body) !== JSON.stringify(triedTheme)) { status("保存の前に試してください", true); return; }
    try {
      const r = await post(save ? "themes/save" : "themes/try", body);
      triedTheme = body;
      document.getElementById("theme-save").disabled = !!meta.read_only || !!r.saved || !meta.codebook;
      showResult(document.getElementById("theme-result"), "新しい分野 " + r.code + "「" + r.name + "」（キーワード " + r.keywords.join("、") + "）を作ると", r);
      status(r.saved ? "分野 " + r.code + " をコードブックに追加しました（以前の内容は " + r.backup + "）。次の koe run で反映されます。" : "テーマを新しい分野として試しました。よければ「分野として保存」を押してください。");
    } catch (e) { status(e.message, true); }
  }

  function proposeTheme(t) {
    const form = document.getElementById("theme-form");
    form.hidden = false;
    form.dataset.theme = String(t.theme);
    document.getElementById("theme-code").value = "T" + t.theme;
    document.getElementById("theme-name").value = t.label;
    document.getElementById("theme-keywords").value = t.keywords.join("、");
    document.getElementById("theme-save").disabled = true;
    tryTheme(false);
    document.getElementById("theme-code").focus();
  }

  async function related() {
    const box = document.getElementById("related");
    try {
      const r = await get("related", { area: document.getElementById("related-area").value });
      if (!r.available) {
        box.replaceChildren(el("p", { class: "empty", text: "関連語はまだありません（このワークスペースを作った koe run は関連語の表を出力していません）。" }));
        return;
      }
      box.replaceChildren(el("table", {},
        el("thead", {}, el("tr", {}, ...["分野", "語", "Jaccard", "G²", "p", "キーワード", ""].map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, ...r.words.map((w) => el("tr", {},
          el("td", { text: w.area }), el("td", { text: w.word }), el("td", { class: "num", text: (w.jaccard ?? 0).toFixed(3) }),
          el("td", { class: "num", text: (w.g2 ?? 0).toFixed(1) }), el("td", { class: "num", text: w.p === null ? "—" : w.p.toExponential(1) }),
          el("td", { text: w.is_keyword ? "登録済み" : "未登録" }),
          el("td", {}, w.is_keyword ? null : el("button", { type: "button", class: "secondary", text: "試す", onclick: () => {
            document.getElementById("try-area").value = w.area;
            document.getElementById("keyword").value = w.word;
            tryKeyword(false);
            document.getElementById("keyword").focus();
          } })))))));
      if (r.words.length === 0) box.append(el("p", { class: "empty", text: "この分野の関連語はありません" }));
    } catch (e) { status(e.message, true); }
  }

  async function themes() {
    const box = document.getElementById("themes");
    const r = await get("themes");
    if (!r.available || r.themes.length === 0) {
      box.replaceChildren(el("p", { class: "empty", text: r.available ? "テーマはありません" : "テーマはまだありません（このワークスペースを作った koe run はテーマの表を出力していません）。" }));
      return;
    }
    box.replaceChildren(el("ol", {}, ...r.themes.map((t) => el("li", {},
      el("strong", { text: t.label + "（" + t.size + "件）" }),
      el("p", { class: "meta", text: "キーワード: " + t.keywords.join("、") }),
      el("ul", {}, ...t.opinions.map((o) => el("li", { text: "「" + o.text + "」" }))),
      el("button", { type: "button", class: "secondary", text: "新しい分野として試す", onclick: () => proposeTheme(t) })))));
  }

  async function untagged() {
    const r = await get("untagged", { limit: 50 });
    document.getElementById("untagged-total").textContent = "未分類 " + r.total + " 件（先頭 " + r.opinions.length + " 件を表示）";
    document.getElementById("untagged").replaceChildren(...r.opinions.map((o) => el("li", { text: "「" + o.text + "」 " + o.id })));
  }

  document.addEventListener("DOMContentLoaded", init);
})();
