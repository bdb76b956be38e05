"""The search page in real Chromium: counts, search, facets, the URL, keyboard, no request elsewhere."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest


@pytest.fixture
def page(browser, served):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    hosts: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{served}/index.html")
    page.wait_for_selector("[data-paper-id]")
    page.wait_for_function("performance.getEntriesByName('papershelf:indexed').length > 0")  # every record in
    yield page
    assert set(hosts) == {urlsplit(served).netloc}, hosts  # nothing leaves the local server
    assert not errors
    page.close()


def count(page) -> int:
    return int(page.text_content("[data-result-count]"))


def opened_indexed(browser, url: str):
    """A new page at ``url`` once every record is in its index, and the script errors it raises."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_function("performance.getEntriesByName('papershelf:indexed').length > 0")
    return page, errors


def ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-paper-id]", "items => items.map(i => i.dataset.paperId)")


def test_everything_listed_then_a_search_with_prefix_phrase_or_and_not(page, tmp_path):
    assert count(page) == 5
    page.fill("input[type=search]", "quant*")
    page.wait_for_function("document.querySelector('[data-result-count]').textContent === '3'")
    assert sorted(ids(page)) == ["awq", "gptq", "llmint8"]
    page.fill("input[type=search]", "pruning -wanda")  # the Pruning keyword, less one paper
    page.wait_for_function("document.querySelector('[data-result-count]').textContent === '2'")
    assert sorted(ids(page)) == ["awq", "sparsegpt"]
    page.fill("input[type=search]", "gptq OR wanda")
    page.wait_for_function("document.querySelector('[data-result-count]').textContent === '2'")
    page.fill("input[type=search]", '"weight times activation"')  # a phrase of the note
    page.wait_for_function("document.querySelector('[data-result-count]').textContent === '1'")
    assert ids(page) == ["wanda"]
    page.screenshot(path=str(tmp_path / "search.png"))


def test_facet_counts_select_what_they_say_and_the_url_keeps_the_state(page, served):
    iclr = page.locator("[data-facet=venue][data-value=ICLR]")
    assert iclr.get_attribute("data-count") == "2"
    iclr.click()
    assert count(page) == 2 and "venue=ICLR" in page.url
    # Under the current filter, the keyword counts are those of the ICLR papers.
    assert page.get_attribute("[data-facet=keyword][data-value=Pruning]", "data-count") == "1"
    page.click("[data-facet=venue][data-value=NeurIPS]")  # a second venue: either
    assert count(page) == 3
    page.go_back()
    page.wait_for_function("document.querySelector('[data-result-count]').textContent === '2'")
    page.goto(f"{served}/index.html?q=quant*&venue=ICLR")  # a shared link opens on its state
    page.wait_for_selector("[data-paper-id]")
    assert ids(page) == ["gptq"] and page.input_value("input[type=search]") == "quant*"


def test_a_facet_value_with_a_page_links_it(page, served):
    page.wait_for_selector("[data-facet=venue][data-value=ICLR] + a.facet-link")
    page.click("[data-facet=venue][data-value=ICLR] + a.facet-link")
    page.wait_for_url("**/venues/iclr.html")
    assert page.locator("[data-paper-id]").count() == 2


def test_keyboard_slash_focuses_search_and_arrows_move_through_results(page):
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.type") == "search"
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.closest('[data-paper-id]').dataset.paperId")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.closest('[data-paper-id]').dataset.paperId")
    assert first != second
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/papers/{second}.html")


def test_the_first_page_shows_before_the_records_are_loaded(browser, served):
    page = browser.new_page()
    held = []
    page.route("**/data/papers/0.json", lambda route: held.append(route))  # not answered yet
    page.goto(f"{served}/index.html")
    page.wait_for_selector("[data-paper-id]")
    for _ in range(100):  # the records are asked for once the first page is shown
        if held:
            break
        page.wait_for_timeout(20)
    assert count(page) == 5 and len(held) == 1  # the records are still on their way
    assert ids(page)[:2] == ["awq", "wanda"]  # the newest first, from data/first.json alone
    assert page.get_attribute("[data-facet=venue][data-value=ICLR]", "data-count") == "2"
    page.keyboard.press("/")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # on the second result when the records arrive
    held[0].continue_()
    page.wait_for_function("performance.getEntriesByName('papershelf:indexed').length > 0")
    assert count(page) == 5 and ids(page)[:2] == ["awq", "wanda"]
    assert page.evaluate("document.activeElement.closest('[data-paper-id]').dataset.paperId") == "wanda"
    page.close()


