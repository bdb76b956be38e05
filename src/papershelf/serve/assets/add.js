// Adding a paper: by arXiv id or url, DOI, PDF, BibTeX or by hand, through the importers of
// `papershelf add`.  A paper the library seems to hold already is shown, not added; adding it
// anyway takes a second click.
(function () {
  "use strict";
  const { api, el, show } = window.papershelf;
  const $ = (id) => document.getElementById(id);
  let form = null;

  function from() { return document.querySelector("input[name=from]:checked").value; }

  function switchFrom() {
    for (const part of document.querySelectorAll("[data-from]")) part.hidden = part.dataset.from !== from();
  }

  function options() {
    const chosen = [...$("keywords").querySelectorAll("input:checked")].map((c) => c.value);
    const found = { keywords: chosen };
    if ($("venue").value.trim()) found.venue = $("venue").value.trim();
    if ($("year").value) found.year = Number($("year").value);
    return found;
  }

  async function submit(force) {
    $("duplicates").hidden = true;
    const kind = from(), asked = { ...options(), force: Boolean(force) };
    let answer;
    if (kind === "pdf") {
      const file = $("pdf").files[0];
      if (!file) return show($("messages"), "error", "Choose a PDF first.");
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(asked)) {
        for (const v of Array.isArray(value) ? value : [value]) if (v !== false) query.append(name, String(v));
      }
      show($("messages"), "ok", "Reading the PDF…");
      answer = await api("POST", "/api/papers?" + query, { body: file, contentType: "application/pdf" });
    } else {
      if (kind === "source") asked.source = $("source").value.trim();
      if (kind === "bibtex") asked.bibtex = $("bibtex").value;
      if (kind === "hand") {
        asked.title = $("title").value.trim();
        asked.url = $("url").value.trim() || undefined;
        asked.code = $("code").value.trim() || undefined;
        asked.authors = $("authors").value.split("\n").map((a) => a.trim()).filter(Boolean);
      }
      show($("messages"), "ok", kind === "source" ? "Looking it up…" : "Adding…");
      answer = await api("POST", "/api/papers", { json: asked });
    }
    const data = answer.data || {};
    if (answer.status === 409 && data.duplicates && data.duplicates.length) return duplicates(data.duplicates);
    if (!answer.ok) return show($("messages"), "error", "Not added: " + (data.error || (data.skipped || []).join("; ") || "HTTP " + answer.status));
    const box = show($("messages"), data.warnings.length ? "warning" : "ok", `Added ${data.added.length} paper(s).`,
      data.warnings.map((w) => ({ field: "warning", message: w })));
    box.append(el("ul", { class: "added" }, ...data.added.map((p) =>
      el("li", { "data-paper-id": p.id }, el("a", { href: "/edit?id=" + encodeURIComponent(p.id), text: p.title || p.id }), " ", el("code", { text: p.file })))));
    if (data.duplicates.length) duplicates(data.duplicates);
  }

  function duplicates(found) {
    $("duplicate-list").replaceChildren(...found.map((d) => el("li", {},
      `${d.title || "This paper"}: looks like `, el("a", { href: "/edit?id=" + encodeURIComponent(d.existing.id), text: d.existing.title || d.existing.id }),
      ` (${d.existing.file}, ${d.reason})`)));
    $("duplicates").hidden = false;
    show($("messages"), "warning", "Nothing was added: the library seems to hold it already.");
  }

  async function start() {
    for (const radio of document.querySelectorAll("input[name=from]")) radio.addEventListener("change", switchFrom);
    $("add").addEventListener("submit", (e) => { e.preventDefault(); submit(false); });
    $("add-anyway").addEventListener("click", () => submit(true));
    const answer = await api("GET", "/api/form");
    if (!answer.ok) return show($("messages"), "error", answer.data.error);
    form = answer.data;
    $("venues").replaceChildren(...(form.values.venue || []).map((v) => el("option", { value: v })));
    $("keywords").replaceChildren(...form.keywords.map((k) => el("label", { class: "keyword" },
      el("input", { type: "checkbox", value: k.name }), " " + k.label)));
  }

  start();
})();
