"""Ids for new papers: short, safe as file names, unique ignoring case."""

from __future__ import annotations

import pytest

from papershelf.core.model import Paper
from papershelf.core.names import short_name, slug
from papershelf.library.new_ids import unique_id


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SparseGPT", "SparseGPT"),
        ("Sheared LLaMA", "Sheared_LLaMA"),
        ("Łódź / Straße: ø", "Lodz_Strasse_o"),
        ("../../etc/passwd", "etc_passwd"),
        ("  ", ""),
    ],
)
def test_slug(text, expected):
    assert slug(text) == expected


def test_short_name_only_before_a_colon_and_short():
    assert short_name("SparseGPT: Massive Language Models Can Be Accurately Pruned") == "SparseGPT"
    assert short_name("Deja Vu: Contextual Sparsity") == "Deja Vu"
    assert short_name("Attention Is All You Need") is None
    assert short_name("A very long lead in before: the colon") is None


def test_unique_id_order_of_sources_and_clashes():
    assert unique_id(Paper(id="", abbr="Wanda", title="X: y"), set()) == "Wanda"
    assert unique_id(Paper(id="", title="QLoRA: Efficient Finetuning"), {"qlora"}) == "QLoRA_2"
    assert unique_id(
        Paper(id="", title="Attention Is All You Need", url="https://arxiv.org/abs/1706.03762"), set()
    ) == ("1706_03762")
    assert unique_id(Paper(id="", title="Attention Is All You Need Really Truly"), set()) == "attention_is_all_you_need"
    assert unique_id(Paper(id=""), set()) == "paper"
