"""The lineage graph of a list: an edge from each paper to each baseline it names that is a paper
of the list; the references that name none (or several) kept apart; families (the connected parts)
and what a curator asks of them: how many papers build on each, the roots, the newest leaves.

No graph library: the graph is small (a list's papers), and cycles (two papers naming each other,
which happens) must survive where a library's transitive reduction would raise.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from papershelf.core.model import Paper
from papershelf.lineage.references import Resolution, Resolver

BASELINE = "baseline"
CITES = "cites"


@dataclass(frozen=True)
class Edge:
    source: str  # the paper whose file names the baseline (its path)
    target: str  # the baseline paper (its path)
    kind: str
    reference: str  # as written


@dataclass
class Family:
    members: list[str]  # paths, oldest first
    roots: list[str]  # members that name no baseline of the family
    leaves: list[str]  # members no member names as a baseline, newest first


@dataclass
class Lineage:
    papers: dict[str, Paper]  # by path
    edges: list[Edge]
    unresolved: list[tuple[Paper, Resolution]]
    families: list[Family] = field(default_factory=list)
    citations: list[Edge] = field(default_factory=list)  # kind "cites": kept apart from the curated edges
    # Works the list cites often, not in it: (work, citing papers, title, year).
    missing: list[tuple] = field(default_factory=list)
    derivatives: list = field(default_factory=list)  # recent papers citing several of the list's (`ingest.citations`)
    built_on: dict[str, int] = field(default_factory=dict)  # path -> papers naming it, directly
    descendants: dict[str, int] = field(default_factory=dict)  # path -> papers building on it at any remove


def _order(paper: Paper) -> tuple:
    return (paper.year or 0, paper.source)


def lineage_of(papers: list[Paper], cites: list[tuple[str, str]] = (), missing=()) -> Lineage:
    """The graph of ``papers``' baselines; ``cites``: (citing, cited) paths of fetched citations,
    and ``missing`` the works often cited that the list lacks (`ingest.citations`)."""
    resolver = Resolver(papers)
    by_path = {p.source: p for p in papers}
    edges, unresolved, seen = [], [], set()
    for paper in sorted(papers, key=lambda p: p.source):
        for reference in paper.baseline:
            found = resolver.resolve(reference)
            if found.paper is None:
                unresolved.append((paper, found))
            elif found.paper.source != paper.source and (paper.source, found.paper.source) not in seen:
                seen.add((paper.source, found.paper.source))
                edges.append(Edge(paper.source, found.paper.source, BASELINE, reference))
    graph = Lineage(by_path, edges, unresolved, missing=list(missing))
    graph.citations = [Edge(a, b, CITES, "") for a, b in cites if a in by_path and b in by_path]
    _measure(graph)
    return graph


def _measure(graph: Lineage) -> None:
    names: dict[str, set[str]] = defaultdict(set)  # paper -> the baselines it names
    named_by: dict[str, set[str]] = defaultdict(set)  # baseline -> the papers naming it
    for edge in graph.edges:
        names[edge.source].add(edge.target)
        named_by[edge.target].add(edge.source)
    in_graph = sorted(set(names) | set(named_by), key=lambda s: _order(graph.papers[s]))
    graph.built_on = {path: len(named_by[path]) for path in in_graph}
    graph.descendants = {path: len(_reach(path, named_by)) for path in in_graph}
    placed: set[str] = set()
    for start in in_graph:
        if start in placed:
            continue
        members = _reach(start, lambda p: names[p] | named_by[p]) | {start}
        placed |= members
        ordered = sorted(members, key=lambda s: _order(graph.papers[s]))
        roots = [m for m in ordered if not names[m] & members]
        leaves = [m for m in reversed(ordered) if not named_by[m] & members]
        graph.families.append(Family(ordered, roots, leaves))
    graph.families.sort(key=lambda f: (-len(f.members), f.members[0]))


def _reach(start: str, neighbours) -> set[str]:
    """Every node reachable from ``start`` (itself excluded, unless on a cycle)."""
    step = neighbours if callable(neighbours) else neighbours.__getitem__
    found: set[str] = set()
    queue = deque([start])
    while queue:
        for node in step(queue.popleft()):
            if node not in found:
                found.add(node)
                queue.append(node)
    found.discard(start)
    return found


def reduced(edges: list[Edge]) -> list[Edge]:
    """``edges`` without those another path already implies (a paper naming both SparseGPT and
    OBC, where SparseGPT names OBC, draws only the first), cycles kept: an edge is dropped only
    while its two ends stay connected the same way without it."""
    kept = sorted(edges, key=lambda e: (e.source, e.target))
    following: dict[str, set[str]] = defaultdict(set)
    for edge in kept:
        following[edge.source].add(edge.target)
    result = []
    for edge in kept:
        following[edge.source].discard(edge.target)
        if edge.target in _reach(edge.source, following):
            continue  # implied by another path: left out
        following[edge.source].add(edge.target)
        result.append(edge)
    return result
