"""Adding through the API: the importers of ``add`` do the work, over recorded answers; a
duplicate is shown, not written, until the second request says force."""

from __future__ import annotations

from helpers import PDFS
from recorded import ARXIV_FEEDS, NOW, ROUTES, services
from serve.conftest import AUTH, client_for, files_of


def test_a_paper_by_hand(client, library):
    asked = {"title": "Hand-Made Pruning", "venue": "arXiv", "year": 2025, "keywords": ["prune"],
             "authors": ["Ada Lovelace"], "url": "https://example.org/hand"}  # fmt: skip
    answer = client.post("/api/papers", json=asked, headers=AUTH)
    assert answer.status_code == 201, answer.text
    added = answer.json()["added"][0]
    assert added["file"] == "meta/2025/hand-made_pruning.prototxt"
    text = (library / added["file"]).read_text()
    assert 'title: "Hand-Made Pruning"' in text and "words: prune" in text and 'authors: "Ada Lovelace"' in text
    assert "Hand-Made Pruning" in (library / "README.md").read_text()


def test_a_duplicate_is_shown_and_added_only_when_forced(client, library):
    before = files_of(library)
    asked = {"title": "SparseGPT: One-Shot Pruning", "venue": "arXiv", "year": 2023}
    answer = client.post("/api/papers", json=asked, headers=AUTH)
    assert answer.status_code == 409
    duplicate = answer.json()["duplicates"][0]
    assert duplicate["existing"] == {"id": "sparsegpt", "file": "meta/2023/sparsegpt.prototxt",
                                     "title": "SparseGPT: One-Shot Pruning"}  # fmt: skip
    assert files_of(library) == before
    forced = client.post("/api/papers", json={**asked, "force": True}, headers=AUTH)
    assert forced.status_code == 201


def test_an_arxiv_paper_from_a_recorded_answer(library, shared):
    recorded, arxiv, _ = services(ARXIV_FEEDS, ROUTES)
    client = client_for(library, services=recorded, now=NOW)
    answer = client.post("/api/papers", json={"source": "1111.2011", "keywords": ["quant"]}, headers=AUTH)
    assert answer.status_code == 201, answer.text
    added = answer.json()["added"][0]
    assert added["url"] == "https://arxiv.org/abs/1111.2011"
    assert added["keywords"] == ["quant"] and added["update_time"] == NOW
    assert arxiv.asked == ["1111.2011"]
    again = client.post("/api/papers", json={"source": "https://arxiv.org/abs/1111.2011v1"}, headers=AUTH)
    assert again.status_code == 409  # known by its arXiv id: not even asked for
    assert arxiv.asked == ["1111.2011"]


def test_a_pdf_upload(library, shared):
    recorded, _, _ = services(ARXIV_FEEDS, ROUTES)
    client = client_for(library, services=recorded, now=NOW)
    pdf = (PDFS / "arxiv_1111.2011v2.pdf").read_bytes()
    headers = {**AUTH, "Content-Type": "application/pdf"}
    answer = client.post("/api/papers?keywords=quant&venue=PRL", content=pdf, headers=headers)
    assert answer.status_code == 201, answer.text
    added = answer.json()["added"][0]
    assert added["venue"] == "PRL" and added["keywords"] == ["quant"]
    assert not list(library.rglob("*.pdf"))  # the upload itself is not kept


def test_pasted_bibtex(client, library):
    bib = "@inproceedings{x, title={Pasted Paper}, author={Doe, Jane}, booktitle={ICML}, year={2024}}"
    answer = client.post("/api/papers", json={"bibtex": bib}, headers=AUTH)
    assert answer.status_code == 201, answer.text
    assert answer.json()["added"][0]["authors"] == ["Jane Doe"]


def test_an_oversized_upload_is_refused(client, library):
    before = files_of(library)
    headers = {**AUTH, "Content-Type": "application/pdf"}
    answer = client.post("/api/papers", content=b"%PDF-" + b"0" * (51 * 2**20), headers=headers)
    assert answer.status_code == 413
    assert files_of(library) == before


def test_a_bad_add_request_says_why(client):
    assert client.post("/api/papers", content=b"{not json", headers=AUTH).status_code == 400
    answer = client.post("/api/papers", json={"keywords": ["nonsense"], "title": "T"}, headers=AUTH)
    assert answer.status_code == 400
    assert "not in [keywords]" in answer.json()["error"]
    assert client.post("/api/papers", json={}, headers=AUTH).status_code == 400
