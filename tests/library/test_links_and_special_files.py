"""Nothing escapes the library: symbolic links under meta/ and special files where papershelf writes."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from helpers import write_paper
from papershelf.cache.loader import load_library
from papershelf.library.atomic import stage, write_text_atomic
from papershelf.render import build

PAPER = 'paper {\n  title: "%s"\n}\npub {\n  where: "ICML"\n  year: 2023\n}\n'


@pytest.fixture
def library(tmp_path):
    root = tmp_path / "library"
    write_paper(root, "meta/2023/inside.prototxt", PAPER % "Inside")
    return root


def test_links_inside_are_followed_and_links_out_or_looping_are_skipped_with_a_warning(library, tmp_path, caplog):
    outside = tmp_path / "elsewhere"
    write_paper(outside, "secret.prototxt", PAPER % "Not mine")
    (library / "meta" / "2019x").symlink_to(outside, target_is_directory=True)
    (library / "meta" / "2023" / "alias.prototxt").symlink_to(library / "meta" / "2023" / "inside.prototxt")
    (library / "meta" / "2023" / "loop.prototxt").symlink_to("loop.prototxt")
    (library / "meta" / "2024").symlink_to(library / "meta" / "2024")  # a folder that is its own link
    with caplog.at_level(logging.WARNING, logger="papershelf"):
        papers = load_library(library).papers
    assert sorted(p.source for p in papers) == ["meta/2023/alias.prototxt", "meta/2023/inside.prototxt"]
    said = " ".join(record.getMessage() for record in caplog.records)
    assert "meta/2019x is a symbolic link out of the library" in said
    assert "meta/2023/loop.prototxt is a symbolic link that leads nowhere" in said
    assert "Not mine" not in said


def test_a_view_that_is_a_symlink_is_written_through_it(library, tmp_path):
    target = library / "views" / "README.md"
    target.parent.mkdir()
    target.write_text("old")
    (library / "README.md").symlink_to(target)
    build.run(library)
    assert (library / "README.md").is_symlink()
    assert target.read_text("utf-8").startswith("# library")


def test_special_files_are_never_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_text_atomic(fifo, "text")
    with pytest.raises(OSError, match="not a regular file"):
        stage(fifo, ["text"])
    assert fifo.exists() and not fifo.is_file()
    if os.path.exists("/dev/null"):
        with pytest.raises(OSError, match="not a regular file"):
            write_text_atomic(Path("/dev/null"), "text")


def test_folder_signatures_are_taken_before_a_lookup_and_disagreeing_ones_are_untrusted(tmp_path):
    from papershelf.core.model import Paper
    from papershelf.library.file_stats import UNTRUSTED, signature
    from papershelf.library.links import LinkResolver, joined_signatures

    write_paper(tmp_path, "notes/2023/p/cover.png", "png")
    before = signature(tmp_path / "notes/2023/p")
    resolver = LinkResolver(tmp_path, sign_folders=True)
    paper = Paper("p", year=2023, cover_url="cover.png", note_url="note.md")
    assert resolver.resolve(paper, "cover.png") == "./notes/2023/p/cover.png"
    write_paper(tmp_path, "notes/2023/p/note.md", "a note")  # after the folder was looked into
    assert resolver.folder_signatures()["notes/2023/p"] == before != signature(tmp_path / "notes/2023/p")
    other = {"notes/2023/p": (1, 2), "notes/2024/q": (3, 4)}
    assert joined_signatures(resolver.folder_signatures(), other)["notes/2023/p"] == UNTRUSTED
    assert joined_signatures(resolver.folder_signatures(), other)["notes/2024/q"] == (3, 4)


def test_packed_signatures_tell_the_same_changes_as_the_tuples(tmp_path):
    from papershelf.library.file_stats import as_signatures, differing, packed, signature, unpacked

    for name in ("a", "b", "c"):
        write_paper(tmp_path, f"notes/{name}.md", name)
    paths = ["notes/a.md", "notes/b.md", "notes/c.md", "notes/gone.md", "notes/new.md"]
    recorded = [signature(tmp_path / p) for p in paths[:3]] + [(1, 1), None]
    assert as_signatures(unpacked(packed(recorded))) == recorded
    write_paper(tmp_path, "notes/b.md", "longer")
    write_paper(tmp_path, "notes/new.md", "n")
    expected = [1, 3, 4]  # b grew, gone is gone, new is new
    assert differing(tmp_path, paths, recorded) == expected
    assert differing(tmp_path, paths, unpacked(packed(recorded))) == expected
    with pytest.raises(ValueError):
        differing(tmp_path, paths, recorded[:2])
