"""``papershelf build``: outputs, errors that write nothing, determinism, the CLI's exit codes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from helpers import write_paper
from papershelf.cli import app
from papershelf.core.views import VIEW_FILES
from papershelf.render import build

runner = CliRunner()
GOOD = 'paper {\n  title: "Good paper"\n  abbr: "Good"\n}\npub {\n  where: "ICML"\n  year: 2023\n}\n'


def make_library(root: Path) -> Path:
    write_paper(root, "meta/2023/good.prototxt", GOOD)
    write_paper(root, "meta/2022/other.prototxt", GOOD.replace("Good", "Other").replace("2023", "2022"))
    return root


def test_build_writes_every_view(tmp_path):
    result = build.run(make_library(tmp_path))
    assert sorted(result.written) == sorted(VIEW_FILES) and not result.errors
    assert "Good paper" in (tmp_path / "README.md").read_text()


def test_second_build_changes_nothing(tmp_path):
    make_library(tmp_path)
    build.run(tmp_path)
    before = {n: (tmp_path / n).stat().st_mtime_ns for n in VIEW_FILES}
    result = build.run(tmp_path)
    assert result.written == [] and sorted(result.unchanged) == sorted(VIEW_FILES)
    assert before == {n: (tmp_path / n).stat().st_mtime_ns for n in VIEW_FILES}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_bad_file_leaves_every_output_as_it_was(tmp_path):
    make_library(tmp_path)
    (tmp_path / "README.md").write_text("hand-written\n")
    write_paper(tmp_path, "meta/2023/broken.prototxt", 'paper {\n  title: "Broken\n')
    outcome = runner.invoke(app, ["build", "-L", str(tmp_path)])
    assert outcome.exit_code == 1
    assert outcome.stderr.splitlines()[0].startswith("meta/2023/broken.prototxt:2:10: ")
    assert "nothing was written" in outcome.stderr
    assert (tmp_path / "README.md").read_text() == "hand-written\n"
    assert not (tmp_path / "cls_year.md").exists()


def test_keep_going_builds_from_the_good_files(tmp_path):
    make_library(tmp_path)
    write_paper(tmp_path, "meta/2023/broken.prototxt", "pub {\n  year: x\n}\n")
    outcome = runner.invoke(app, ["build", "-L", str(tmp_path), "--keep-going"])
    assert outcome.exit_code == 1
    assert "meta/2023/broken.prototxt:2:9: Couldn't parse integer" in outcome.stderr
    assert "1 bad file(s) left out" in outcome.stdout
    assert "Good paper" in (tmp_path / "README.md").read_text()


def test_unknown_keyword_in_a_file_is_a_located_error(tmp_path):
    make_library(tmp_path)
    (tmp_path / "papershelf.toml").write_text('[keywords]\npruning = "Pruning"\n')
    write_paper(tmp_path, "meta/2023/kw.prototxt", "keyword {\n  words: prunning\n}\n")
    outcome = runner.invoke(app, ["build", "-L", str(tmp_path)])
    assert outcome.exit_code == 1
    assert "meta/2023/kw.prototxt:2:10: unknown keyword 'prunning'" in outcome.stderr


def test_usage_errors_exit_2_with_one_line(tmp_path):
    missing = runner.invoke(app, ["build", "-L", str(tmp_path / "nope")])
    assert missing.exit_code == 2
    assert missing.stderr.strip().count("\n") == 0 and "is not a paper library" in missing.stderr
    make_library(tmp_path)
    style = runner.invoke(app, ["build", "-L", str(tmp_path), "--style", "fancy"])
    assert style.exit_code == 2 and "unknown style 'fancy'" in style.stderr
    assert not (tmp_path / "README.md").exists()
    (tmp_path / "papershelf.toml").write_text("[build]\nstyle = 'fancy'\n")
    assert runner.invoke(app, ["build", "-L", str(tmp_path)]).exit_code == 2


def test_out_and_json_report(tmp_path):
    make_library(tmp_path / "lib")
    outcome = runner.invoke(
        app, ["build", "-L", str(tmp_path / "lib"), "--out", str(tmp_path / "site"), "--format", "json"]
    )
    assert outcome.exit_code == 0, outcome.output
    assert '"papers": 2' in outcome.stdout
    assert sorted(os.listdir(tmp_path / "site")) == sorted(VIEW_FILES)


def test_same_bytes_whatever_the_listing_order(fixture_library, tmp_path, monkeypatch):
    first = build.run(fixture_library, tmp_path / "a", style="efficientpaper")
    real_listdir, real_glob = os.listdir, Path.glob
    monkeypatch.setattr(os, "listdir", lambda d: sorted(real_listdir(d), reverse=True))
    monkeypatch.setattr(Path, "glob", lambda self, pat: reversed(list(real_glob(self, pat))))
    build.run(fixture_library, tmp_path / "b", style="efficientpaper")
    for name in first.written:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_fixture_copy_builds_in_every_style(fixture_library, tmp_path):
    library = tmp_path / "lib"
    shutil.copytree(fixture_library, library)
    for style in ("papershelf", "efficientpaper", "efficientpaper-2025-06", "efficientpaper-2024-03"):
        outcome = runner.invoke(app, ["build", "-L", str(library), "--style", style, "--out", str(tmp_path / style)])
        assert outcome.exit_code == 0, outcome.output
        assert "built 226 papers" in outcome.stdout


def test_unwritable_output_is_one_line(tmp_path):
    make_library(tmp_path)
    (tmp_path / "out").write_text("a file, not a folder")
    outcome = runner.invoke(app, ["build", "-L", str(tmp_path), "--out", str(tmp_path / "out")])
    assert outcome.exit_code == 2
    assert outcome.stderr.startswith("papershelf: ") and outcome.stderr.count("\n") == 1
