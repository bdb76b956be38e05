"""``papershelf site`` built again after edits: only what they change is written, in place, and the
site is byte for byte the one a full build writes from scratch."""

from __future__ import annotations

import random
import re
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from papershelf.site import build, state
from small_library import make_library, make_lineage_library

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate_library import generate  # noqa: E402


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a site by its path, but the build's token in the marker."""
    found = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    found[".papershelf-site"] = found[".papershelf-site"].splitlines()[0]
    return found


def assert_as_built_afresh(root: Path, out: Path, scratch: Path, partly: bool = True) -> build.SiteResult:
    result = build.run(root, out)
    assert result.partly is partly
    fresh = build.run(root, scratch / f"fresh-{random.random()}", full=True)
    expected, found = tree(fresh.out), tree(out)
    assert found.keys() == expected.keys(), (found.keys() - expected.keys(), expected.keys() - found.keys())
    for path in expected:
        assert found[path] == expected[path], path
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def both(tmp_path):
    """The site library and the lineage library in one list, built once."""
    root = make_library(make_lineage_library(tmp_path / "list"))  # its Wanda and SparseGPT win
    out = tmp_path / "site"
    assert not build.run(root, out).partly
    return root, out


def test_an_edit_of_one_paper_writes_a_few_files_and_the_same_site(both, tmp_path):
    root, out = both
    untouched = (out / "papers/quest.html").stat().st_ino  # shares no group with it
    edit(root / "meta/2023/gptq.prototxt", "GPTQ: Quantizing Transformers", "GPTQ: Quantizing Everything")
    result = assert_as_built_afresh(root, out, tmp_path)
    assert 0 < result.files < 20
    assert (out / "papers/quest.html").stat().st_ino == untouched  # not written again
    assert "Quantizing Everything" in (out / "venues/iclr.html").read_text()


@pytest.mark.parametrize(
    "change",
    [
        ("meta/2024/awq.prototxt", "year: 2024", "year: 2021"),  # moves it among its groups
        ("meta/2024/awq.prototxt", '"MLSys"', '"ICLR"'),  # to another venue's page
        ("meta/2024/awq.prototxt", '"MLSys"', '"NewVenue"'),  # a venue page made, one dropped
        ("meta/2024/wanda.prototxt", '"Mingjie Sun"', '"Dan Alistarh"'),  # an author page gets a paper
        ("meta/2025/newer.prototxt", '"Wanda"', '"2024/H2O"'),  # its baselines
        ("meta/2022/obc.prototxt", "Optimal Brain Compression", "Optimal Brain Surgeon"),  # a renamed baseline
        ("meta/2024/h2o.prototxt", '"H2O"', '"HeavyHitter"'),  # a reference that no longer resolves
        ("meta/2023/gptq.prototxt", "words: quant", "words: prune"),  # keywords
        ("notes/2024/wanda/note.md", "![fig](fig.png)", "no figure"),  # a note drops its image
    ],
)
def test_each_kind_of_edit_gives_the_site_a_full_build_gives(both, tmp_path, change):
    root, out = both
    edit(root / change[0], change[1], change[2])
    assert_as_built_afresh(root, out, tmp_path)


def test_papers_added_and_removed(both, tmp_path):
    root, out = both
    added = root / "meta/2025/gptq-2.prototxt"
    added.write_text((root / "meta/2023/gptq.prototxt").read_text().replace("year: 2023", "year: 2025"))
    assert_as_built_afresh(root, out, tmp_path)
    assert (out / "papers/gptq-2.html").is_file()
    (root / "meta/2024/wanda.prototxt").unlink()
    assert_as_built_afresh(root, out, tmp_path)
    assert not (out / "papers/wanda.html").exists() and not (out / "files/notes/2024/wanda/fig.png").exists()


