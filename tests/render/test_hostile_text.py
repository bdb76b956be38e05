"""No view can carry active content: hostile titles, names, urls and config texts, in every style."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from helpers import write_paper
from papershelf import check, cli
from papershelf.render import build
from papershelf.render.styles import get_style

HOSTILE = r"""
paper {
  title: "Fine\n# Injected heading\n<script>alert(1)</script> | cell [x](javascript:alert(2)) \000\033[31mred"
  abbr: "<img src=x onerror=alert(3)>"
  url: "javascript:alert(4)"
  authors: "<iframe src=//evil></iframe>"
  authors: "Ada </b><script>alert(5)</script>"
  institutions: "</summary><script>alert(6)</script>"
}
pub {
  where: "ICML)<script>alert(7)</script>"
  year: 2023
}
code {
  type: "<b>code</b>"
  url: "java\tscript:alert(8)"
}
note {
  url: "javascript:alert(9)"
}
cover {
  url: "x' onerror='alert(10)"
}
keyword {
  words: evil
}
"""
PLAIN = """
paper {
  title: "A Plain Paper"
  authors: "Ada </b><script>alert(5)</script>"
  institutions: "</summary><script>alert(6)</script>"
}
pub {
  where: "ICML"
  year: 2023
}
"""
CONFIG = """
[keywords]
evil = "<script>alert(11)</script>"

[venue_colors]
"ICML)<script>alert(7)</script>" = "red)<script>alert(12)</script>"

[build]
description = "<!-- everything after this would be hidden"
"""
# What would be active: a tag, a javascript: link target, an attribute broken out of, a comment
# hiding the rest, control characters.  The same words as escaped text are harmless.
ACTIVE = re.compile(
    r"<script|<img src=x|<iframe|(?<!\\)\]\(java\s*script:|' onerror=|\" onerror=|\x00|\x1b|<!--|</b><script"
)


@pytest.fixture
def hostile(tmp_path):
    write_paper(tmp_path, "meta/2023/hostile.prototxt", HOSTILE)
    write_paper(tmp_path, "meta/2023/plain.prototxt", PLAIN)
    write_paper(tmp_path, "papershelf.toml", CONFIG)
    return tmp_path


@pytest.mark.parametrize("style", ["papershelf", "efficientpaper", "efficientpaper-2025-06", "efficientpaper-2024-03"])
def test_no_view_carries_active_content_or_breaks_its_table(hostile, tmp_path, style):
    out = tmp_path / f"out-{style}"
    assert not build.run(hostile, out, style=style).errors
    for name in get_style(style).files:
        text = (out / name).read_text("utf-8")
        assert not ACTIVE.search(text), (name, ACTIVE.search(text))
        assert not any(line.lstrip().startswith("# Injected") for line in text.splitlines()), name
        for line in text.splitlines():
            if "Fine" in line:  # the hostile paper's row: one line, its cells intact
                assert line.startswith("|") or line[:1].isdigit(), (name, line)
                assert "\\| cell" in line, (name, line)


def test_check_reports_the_links_it_leaves_out(hostile):
    messages = [f.message for f in check.run(hostile).findings if f.rule == "url"]
    assert any("'javascript:alert(4)'" in m for m in messages)
    assert any("note url 'javascript:alert(9)' is not a link a view may hold" in m for m in messages)
    assert any("'java\\tscript:alert(8)'" in m for m in messages)


def test_list_and_search_print_no_control_characters(hostile):
    for args in (["list"], ["search", "fine"]):
        done = CliRunner().invoke(cli.app, [*args, "-L", str(hostile)])
        assert done.exit_code == 0, done.output
        assert "\x1b" not in done.output and "\x00" not in done.output
        assert "Fine # Injected heading" in done.output
