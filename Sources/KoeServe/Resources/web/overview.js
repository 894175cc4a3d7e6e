// overview.js — the overview page: headline counts, the priority ranking and an area × segment heat map with
// ▲▼ residual markers, live from the workspace (the numbers of summary.csv and crosstab.csv).
"use strict";
(() => {
  const { el, status, get } = koe;
  const percent = (x) => (x === null || x === undefined ? "—" : (x * 100).toFixed(1) + "%");

  async function load(segment) {
    let o;
    try { o = await get("overview", { segment }); } catch (e) { status(e.message, true); return; }
    document.getElementById("run-title").textContent = o.title || "";
    document.getElementById("headline").textContent = "意見 " + o.opinions + " 件（分類済み " + o.tagged + " 件・"
      + (o.opinions ? (o.tagged / o.opinions * 100).toFixed(1) : "0") + "%）、アンケート回答者 " + o.respondents + " 人";
    // Ranks are per level (strategies apart from projects): rank the projects, or the top level when there are none.
    const level = o.ranking.some((r) => r.level === 2) ? 2 : 1;
    const ranked = o.ranking.filter((r) => r.level === level).sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
    const max = Math.max(0.0001, ...ranked.map((r) => r.share || 0));
    document.getElementById("ranking").replaceChildren(el("table", {},
      el("thead", {}, el("tr", {}, ...["順位", "分野", "割合", "", "意見数", "重要度", "満足度", "改善度指数"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...ranked.map((r) => {
        const bar = el("span", { class: "bar", "aria-hidden": "true" });
        bar.style.width = Math.round((r.share || 0) / max * 160) + "px";
        return el("tr", {},
          el("td", { class: "num", text: r.rank ?? "—" }), el("td", { text: r.area + " " + r.name }),
          el("td", { class: "num", text: percent(r.share) }), el("td", {}, bar), el("td", { class: "num", text: r.opinions }),
          el("td", { class: "num", text: r.importance === null ? "—" : r.importance.toFixed(2) }),
          el("td", { class: "num", text: r.satisfaction === null ? "—" : r.satisfaction.toFixed(2) }),
          el("td", { class: "num", text: r.improvement_index === null ? "—" : r.improvement_index.toFixed(1) }));
      }))));
    const values = [...new Set(o.heat.map((c) => c.value))];
    const areas = o.ranking.filter((r) => r.level <= 2);
    const cell = new Map(o.heat.map((c) => [c.area + "\u0000" + c.value, c]));
    const top = Math.max(0.0001, ...o.heat.map((c) => c.share || 0));
    document.getElementById("heat").replaceChildren(el("table", {},
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "分野" }), ...values.map((v) => el("th", { scope: "col", text: v })))),
      el("tbody", {}, ...areas.map((a) => el("tr", {}, el("th", { scope: "row", text: a.area + " " + a.name }),
        ...values.map((v) => {
          const c = cell.get(a.area + "\u0000" + v);
          if (!c) return el("td", { class: "heat", text: "—" });
          const r = c.adjusted_residual;
          const mark = r === null ? "" : r >= 1.96 ? " ▲" : r <= -1.96 ? " ▼" : "";
          const td = el("td", { class: "heat", text: percent(c.share) + mark, title: "調整済み残差 " + (r === null ? "—" : r.toFixed(2)) });
          const strength = (c.share || 0) / top;
          td.style.backgroundColor = "rgba(11, 92, 173, " + (strength * 0.45).toFixed(3) + ")";
          return td;
        }))))));
    status("");
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("heat-form").addEventListener("submit", (e) => { e.preventDefault(); load(document.getElementById("segment").value); });
    load("age");
  });
})();