def test_the_lineage_page_draws_a_family_finds_a_paper_and_links_it(browser, tmp_path, serve):
    from papershelf.site import build
    from small_library import make_lineage_library

    root = make_lineage_library(tmp_path / "list")
    out = tmp_path / "site"
    build.run(root, out)
    with serve(out) as base:
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        page.goto(f"{base}/graph.html")
        page.wait_for_function("window.papershelfGraph && window.papershelfGraph.nodes().length > 0")
        page.wait_for_timeout(300)
        page.screenshot(path=str(tmp_path.parent / "lineage.png"))
        nodes = page.evaluate("window.papershelfGraph.nodes()")
        assert sorted(nodes) == ["llm-int8", "newer", "obc", "quest_attention", "sparsegpt", "wanda"]
        page.fill("#node-search", "spars")
        assert page.inner_text("#found") == "1 found"
        page.wait_for_timeout(300)
        page.screenshot(path=str(tmp_path.parent / "lineage-found.png"))
        page.select_option("#family", "2")
        page.wait_for_function("window.papershelfGraph.family === 2")
        assert sorted(page.evaluate("window.papershelfGraph.nodes()")) == ["h2o", "streaming-llm"]
        page.click("details[data-family='2'] [data-node-id='h2o'] a")
        page.wait_for_url("**/papers/h2o.html")
        assert "Its baselines" in page.inner_text("main") and "Compared against by" in page.inner_text("main")
        wanda = (out / "papers" / "wanda.html").read_text()
        assert "Its baselines" in wanda and "SparseGPT: One-Shot Pruning" in wanda


def test_two_papers_of_one_id_are_both_found(browser, tmp_path, serve):
    """EfficientPaper has two files of one name in two years: the index takes both, by place."""
    import shutil

    from papershelf.site import build
    from small_library import make_library

    root = tmp_path / "list"
    shutil.copytree(make_library(tmp_path / "made"), root)
    twin = root / "meta/2025/gptq.prototxt"
    twin.parent.mkdir(exist_ok=True)
    twin.write_text((root / "meta/2023/gptq.prototxt").read_text().replace("GPTQ: Quantizing", "GPTQ 2: Quantizing"))
    build.run(root, tmp_path / "site")
    with serve(tmp_path / "site") as base:
        page, errors = opened_indexed(browser, f"{base}/index.html?q=gptq")
        assert count(page) == 2 and ids(page) == ["gptq", "gptq"] and not errors
        page.close()


def test_a_query_typed_a_key_at_a_time_finds_what_the_same_query_finds_from_a_link(browser, tmp_path, serve):
    """The page keeps each word's matches while the next is typed and scores new words only among
    them: typed, backspaced or put together from words searched before, a query shows the
    papers, in the order, that it shows when a link opens on it."""
    from papershelf.site import build

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate_library import generate

    generate(tmp_path / "list", 120, seed=5)
    build.run(tmp_path / "list", tmp_path / "site")
    queries = ["quantization pru", "quantization", "sparse atten", "sparse", "attention sparse ", "llm -sparse"]
    with serve(tmp_path / "site") as base:
        page, errors = opened_indexed(browser, f"{base}/index.html")
        typed = {}
        box = page.locator("input[type=search]")
        for query in queries:  # typed on from what is there, or after backspacing to a prefix of it
            current = box.input_value()
            common = len(os.path.commonprefix([current, query]))
            for _ in range(len(current) - common):
                box.press("Backspace")
            box.press_sequentially(query[common:])
            typed[query] = (count(page), ids(page))
        for query, seen in typed.items():
            page.goto(f"{base}/index.html?{urlencode({'q': query})}")
            page.wait_for_function("performance.getEntriesByName('papershelf:indexed').length > 0")
            assert (count(page), ids(page)) == seen, query
            assert seen[0] > 0, query
        assert not errors
        page.close()
