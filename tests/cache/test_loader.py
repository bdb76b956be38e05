"""Loading a library: layouts, the search folder, order, config vocabulary."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import write_paper
from papershelf.cache.loader import load_library
from papershelf.core.errors import PapershelfError


def paper_text(title: str, year: int, keyword: str | None = None) -> str:
    words = f"keyword {{\n  words: {keyword}\n}}\n" if keyword else ""
    return f'paper {{\n  title: "{title}"\n}}\npub {{\n  where: "ICML"\n  year: {year}\n}}\n{words}'


def test_year_layout_and_search_folder(tmp_path):
    write_paper(tmp_path, "meta/2023/b.prototxt", paper_text("B", 2023))
    write_paper(tmp_path, "meta/2022/a.prototxt", paper_text("A", 2022))
    write_paper(tmp_path, "meta/search/words.prototxt", 'key_words: "sparse"\n')
    library = load_library(tmp_path)
    assert [(p.id, p.source) for p in library.papers] == [
        ("a", "meta/2022/a.prototxt"),
        ("b", "meta/2023/b.prototxt"),
    ]
    assert library.layout == "year" and not library.errors


def test_flat_layout(tmp_path):
    write_paper(tmp_path, "meta/x.prototxt", paper_text("X", 2023))
    library = load_library(tmp_path)
    assert library.layout == "flat" and library.papers[0].source == "meta/x.prototxt"


def test_a_file_longer_than_one_read_is_read_whole(tmp_path):
    title = "Long " * 40_000  # 200 KB: several reads
    write_paper(tmp_path, "meta/2023/long.prototxt", paper_text(title, 2023, "quantization"))
    library = load_library(tmp_path)
    assert library.papers[0].title == title and library.papers[0].keywords == ("quantization",)


def test_missing_library_is_a_usage_error(tmp_path):
    with pytest.raises(PapershelfError, match="has no meta/ folder"):
        load_library(tmp_path / "nowhere")


def test_without_keywords_table_every_keyword_is_accepted(tmp_path):
    write_paper(tmp_path, "meta/2023/a.prototxt", paper_text("A", 2023, "anything_goes"))
    library = load_library(tmp_path)
    assert library.papers[0].keywords == ("anything_goes",) and not library.errors


def test_a_keyword_added_to_the_config_is_accepted(tmp_path):
    write_paper(tmp_path, "meta/2023/a.prototxt", paper_text("A", 2023, "new_topic"))
    (tmp_path / "papershelf.toml").write_text('[keywords]\npruning = "Pruning"\n')
    assert "unknown keyword 'new_topic'" in str(load_library(tmp_path).errors[0])
    (tmp_path / "papershelf.toml").write_text('[keywords]\npruning = "Pruning"\nnew_topic = "New"\n')
    assert load_library(tmp_path).papers[0].keywords == ("new_topic",)


def test_errors_are_collected_with_locations(tmp_path):
    write_paper(tmp_path, "meta/2023/good.prototxt", paper_text("Good", 2023))
    write_paper(tmp_path, "meta/2023/bad.prototxt", "paper {\n  title: 12\n}\n")
    (tmp_path / "meta/2023/binary.prototxt").write_bytes(b"\xff\xfe\x00")
    library = load_library(tmp_path)
    assert [p.id for p in library.papers] == ["good"]
    assert [str(e).split(":", 3)[:3] for e in library.errors] == [
        ["meta/2023/bad.prototxt", "2", "10"],
        ["meta/2023/binary.prototxt", "1", "1"],
    ]


def test_order_does_not_depend_on_the_disk(tmp_path, monkeypatch):
    for name in ("c", "a", "b"):
        write_paper(tmp_path, f"meta/2023/{name}.prototxt", paper_text(name.upper(), 2023))
    forward = [p.id for p in load_library(tmp_path).papers]
    real_iterdir, real_glob = Path.iterdir, Path.glob
    monkeypatch.setattr(Path, "iterdir", lambda self: reversed(list(real_iterdir(self))))
    monkeypatch.setattr(Path, "glob", lambda self, pat: reversed(list(real_glob(self, pat))))
    real_listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda d: sorted(real_listdir(d), reverse=True))
    assert [p.id for p in load_library(tmp_path).papers] == forward == ["a", "b", "c"]
