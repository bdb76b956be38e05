// The editor of one paper: a form made from the API's field list (/api/form), the file as text,
// the note with a preview, the cover.  A save sends only what changed, with the ETag of the
// version it changes; a 409 shows both versions to merge, a 422 shows the findings.
(function () {
  "use strict";
  const { api, el, show, watch, live } = window.papershelf;
  const $ = (id) => document.getElementById(id);
  const paperId = new URLSearchParams(location.search).get("id") || "";
  let form = null;      // /api/form: fields, values to complete from, keywords, aliases
  let loaded = null;    // the paper as last read from the server (its fields, text, note, etag)

  // -- the form ----------------------------------------------------------------------------

  function datalist(name) {
    const values = (form.values[name] || []);
    if (!values.length) return null;
    return el("datalist", { id: "values-" + name }, ...values.map((v) => el("option", { value: v })));
  }

  function aliasHint(input) {
    const hint = el("span", { class: "hint" });
    const update = () => {
      const canonical = form.aliases[input.value.trim()];
      hint.textContent = canonical ? `${input.value.trim()} is an alias of ${canonical}: views show ${canonical}` : "";
    };
    input.addEventListener("input", update);
    update();
    return hint;
  }

  function textField(field, value) {
    const input = el("input", { id: "field-" + field.name, name: field.name, "data-field": field.name,
      list: form.values[field.name] ? "values-" + field.name : null });
    input.value = value === null || value === undefined ? "" : value;
    input.dataset.absent = String(value === null || value === undefined);
    return [input, datalist(field.name), aliasHint(input)];
  }

  function numberField(field, value) {
    if (field.name === "rating") {
      const select = el("select", { id: "field-rating", name: "rating", "data-field": "rating" },
        el("option", { value: "", text: "none" }), ...[1, 2, 3, 4, 5].map((n) => el("option", { value: String(n), text: "★".repeat(n) + ` (${n})` })));
      select.value = value ? String(value) : "";
      return [select];
    }
    const input = el("input", { id: "field-" + field.name, name: field.name, "data-field": field.name,
      type: "number", step: "1", min: field.name === "year" ? "1" : "0" });
    input.value = value === null || value === undefined ? "" : String(value);
    return [input];
  }

  function listRow(field, value) {
    const input = el("input", { "aria-label": field.label, list: form.values[field.name] ? "values-" + field.name : null });
    input.value = value;
    const row = el("li", { class: "list-row" }, input,
      el("button", { type: "button", "data-move": "up", title: "Move up", "aria-label": "Move up", text: "↑" }),
      el("button", { type: "button", "data-move": "down", title: "Move down", "aria-label": "Move down", text: "↓" }),
      el("button", { type: "button", "data-move": "remove", title: "Remove", "aria-label": "Remove", text: "×" }),
      aliasHint(input));
    return row;
  }

  function listField(field, values) {
    const list = el("ol", { class: "list-field", id: "field-" + field.name, "data-field": field.name, "data-kind": "list" },
      ...(values || []).map((v) => listRow(field, v)));
    const more = el("button", { type: "button", class: "list-add", "data-add": field.name, text: "+ add" });
    list.addEventListener("click", (e) => {
      const button = e.target.closest("[data-move]");
      if (!button) return;
      const row = button.closest("li");
      if (button.dataset.move === "remove") row.remove();
      if (button.dataset.move === "up" && row.previousElementSibling) row.previousElementSibling.before(row);
      if (button.dataset.move === "down" && row.nextElementSibling) row.nextElementSibling.after(row);
      dirty();
    });
    more.addEventListener("click", () => { const row = listRow(field, ""); list.append(row); row.querySelector("input").focus(); });
    return [list, more, datalist(field.name)];
  }

  function keywordsField(field, chosen) {
    const box = el("div", { class: "keywords", id: "field-keywords", "data-field": "keywords", "data-kind": "keywords",
      role: "group", "aria-label": field.label });
    const names = new Set(form.keywords.map((k) => k.name));
    const all = [...form.keywords, ...chosen.filter((k) => !names.has(k)).map((k) => ({ name: k, label: k, papers: 0 }))];
    for (const word of all) {
      const check = el("input", { type: "checkbox", value: word.name, checked: chosen.includes(word.name) });
      box.append(el("label", { class: "keyword", title: `${word.name}: ${word.papers} papers` }, check, " " + word.label));
    }
    const extra = [box];
    if (form.open_vocabulary) {
      const input = el("input", { id: "new-keyword", placeholder: "a new keyword name", "aria-label": "A new keyword" });
      const add = el("button", { type: "button", text: "+ keyword" });
      add.addEventListener("click", () => {
        const name = input.value.trim();
        if (!name) return;
        box.append(el("label", { class: "keyword" }, el("input", { type: "checkbox", value: name, checked: true }), " " + name));
        input.value = "";
        dirty();
      });
      extra.push(el("div", { class: "new-keyword" }, input, add));
    }
    return extra;
  }

  function buildForm() {
    const box = $("fields");
    box.replaceChildren();
    for (const field of form.fields) {
      const value = loaded[field.name];
      const parts = field.kind === "text" ? textField(field, value)
        : field.kind === "number" ? numberField(field, value)
        : field.kind === "keywords" ? keywordsField(field, value || [])
        : listField(field, value);
      const label = el("label", { for: "field-" + field.name, text: field.label });
      box.append(label, el("div", { class: "field", "data-for": field.name }, ...parts,
        el("small", { class: "help", text: field.help }), el("span", { class: "problem", "data-problem": field.name })));
    }
  }

  // The value of each field as the form holds it (the JSON the API takes).
  function formValues() {
    const values = {};
    for (const field of form.fields) {
      const node = $("field-" + field.name);
      if (field.kind === "keywords") {
        values.keywords = [...node.querySelectorAll("input[type=checkbox]")].filter((c) => c.checked).map((c) => c.value);
      } else if (field.kind === "list") {
        values[field.name] = [...node.querySelectorAll("input")].map((i) => i.value.trim()).filter(Boolean);
      } else if (field.kind === "number") {
        values[field.name] = node.value === "" ? null : Number(node.value);
      } else {
        const text = node.value;
        // An absent field stays absent until something is written in it ("" and absent differ).
        values[field.name] = text === "" && node.dataset.absent === "true" ? null : text;
      }
    }
    return values;
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function fieldChanges() {
    const now = formValues(), change = {};
    for (const [name, value] of Object.entries(now)) if (!same(value, loaded[name])) change[name] = value;
    return change;
  }

  function isDirty() {
    return Object.keys(fieldChanges()).length > 0 || $("raw").value !== loaded.text || $("note").value !== loaded.note.text;
  }

  function dirty() {
    $("save").disabled = !isDirty();
  }

  // -- loading and saving ------------------------------------------------------------------

  function fill(paper) {
    loaded = paper;
    $("heading").textContent = paper.title || paper.id;
    document.title = `Edit ${paper.abbr || paper.id} · papershelf serve`;
    $("file").textContent = paper.file;
    $("etag").textContent = "version " + paper.etag.replace(/"/g, "").slice(0, 8);
    $("raw").value = paper.text;
    $("note").value = paper.note.text;
    $("note-path").textContent = paper.note.path + (paper.note.exists ? "" : " (written on the first save)");
    if (paper.error) {
      show($("messages"), "error", "The file does not parse; correct it under Text.", [paper.error]);
      select("text");
      $("fields").replaceChildren(el("p", { text: "The fields show once the file parses." }));
    } else {
      buildForm();
    }
    showCover();
    preview();
    dirty();
  }

  function showCover() {
    const image = $("cover-image"), url = loaded.cover_url;
    const src = loaded.cover_file ? "/api/files/" + loaded.cover_file : /^https:\/\//.test(url || "") ? url : null;
    image.hidden = !src;
    if (src) image.src = src;
  }

  async function load() {
    const [formAnswer, paperAnswer] = await Promise.all([api("GET", "/api/form"), api("GET", `/api/papers/${encodeURIComponent(paperId)}`)]);
    if (!formAnswer.ok) return show($("messages"), "error", formAnswer.data.error);
    if (!paperAnswer.ok) {
      $("heading").textContent = "No such paper";
      return show($("messages"), "error", paperAnswer.data.error);
    }
    form = formAnswer.data;
    fill(paperAnswer.data);
  }

  function reportSaved(data, what) {
    const saved = data.saved;
    const parts = [`Saved ${what}.`];
    if (saved.views.length) parts.push(`Views rebuilt: ${saved.views.join(", ")}.`);
    if (saved.views_problem) parts.push(`Views: ${saved.views_problem}.`);
    if (saved.commit) parts.push(`Committed ${saved.commit.slice(0, 8)}.`);
    if (saved.commit_problem) parts.push(`Not committed: ${saved.commit_problem}.`);
    show($("messages"), saved.warnings.length ? "warning" : "ok", parts.join(" "), saved.warnings);
    live("saved");
  }

  function reportRefused(answer) {
    document.querySelectorAll("[data-problem]").forEach((n) => { n.textContent = ""; });
    document.querySelectorAll("[aria-invalid]").forEach((n) => n.removeAttribute("aria-invalid"));
    const data = answer.data || {};
    for (const problem of data.problems || []) {
      const spot = document.querySelector(`[data-problem="${CSS.escape(problem.field)}"]`);
      if (spot) spot.textContent = problem.message;
      const input = $("field-" + problem.field);
      if (input) input.setAttribute("aria-invalid", "true");
    }
    const findings = [...(data.problems || []), ...(data.findings || [])];
    show($("messages"), "error", `Not saved: ${data.error || "HTTP " + answer.status}`, findings);
  }

  async function save() {
    const change = fieldChanges();
    const textChanged = $("raw").value !== loaded.text;
    const noteChanged = $("note").value !== loaded.note.text;
    if (Object.keys(change).length && textChanged) {
      return show($("messages"), "error", "Both the fields and the text were changed: save one, then the other (Revert undoes both).");
    }
    const path = `/api/papers/${encodeURIComponent(paperId)}`;
    let mine = null;
    if (Object.keys(change).length || textChanged) {
      const answer = textChanged
        ? await api("PUT", path + "/text", { body: $("raw").value, contentType: "text/plain; charset=utf-8", ifMatch: loaded.etag })
        : await api("PUT", path, { json: change, ifMatch: loaded.etag });
      if (answer.status === 409) return conflict(answer.data.current, change, textChanged ? $("raw").value : null);
      if (!answer.ok) return reportRefused(answer);
      mine = answer.data;
    }
    if (noteChanged) {
      const note = $("note").value;
      const answer = await api("PUT", path + "/note", { body: note, contentType: "text/plain; charset=utf-8", ifMatch: loaded.note.etag });
      if (answer.status === 409) {
        show($("messages"), "error", "The note changed on disk since you opened it; your text is kept here. Copy it, then Revert to see the file's.");
        return;
      }
      if (!answer.ok) return reportRefused(answer);
      mine = answer.data;
    }
    if (mine) { fill(mine); reportSaved(mine, Object.keys(change).length ? Object.keys(change).join(", ") : textChanged ? "the text" : "the note"); }
  }

  // -- a conflict: both versions side by side, chosen field by field -------------------------

  let merging = null;

  function conflict(current, change, text) {
    merging = { current, change, text };
    $("merge").hidden = false;
    $("merge-mine").textContent = text !== null ? text : JSON.stringify(change, null, 2);
    $("merge-theirs").textContent = current.text;
    const rows = $("merge-rows");
    rows.replaceChildren();
    if (text === null) {
      for (const [name, value] of Object.entries(change)) {
        const theirs = current[name];
        const pick = (which, shown) => el("td", {}, el("label", {},
          el("input", { type: "radio", name: "merge-" + name, value: which, checked: which === "mine" }), " " + shown));
        rows.append(el("tr", { "data-merge-field": name }, el("th", { text: name }),
          pick("mine", JSON.stringify(value)), pick("theirs", JSON.stringify(theirs === undefined ? null : theirs))));
      }
    }
    show($("messages"), "error", "Not saved: the file changed on disk since you opened it. Both versions are below.");
    $("merge").scrollIntoView({ block: "start" });
  }

  async function mergeSave() {
    const { current, change, text } = merging;
    const path = `/api/papers/${encodeURIComponent(paperId)}`;
    let answer;
    if (text !== null) {
      answer = await api("PUT", path + "/text", { body: text, contentType: "text/plain; charset=utf-8", ifMatch: current.etag });
    } else {
      const chosen = {};
      for (const name of Object.keys(change)) {
        const pick = document.querySelector(`input[name="merge-${CSS.escape(name)}"]:checked`);
        if (pick && pick.value === "mine") chosen[name] = change[name];
      }
      answer = await api("PUT", path, { json: chosen, ifMatch: current.etag });
    }
    if (answer.status === 409) return conflict(answer.data.current, change, text);
    if (!answer.ok) return reportRefused(answer);
    $("merge").hidden = true;
    merging = null;
    fill(answer.data);
    reportSaved(answer.data, "after the merge");
  }

  async function reload(message) {
    const answer = await api("GET", `/api/papers/${encodeURIComponent(paperId)}`);
    if (answer.ok) fill(answer.data);
    if (message) show($("messages"), "ok", message);
  }

  // -- note, cover, delete, tabs -------------------------------------------------------------

  let previewTimer = null;
  function preview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      const answer = await api("POST", "/api/preview", { json: { text: $("note").value, id: paperId } });
      if (answer.ok) $("preview").innerHTML = answer.data.html; // made safe by the server (site/notes.py)
    }, 150);
  }

  async function uploadCover() {
    const file = $("cover-file").files[0];
    if (!file) return show($("messages"), "error", "Choose an image first.");
    const answer = await api("PUT", `/api/papers/${encodeURIComponent(paperId)}/cover`,
      { body: file, contentType: file.type || "application/octet-stream", ifMatch: loaded.etag });
    if (answer.status === 409) return show($("messages"), "error", "The file changed on disk: Revert, then upload again.");
    if (!answer.ok) return reportRefused(answer);
    fill(answer.data);
    reportSaved(answer.data, "the cover");
  }

  async function remove() {
    if (!confirm(`Delete ${loaded.file}? Its note folder stays.`)) return;
    const answer = await api("DELETE", `/api/papers/${encodeURIComponent(paperId)}`, { ifMatch: loaded.etag });
    if (answer.status === 409) return show($("messages"), "error", "The file changed on disk since you opened it: nothing was deleted.");
    if (!answer.ok) return reportRefused(answer);
    location.href = "/";
  }

  function select(name) {
    for (const button of document.querySelectorAll("[data-tab]")) button.setAttribute("aria-selected", String(button.dataset.tab === name));
    for (const panel of document.querySelectorAll(".tab")) panel.hidden = panel.id !== "tab-" + name;
  }

  function wire() {
    document.querySelector(".tabs").addEventListener("click", (e) => { const b = e.target.closest("[data-tab]"); if (b) select(b.dataset.tab); });
    $("fields").addEventListener("input", dirty);
    $("fields").addEventListener("change", dirty);
    $("raw").addEventListener("input", dirty);
    $("note").addEventListener("input", () => { dirty(); preview(); });
    $("save").addEventListener("click", save);
    $("revert").addEventListener("click", () => reload("Reverted to the file on disk."));
    $("delete").addEventListener("click", remove);
    $("cover-upload").addEventListener("click", uploadCover);
    $("merge-save").addEventListener("click", mergeSave);
    $("merge-theirs-only").addEventListener("click", () => { $("merge").hidden = true; merging = null; reload("Loaded the file on disk; your changes were dropped."); });
    document.addEventListener("keydown", (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); save(); }
    });
    window.addEventListener("beforeunload", (e) => { if (loaded && isDirty()) e.preventDefault(); });
    watch(async () => {
      const answer = await api("GET", `/api/papers/${encodeURIComponent(paperId)}`);
      if (!answer.ok || !loaded || answer.data.etag === loaded.etag && answer.data.note.etag === loaded.note.etag) return;
      if (isDirty()) {
        const banner = $("banner");
        banner.hidden = false;
        banner.textContent = "This paper changed on disk. Saving will show both versions to merge.";
      } else {
        fill(answer.data);
        live("reloaded: the file changed on disk");
      }
    });
  }

  wire();
  load();
})();
