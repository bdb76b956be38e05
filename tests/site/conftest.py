"""A small library with everything a site shows, built once, and a browser over it (when there is one)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from helpers import write_paper

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def paper(title, venue, year, authors, keywords, extra=""):
    lines = [f'  title: "{title}"', *(f'  authors: "{a}"' for a in authors)]
    words = "".join(f"  words: {k}\n" for k in keywords)
    return (
        "paper {\n" + "\n".join(lines) + "\n}\n"
        f'pub {{\n  where: "{venue}"\n  year: {year}\n}}\n'
        f"keyword {{\n{words}}}\n{extra}"
    )


def make_library(root: Path) -> Path:
    write_paper(
        root,
        "papershelf.toml",
        '[keywords]\nquant = "Quantization"\nprune = "Pruning"\n[aliases]\nNeurIPS = ["NIPS"]\n',
    )
    write_paper(
        root,
        "meta/2023/gptq.prototxt",
        paper(
            "GPTQ: Quantizing Transformers",
            "ICLR",
            2023,
            ["Elias Frantar", "Dan Alistarh"],
            ["quant"],
            'code {\n  url: "https://github.com/IST-DASLab/gptq"\n}\n',
        ),
    )
    write_paper(
        root,
        "meta/2023/sparsegpt.prototxt",
        paper("SparseGPT: One-Shot Pruning", "ICML", 2023, ["Elias Frantar", "Dan Alistarh"], ["prune"]),
    )
    write_paper(
        root,
        "meta/2024/wanda.prototxt",
        paper("Wanda: Simple Pruning", "ICLR", 2024, ["Mingjie Sun"], ["prune"], 'note {\n  url: "note.md"\n}\n'),
    )
    note = "# Wanda\n\nPrunes by **weight times activation**, see ![fig](fig.png) and $x^2$.\n\n"
    note += "<script>alert(1)</script>\n[bad](javascript:alert(2))\n"
    write_paper(root, "notes/2024/wanda/note.md", note)
    write_paper(root, "notes/2024/wanda/fig.png", "not really a png")
    write_paper(
        root,
        "meta/2022/llmint8.prototxt",
        paper("LLM.int8(): 8-bit Matrix Multiplication <b>at</b> Scale", "NIPS", 2022, ["Tim Dettmers"], ["quant"]),
    )
    write_paper(
        root,
        "meta/2024/awq.prototxt",
        paper("AWQ: Activation-aware Weight Quantization", "MLSys", 2024, ["Ji Lin", "Song Han"], ["quant", "prune"]),
    )
    return root


@pytest.fixture(scope="session")
def site_library(tmp_path_factory) -> Path:
    return make_library(tmp_path_factory.mktemp("site-library"))


@pytest.fixture(scope="session")
def built_site(site_library, tmp_path_factory) -> Path:
    from papershelf.site import build

    out = tmp_path_factory.mktemp("built") / "site"
    build.run(site_library, out)
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served(built_site):
    """The built site over HTTP on 127.0.0.1, as a static host serves it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install -y chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield launched
        launched.close()
