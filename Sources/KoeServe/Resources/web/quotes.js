// quotes.js — the quote desk: search with the filters of `koe quotes`, KWIC of the searched words, ranked
// quotes with attribution, type, near-duplicate group and review reasons; the whole opinion with provenance;
// choose for an area (a flagged quote needs a person's confirmation), reject, mask more, export the chosen.
"use strict";
(() => {
  const { el, status, get, post, link } = koe;
  let meta = { areas: [] };
  let current = null;

  const areaName = (code) => (meta.areas.find((a) => a.code === code) || {}).name || "";
  const clean = (...nodes) => nodes.filter((n) => n !== null && n !== undefined && n !== false);
  const filters = () => Object.fromEntries(new FormData(document.getElementById("filters")).entries());

  async function init() {
    try {
      meta = await get("meta");
    } catch (e) { status(e.message, true); return; }
    document.getElementById("run-title").textContent = meta.title || "";
    koe.areaOptions(document.getElementById("area"), meta.areas, "すべての分野");
    koe.options(document.getElementById("age"), meta.ages, "すべて");
    koe.options(document.getElementById("gender"), meta.genders, "すべて");
    koe.options(document.getElementById("district"), meta.districts, "すべて");
    koe.options(document.getElementById("type"), meta.types, "すべて");
    document.getElementById("export").href = link("/api/chosen", { format: "md" });
    document.getElementById("filters").addEventListener("submit", (event) => { event.preventDefault(); search(); });
    document.addEventListener("keydown", (event) => {
      if (event.key === "/" && !["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName)) {
        event.preventDefault();
        document.getElementById("search").focus();
      }
    });
    await Promise.all([search(), loadChosen()]);
  }

  async function search() {
    const params = filters();
    status("検索しています…");
    try {
      const found = await get("quotes", params);
      renderResults(found.quotes, params.area);
      status(found.quotes.length + " 件の意見を表示しています" + (meta.read_only ? "（読み取り専用）" : ""));
      await renderKWIC(params);
    } catch (e) {
      document.getElementById("results").replaceChildren();
      document.getElementById("kwic-area").hidden = true;
      status(e.message, true);
    }
  }

  async function renderKWIC(params) {
    const box = document.getElementById("kwic-area");
    if (!params.search) { box.hidden = true; return; }
    const found = await get("kwic", { ...params, limit: 30 });
    document.getElementById("kwic").replaceChildren(...found.lines.map((line) => el("tr", {},
      el("td", { class: "left", text: line.left }), el("td", { class: "word", text: line.word }),
      el("td", { class: "right", text: line.right }), el("td", { text: line.attribution }))));
    box.hidden = found.lines.length === 0;
  }

  function choiceLabel(choice) { return choice === "use" ? "採用" : choice === "reject" ? "不採用" : ""; }

  function areaSelect(quote, preferred, label) {
    const codes = [...new Set([preferred, ...quote.areas].filter(Boolean))];
    const select = el("select", { "aria-label": label });
    for (const code of codes) select.append(el("option", { value: code, text: code + " " + areaName(code) }));
    return select;
  }

  function renderResults(quotes, area) {
    const list = document.getElementById("results");
    list.replaceChildren(...quotes.map((q) => {
      const item = el("li", { class: q.choice === "use" ? "chosen" : q.choice === "reject" ? "rejected" : null, "data-id": q.id });
      const select = areaSelect(q, area, "採用する分野（" + q.id + "）");
      const flagged = q.review.length > 0;
      item.append(...clean(
        el("blockquote", { text: "「" + q.text + "」" }),
        el("div", { class: "meta" },
          el("span", { text: q.attribution }),
          q.type ? el("span", { class: "badge", text: q.type }) : null,
          q.group_size > 1 ? el("span", { class: "badge", text: "同様の意見 " + q.group_size + "件" }) : null,
          el("span", { text: "分野 " + q.areas.join("・") }),
          el("span", { text: "出典 " + q.id }),
          q.choice ? el("strong", { text: choiceLabel(q.choice) + (area ? "" : "（" + (q.choices[0] || {}).area + "）") }) : null,
          q.changed ? el("span", { class: "changed", text: "本文が変わりました（再確認してください）" }) : null),
        flagged ? el("p", { class: "review", text: "要確認: " + q.review.join("・") + "（全文を読んでから採用してください）" }) : null,
        el("div", { class: "actions" },
          select,
          el("button", { type: "button", class: "use", disabled: meta.read_only || flagged,
            title: flagged ? "全文を確認してから採用できます" : null,
            onclick: () => choose(q.id, select.value, "use", false), text: "採用" }),
          el("button", { type: "button", class: "reject", disabled: meta.read_only,
            onclick: () => choose(q.id, select.value, "reject", false), text: "不採用" }),
          el("button", { type: "button", class: "secondary", onclick: () => openDetail(q.id, area), text: "全文と出典" }))));
      return item;
    }));
    if (quotes.length === 0) list.append(el("li", { class: "empty", text: "条件に合う意見はありませんでした" }));
  }

  async function choose(id, area, choice, confirmed) {
    if (!area) { status("採用する分野を選んでください", true); return; }
    try {
      await post("choices", { id, area, choice, confirmed });
      await Promise.all([search(), loadChosen()]);
      if (current === id) await openDetail(id, area, true);
      status(id + " を分野 " + area + " で「" + (choiceLabel(choice) || "取り消し") + "」にしました");
    } catch (e) { status(e.message, true); }
  }

  async function mask(id, span, remove) {
    try {
      await post("masks", { id, span, remove });
      await Promise.all([search(), loadChosen(), openDetail(id, document.getElementById("area").value, true)]);
      status(remove ? "伏せ字を戻しました" : "「" + span + "」を伏せ字にしました");
    } catch (e) { status(e.message, true); }
  }

  async function openDetail(id, area, keepFocus) {
    let o;
    try { o = await get("opinion", { id }); } catch (e) { status(e.message, true); return; }
    current = id;
    const box = document.getElementById("detail");
    const whole = el("p", { class: "whole", id: "whole-text", text: o.whole });
    const select = areaSelect(o, area, "採用する分野");
    const flagged = o.review.length > 0;
    const confirm = flagged ? el("input", { type: "checkbox", id: "confirm-review" }) : null;
    const spanInput = el("input", { type: "text", id: "mask-span", placeholder: "伏せる語句（本文から選択も可）" });
    const useButton = el("button", { type: "button", class: "use", id: "detail-use", disabled: meta.read_only || flagged,
      onclick: () => choose(id, select.value, "use", flagged && confirm.checked), text: "この分野に採用" });
    if (confirm) confirm.addEventListener("change", () => { useButton.disabled = meta.read_only || !confirm.checked; });
    box.replaceChildren(...clean(
      whole,
      flagged ? el("p", { class: "review", text: "要確認: " + o.review.join("・") }) : null,
      o.changed ? el("p", { class: "changed", text: "前回選んだときから本文が変わりました。読み直してから選び直してください。" }) : null,
      el("dl", { class: "provenance" },
        el("dt", { text: "属性" }), el("dd", { text: o.attribution }),
        el("dt", { text: "出典" }), el("dd", { text: o.source + (o.row ? " " + o.row + "行目" : "") }),
        el("dt", { text: "列" }), el("dd", { text: o.column || "—" }),
        el("dt", { text: "意見 ID" }), el("dd", { text: o.id }),
        el("dt", { text: "種類・時間軸" }), el("dd", { text: (o.type || "—") + "・" + ({ short: "短期集中", long: "長期継続" }[o.horizon] || "—") }),
        el("dt", { text: "分野" }), el("dd", { text: o.areas.map((c) => c + " " + areaName(c)).join("、") || "未分類" }),
        el("dt", { text: "根拠の語" }), el("dd", { text: o.evidence.map((e) => e.area + ": " + e.surface).join("、") || "—" }),
        el("dt", { text: "選択" }), el("dd", { text: o.choices.map((c) => c.area + " " + choiceLabel(c.choice) + (c.changed ? "（本文変更）" : "")).join("、") || "なし" })),
      el("h3", { text: "選ぶ" }),
      confirm ? el("p", {}, el("label", {}, confirm, " 全文を読み、掲載してよいことを確認しました")) : null,
      el("div", { class: "actions" }, select, useButton,
        el("button", { type: "button", class: "reject", disabled: meta.read_only, onclick: () => choose(id, select.value, "reject", false), text: "不採用" }),
        el("button", { type: "button", class: "secondary", disabled: meta.read_only, onclick: () => choose(id, select.value, "clear", false), text: "選択を取り消す" })),
      el("h3", { text: "さらに伏せる" }),
      el("div", { class: "actions" },
        el("label", { class: "field" }, "伏せる語句 ", spanInput),
        el("button", { type: "button", id: "mask-button", disabled: meta.read_only, text: "伏せ字にする", onclick: () => {
          const selection = String(window.getSelection() || "").trim();
          const span = spanInput.value.trim() || selection;
          if (!span) { status("本文で範囲を選ぶか、伏せる語句を入力してください", true); return; }
          mask(id, span, false);
        } })),
      o.masks.length ? el("ul", {}, ...o.masks.map((m) => el("li", {}, "「" + m + "」 ",
        el("button", { type: "button", class: "secondary", disabled: meta.read_only, onclick: () => mask(id, m, true), text: "戻す" })))) : null));
    whole.addEventListener("mouseup", () => {
      const selection = String(window.getSelection() || "").trim();
      if (selection) spanInput.value = selection;
    });
    if (!keepFocus) box.focus();
  }

  async function loadChosen() {
    try {
      const found = await get("chosen");
      const list = document.getElementById("chosen");
      list.replaceChildren(...found.chosen.map((c) => el("li", {},
        el("span", { text: c.area + " " + c.area_name + ": 「" + c.text + "」" + c.attribution }),
        c.changed ? el("span", { class: "changed", text: " 本文変更・要確認" }) : null)));
      if (found.chosen.length === 0) list.append(el("li", { class: "empty", text: "まだありません" }));
    } catch (e) { status(e.message, true); }
  }

  document.addEventListener("DOMContentLoaded", init);
})();
