"""The editor in real Chromium, served by uvicorn as ``papershelf serve`` serves it: browse, open a
paper, edit its title and a keyword, see the views change, meet a conflict and merge it, add a paper
from a recorded arXiv answer; no request leaves the local server."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from recorded import ARXIV_FEEDS, NOW, ROUTES, services
from serve.conftest import TOKEN
from small_library import make_library

SHOTS = Path(os.environ.get("PAPERSHELF_SCREENSHOTS", "/tmp/papershelf-editor-shots"))


@pytest.fixture
def served_editor(tmp_path, shared):
    import uvicorn

    from papershelf.edit.editor import Editor
    from papershelf.render import build
    from papershelf.serve.app import create_app
    from papershelf.serve.run import listening_socket
    from papershelf.serve.security import Secret
    from papershelf.serve.watch import Watcher

    root = make_library(tmp_path / "list")
    build.run(root)
    recorded, _, _ = services(ARXIV_FEEDS, ROUTES)
    editor = Editor(root, services=recorded, now=NOW)
    watcher = Watcher(root, interval=0.2)
    sock = listening_socket("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create_app(editor, Secret(TOKEN), watcher=watcher), log_level="warning",
                                           lifespan="off"))  # fmt: skip
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    watcher.start()
    thread.start()
    while not server.started:
        time.sleep(0.01)
    yield root, f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    watcher.stop()


def test_edit_a_paper_merge_a_conflict_and_add_one(browser, served_editor):
    from playwright.sync_api import expect

    root, base = served_editor
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    elsewhere = []
    page.on("request", lambda request: None if request.url.startswith(base) else elsewhere.append(request.url))
    page.on("dialog", lambda dialog: dialog.accept())
    errors = []  # a script error, or a script or style the page's own CSP refused
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto(f"{base}/?token={TOKEN}")
    assert "token" not in page.url
    page.wait_for_selector("[data-paper-id]")
    assert page.locator("[data-result-count]").inner_text() == "5"
    (root / "meta/2025").mkdir()
    (root / "meta/2025/by_git_pull.prototxt").write_text('paper {\n  title: "Pulled In"\n}\npub {\n  year: 2025\n}\n')
    page.click("#live a")  # "The list changed. Show it": the page saw the file come
    expect(page.locator("[data-result-count]")).to_have_text("6")
    page.fill("input[type=search]", "gptq")
    expect(page.locator("[data-result-count]")).to_have_text("1")
    page.screenshot(path=str(SHOTS / "browse.png"), full_page=True)
    page.click("[data-paper-id=gptq] a.title")

    page.wait_for_selector("#field-title")
    assert page.input_value("#field-title") == "GPTQ: Quantizing Transformers"
    page.fill("#field-title", "GPTQ: Accurate Quantization")
    page.check("#field-keywords input[value=prune]")
    page.click("#save")
    page.wait_for_selector(".message.ok")
    assert "Saved" in page.inner_text("#messages")
    text = (root / "meta/2023/gptq.prototxt").read_text()
    assert 'title: "GPTQ: Accurate Quantization"' in text and "words: prune" in text
    assert "GPTQ: Accurate Quantization" in (root / "README.md").read_text()
    page.screenshot(path=str(SHOTS / "edit.png"), full_page=True)

    page.select_option("#field-rating", "5")  # the form has a change; then the file changes on disk
    path = root / "meta/2023/gptq.prototxt"
    path.write_text(path.read_text().replace("GPTQ: Accurate Quantization", "GPTQ, retitled in vim"))
    page.click("#save")
    page.wait_for_selector("#merge:not([hidden])")
    assert "retitled in vim" in page.inner_text("#merge-theirs")
    assert "rating: 5" not in path.read_text()
    page.screenshot(path=str(SHOTS / "conflict.png"), full_page=True)
    page.click("#merge-save")
    page.wait_for_selector("#merge", state="hidden")
    merged = path.read_text()
    assert "GPTQ, retitled in vim" in merged and "rating: 5" in merged

    page.goto(f"{base}/add")
    page.fill("#source", "1111.2011")
    page.check("#keywords input[value=quant]")
    page.click("#add-button")
    page.wait_for_selector(".added [data-paper-id]")
    added = page.get_attribute(".added [data-paper-id]", "data-paper-id")
    assert any(p.stem == added for p in (root / "meta").rglob("*.prototxt"))
    page.screenshot(path=str(SHOTS / "add.png"), full_page=True)
    page.click("#add-button")  # the same paper again: shown, not added
    page.wait_for_selector("#duplicates:not([hidden])")
    assert len([p for p in (root / "meta").rglob("*.prototxt") if p.stem == added]) == 1
    assert elsewhere == []
    assert [e for e in errors if "409" not in e and "Conflict" not in e] == []  # the 409 was the conflict
