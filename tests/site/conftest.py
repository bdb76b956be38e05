"""The small library built once into a site, and that site over HTTP (the browser is tests/conftest.py's)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

import pytest

from small_library import make_library


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


@contextlib.contextmanager
def serving(folder: Path):
    """``folder`` over HTTP on 127.0.0.1, as a static host serves it: its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def serve():
    """`serving`, for a test that builds a site of its own."""
    return serving


@pytest.fixture(scope="session")
def served(built_site):
    """The built site over HTTP on 127.0.0.1."""
    with serving(built_site) as address:
        yield address
