"""``papershelf digest`` over recorded arXiv answers: the candidates found, those the list holds
dropped, the ranking, the page in each format, the archive, and a network failure writing nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from datetime import date
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import requests

from helpers import API
from recorded import arxiv_client, services

FEED = "https://rss.arxiv.org/rss/cs.CL+cs.LG"
DAY = date(2024, 11, 28)


@pytest.fixture
def feed(shared):
    return services({}, {FEED: API / "arxiv_rss_all_archives_2024-11-28.xml"})[0]


def test_the_feeds_candidates_are_found_held_ones_dropped_and_ranked(small_list, feed):
    from papershelf.digest import weekly

    digest = weekly.run(small_list, source="rss", services=feed, today=DAY)
    ids = [e.ranked.candidate.arxiv_id for e in digest.entries]
    assert sorted(ids) == ["2411.17796", "2411.17847", "2411.18065", "2411.18424"]
    assert [(c.arxiv_id, p.source) for c, p in digest.held] == [("2411.18077", "meta/2024/pushing_kv.prototxt")]
    assert ids[0] == "2411.17796"  # "Scalable iterative pruning of large language ... models": the list's subject
    scores = [e.ranked.score for e in digest.entries]
    assert scores == sorted(scores, reverse=True)
    first = digest.entries[0]
    assert first.matched == ("pruning",)
    assert first.keywords[0].keyword == "prune"
    assert first.ranked.terms == ("language models",)  # what the list says far more than the others do
    assert len(first.ranked.neighbours) == 2
    assert digest.cut == 1
    assert digest.archived == "digests/2024-11-28.jsonl"


def test_the_archive_keeps_every_candidate_and_teaches_the_next_digest(small_list, feed):
    from papershelf.digest import archive, weekly

    weekly.run(small_list, source="rss", services=feed, today=DAY)
    kept = [json.loads(line) for line in (small_list / "digests/2024-11-28.jsonl").read_text().splitlines()]
    assert len(kept) == 5 and {"id", "title", "abstract", "date", "authors"} <= set(kept[0])
    past = archive.with_decisions(archive.archived(small_list, "2024-12-05"), [])
    assert len(past) == 5 and not any(c.added for c in past)
    later = weekly.run(small_list, source="rss", services=feed, today=date(2024, 12, 5), keep=False)
    assert later.past_candidates == 0  # the same papers again: not their own negatives
    assert archive.last_date(small_list, "2024-12-05") == "2024-11-28"


def test_the_page_in_markdown_json_and_rss(small_list, feed):
    from papershelf.digest import page, weekly

    digest = weekly.run(small_list, source="rss", services=feed, today=DAY, keep=False)
    text = page.markdown(digest)
    assert text.startswith("# Weekly papers, 2024-11-28\n")
    assert "## 1. [Scalable iterative pruning of large language and vision models" in text
    assert "`papershelf add 2411.17796 --keyword prune`" in text
    assert text.index("## 1.") < text.index("**Cut line**") < text.index("## 2.")
    assert "Kadıoğlu" in text  # arXiv's LaTeX accents, in Unicode
    assert "<details><summary>Abstract</summary>" in text
    found = json.loads(page.as_json(digest))
    assert found["papers"][0]["id"] == "2411.17796" and found["papers"][0]["above_cut"] is True
    assert found["papers"][0]["keywords"][0]["keyword"] == "prune"
    assert found["held"] == [
        {"id": "2411.18077", "title": digest.held[0][0].title, "file": "meta/2024/pushing_kv.prototxt"}
    ]
    channel = ElementTree.fromstring(page.rss(digest)).find("channel")
    assert [item.findtext("link") for item in channel.iter("item")] == ["https://arxiv.org/abs/2411.17796"]


def test_hostile_text_from_arxiv_stays_text(small_list):
    from papershelf.digest import page
    from papershelf.digest.candidates import Candidate
    from papershelf.digest.model import Ranked
    from papershelf.digest.weekly import Digest, Entry
    from papershelf.digest.words import SearchWords

    evil = Candidate("2501.00001", "<script>alert(1)</script> [x](javascript:alert(2))", "<img src=x onerror=alert(3)>")
    entry = Entry(Ranked(evil, 1.0, (), ()), (), ())
    text = page.markdown(Digest("2025-01-01", "2024-12-25", "api", SearchWords(), [entry], [], 1, 1, 0))
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(2))" in text  # no link made


def test_a_network_failure_is_one_line_and_writes_nothing(small_list):
    from papershelf.core.errors import PapershelfError
    from papershelf.digest import weekly

    failing = services({}, {FEED: httpx.ConnectError("no network")})[0]
    with pytest.raises(PapershelfError, match="arXiv RSS could not connect"):
        weekly.run(small_list, source="rss", services=failing, today=DAY)
    assert not (small_list / "digests").exists()


class RecordedSearch(requests.adapters.BaseAdapter):
    def __init__(self):
        super().__init__()
        self.asked = []

    def send(self, request, **kwargs):
        self.asked.append(parse_qs(urlsplit(request.url).query))
        response = requests.Response()
        response.status_code, response.url, response.request = 200, request.url, request
        response._content = (API / "arxiv_api_search_testing_start0_max10.xml").read_bytes()
        return response

    def close(self):
        pass


def test_the_api_is_asked_with_the_words_and_read_until_the_date(shared, small_list):
    from papershelf.digest import sources
    from papershelf.digest.words import SearchWords

    client, _ = arxiv_client({})
    recorded = RecordedSearch()
    client._session.mount("https://", recorded)
    words = SearchWords(categories=("cs.SE",), key_words=("testing",), exclude_words=("fuzzing",))
    found = sources.from_api(words, date(2021, 1, 1), client, DAY)
    query = recorded.asked[0]["search_query"][0]
    assert query == '(cat:cs.SE) AND (all:"testing") ANDNOT (all:"fuzzing")'
    assert recorded.asked[0]["sortBy"] == ["submittedDate"]
    assert [c.title for c in found] == [
        "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques",
        "Towards Explainable Test Case Prioritisation with Learning-to-Rank Models",
    ]  # the third was submitted in 2020: the reading stops there
    assert found[0].date == "2024-11-28" and found[0].abstract


def test_the_rss_error_feed_says_what_arxiv_said(shared):
    from papershelf.core.errors import PapershelfError
    from papershelf.digest.sources import read_feed
    from papershelf.digest.words import SearchWords

    error = (API / "arxiv_rss_error_bad_archive_astroph.xml").read_text()
    with pytest.raises(PapershelfError, match="Bad archive 'astroph'"):
        read_feed(error, SearchWords(), DAY)
    empty = (API / "arxiv_rss_test_archive_empty_2024-11-28.xml").read_text()
    assert read_feed(empty, SearchWords(), DAY) == []


def test_search_words_from_the_search_file_and_the_config(small_list):
    from papershelf.cache.loader import load_library
    from papershelf.digest.words import search_words

    library = load_library(small_list)
    words = search_words(small_list, library.config)
    assert words.categories == ("cs.CL", "cs.LG")
    assert words.key_words == ("pruning", "quantization", "sparsity", "KV")
    assert words.matched("Structured pruning of LLMs and their KV cache") == ("pruning", "KV")
    assert words.matched("Pruning spiking LLMs") == ()  # an exclude word
    assert words.matched("Pruning convolutional networks") == ()  # no background word
    assert words.matched("KVASIR: LLM datasets") == ()  # whole words only


def test_the_command_writes_the_page_and_says_what_it_found(small_list, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("")
    done = subprocess.run(
        [sys.executable, "-m", "papershelf", "digest", "-L", str(small_list), "--since", "not-a-date"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 2
    assert "--since 'not-a-date' is not a date" in done.stderr
