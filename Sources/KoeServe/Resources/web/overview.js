// overview.js — the overview page: its sections (headline, priority ranking, heat maps with ▲▼) are drawn by the
// server with KoeReport, as in report.html; the script only fills the run's title into the shared header.
"use strict";
(() => {
  async function init() {
    try {
      const meta = await koe.get("meta");
      document.getElementById("run-title").textContent = meta.title || "";
    } catch (e) { koe.status(e.message, true); }
  }
  document.addEventListener("DOMContentLoaded", init);
})();
