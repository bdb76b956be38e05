"""What many tests use: paths to ../shared and the example, writing a paper file, parsing one text."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from papershelf.core.model import Paper, from_tuple
from papershelf.library import fast_textproto, textproto

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
FIXTURE = SHARED / "fixtures" / "efficientpaper-2025"
CURRENT_FORMAT = SHARED / "fixtures" / "efficientpaper-2025-07"  # EfficientPaper's format since July 2025
SEED_PUBLICATION = SHARED / "seeds" / "000_8241874cde2ee3fa.txt"
SEED_INSTITUTION = SHARED / "seeds" / "001_43d6071dc1756c92.txt"
COMPARE_VIEWS = SHARED / "tools" / "compare_views.py"
EXAMPLE = PROJECT / "examples" / "efficient-ml"
API = SHARED / "fixtures" / "api"  # recorded real service responses (SOURCES.md there)
PDFS = SHARED / "fixtures" / "pdf"


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


def parse_paper(text: str, paper_id: str, path: str, vocabulary: tuple[str, ...]) -> Paper:
    """One metadata file's text as a `Paper`, as a library reads it."""
    return from_tuple(textproto.parse_tuple(text, paper_id, path, vocabulary))


def read_fast(text: str, paper_id: str, path: str, vocabulary: frozenset[str]) -> Paper | None:
    """What the fast reader makes of ``text``, as a `Paper` (None: not its grammar)."""
    values = fast_textproto.read_tuple(text, paper_id, path, vocabulary)
    return None if values is None else from_tuple(values)
