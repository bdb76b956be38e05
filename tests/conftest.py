"""Fixtures built once: paths to ../shared, and a copy of the real EfficientPaper library."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
FIXTURE = SHARED / "fixtures" / "efficientpaper-2025"
SEED_PUBLICATION = SHARED / "seeds" / "000_8241874cde2ee3fa.txt"
SEED_INSTITUTION = SHARED / "seeds" / "001_43d6071dc1756c92.txt"
COMPARE_VIEWS = SHARED / "tools" / "compare_views.py"
EXAMPLE = PROJECT / "examples" / "efficient-ml"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not FIXTURE.is_dir():
        pytest.skip("../shared is not present (the project was cloned alone)")
    return SHARED


def config_from_tsv(fixture: Path) -> str:
    """papershelf.toml text carrying the fixture's keywords.tsv and venue_colors.tsv."""

    def rows(name):
        with open(fixture / name, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle, delimiter="\t"))

    lines = ["[keywords]"]
    lines += [f'{r["name"]} = "{r["label"]}"' for r in rows("keywords.tsv")]
    lines += ["", "[venue_colors]"]
    lines += [f'"{r["venue"]}" = "{r["color"]}"' for r in rows("venue_colors.tsv")]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def fixture_library(shared, tmp_path_factory) -> Path:
    """A copy of the real EfficientPaper library with its keywords and colours in papershelf.toml."""
    root = tmp_path_factory.mktemp("efficientpaper") / "library"
    shutil.copytree(FIXTURE, root)
    (root / "papershelf.toml").write_text(config_from_tsv(FIXTURE), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def efficientpaper_views(fixture_library, tmp_path_factory) -> Path:
    """The fixture library built once in the efficientpaper style."""
    from papershelf.render import build

    out = tmp_path_factory.mktemp("efficientpaper-views")
    result = build.run(fixture_library, out, style="efficientpaper")
    assert not result.errors
    return out


def compare_views(expected: Path, actual: Path) -> tuple[int, str]:
    """Run ../shared/tools/compare_views.py; its exit status and summary line."""
    done = subprocess.run(
        [sys.executable, str(COMPARE_VIEWS), str(expected), str(actual)],
        capture_output=True,
        text=True,
    )
    return done.returncode, done.stdout.strip().splitlines()[-1]


def write_paper(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def speedups():
    """The command line's speed tricks (core.speed) switched on for one test, as `papershelf` runs."""
    from papershelf.core import speed

    speed.enable()
    yield
    speed.disable()
