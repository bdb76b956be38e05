// The lineage page: one family of data/graph.json at a time, drawn by Cytoscape (baselines on the
// left, the papers building on them to the right); find a paper by name; click it for its page.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  let data = null, cy = null;

  function draw(number) {
    const family = data.families[number - 1];
    if (!family) return;
    const elements = family.nodes.map((n) => ({ data: { id: n.id, label: n.year ? `${n.label} (${n.year})` : n.label,
      page: n.page, weight: n.descendants, root: n.root } }));
    for (const e of family.edges) elements.push({ data: { id: `${e.to}->${e.from}`, source: e.to, target: e.from } });
    cy.elements().remove();
    cy.add(elements);
    const roots = family.nodes.filter((n) => n.root).map((n) => "#" + CSS.escape(n.id)).join(",");
    cy.layout({ name: "breadthfirst", directed: true, roots: roots || undefined, spacingFactor: 1.1, padding: 20 }).run();
    for (const details of document.querySelectorAll("details.family")) details.open = details.dataset.family === String(number);
    $("found").textContent = "";
    window.papershelfGraph = { nodes: () => cy.nodes().map((n) => n.id()), family: number };
  }

  function find(text) {
    const wanted = text.trim().toLowerCase();
    cy.nodes().removeClass("found");
    if (!wanted) { $("found").textContent = ""; return; }
    const hits = cy.nodes().filter((n) => n.data("label").toLowerCase().includes(wanted));
    hits.addClass("found");
    $("found").textContent = `${hits.length} found`;
    if (hits.length) cy.animate({ fit: { eles: hits.closedNeighborhood(), padding: 60 } }, { duration: 200 });
  }

  async function start() {
    data = await (await fetch("data/graph.json")).json();
    const dark = matchMedia("(prefers-color-scheme: dark)").matches;
    const ink = dark ? "#e6edf3" : "#1b1f24", line = dark ? "#58a6ff" : "#0969da";
    cy = cytoscape({
      container: $("graph"),
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 2,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 11, color: ink, "text-valign": "center",
          "text-halign": "right", "text-margin-x": 4, width: "mapData(weight, 0, 20, 8, 26)",
          height: "mapData(weight, 0, 20, 8, 26)", "background-color": line } },
        { selector: "node.found", style: { "background-color": "#cf222e", "font-weight": "bold" } },
        { selector: "edge", style: { width: 1.2, "line-color": line, "target-arrow-color": line,
          "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.7 } },
      ],
    });
    cy.on("tap", "node", (event) => { location.href = event.target.data("page"); });
    const wanted = parseInt(new URLSearchParams(location.search).get("family") || "1", 10);
    $("family").value = String(wanted);
    $("family").addEventListener("change", (e) => {
      history.replaceState(null, "", "?family=" + e.target.value);
      draw(parseInt(e.target.value, 10));
    });
    $("node-search").addEventListener("input", (e) => find(e.target.value));
    draw(wanted);
  }

  start();
})();
