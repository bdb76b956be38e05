"""``papershelf fmt``: canonical files, idempotent, meaning unchanged, bad files untouched."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from helpers import write_paper
from papershelf.cache.loader import load_library
from papershelf.check import fmt
from papershelf.cli import app
from papershelf.render import build

runner = CliRunner()


def test_fixture_formats_once_and_views_stay_identical(fixture_library, tmp_path):
    library = tmp_path / "lib"
    shutil.copytree(fixture_library, library)
    before_papers = {p.source: p for p in load_library(library).papers}
    before = {s: build.render(load_library(library), s) for s in ("efficientpaper", "papershelf")}
    result = fmt.run(library)
    assert len(result.changed) == 23 and len(result.split_authors) == 16 and not result.errors
    assert fmt.run(library, check=True).changed == []  # idempotent
    after = load_library(library)
    for style, files in before.items():
        assert build.render(after, style) == files, style
    for paper in after.papers:
        old = before_papers[paper.source]
        assert paper.author_names() == old.author_names()
        if paper.source not in result.split_authors:
            assert paper == old


def test_check_lists_without_writing_and_bad_files_stay(tmp_path):
    untidy = 'paper {\n  title: "T"\n  authors: "A, B"\n}\n\npub {\n year: 2023 }\n'
    path = write_paper(tmp_path, "meta/2023/a.prototxt", untidy)
    bad = write_paper(tmp_path, "meta/2023/bad.prototxt", 'paper {\n  title: "T\n')
    listed = runner.invoke(app, ["fmt", "-L", str(tmp_path), "--check"])
    assert listed.exit_code == 1
    assert "would rewrite meta/2023/a.prototxt (author string split into names)" in listed.stdout
    assert "meta/2023/bad.prototxt:2:10:" in listed.stderr and "(left untouched)" in listed.stderr
    assert path.read_text() == untidy
    written = runner.invoke(app, ["fmt", "-L", str(tmp_path)])
    assert written.exit_code == 1  # the bad file is still a problem
    assert path.read_text() == 'paper {\n  title: "T"\n  authors: "A"\n  authors: "B"\n}\npub {\n  year: 2023\n}\n'
    assert bad.read_text() == 'paper {\n  title: "T\n'
    bad.unlink()
    assert runner.invoke(app, ["fmt", "-L", str(tmp_path), "--check"]).exit_code == 0


def test_unwritable_file_is_one_line(tmp_path, monkeypatch):
    write_paper(tmp_path, "meta/2023/a.prototxt", 'paper {\n  title: "T"\n  authors: "A, B"\n}\n')

    def refuse(path, text):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(fmt, "write_text_atomic", refuse)
    outcome = runner.invoke(app, ["fmt", "-L", str(tmp_path)])
    assert outcome.exit_code == 2
    assert outcome.stderr.startswith("papershelf: cannot write ") and outcome.stderr.count("\n") == 1
