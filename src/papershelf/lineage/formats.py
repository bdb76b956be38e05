"""The lineage graph written out: JSON (every node, edge and unresolved reference), Mermaid (one
chart per family, as EfficientPaper draws them, edges implied by others left out, cycles kept),
Graphviz DOT, and a text summary.  Names are the list's text: escaped for each format."""

from __future__ import annotations

import json

from papershelf.core.model import Paper
from papershelf.lineage.graph import Lineage, reduced
from papershelf.lineage.references import canonical


def _in_graph(graph: Lineage) -> list[str]:
    """The papers of some edge, by path."""
    edges = (*graph.edges, *graph.citations)
    return sorted({e.source for e in edges} | {e.target for e in edges})


def label(paper: Paper) -> str:
    return paper.abbr or paper.title or paper.id


def node_json(paper: Paper, graph: Lineage) -> dict:
    return {
        "id": paper.id,
        "file": paper.source,
        "reference": canonical(paper),
        "label": label(paper),
        "title": paper.title,
        "year": paper.year,
        "venue": paper.venue,
        "built_on_by": graph.built_on.get(paper.source, 0),
        "descendants": graph.descendants.get(paper.source, 0),
    }


def as_json(graph: Lineage) -> str:
    ids = {path: paper.id for path, paper in graph.papers.items()}
    found = {
        "nodes": [node_json(graph.papers[path], graph) for path in _in_graph(graph)],
        "edges": [
            {
                "from": ids[e.source],
                "to": ids[e.target],
                "kind": e.kind,
                "reference": e.reference,
                "from_file": e.source,
                "to_file": e.target,
            }
            for e in (*graph.edges, *graph.citations)
        ],  # fmt: skip
        "unresolved": [
            {
                "paper": paper.id,
                "file": paper.source,
                "reference": found.reference,
                "why": "ambiguous" if found.ambiguous else "unknown",
                "candidates": [c.id for c in found.candidates],
            }
            for paper, found in graph.unresolved
        ],
        "missing_foundations": [
            {
                "work": m[0],
                "cited_by": m[1],
                "title": (m[2] if len(m) > 2 else "") or None,
                "year": m[3] if len(m) > 3 else None,
            }
            for m in graph.missing
        ],  # fmt: skip
        "new_derivatives": [
            {"work": d.work, "title": d.title, "year": d.year, "doi": d.doi, "cites": d.cites}
            for d in graph.derivatives
        ],
        "families": [
            {
                "members": [ids[m] for m in family.members],
                "roots": [ids[m] for m in family.roots],
                "leaves": [ids[m] for m in family.leaves],
            }
            for family in graph.families
        ],
    }
    return json.dumps(found, ensure_ascii=False, indent=2) + "\n"


def _mermaid_text(text: str) -> str:
    """A Mermaid label: quoted, with its quotes and markup characters as entities."""
    for character, entity in (("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(character, entity)
    return text.replace("\n", " ")


def mermaid(graph: Lineage) -> str:
    """One ```mermaid flowchart a family, the baseline pointing at the paper built on it."""
    edges = reduced(graph.edges)
    blocks = []
    for number, family in enumerate(graph.families, start=1):
        members = set(family.members)
        names = {path: f"n{i}" for i, path in enumerate(family.members)}
        lines = [f"## Family {number}: {len(members)} papers", "", "```mermaid", "flowchart LR"]
        for path in family.members:
            paper = graph.papers[path]
            year = f" ({paper.year})" if paper.year else ""
            lines.append(f'  {names[path]}["{_mermaid_text(label(paper) + year)}"]')
        for edge in edges:
            if edge.source in members:
                lines.append(f"  {names[edge.target]} --> {names[edge.source]}")
        lines += ["```", ""]
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def dot(graph: Lineage) -> str:
    lines = ["digraph lineage {", "  rankdir=LR;", "  node [shape=box];"]
    for path in _in_graph(graph):
        paper = graph.papers[path]
        lines.append(f'  "{_dot_text(paper.id)}" [label="{_dot_text(label(paper))}"];')
    for edge in (*graph.edges, *graph.citations):
        source, target = graph.papers[edge.source].id, graph.papers[edge.target].id
        style = "" if edge.kind == "baseline" else ", style=dashed"
        lines.append(f'  "{_dot_text(target)}" -> "{_dot_text(source)}" [label="{edge.kind}"{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def text(graph: Lineage, top: int = 10) -> str:
    papers = len(_in_graph(graph))
    lines = [
        f"{len(graph.edges)} baseline edges among {papers} papers, in {len(graph.families)} families; "
        f"{len(graph.unresolved)} references name no one paper of the list",
    ]
    built = sorted(graph.descendants.items(), key=lambda item: (-item[1], item[0]))[:top]
    if built:
        lines += ["", "most built on (papers building on it, directly and at any remove):"]
        for path, count in built:
            lines.append(f"  {count:4} {graph.built_on[path]:4}  {label(graph.papers[path])} ({path})")
    for number, family in enumerate(graph.families[:top], start=1):
        roots = ", ".join(label(graph.papers[p]) for p in family.roots[:5])
        leaves = ", ".join(label(graph.papers[p]) for p in family.leaves[:5])
        lines += ["", f"family {number}: {len(family.members)} papers; roots: {roots}; newest leaves: {leaves}"]
    if graph.citations:
        lines += ["", f"{len(graph.citations)} citations among the list's papers (OpenAlex)"]
    if graph.missing:
        lines += ["", "missing foundations (works the list's papers cite, not in it):"]
        for work, count, *name in graph.missing[:top]:
            title = f"{name[0]} ({name[1]})" if name and name[0] else ""
            lines.append(f"  {count:4}  {work}  {title}".rstrip())
    if graph.derivatives:
        lines += ["", "new derivatives (recent papers citing several of the list's):"]
        lines += [f"  {d.cites:4}  {d.title} ({d.year}) {d.doi or d.work}" for d in graph.derivatives[:top]]
    if graph.unresolved:
        lines += ["", "references that name no one paper of the list:"]
        for paper, found in graph.unresolved:
            why = "may be " + " or ".join(canonical(c) for c in found.candidates) if found.candidates else "unknown"
            lines.append(f"  {paper.source}: {found.reference!r} ({why})")
    return "\n".join(lines) + "\n"


WRITERS = {"text": text, "json": as_json, "mermaid": mermaid, "dot": dot}
