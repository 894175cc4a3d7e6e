// common.js — shared helpers of the koe workbench pages: the token, API calls (the token in the
// X-Koe-Token header), and element building with textContent only (citizens' text is never parsed as HTML).
"use strict";
const koe = (() => {
  const token = new URLSearchParams(location.search).get("token") || "";

  /** Builds an element: attrs (attributes; `text` sets textContent), children (nodes or strings). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** Announces a message in the page's live region. */
  function status(message, isError) {
    const region = document.getElementById("status");
    if (!region) return;
    region.textContent = message;
    region.classList.toggle("error", !!isError);
  }

  async function handle(response) {
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const error = (body && body.error) || {};
      const message = (error.message || "エラーが発生しました") + (error.hint ? "（" + error.hint + "）" : "");
      const failure = new Error(message);
      failure.code = error.code;
      throw failure;
    }
    return body;
  }

  /** GET /api/PATH with query parameters (empty values left out). */
  async function get(path, params) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) if (value) query.set(key, value);
    const response = await fetch("/api/" + path + (query.toString() ? "?" + query : ""), {
      headers: { "X-Koe-Token": token }, credentials: "same-origin", cache: "no-store",
    });
    return handle(response);
  }

  /** POST /api/PATH with a JSON body. */
  async function post(path, body) {
    const response = await fetch("/api/" + path, {
      method: "POST", credentials: "same-origin",
      headers: { "X-Koe-Token": token, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return handle(response);
  }

  /** A link to another page (or download) of the workbench, with the token. */
  function link(path, params) {
    const query = new URLSearchParams(params || {});
    query.set("token", token);
    return path + "?" + query;
  }

  /** Fills the navigation's links with the token and marks the current page. */
  function navigation() {
    for (const a of document.querySelectorAll("nav a[data-path]")) {
      a.href = link(a.dataset.path);
      if (a.dataset.path === location.pathname) a.setAttribute("aria-current", "page");
    }
  }

  /** Options of an area <select>: plan order, indented by level. */
  function areaOptions(select, areas, emptyLabel) {
    select.replaceChildren(el("option", { value: "", text: emptyLabel }));
    for (const a of areas) {
      select.append(el("option", { value: a.code, text: "　".repeat(Math.max(0, a.level - 1)) + a.code + " " + a.name }));
    }
  }

  function options(select, values, emptyLabel) {
    select.replaceChildren(el("option", { value: "", text: emptyLabel }));
    for (const v of values) select.append(el("option", { value: v, text: v }));
  }

  document.addEventListener("DOMContentLoaded", navigation);
  return { token, el, status, get, post, link, areaOptions, options };
})();
