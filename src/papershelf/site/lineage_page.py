"""The site's lineage page (``graph.html``): the baseline graph of `lineage`, a family at a time,
drawn in the browser by Cytoscape (zoom, pan, find a paper, click to its page) from
``data/graph.json``; each family's papers also listed as links, readable without JavaScript."""

from __future__ import annotations

from papershelf.core.model import Paper
from papershelf.lineage.formats import label
from papershelf.lineage.graph import Lineage


def graph_data(graph: Lineage, page_of) -> dict:
    """The JSON the page draws: each family's nodes (with their pages) and edges."""
    families = []
    for family in graph.families:
        members = set(family.members)
        families.append(
            {
                "nodes": [
                    {
                        "id": graph.papers[p].id,
                        "label": label(graph.papers[p]),
                        "year": graph.papers[p].year,
                        "page": page_of(graph.papers[p]),
                        "descendants": graph.descendants.get(p, 0),
                        "root": p in family.roots,
                    }
                    for p in family.members
                ],  # fmt: skip
                "edges": [
                    {"from": graph.papers[e.source].id, "to": graph.papers[e.target].id, "reference": e.reference}
                    for e in graph.edges
                    if e.source in members
                ],
            }
        )
    return {"families": families, "unresolved": len(graph.unresolved)}


def compared(graph: Lineage) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """For each paper (by path), the baselines it names and the papers naming it (their paths),
    oldest first."""
    baselines: dict[str, list[str]] = {}
    built_on: dict[str, list[str]] = {}
    for edge in graph.edges:
        baselines.setdefault(edge.source, []).append(edge.target)
        built_on.setdefault(edge.target, []).append(edge.source)
    for found in (*baselines.values(), *built_on.values()):
        found.sort(key=lambda source: (graph.papers[source].year or 0, source))
    return baselines, built_on


def families_for_page(graph: Lineage) -> list[list[Paper]]:
    return [[graph.papers[p] for p in family.members] for family in graph.families]