def test_a_file_put_in_the_site_or_taken_from_it_makes_the_build_a_full_one(both, tmp_path):
    root, out = both
    (out / "stats.html").unlink()
    assert not build.run(root, out).partly and (out / "stats.html").is_file()
    (out / "venues/mine.html").write_text("not papershelf's")
    assert_as_built_afresh(root, out, tmp_path, partly=False)


def test_what_a_full_build_is_kept_for(both, tmp_path):
    root, out = both
    config = root / "papershelf.toml"
    config.write_text(config.read_text() + '[build]\ntitle = "Another title"\n')
    assert_as_built_afresh(root, out, tmp_path, partly=False)  # every page shows the title
    marker = out / ".papershelf-site"
    marker.write_text(marker.read_text().splitlines()[0] + "\n")  # no token: which build was it?
    assert_as_built_afresh(root, out, tmp_path, partly=False)
    state.state_path(root, out).write_bytes(b"not a database")
    assert_as_built_afresh(root, out, tmp_path, partly=False)
    (root / "meta/2024/awq.prototxt").write_text("paper { title: ")  # a broken file: reported whole
    assert build.run(root, out).errors


def test_an_update_cut_short_leaves_a_site_the_next_build_rebuilds(both, tmp_path, monkeypatch):
    root, out = both
    edit(root / "meta/2023/gptq.prototxt", "GPTQ: Quantizing Transformers", "GPTQ: Half Written")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr("papershelf.site.update.write_bytes_atomic", fail)
    with pytest.raises(OSError):
        build.run(root, out)
    monkeypatch.undo()
    db = sqlite3.connect(state.state_path(root, out))
    assert db.execute("SELECT value FROM meta WHERE key = 'token'").fetchone()[0] == b"N"  # marshal's None
    db.close()
    assert_as_built_afresh(root, out, tmp_path, partly=False)


def test_many_random_edits_of_a_real_shaped_list(tmp_path):
    """A list grown like the real one, edited at random a step at a time: after each step the
    update writes exactly the site a full build writes."""
    root = tmp_path / "list"
    generate(root, 150, seed=3)
    out = tmp_path / "site"
    build.run(root, out)
    rng = random.Random(7)
    files = sorted((root / "meta").rglob("*.prototxt"))
    for step in range(8):
        path = rng.choice(files)
        text = path.read_text()
        kind = rng.choice(["title", "year", "author", "keyword", "add", "remove"])
        if kind == "title":
            text = re.sub(r'title: "([^"]*)"', lambda m, step=step: f'title: "{m[1][::-1]} {step}"', text, count=1)
        elif kind == "year":
            text = re.sub(r"year: \d+", f"year: {rng.randint(2015, 2026)}", text, count=1)
        elif kind == "author":
            other = rng.choice(files).read_text()
            found = re.findall(r'authors: "[^"]*"', other)
            text = re.sub(r'authors: "[^"]*"', found[0] if found else 'authors: "A. Nobody"', text, count=1)
        elif kind == "keyword":
            text = re.sub(r"words: \w+", "", text, count=1)
        if kind == "add":
            new = path.with_name(f"copy-{step}.prototxt")
            new.write_text(text)
            files.append(new)
        elif kind == "remove":
            path.unlink()
            files.remove(path)
        else:
            path.write_text(text)
        assert_as_built_afresh(root, out, tmp_path)


def test_a_cover_put_in_place_later_is_copied_and_shown(both, tmp_path):
    root, out = both
    gptq = root / "meta/2023/gptq.prototxt"
    gptq.write_text(gptq.read_text() + 'cover {\n  url: "cover.png"\n}\n')
    assert_as_built_afresh(root, out, tmp_path)
    assert "files/notes/2023/gptq/cover.png" not in (out / "papers/gptq.html").read_text()  # not there yet
    (root / "notes/2023/gptq").mkdir(parents=True)
    (root / "notes/2023/gptq/cover.png").write_bytes(b"\x89PNG a cover")
    assert_as_built_afresh(root, out, tmp_path)
    assert (out / "files/notes/2023/gptq/cover.png").read_bytes() == b"\x89PNG a cover"
    (root / "notes/2023/gptq/cover.png").unlink()  # and gone again
    assert_as_built_afresh(root, out, tmp_path)
    assert not (out / "files/notes/2023/gptq/cover.png").exists()


