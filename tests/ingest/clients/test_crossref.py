"""Crossref's answers, recorded."""

from __future__ import annotations

from helpers import API
from papershelf.ingest.clients import crossref
from recorded import services


def test_crossref_title_search_rejects_another_paper(shared):
    # Crossref's top hit for "Attention is All you Need" is a different paper (a real false match).
    svc, _, _ = services(
        routes={
            "https://api.crossref.org/works": API / "crossref_works_query_title_attention_is_all_you_need_rows1.json"
        }
    )
    assert crossref.find_by_title(svc.http, "Attention is All you Need") is None
