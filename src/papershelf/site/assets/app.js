// The search page of a papershelf site: MiniSearch over the records (data/papers/<n>.json),
// facets counted here.
// State (query, facets, sort, page) lives in the URL, so a link shares it and Back works.
(function () {
  "use strict";
  const PAGE_SIZE = 25;
  const FACETS = [
    ["year", "Year", (r) => (r.year ? [String(r.year)] : [])],
    ["venue", "Venue", (r) => (r.venue ? [r.venue] : [])],
    ["keyword", "Keyword", (r) => r.keywords],
    ["institution", "Institution", (r) => r.institutions],
    ["author", "Author", (r) => r.authors],
    ["code", "Code", (r) => (r.code ? ["has code"] : [])],
    ["rating", "Rating", (r) => (r.rating ? [String(r.rating)] : [])],
  ];
  const SHOWN = 12; // values of a facet shown before "more"
  const FIELDS = ["title", "abbr", "authors", "institutions", "venue", "keywords", "note"];
  const $ = (id) => document.getElementById(id);
  // Where the data lies and where a result links: the site's own files, unless the page says
  // otherwise (papershelf serve's editor reads the same data from its API and links the editor).
  const DATA = document.body.dataset.data || "data/";
  const PAPER_LINK = document.body.dataset.paperLink || "papers/{id}.html";
  // The records and the BibTeX are split into this many files each (site/records.py shard_count).
  const SHARDS = parseInt(document.body.dataset.shards || "1", 10);
  let records = [], index = null, bibtex = null, ready = false, loaded = false, groupPages = {};
  let state = { q: "", sort: "relevance", page: 1, filters: {} };
  const expanded = new Set();

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const [name] of FACETS) {
      const values = params.getAll(name);
      if (values.length) filters[name] = new Set(values);
    }
    return { q: params.get("q") || "", sort: params.get("sort") || "relevance",
             page: Math.max(1, parseInt(params.get("page") || "1", 10) || 1), filters };
  }

  function writeUrl(push) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const [name] of FACETS) for (const v of state.filters[name] || []) params.append(name, v);
    if (state.sort !== "relevance") params.set("sort", state.sort);
    if (state.page > 1) params.set("page", String(state.page));
    const url = location.pathname + (params.toString() ? "?" + params : "");
    if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
  }

  // The query language of `papershelf search`: words (all must match), OR between words,
  // -word or NOT word, "a phrase", prefix*.
  function parse(text) {
    const tokens = text.match(/-?"[^"]*"|\S+/g) || [];
    const typing = tokens.length && !/\s$/.test(text); // the word being typed matches as a prefix
    const must = [], not = [], phrases = [];
    let group = null;
    for (let i = 0; i < tokens.length; i++) {
      let token = tokens[i];
      if (token === "OR") continue;
      if (token === "AND") continue;
      let negated = false;
      if (token === "NOT" && i + 1 < tokens.length) { negated = true; token = tokens[++i]; }
      else if (token.startsWith("-") && token.length > 1) { negated = true; token = token.slice(1); }
      let leaf;
      if (token.startsWith('"')) {
        const phrase = token.replace(/"/g, "").trim();
        if (!phrase) continue;
        leaf = { combineWith: "AND", queries: [phrase] };
        if (!negated) phrases.push(phrase.toLowerCase());
      } else {
        const prefix = token.endsWith("*") || (typing && i === tokens.length - 1 && token.length >= 3);
        const word = token.endsWith("*") ? token.slice(0, -1) : token;
        if (!word) continue;
        leaf = { queries: [word], prefix };
      }
      if (negated) { not.push(leaf); continue; }
      if (tokens[i + 1] === "OR" || (tokens[i - 1] === "OR" && group)) {
        if (!group) { group = { combineWith: "OR", queries: [] }; must.push(group); }
        group.queries.push(leaf);
        if (tokens[i + 1] !== "OR") group = null;
      } else {
        must.push(leaf);
      }
    }
    return { must, not, phrases };
  }

  function haystack(r) {
    return [r.title, r.abbr, r.venue, ...r.authors, ...r.institutions, ...r.keywords, r.note]
      .filter(Boolean).join(" ").toLowerCase();
  }

  function matches() {
    if (!state.q.trim()) return records.map((r) => [r, 0]);
    if (!ready) return null; // the index is still being built: render again when it is
    const { must, not, phrases } = parse(state.q);
    if (!must.length && !not.length) return [];
    const out = not.length ? index.executeQuery({ combineWith: "OR", queries: not }) : new Map();
    if (!must.length) {
      const excluded = new Set(ranked(out).map(([r]) => r));
      return records.filter((r) => !excluded.has(r)).map((r) => [r, 0]);
    }
    keepOnly(must);
    let raw = allOf(must);
    if (out.size) raw = new Map([...raw].filter(([docId]) => !out.has(docId)));
    const found = ranked(raw);
    return phrases.length ? found.filter(([r]) => phrases.every((p) => haystack(r).includes(p))) : found;
  }

  // The papers of ``raw`` (MiniSearch's raw results: internal id -> score and the query terms
  // matched) as [record, score], unordered. MiniSearch's search() is executeQuery with a result
  // object made for every match and all of them sorted; a keystroke shows 25, and at 100,000
  // papers a prefix such as "pru" matches 74,000 (40 ms of 180). The score is search()'s: the raw
  // score times the number of query terms matched. executeQuery, combineResults and _documentIds
  // are those of the pinned version (scripts/vendor_js.py); the browser tests fail if one goes.
  function ranked(raw) {
    const found = [], places = index._documentIds;
    for (const [docId, hit] of raw) found.push([records[places.get(docId)], hit.score * (hit.terms.length || 1)]);
    return found;
  }

  // MiniSearch's raw results of each part of the query shown, searched alone: the words typed
  // first stay the same while the next is typed, and are not searched again. Only the current
  // query's parts are kept: the maps of every prefix typed (74,000 entries for "pru") outlived
  // the young generation and set off the collector's long pauses. MiniSearch's combinators change
  // the first map they are given, so the maps kept here only come after it.
  const searchedAlone = new Map();
  function alone(part) {
    const key = JSON.stringify(part);
    if (!searchedAlone.has(key)) searchedAlone.set(key, index.executeQuery(part));
    return searchedAlone.get(key);
  }
  function keepOnly(must) {
    const current = new Set(must.map((part) => JSON.stringify(part)));
    for (const key of [...searchedAlone.keys()]) if (!current.has(key)) searchedAlone.delete(key);
  }

  // The papers every part of ``must`` matches. Each is among those its most selective part
  // searched alone matches: MiniSearch scores the new parts only there (a boostDocument of 0
  // skips a paper before it is scored, 1 leaves its score as it is), not over the 70,000 papers
  // a prefix such as "pru" matches.
  function allOf(must) {
    if (must.length === 1) return alone(must[0]);
    const isKnown = (part) => searchedAlone.has(JSON.stringify(part));
    const known = must.filter(isKnown).map(alone);
    if (!known.length) known.push(alone(must[0]));
    const fewest = known.reduce((a, b) => (a.size <= b.size ? a : b));
    const places = new Set(Array.from(fewest.keys(), (docId) => index._documentIds.get(docId)));
    const among = { boostDocument: (at) => (places.has(at) ? 1 : 0) };
    const searched = must.filter((part) => !isKnown(part)).map((part) => index.executeQuery(part, among));
    const kept = must.filter(isKnown).map(alone);
    if (!searched.length) searched.push(copied(kept.shift()));  // every part known: the first, copied
    return index.combineResults([...searched, ...kept], "AND");
  }
  function copied(raw) {
    return new Map(Array.from(raw, ([docId, hit]) => [docId, { score: hit.score, terms: [...hit.terms], match: { ...hit.match } }]));
  }

  // Every record's values of all facets as numbers, in one typed array: record ``at``'s values
  // of facet f are facetNumbers[facetEnds[at * STRIDE + f] .. facetEnds[at * STRIDE + f + 1]]
  // (each value once). A keystroke counts the facets of every match, and counting arrays of
  // strings (maps, nested arrays, an array a record) was most of its cost. A number stands for a
  // value of one facet (a venue and a keyword of the same name are two numbers).
  const STRIDE = FACETS.length + 1;
  const valueNumbers = FACETS.map(() => new Map()), valueNames = [], valueFacet = [];
  let facetNumbers = new Int32Array(0), facetEnds = new Int32Array(0);
  function valueNumber(f, value) {
    let n = valueNumbers[f].get(value);
    if (n === undefined) {
      n = valueNames.length;
      valueNumbers[f].set(value, n);
      valueNames.push(value);
      valueFacet.push(f);
    }
    return n;
  }
  function numberFacets(records) {
    const numbers = [], ends = new Int32Array(records.length * STRIDE);
    records.forEach((r, at) => {
      ends[at * STRIDE] = numbers.length;
      FACETS.forEach(([, , values], f) => {
        for (const value of new Set(values(r))) numbers.push(valueNumber(f, value));
        ends[at * STRIDE + f + 1] = numbers.length;
      });
    });
    facetNumbers = Int32Array.from(numbers);
    facetEnds = ends;
  }

  // The selected values as marks by number, and the facets that have any (made at each render).
  let selectedMarks = new Uint8Array(0), filtered = [];
  function markSelected() {
    selectedMarks = new Uint8Array(valueNames.length + 1);
    filtered = [];
    FACETS.forEach(([name], f) => {
      const wanted = state.filters[name];
      if (!wanted || !wanted.size) return;
      filtered.push(f);
      for (const value of wanted) {
        const n = valueNumbers[f].get(value);
        if (n !== undefined) selectedMarks[n] = 1;
      }
    });
  }

  // The facet whose selected values ``r`` has none of (-1: none; -2: more than one).
  function failing(r) {
    const base = r.at * STRIDE;
    let failed = -1;
    for (const f of filtered) {
      let has = false;
      for (let i = facetEnds[base + f]; i < facetEnds[base + f + 1] && !has; i++) has = selectedMarks[facetNumbers[i]] === 1;
      if (!has) {
        if (failed !== -1) return -2;
        failed = f;
      }
    }
    return failed;
  }

  // Ties are put in the order of the papers' ids: the same order whatever file a record came in.
  const tieById = (a, b) => (a[0].id < b[0].id ? -1 : a[0].id > b[0].id ? 1 : 0);
  const SORTS = {
    relevance: (a, b) => b[1] - a[1] || (b[0].year - a[0].year) || tieById(a, b),
    year: (a, b) => b[0].year - a[0].year || a[0].title.localeCompare(b[0].title) || tieById(a, b),
    title: (a, b) => a[0].title.localeCompare(b[0].title) || tieById(a, b),
    rating: (a, b) => (b[0].rating || 0) - (a[0].rating || 0) || b[0].year - a[0].year || tieById(a, b),
    added: (a, b) => (b[0].added || 0) - (a[0].added || 0) || tieById(a, b),
  };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function render() {
    if (!loaded) return; // a click before the records came: drawn once they are here
    const found = matches();
    if (found === null) return;
    markSelected();
    const shown = filtered.length ? found.filter(([r]) => failing(r) === -1) : found;
    const order = !state.q.trim() && state.sort === "relevance" ? SORTS.year : SORTS[state.sort] || SORTS.relevance;
    $("count").textContent = String(shown.length);
    renderFacets(facetCounts(found));
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    if (state.page > pages) state.page = pages;
    const end = state.page * PAGE_SIZE;
    const ordered = end * 8 < shown.length ? leading(shown, end, order) : shown.sort(order);
    renderList(ordered.slice(end - PAGE_SIZE, end).map(([r]) => r), pages);
    current = { shown, order };
  }

  // The first ``k`` of ``items`` in ``order``, without sorting them all (a keystroke shows one page,
  // and a facet its first values).
  function leading(items, k, order) {
    const best = [];
    for (const item of items) {
      if (best.length === k && order(item, best[k - 1]) >= 0) continue;
      let at = best.length;
      while (at > 0 && order(item, best[at - 1]) < 0) at--;
      best.splice(at, 0, item);
      if (best.length > k) best.pop();
    }
    return best;
  }

  // The papers found, in the order shown: what an export writes.
  function currentPapers() {
    return current.shown.sort(current.order).map(([r]) => r);
  }

  function renderList(page, pages) {
    const list = $("results");
    // A result the reader moved to keeps the focus when the list is drawn again (the records
    // arriving after the first page, a facet counted anew).
    const focused = document.activeElement && document.activeElement.closest("#results [data-paper-id]");
    list.replaceChildren(...page.map(result));
    if (focused) {
      const again = [...list.querySelectorAll("[data-paper-id]")].find((item) => item.dataset.paperId === focused.dataset.paperId);
      if (again) again.querySelector(".title").focus();
    }
    list.start = (state.page - 1) * PAGE_SIZE + 1;
    renderPager(pages);
  }

  // The first page of the plain list and the facets of the whole list, made at build time
  // (data/first.json): shown before the records are loaded, when the URL asks for nothing else.
  async function renderFirst() {
    const plain = !state.q.trim() && !Object.keys(state.filters).length && state.page === 1 &&
      (state.sort === "relevance" || state.sort === "year");
    if (!plain) return false;
    const first = await (await fetch(DATA + "first.json")).json();
    const papers = decode({ names: first.names, papers: first.papers });
    $("count").textContent = String(first.total);
    const counts = {};
    for (const [name, values] of Object.entries(first.facets)) counts[name] = new MapCounts(new Map(values));
    renderFacets(counts, first.sizes);
    renderList(papers, Math.max(1, Math.ceil(first.total / PAGE_SIZE)));
    return true;
  }
  let current = { shown: [], order: SORTS.year };

  function result(r) {
    const meta = [r.venue, r.year || ""].filter(Boolean).join(" ");
    const item = el("li", { "data-paper-id": r.id, class: "result" },
      el("a", { href: r.page, class: "title", text: (r.abbr && !r.title.startsWith(r.abbr) ? r.abbr + ": " : "") + r.title }),
      el("div", { class: "meta", text: [meta, r.authors.slice(0, 6).join(", ") + (r.authors.length > 6 ? ", …" : "")].filter(Boolean).join(" · ") }));
    const links = el("div", { class: "links" });
    if (r.url) links.append(el("a", { href: r.url, text: "paper" }));
    if (r.code) links.append(el("a", { href: r.code, text: "code" }));
    for (const k of r.keywords) links.append(el("span", { class: "tag", text: k }));
    item.append(links);
    return item;
  }

  // Each facet's counts under the query and the other facets: value -> papers it would select.
  // One pass: a record that every facet passes counts in all of them; one that fails a single
  // facet counts in that facet only (selecting another of its values would select it).
  // A facet's counts by value number, kept until the next keystroke zeroes what it touched: the
  // counts are read where they are, and only the values drawn become [name, count] pairs (a map
  // of the 60,000 authors of 17,000 matches cost more than counting them).
  let tally = new Int32Array(0), touched = [];
  function facetCounts(found) {
    for (const n of touched) tally[n] = 0;
    if (tally.length < valueNames.length) tally = new Int32Array(valueNames.length + 1024);
    touched = [];
    for (let k = 0; k < found.length; k++) {
      const r = found[k][0], failed = filtered.length ? failing(r) : -1;
      if (failed === -2) continue;
      const base = r.at * STRIDE;
      const from = facetEnds[base + (failed === -1 ? 0 : failed)], to = facetEnds[base + (failed === -1 ? FACETS.length : failed + 1)];
      for (let i = from; i < to; i++) {
        const n = facetNumbers[i];
        if (tally[n]++ === 0) touched.push(n);
      }
    }
    const numbers = FACETS.map(() => []);
    for (const n of touched) numbers[valueFacet[n]].push(n);
    const all = {};
    FACETS.forEach(([name], f) => { all[name] = new TallyCounts(f, numbers[f]); });
    return all;
  }

  class TallyCounts {
    constructor(f, numbers) { this.f = f; this.numbers = numbers; }
    get size() { return this.numbers.length; }
    get(value) { const n = valueNumbers[this.f].get(value); return n === undefined ? 0 : tally[n]; }
    has(value) { return this.get(value) > 0; }
    all() { return this.numbers.map((n) => [valueNames[n], tally[n]]); }
    first(k) {
      const order = (a, b) => tally[b] - tally[a] || valueNames[a].localeCompare(valueNames[b]);
      return leading(this.numbers, k, order).map((n) => [valueNames[n], tally[n]]);
    }
  }

  class MapCounts {  // the counts data/first.json gives
    constructor(map) { this.map = map; }
    get size() { return this.map.size; }
    get(value) { return this.map.get(value) || 0; }
    has(value) { return this.map.has(value); }
    all() { return [...this.map.entries()]; }
    first(k) { return leading(this.map, k, byCount); }
  }

  const byCount = (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]);

  // sizes: how many values a facet has, when only its first ones are known (data/first.json).
  function renderFacets(allCounts, sizes) {
    const box = $("facets");
    const groups = [];
    for (const [name, label] of FACETS) {
      const counts = allCounts[name] || new MapCounts(new Map());
      const selected = state.filters[name] || new Set();
      const none = [...selected].filter((v) => !counts.has(v)).map((v) => [v, 0]).sort(byCount);
      if (!counts.size && !none.length) continue;
      let entries;
      if (name === "year" || name === "rating") {
        entries = [...counts.all(), ...none].sort((a, b) => b[0].localeCompare(a[0], undefined, { numeric: true }));
      } else if (expanded.has(name)) {
        entries = [...counts.all(), ...none].sort(byCount);
      } else {  // only the first SHOWN are drawn (and the selected ones): no need to sort thousands of names
        entries = [...counts.first(SHOWN), ...none].slice(0, SHOWN);
        for (const v of selected) if (!entries.some((e) => e[0] === v)) entries.push([v, counts.get(v)]);
      }
      const most = Math.max(...entries.map((e) => e[1]), 1);
      const limit = expanded.has(name) ? entries.length : SHOWN;
      const list = el("ul", { class: "facet-values" });
      entries.forEach(([value, count], i) => {
        if (i >= limit && !selected.has(value)) return;
        const on = selected.has(value);
        const button = el("button", { type: "button", class: "facet" + (on ? " on" : ""), "data-facet": name,
          "data-value": value, "data-count": String(count), "aria-pressed": String(on) },
          el("span", { class: "value", text: value }), el("span", { class: "count", text: String(count) }));
        if (name === "year") button.style.setProperty("--bar", (100 * count / most).toFixed(1) + "%");
        const item = el("li", {}, button);
        const page = (groupPages[name] || {})[value];
        if (page) item.append(el("a", { href: page, class: "facet-link", title: `The page of ${value}`, text: "↗" }));
        list.append(item);
      });
      const group = el("section", { class: "facet-group" }, el("h2", { text: label }), list);
      const size = (sizes && sizes[name]) || counts.size + none.length;
      if (size > SHOWN) {
        group.append(el("button", { type: "button", class: "more", "data-more": name,
          text: expanded.has(name) ? "fewer" : `all ${size}` }));
      }
      groups.push(group);
    }
    box.replaceChildren(...groups);
  }

  function renderPager(pages) {
    const nav = $("pager");
    nav.replaceChildren();
    if (pages <= 1) return;
    const go = (page, text) => el("button", { type: "button", "data-page": String(page), text,
      ...(page === state.page ? { "aria-current": "page" } : {}) });
    if (state.page > 1) nav.append(go(state.page - 1, "‹ previous"));
    nav.append(el("span", { text: ` page ${state.page} of ${pages} ` }));
    if (state.page < pages) nav.append(go(state.page + 1, "next ›"));
  }

  function toggle(name, value) {
    const set = state.filters[name] || (state.filters[name] = new Set());
    if (set.has(value)) set.delete(value); else set.add(value);
    if (!set.size) delete state.filters[name];
    state.page = 1;
    writeUrl(true);
    render();
  }

  function download(name, type, text) {
    const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
  }

  async function exportAs(kind) {
    const papers = currentPapers();
    if (kind === "markdown") {
      const lines = papers.map((r) => `- [${r.title.replace(/([\[\]\\])/g, "\\$1")}](${r.url || r.page})` +
        (r.venue || r.year ? ` (${[r.venue, r.year || ""].filter(Boolean).join(" ")})` : ""));
      return download("papers.md", "text/markdown", lines.join("\n") + "\n");
    }
    if (kind === "csl") {
      const items = papers.map((r) => ({ id: r.id, type: r.venue === "arXiv" ? "article" : "paper-conference",
        title: r.title, author: r.authors.map((a) => ({ literal: a })), "container-title": r.venue || undefined,
        issued: r.year ? { "date-parts": [[r.year]] } : undefined, URL: r.url || undefined }));
      return download("papers.json", "application/json", JSON.stringify(items, null, 2) + "\n");
    }
    if (!bibtex) bibtex = Object.assign({}, ...(await shards("bibtex")));
    download("papers.bib", "application/x-bibtex", papers.map((r) => bibtex[r.id]).filter(Boolean).join("\n\n") + "\n");
  }

  function wire() {
    const input = $("q");
    input.value = state.q;
    $("sort").value = state.sort;
    input.addEventListener("input", () => { state.q = input.value; state.page = 1; writeUrl(false); render(); });
    $("sort").addEventListener("change", (e) => { state.sort = e.target.value; writeUrl(true); render(); });
    document.addEventListener("click", (e) => {
      const facet = e.target.closest("[data-facet]");
      if (facet) return toggle(facet.dataset.facet, facet.dataset.value);
      const more = e.target.closest("[data-more]");
      if (more) { const n = more.dataset.more; expanded.has(n) ? expanded.delete(n) : expanded.add(n); return render(); }
      const page = e.target.closest("[data-page]");
      if (page) { state.page = parseInt(page.dataset.page, 10); writeUrl(true); render(); return window.scrollTo(0, 0); }
      const exp = e.target.closest("[data-export]");
      if (exp) exportAs(exp.dataset.export);
    });
    document.addEventListener("keydown", (e) => {
      const typing = e.target.matches("input, textarea, select");
      if (e.key === "/" && !typing) { e.preventDefault(); input.focus(); input.select(); return; }
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      const links = [...document.querySelectorAll("#results .title")];
      if (!links.length) return;
      const at = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && (e.target === input || at >= 0)) { e.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus(); }
      if (e.key === "ArrowUp" && at >= 0) { e.preventDefault(); (at === 0 ? input : links[at - 1]).focus(); }
    });
    window.addEventListener("popstate", () => { state = readUrl(); input.value = state.q; $("sort").value = state.sort; render(); });
  }

  // Every file of one kind of data ("papers", "bibtex"), fetched at once, in order.
  function shards(kind) {
    return Promise.all(Array.from({ length: SHARDS }, (_, n) => fetch(`${DATA}${kind}/${n}.json`).then((r) => r.json())));
  }

  // A records file writes each name once ("names") and one-letter keys (site/records.py).
  function decode(data) {
    const names = data.names;
    return data.papers.map((p) => ({
      id: p.i, title: p.t || "", abbr: p.a, page: PAPER_LINK.replace("{id}", encodeURIComponent(p.i)),
      authors: (p.p || []).map((n) => names[n]), institutions: (p.o || []).map((n) => names[n]),
      venue: p.v === undefined ? "" : names[p.v], year: p.y || 0, keywords: (p.k || []).map((n) => names[n]),
      url: p.u, code: p.c, rating: p.r, added: p.d, note: p.n,
    }));
  }

  async function start() {
    state = readUrl();
    wire();
    // The first page before the records are asked for: their files would otherwise share the
    // line with data/first.json, which a reader waits for.
    if (await renderFirst()) performance.mark("papershelf:first-results");
    records = (await shards("papers")).flatMap(decode);
    // Each record is known to the index by its place: two papers may share an id (a file of the
    // same name in two years, as EfficientPaper has), which MiniSearch refuses.
    records.forEach((r, at) => { r.at = at; });
    numberFacets(records);
    loaded = true;
    index = new MiniSearch({
      idField: "at",
      fields: FIELDS,
      extractField: (doc, field) => field === "at" ? doc.at : Array.isArray(doc[field]) ? doc[field].join(" ") : doc[field] || "",
      searchOptions: { boost: { title: 3, abbr: 3, authors: 2, keywords: 2 } },
    });
    // The list and its facets from all records; the text index is built in the background, in
    // chunks, and a query waits for it (a link with a query in it too).
    const indexed = index.addAllAsync(records, { chunkSize: 2000 });
    performance.mark("papershelf:decoded");
    if (!state.q.trim()) {
      render();
      if (!performance.getEntriesByName("papershelf:first-results").length) performance.mark("papershelf:first-results");
    }
    await indexed;
    ready = true;
    groupPages = await (await fetch(DATA + "pages.json")).json(); // the venue, keyword... pages
    render();
    performance.mark("papershelf:indexed");
  }

  start();
})();