@pytest.mark.parametrize("shadow", ["notes/2024/note.md", "notes/note.md"])
def test_a_note_put_where_a_link_looks_first_is_the_one_shown(both, tmp_path, shadow):
    root, out = both
    (root / shadow).write_text("# Another note\n\nFound first.\n")  # Wanda's note.md, looked for here first
    assert_as_built_afresh(root, out, tmp_path)
    assert "Found first." in (out / "papers/wanda.html").read_text()


def test_with_the_speed_tricks_on_the_update_is_the_same(both, tmp_path, monkeypatch):
    """The command line's forks (the files the pages show statted on another core, the last site
    deleted in the background; in a full build the pages made by two processes, the shards and
    the saved state written beside the rest) change nothing written."""
    from papershelf.core import speed

    root, out = both
    monkeypatch.setattr(build, "PARALLEL_FROM", 2)  # the small list made on two cores, as a large one
    speed.enable()
    try:
        edit(root / "notes/2024/wanda/note.md", "weight times activation", "weights and activations")
        assert_as_built_afresh(root, out, tmp_path)
        assert "weights and activations" in (out / "papers/wanda.html").read_text()
        before = tree(out)
        assert not build.run(root, out, full=True).partly  # the last site deleted by another process
        for _ in range(200):
            if not list(out.parent.glob(".site.old-*")):
                break
            time.sleep(0.05)
        assert tree(out) == before and not list(out.parent.glob(".site.*"))
        edit(root / "meta/2023/gptq.prototxt", "GPTQ: Quantizing Transformers", "GPTQ: Quantizing Everything")
        assert_as_built_afresh(root, out, tmp_path)  # from the state the full build kept
    finally:
        speed.disable()


def test_two_papers_of_one_id_give_the_page_a_fresh_build_gives(both, tmp_path):
    """Two years' files of the same name share a page: the later one's, however the site is built."""
    root, out = both
    twin = root / "meta/2025/gptq.prototxt"
    twin.parent.mkdir(exist_ok=True)
    twin.write_text((root / "meta/2023/gptq.prototxt").read_text().replace("year: 2023", "year: 2025"))
    assert_as_built_afresh(root, out, tmp_path)
    build.run(root, out, full=True)
    build.run(root, out, full=True)  # the last site's pages linked where they are the same
    fresh = build.run(root, tmp_path / "fresh-twins", full=True)
    assert tree(out) == tree(fresh.out)


def test_made_on_two_cores_a_paper_at_a_time_the_site_is_the_one_one_process_makes(both, tmp_path, monkeypatch):
    """Pages made on two cores, a paper at a time from both ends of the list (two papers of one id
    among them, at either end): the same files as one process writes, the later twin's page."""
    from papershelf.core import speed

    root, out = both
    twin = root / "meta/2025/gptq.prototxt"
    twin.parent.mkdir(exist_ok=True)
    twin.write_text((root / "meta/2023/gptq.prototxt").read_text().replace("year: 2023", "year: 2025"))
    alone = tree(build.run(root, tmp_path / "alone", full=True).out)
    monkeypatch.setattr(build, "PARALLEL_FROM", 2)
    monkeypatch.setattr(build, "CHUNK", 1)
    render = build.render_paper
    monkeypatch.setattr(build, "render_paper", lambda *a: (time.sleep(0.02), render(*a))[1])  # both get work
    speed.enable()
    try:
        for n in range(3):
            assert tree(build.run(root, tmp_path / f"two-{n}", full=True).out) == alone
    finally:
        speed.disable()
    assert b">2025</a>" in alone["papers/gptq.html"] and b">2023</a>" not in alone["papers/gptq.html"]
