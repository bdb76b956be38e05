"""``papershelf init``: a list from nothing, then add, build and check, all offline."""

from __future__ import annotations

import tomllib

from click.testing import CliRunner

from papershelf import cli
from papershelf.library.config import load_config
from papershelf.start import init, install_source

runner = CliRunner()


def test_init_then_add_build_check_offline(tmp_path):
    root = tmp_path / "my-list"
    done = runner.invoke(cli.app, ["init", str(root)])
    assert done.exit_code == 0, done.output
    names = ("meta", "papershelf.toml", "README_prefix.md", ".gitignore", ".github/workflows/check.yml")
    for name in (*names, ".github/workflows/site.yml"):
        assert (root / name).exists(), name
    added = runner.invoke(
        cli.app, ["add", "-L", str(root), "--title", "Sparse Things", "--year", "2024", "--venue", "arXiv"]
    )
    assert added.exit_code == 0, added.output
    assert runner.invoke(cli.app, ["build", "-L", str(root)]).exit_code == 0
    checked = runner.invoke(cli.app, ["check", "-L", str(root)])
    assert checked.exit_code == 0, checked.output
    assert (root / "README.md").read_text().startswith("# my list\n")


def test_the_config_holds_every_setting_at_its_default(tmp_path):
    init.run(tmp_path)
    data = tomllib.loads((tmp_path / "papershelf.toml").read_text())
    assert set(data["build"]) == {"style", "title", "description", "author_min_papers", "author_view_max_mb"}
    config, default = load_config(tmp_path), load_config(tmp_path / "nowhere")
    assert (config.style, config.author_min_papers, config.author_view_max_mb, config.keywords) == (
        default.style,
        default.author_min_papers,
        default.author_view_max_mb,
        None,
    )
    text = (tmp_path / "papershelf.toml").read_text()
    assert "# [keywords]" in text and "# [venue_colors]" in text and "# [aliases]" in text


def test_the_workflow_checks_with_annotations_and_pins_papershelf(tmp_path, monkeypatch):
    monkeypatch.setattr(init, "pip_requirement", lambda: "papershelf @ git+https://example.org/papershelf@abc123")
    init.run(tmp_path)
    lines = [line.strip() for line in (tmp_path / ".github/workflows/check.yml").read_text().splitlines()]
    install = lines.index('- run: pip install "papershelf @ git+https://example.org/papershelf@abc123"')
    assert lines[install + 1] == "- run: papershelf check --format github"
    assert "on: [push, pull_request]" in lines
    site = [line.strip() for line in (tmp_path / ".github/workflows/site.yml").read_text().splitlines()]
    assert '- run: pip install "papershelf @ git+https://example.org/papershelf@abc123"' in site
    assert any(line.startswith("- run: papershelf site --out _site") for line in site)
    assert "uses: actions/deploy-pages@v4" in site


def test_without_a_pinnable_papershelf_the_workflow_asks_for_a_variable(tmp_path, monkeypatch):
    monkeypatch.setattr(init, "pip_requirement", lambda: None)
    result = init.run(tmp_path)
    text = (tmp_path / ".github/workflows/check.yml").read_text()
    assert "vars.PAPERSHELF_REQUIREMENT" in text and "::error::set the repository variable" in text
    assert result.warnings and "PAPERSHELF_REQUIREMENT" in result.warnings[0]


def test_init_in_a_library_changes_nothing(tmp_path):
    (tmp_path / "meta").mkdir()
    (tmp_path / "README_prefix.md").write_text("mine")
    done = runner.invoke(cli.app, ["init", str(tmp_path)])
    assert done.exit_code == 0 and "nothing changed" in done.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README_prefix.md", "meta"]


def test_existing_files_are_kept_and_gitignore_gains_one_line(tmp_path):
    (tmp_path / "README_prefix.md").write_text("mine")
    (tmp_path / ".gitignore").write_text("*.pyc")
    result = init.run(tmp_path)
    assert result.kept == ["README_prefix.md"] and (tmp_path / "README_prefix.md").read_text() == "mine"
    assert (tmp_path / ".gitignore").read_text().splitlines()[0] == "*.pyc"
    assert {".papershelf/", "/site/"} <= set((tmp_path / ".gitignore").read_text().splitlines())
    assert not init.run(tmp_path).written


def test_every_not_a_library_error_says_how_to_make_one(tmp_path):
    for args in (["list"], ["build"], ["check"], ["search", "x"], ["add", "--title", "X"]):
        done = runner.invoke(cli.app, [*args, "-L", str(tmp_path)])
        assert done.exit_code == 2, args
        assert "is not a paper library" in done.stderr and "papershelf init" in done.stderr, args


def test_requirement_of_a_git_install_and_of_a_checkout(monkeypatch, tmp_path):
    vcs = {"url": "https://example.org/papershelf.git", "vcs_info": {"vcs": "git", "commit_id": "f00"}}
    monkeypatch.setattr(install_source, "_recorded", lambda: vcs)
    assert install_source.pip_requirement() == "papershelf @ git+https://example.org/papershelf.git@f00"
    monkeypatch.setattr(install_source, "_recorded", lambda: {"url": f"file://{tmp_path}", "dir_info": {}})
    answers = {("remote", "get-url", "origin"): "git@example.org:me/papershelf.git", ("rev-parse", "HEAD"): "b4r"}
    monkeypatch.setattr(install_source, "_git", lambda folder, *args: answers[args])
    assert install_source.pip_requirement() == "papershelf @ git+ssh://git@example.org/me/papershelf.git@b4r"
    monkeypatch.setattr(install_source, "_git", lambda folder, *args: None)  # a checkout without a remote
    assert install_source.pip_requirement() is None
