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
    graph = lineage_of(papers, [("meta/2023/quest.prototxt", "meta/2022/obc.prototxt")], [("W9", 4, "", None)])
    found = json.loads(formats.as_json(graph))
    cites = [e for e in found["edges"] if e["kind"] == "cites"]
    assert cites == [{"from": "quest", "to": "obc", "kind": "cites", "reference": "",
                      "from_file": "meta/2023/quest.prototxt", "to_file": "meta/2022/obc.prototxt"}]  # fmt: skip
    assert "quest" not in found["families"][0]["members"]  # families are the curated edges'
    assert found["missing_foundations"] == [{"work": "W9", "cited_by": 4, "title": None, "year": None}]
    assert '"obc" -> "quest" [label="cites", style=dashed];' in formats.dot(graph)


def test_new_derivatives_and_the_names_of_works(shared):
    """OpenAlex's answer to a list query (recorded for a title search; a ``cites:`` or ``openalex_id:``
    filter answers in the same shape): a work citing two of the list's works is a derivative."""
    from datetime import date

    from papershelf.ingest.citations import Citations, _names, derivatives
    from papershelf.ingest.clients.polite import PoliteHttp

    listing = API / "openalex_works_filter_title_search_chemcrow.json"
    svc, _, recorder = services({}, {"https://api.openalex.org/works": listing})
    http = PoliteHttp(svc.http, None)
    cited = json.loads(listing.read_text())["results"][0]["referenced_works"][:2]
    found = Citations(works={"meta/a.prototxt": [cited[0]], "meta/b.prototxt": [cited[1]]},
                      references={"meta/a.prototxt": [], "meta/b.prototxt": []})  # fmt: skip
    new = derivatives(http, found, date(2024, 1, 1), at_least=2)
    assert [(d.work, d.title, d.year, d.doi, d.cites) for d in new] == [
        ("https://openalex.org/W4396723768", "Augmenting large language models with chemistry tools", 2024,
         "10.1038/s42256-024-00832-8", 2)
    ]  # fmt: skip
    asked = recorder.asked[-1]
    assert "filter=cites%3A" in asked and "from_publication_date%3A2024-01-01" in asked
    assert derivatives(http, found, date(2024, 1, 1), at_least=3) == []
    names = _names(http, ["https://openalex.org/W4396723768"])
    assert names["https://openalex.org/W4396723768"] == ("Augmenting large language models with chemistry tools", 2024)
