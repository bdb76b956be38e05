"""Fixtures built once: ../shared when present, a copy of the real EfficientPaper library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import CURRENT_FORMAT, FIXTURE, SHARED, config_from_tsv


@pytest.fixture(scope="session")
def shared() -> Path:
    if not FIXTURE.is_dir():
        pytest.skip("../shared is not present (the project was cloned alone)")
    return SHARED


@pytest.fixture(scope="session")
def fixture_library(shared, tmp_path_factory) -> Path:
    """A copy of the real EfficientPaper library with its keywords and colours in papershelf.toml."""
    root = tmp_path_factory.mktemp("efficientpaper") / "library"
    shutil.copytree(FIXTURE, root)
    (root / "papershelf.toml").write_text(config_from_tsv(FIXTURE), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def efficientpaper_views(fixture_library, tmp_path_factory) -> Path:
    """The fixture library built once in the efficientpaper-2025-06 style (seed 000's generation)."""
    from papershelf.render import build

    out = tmp_path_factory.mktemp("efficientpaper-views")
    result = build.run(fixture_library, out, style="efficientpaper-2025-06")
    assert not result.errors
    return out


@pytest.fixture(scope="session")
def current_format_views(shared, tmp_path_factory) -> Path:
    """EfficientPaper's first snapshot of its current format, built once in the efficientpaper style."""
    from papershelf.render import build

    root = tmp_path_factory.mktemp("efficientpaper-2025-07") / "library"
    shutil.copytree(CURRENT_FORMAT, root, ignore=shutil.ignore_patterns("expected"))
    (root / "papershelf.toml").write_text(config_from_tsv(CURRENT_FORMAT), encoding="utf-8")
    result = build.run(root, style="efficientpaper")
    assert not result.errors
    return root


@pytest.fixture
def speedups():
    """The command line's speed tricks (core.speed) switched on for one test, as `papershelf` runs."""
    from papershelf.core import speed

    speed.enable()
    yield
    speed.disable()


CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install -y chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield launched
        launched.close()
