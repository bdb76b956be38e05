// What every page of papershelf serve shares: calls to its API (the cookie the page was opened
// with, and the CSRF value of this page for a call that changes something), elements, messages,
// and the poll that notices changes made on disk by others.
window.papershelf = (function () {
  "use strict";
  const csrf = document.querySelector('meta[name="papershelf-csrf"]').content;

  async function api(method, path, options) {
    const { json, body, headers, ifMatch, contentType } = options || {};
    const sent = { "X-Papershelf-CSRF": csrf, ...(headers || {}) };
    let payload = body;
    if (json !== undefined) { sent["Content-Type"] = "application/json"; payload = JSON.stringify(json); }
    if (contentType) sent["Content-Type"] = contentType;
    if (ifMatch) sent["If-Match"] = ifMatch;
    let response;
    try {
      response = await fetch(path, { method, headers: sent, body: payload, credentials: "same-origin" });
    } catch (error) {
      return { status: 0, ok: false, data: { error: "papershelf serve does not answer: is it still running?" } };
    }
    let data = null;
    try { data = await response.json(); } catch (error) { data = { error: `HTTP ${response.status}` }; }
    return { status: response.status, ok: response.ok, data, etag: response.headers.get("ETag") };
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "text") node.textContent = v; else node.setAttribute(k, v === true ? "" : v);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  // A message in ``box``: kind is "ok", "warning" or "error"; findings are check's, located.
  function show(box, kind, text, findings) {
    const item = el("div", { class: "message " + kind }, el("p", { text }));
    if (findings && findings.length) {
      item.append(el("ul", {}, ...findings.map((f) => el("li", { "data-rule": f.rule || f.field || "",
        text: f.field !== undefined ? `${f.field}: ${f.message}` :
          `line ${f.line}: ${f.severity} [${f.rule}] ${f.message}` + (f.fix ? ` (fix: ${f.fix})` : "") }))));
    }
    box.replaceChildren(item);
    return item;
  }

  // Calls ``changed`` whenever the library changed on disk (by anyone) since the last look.
  function watch(changed, every) {
    let seen = null;
    async function look() {
      const answer = await api("GET", "/api/changes");
      if (answer.ok) {
        if (seen !== null && answer.data.version !== seen) changed(answer.data.version);
        seen = answer.data.version;
      }
      setTimeout(look, every || 1500);
    }
    look();
  }

  function live(text) { document.getElementById("live").textContent = text; }

  return { api, el, show, watch, live };
})();
