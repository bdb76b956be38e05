"""``papershelf refresh`` over recorded real answers: ChemCrow, an arXiv preprint published in Nature
Machine Intelligence; PaperQA, still a preprint (its only DOI is arXiv's); a physics preprint whose
arXiv record names its journal."""

from __future__ import annotations

import httpx
import pytest

from helpers import API, write_paper
from recorded import services

CHEMCROW = "2304.05376"
PAPERQA = "2312.07559"
S2 = "https://api.semanticscholar.org/graph/v1/paper/arXiv:"
# Semantic Scholar's answer about ChemCrow was recorded for its DOI; the record is the same paper's,
# whichever id asks for it (its externalIds name arXiv 2304.05376).
ROUTES = {
    f"{S2}{CHEMCROW}": API / "s2_paper_doi_10.1038_s42256-024-00832-8.json",
    f"{S2}{PAPERQA}": API / "s2_paper_doi_10.48550_arxiv.2312.07559.json",
    "https://api.crossref.org/works/10.1038/s42256-024-00832-8": API / "crossref_work_10.1038_s42256-024-00832-8.json",
}
FEEDS = {
    CHEMCROW: API / "arxiv_api_idlist_0000.0000_empty.xml",  # not recorded: arXiv "has no paper"
    PAPERQA: API / "arxiv_api_idlist_0000.0000_empty.xml",
    "1111.2011": API / "arxiv_api_classic2016_idlist_1111.2011v2.xml",
}


def preprint(root, name, title, arxiv, author, venue="arXiv", comment=""):
    text = (
        f'{comment}paper {{\n  title: "{title}"\n  url: "https://arxiv.org/abs/{arxiv}"\n  authors: "{author}"\n}}\n'
        f'pub {{\n  where: "{venue}"\n  year: 2023\n}}\n'
    )
    write_paper(root, f"meta/2023/{name}.prototxt", text)


@pytest.fixture
def preprints(tmp_path, shared):
    root = tmp_path / "list"
    write_paper(root, "papershelf.toml", '[aliases]\n"Nature Machine Intelligence" = ["Nat. Mach. Intell."]\n')
    preprint(root, "chemcrow", "ChemCrow: Augmenting large-language models with chemistry tools", CHEMCROW,
             "Andres M Bran", comment="# The agent paper.\n")  # fmt: skip
    preprint(root, "paperqa", "PaperQA: Retrieval-Augmented Generative Agent for Scientific Research", PAPERQA,
             "Jakub Lála")  # fmt: skip
    preprint(root, "bethe", "Quantum criticality for extended nodes on a Bethe lattice", "1111.2011", "Jens Bardarson")
    return root


def run(root, **options):
    """``refresh.run`` over the recordings; OpenAlex's title search answers by the title asked for."""
    from papershelf.ingest import refresh

    svc, _, recorder = services(FEEDS, ROUTES)
    searches = {
        "ChemCrow": API / "openalex_works_filter_title_search_chemcrow.json",
        "PaperQA": API / "openalex_works_filter_title_search_paperqa.json",
    }

    def answer(request):
        if str(request.url).startswith("https://api.openalex.org/works"):
            asked = request.url.params.get("filter", "")
            found = next((path for word, path in searches.items() if word in asked), None)
            return httpx.Response(200, content=found.read_bytes() if found else b'{"results": []}')
        return recorder(request)

    svc.http.client = httpx.Client(transport=httpx.MockTransport(answer))
    return refresh.run(root, services=svc, **options)


def _down(request):
    raise httpx.ConnectError("the network is down")


def test_a_preprint_published_since_is_found_with_its_evidence(preprints):
    result = run(preprints)
    by_file = {p.paper.source: p for p in result.proposals}
    chemcrow = by_file["meta/2023/chemcrow.prototxt"]
    assert chemcrow.changes == {"venue": "Nature Machine Intelligence", "year": 2024}
    assert chemcrow.doi == "10.1038/s42256-024-00832-8"
    accepted = [e.service for e in chemcrow.evidence if e.accepted]
    assert accepted == ["Semantic Scholar", "OpenAlex"]
    assert any("arXiv has no paper" in p for p in chemcrow.problems)  # that answer was not recorded


def test_a_repository_doi_is_never_a_publication(preprints):
    paperqa = next(p for p in run(preprints).proposals if p.paper.source == "meta/2023/paperqa.prototxt")
    assert paperqa.changes == {}
    assert not any(e.accepted for e in paperqa.evidence)


def test_the_arxiv_record_names_the_journal(preprints):
    bethe = next(p for p in run(preprints).proposals if p.paper.source == "meta/2023/bethe.prototxt")
    assert bethe.changes == {"venue": "Phys. Rev. B", "year": 2012}
    assert bethe.evidence[0].service == "arXiv" and "10.1103/physrevb.85.115117" in bethe.evidence[0].says


def test_apply_writes_the_changes_and_keeps_comments(preprints):
    result = run(preprints, apply=True)
    assert result.applied == ["meta/2023/bethe.prototxt", "meta/2023/chemcrow.prototxt"]
    text = (preprints / "meta/2023/chemcrow.prototxt").read_text()
    assert text.startswith("# The agent paper.\n")
    assert 'where: "Nature Machine Intelligence"' in text
    assert 'where: "arXiv"' in (preprints / "meta/2023/paperqa.prototxt").read_text()


def test_a_venue_set_by_hand_is_kept_without_force(preprints):
    preprint(preprints, "chemcrow", "ChemCrow: Augmenting large-language models with chemistry tools", CHEMCROW,
             "Andres M Bran", venue="ICLR Workshop")  # fmt: skip
    kept = next(p for p in run(preprints, everything=True).proposals if "chemcrow" in p.paper.source)
    assert kept.changes == {} and "set by hand" in kept.kept
    forced = next(p for p in run(preprints, everything=True, force=True).proposals if "chemcrow" in p.paper.source)
    assert forced.changes["venue"] == "Nature Machine Intelligence"


def test_a_network_failure_is_reported_per_paper_and_nothing_is_written(preprints):
    from papershelf.ingest import refresh

    before = {p: p.read_bytes() for p in (preprints / "meta").rglob("*.prototxt")}
    svc, _, _ = services(FEEDS, {})
    svc.http.client = httpx.Client(transport=httpx.MockTransport(_down))
    svc.http.sleep = lambda seconds: None
    result = refresh.run(preprints, apply=True, services=svc)
    assert result.failed
    assert all(any("could not connect" in problem for problem in p.problems) for p in result.proposals)
    assert {p: p.read_bytes() for p in (preprints / "meta").rglob("*.prototxt")} == before


def test_answers_are_kept_and_not_asked_again(preprints):
    from papershelf.ingest import refresh

    svc, _, recorder = services(FEEDS, ROUTES)
    refresh.run(preprints, services=svc)
    asked = len(recorder.asked)
    assert asked and recorder.slept  # Semantic Scholar asked at most once a second
    refresh.run(preprints, services=svc)
    assert len(recorder.asked) == asked
