"""Citations among the list's papers from OpenAlex (recorded answers), kept, and drawn apart from
the curated baseline edges."""

from __future__ import annotations

import json

from helpers import API, write_paper
from recorded import services

OPENALEX = "https://api.openalex.org/works/https://doi.org/"
GENOMICS = "10.1016/j.xgen.2025.100814"
DELIVERY = "10.1016/j.addr.2015.01.008"
ROUTES = {
    OPENALEX + GENOMICS: API / "openalex_work_doi_10.1016_j.xgen.2025.100814.json",
    OPENALEX + DELIVERY: API / "openalex_work_doi_10.1016_j.addr.2015.01.008.json",
}


def two_papers(root):
    for name, doi, title in (("genomics", GENOMICS, "High-throughput screening of human genetic variants"),
                             ("delivery", DELIVERY, "Pharmacokinetics of antisense oligonucleotides")):  # fmt: skip
        write_paper(root, f"meta/2025/{name}.prototxt",
                    f'paper {{\n  title: "{title}"\n  url: "https://doi.org/{doi}"\n}}\n')  # fmt: skip
    return root


def test_the_works_and_references_of_each_paper_are_fetched_and_kept(tmp_path, shared):
    from papershelf.cache.loader import load_library
    from papershelf.ingest import citations

    root = two_papers(tmp_path / "list")
    svc, _, recorder = services({}, ROUTES)
    papers = load_library(root).papers
    found = citations.fetch(root, papers, svc)
    assert found.works == {"meta/2025/delivery.prototxt": ["https://openalex.org/W2033425827"],
                           "meta/2025/genomics.prototxt": ["https://openalex.org/W4408732759"]}  # fmt: skip
    assert len(found.references["meta/2025/genomics.prototxt"]) == 59
    assert found.pairs() == []  # neither cites the other
    assert len(found.missing_foundations(1)) == 59 + 42
    asked = len(recorder.asked)
    again = citations.kept(root, papers)
    assert again.works == found.works and len(recorder.asked) == asked  # nothing asked again
    write_paper(root, "meta/2025/delivery.prototxt", 'paper {\n  title: "Retitled"\n}\n')
    assert "meta/2025/delivery.prototxt" not in citations.kept(root, load_library(root).papers).works


def test_papers_citing_each_other_and_works_cited_often():
    from papershelf.ingest.citations import Citations

    found = Citations(
        works={"a": ["W1"], "b": ["W2", "W3"], "c": ["W4"]},
        references={"a": ["W3", "W9"], "b": ["W1", "W9"], "c": ["W9", "W8", "W4"]},
    )
    assert found.pairs() == [("a", "b"), ("b", "a")]  # c citing itself is no edge
    assert found.missing_foundations(2) == [("W9", 3)]


def test_citation_edges_stay_apart_from_baselines(tmp_path):
    from papershelf.cache.loader import load_library
    from papershelf.lineage import formats
    from papershelf.lineage.graph import lineage_of
    from small_library import make_lineage_library

    papers = load_library(make_lineage_library(tmp_path / "list")).papers
    graph = lineage_of(papers, [("meta/2023/quest.prototxt", "meta/2022/obc.prototxt")], [("W9", 4)])
    found = json.loads(formats.as_json(graph))
    cites = [e for e in found["edges"] if e["kind"] == "cites"]
    assert cites == [{"from": "quest", "to": "obc", "kind": "cites", "reference": "",
                      "from_file": "meta/2023/quest.prototxt", "to_file": "meta/2022/obc.prototxt"}]  # fmt: skip
    assert "quest" not in found["families"][0]["members"]  # families are the curated edges'
    assert found["missing_foundations"] == [{"work": "W9", "cited_by": 4}]
    assert '"obc" -> "quest" [label="cites", style=dashed];' in formats.dot(graph)
