"""A build with nothing changed renders nothing; any change to what the views show renders again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from helpers import write_paper
from papershelf.cache import store as index
from papershelf.cache.loader import load_library
from papershelf.cache.store import CACHE_DIR, Cache
from papershelf.core import speed
from papershelf.core.views import VIEW_FILES
from papershelf.library import links
from papershelf.library import reading as parsing
from papershelf.library.file_stats import UNTRUSTED
from papershelf.render import build

PAPER = 'paper {{\n  title: "{title}"\n}}\npub {{\n  where: "ICML"\n  year: 2023\n}}\nnote {{\n  url: "note.md"\n}}\n'


@pytest.fixture
def library(tmp_path):
    root = tmp_path / "lib"
    write_paper(root, "meta/2023/a.prototxt", PAPER.format(title="Alpha"))
    write_paper(root, "meta/2023/b.prototxt", PAPER.format(title="Beta"))
    for path in (root / "meta").rglob("*.prototxt"):  # not "just written": stat is trusted
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - 10**11))
    first = build.run(root)
    assert first.rendered and sorted(first.written) == sorted(VIEW_FILES)
    return root


def test_nothing_changed_renders_nothing(library):
    result = build.run(library)
    assert not result.rendered and sorted(result.unchanged) == sorted(VIEW_FILES) and result.papers == 2


def change_paper(root):
    write_paper(root, "meta/2023/b.prototxt", PAPER.format(title="Beta, revised"))


def change_config(root):
    write_paper(root, "papershelf.toml", '[build]\ntitle = "Renamed"\n')


def add_readme_part(root):
    write_paper(root, "README_prefix.md", "# Prefix\n")


def add_note(root):
    write_paper(root, "notes/2023/a/note.md", "my note\n")


def edit_an_output(root):
    (root / "cls_year.md").write_text("edited by hand\n", "utf-8")


def remove_an_output(root):
    (root / "cls_author.md").unlink()


@pytest.mark.parametrize(
    "change", [change_paper, change_config, add_readme_part, add_note, edit_an_output, remove_an_output]
)
def test_any_input_change_renders_again(library, change):
    change(library)
    result = build.run(library)
    assert result.rendered and result.written
    again = build.run(library)
    assert not again.rendered


def test_a_note_appearing_changes_its_link(library):
    add_note(library)
    build.run(library)
    assert "./notes/2023/a/note.md" in (library / "README.md").read_text("utf-8")


def test_a_skipped_build_gives_the_bytes_of_a_full_one(library, tmp_path):
    change_paper(library)
    build.run(library)
    build.run(library)
    fresh = tmp_path / "fresh"
    build.run(library, fresh)
    for name in VIEW_FILES:
        assert (library / name).read_bytes() == (fresh / name).read_bytes(), name


def test_the_index_folder_is_added_to_gitignore_once(library):
    write_paper(library, ".gitignore", "*.pyc")
    build.run(library)
    build.run(library)
    assert (library / ".gitignore").read_text("utf-8") == "*.pyc\n.papershelf/\n"


@pytest.mark.parametrize("style", ["papershelf", "efficientpaper", "efficientpaper-2024-03", "templates"])
def test_two_cores_render_what_one_renders(library, tmp_path, monkeypatch, speedups, style):
    """Reading, storing, looking up links and rendering on two cores, as a large cold build does,
    give the same views, and the record depends on the same folders."""
    write_paper(library, "templates/row.md.j2", "| {{ paper.title }} | {{ links.note }} | {{ links.cover }} |\n")
    for n in range(30):
        text = PAPER.format(title=f"Paper {n}").replace("2023", "2022")
        if n % 3:  # a cover in the paper's own folder; a note there for some, in notes/2022/ for others
            text += 'cover {\n  url: "cover.png"\n}\n'
            write_paper(library, f"notes/2022/p{n}/cover.png", "png")
            write_paper(library, f"notes/2022/p{n}/note.md" if n % 2 else f"notes/2022/N{n}.md", "a note")
            text = text.replace("note.md", "note.md" if n % 2 else f"n{n}.md")  # found in another case
        write_paper(library, f"meta/2022/p{n}.prototxt", text)
    one = tmp_path / "one"
    build.run(library, one, style)
    shutil.rmtree(library / CACHE_DIR)
    monkeypatch.setattr(build, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parsing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(index, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(links, "PARALLEL_FROM", 1)
    two = tmp_path / "two"
    assert build.run(library, two, style).rendered
    in_memory = build.render(load_library(library), style)  # the second process sends its texts
    for name, text in in_memory.items():
        assert (one / name).read_bytes() == (two / name).read_bytes() == text.encode("utf-8"), name
    assert any("./notes/2022/N2.md" in text for text in in_memory.values())  # the note found in its case
    assert not build.run(library, two, style).rendered  # the index and the record of the build were kept
    speed.disable()
    (tmp_path / "kept").mkdir()
    (library / CACHE_DIR).rename(tmp_path / "kept" / CACHE_DIR)
    build.run(library, two, style)  # on one core
    with Cache.open(library) as one_core, Cache.open(tmp_path / "kept") as two_cores:
        key = f"build:{style}:{two.resolve()}"
        on_one, on_two = one_core.get(key)["folders"], two_cores.get(key)["folders"]
        assert on_one.keys() == on_two.keys()
        del on_one["."], on_two["."]  # signed after each build wrote its views (and the cache moved)
        assert on_one == on_two and UNTRUSTED not in on_two.values()


@pytest.mark.parametrize("processes", [1, 2])
def test_a_view_that_cannot_be_written_leaves_every_view_unwritten(library, monkeypatch, processes, speedups):
    """Whichever process renders the view that cannot be written, no view is put in place and
    nothing staged is left behind."""
    monkeypatch.setattr(build, "PARALLEL_FROM", 3 - processes)  # the library holds 2 papers
    for name in VIEW_FILES:
        out = library.parent / f"out-{processes}-{name}"
        (out / name).mkdir(parents=True)  # a folder where the view goes
        with pytest.raises(IsADirectoryError):
            build.run(library, out)
        assert [path.name for path in out.iterdir()] == [name]


def test_the_command_exits_with_its_status_and_all_its_output(library):
    """``papershelf`` ends with os._exit (nothing freed one by one): output and exit codes stay whole."""
    command = [sys.executable, "-m", "papershelf"]
    done = subprocess.run([*command, "build", "-L", str(library)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("built 2 papers")
    done = subprocess.run([*command, "search", "zebra", "-L", str(library)], capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr == "no paper matches 'zebra'\n"
    done = subprocess.run([*command, "nosuch"], capture_output=True, text=True)
    assert done.returncode == 2 and "No such command" in done.stderr


@pytest.mark.parametrize("change", ["remove", "rename_case"])
def test_a_note_found_by_one_stat_is_still_a_dependency(library, change):
    """A file in a paper's own folder is found without listing the folder; removing it, or giving
    it another letter case, is still seen by the next build."""
    add_note(library)
    build.run(library)
    note = library / "notes/2023/a/note.md"
    if change == "remove":
        note.unlink()
    else:
        note.rename(note.with_name("Note.md"))
    result = build.run(library)
    assert result.rendered
    fresh = {name: (library / name).read_bytes() for name in VIEW_FILES}
    shutil.rmtree(library / CACHE_DIR)
    build.run(library)
    assert fresh == {name: (library / name).read_bytes() for name in VIEW_FILES}


@pytest.mark.parametrize("where", ["no folder of its own yet", "a folder with its cover"])
def test_a_note_added_while_the_views_are_written_is_seen_by_the_next_build(library, monkeypatch, where):
    """The record keeps each link folder as it was before the build looked into it: a note added
    after its link was looked up, before the build ended, is not vouched for by the record.  (The
    library's own folder is the exception: the build writes the views into it.)"""
    write_paper(library, "notes/2023/b/cover.png", "png")  # notes/2023/ is there
    if where == "a folder with its cover":  # found by one stat of the cover, not by a listing
        text = PAPER.format(title="Alpha") + 'cover {\n  url: "cover.png"\n}\n'
        write_paper(library, "meta/2023/a.prototxt", text)
        write_paper(library, "notes/2023/a/cover.png", "png")
    build.run(library)
    commit = build._commit

    def note_added_meanwhile(*args):
        add_note(library)
        commit(*args)

    monkeypatch.setattr(build, "_commit", note_added_meanwhile)
    write_paper(library, "meta/2023/b.prototxt", PAPER.format(title="Beta, edited"))
    build.run(library)
    assert "./notes/2023/a/note.md" not in (library / "README.md").read_text("utf-8")  # looked up before
    monkeypatch.undo()
    assert build.run(library).rendered
    assert "./notes/2023/a/note.md" in (library / "README.md").read_text("utf-8")
