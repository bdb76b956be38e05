"""papershelf.toml: every setting optional, every mistake one clear line."""

from __future__ import annotations

import pytest

from papershelf.core.errors import PapershelfError
from papershelf.library.config import Config, load_config


def test_no_config_gives_defaults(tmp_path):
    config = load_config(tmp_path)
    assert config == Config()
    assert config.style == "papershelf" and config.venue_color("ICML") == "green"


def test_settings_are_read(tmp_path):
    (tmp_path / "papershelf.toml").write_text(
        '[keywords]\nquantization = "Quantization"\npruning = "Pruning"\n'
        '[venue_colors]\nICML = "blue"\n'
        '[build]\nstyle = "efficientpaper"\ntitle = "My list"\nauthor_min_papers = 3\n'
    )
    config = load_config(tmp_path)
    assert list(config.keywords) == ["quantization", "pruning"]  # display order kept
    assert config.keyword_label("pruning") == "Pruning" and config.venue_color("ICML") == "blue"
    assert (config.style, config.title, config.author_min_papers) == ("efficientpaper", "My list", 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[build\n", "line 1, column 7"),
        ("[colors]\n", "unknown table [colors]"),
        ("[build]\nstyel = 'x'\n", "unknown setting [build] styel"),
        ("[build]\nauthor_min_papers = 'two'\n", "author_min_papers must be a int"),
        ("[keywords]\n'two words' = 'x'\n", "keyword name 'two words' cannot be used"),
        ("[venue_colors]\nICML = 3\n", "[venue_colors] ICML must be a string"),
    ],
)
def test_mistakes_are_one_clear_line(tmp_path, text, message):
    (tmp_path / "papershelf.toml").write_text(text)
    with pytest.raises(PapershelfError) as caught:
        load_config(tmp_path)
    assert message in str(caught.value) and "\n" not in str(caught.value)
