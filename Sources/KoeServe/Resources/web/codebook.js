// codebook.js — the codebook desk: untagged opinions and their themes, related words per area, and a
// keyword tried (how many opinions it would tag, a sample, what moves) before it is saved to the codebook.
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
      const box = document.getElementById("try-result");
      box.replaceChildren(...[
        el("p", { text: "「" + r.keyword + "」を分野 " + r.area + " に加えると: " + r.would_tag + " 件の意見がこの分野に入り、そのうち新たに入るのは "
          + r.newly_tagged + " 件（未分類からは " + r.from_untagged + " 件）です。" }),
        r.moves.length ? el("table", {},
          el("caption", { text: "新たに入る意見の今の分野" }),
          el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "今の分野" }), el("th", { scope: "col", text: "加わる分野" }), el("th", { scope: "col", text: "意見数" }))),
          el("tbody", {}, ...r.moves.map((m) => el("tr", {}, el("td", { text: m.from }), el("td", { text: m.to }), el("td", { class: "num", text: m.opinions }))))) : null,
        el("h3", { text: "新たに入る意見の例" }),
        el("ul", {}, ...(r.sample.length ? r.sample.map((o) => el("li", { text: "「" + o.text + "」 " + o.id })) : [el("li", { class: "empty", text: "ありません" })]))].filter(Boolean));
      status(r.saved ? "コードブックに保存しました（以前の内容は " + r.backup + "）。次の koe run で反映されます。" : "試しました。よければ「コードブックに保存」を押してください。");
    } catch (e) { status(e.message, true); }
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
      el("ul", {}, ...t.opinions.map((o) => el("li", { text: "「" + o.text + "」" })))))));
  }

  async function untagged() {
    const r = await get("untagged", { limit: 50 });
    document.getElementById("untagged-total").textContent = "未分類 " + r.total + " 件（先頭 " + r.opinions.length + " 件を表示）";
    document.getElementById("untagged").replaceChildren(...r.opinions.map((o) => el("li", { text: "「" + o.text + "」 " + o.id })));
  }

  document.addEventListener("DOMContentLoaded", init);
})();
