"""A fresh copy of the small library for each test, its views built, and the editor's app over it
(in process, through Starlette's TestClient: no socket, no network)."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from small_library import make_library

TOKEN = "test-token-" + "x" * 20
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BASE = "http://127.0.0.1:8765"


@pytest.fixture
def library(tmp_path) -> Path:
    from papershelf.render import build

    root = make_library(tmp_path / "list")
    build.run(root)
    return root


def client_for(root: Path, **editor_options) -> TestClient:
    from papershelf.edit.editor import Editor
    from papershelf.serve.app import create_app
    from papershelf.serve.security import Secret

    return TestClient(create_app(Editor(root, **editor_options), Secret(TOKEN)), base_url=BASE)


@pytest.fixture
def client(library) -> TestClient:
    return client_for(library)


def files_of(root: Path) -> dict[str, bytes]:
    """Every file of the library but the cache, by path: to show what a request wrote."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".papershelf" not in p.parts
    }
