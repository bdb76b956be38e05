"""The code link of a paper, found in its abstract or its arXiv comment."""

from __future__ import annotations

import pytest

from helpers import API


def test_code_link_from_a_real_arxiv_comment(shared):
    feed = (API / "arxiv_api_search_testing_start0_max100.xml").read_text()
    comment = next(c for c in feed.split("<arxiv:comment")[1:] if "github.com" in c).split("</arxiv:comment>")[0]
    from papershelf.ingest.readers.code_links import code_url

    assert code_url(comment) == "https://github.com/ydecastro/super-resolution-testing"


@pytest.mark.parametrize(
    "text, url",
    [
        ("Code is available at https://github.com/IST-DASLab/sparsegpt.", "https://github.com/IST-DASLab/sparsegpt"),
        ("(code: github.com/mit-han-lab/llm-awq)", "https://github.com/mit-han-lab/llm-awq"),
        ("Models: https://huggingface.co/TheBloke/Llama-2-7B-GPTQ;", "https://huggingface.co/TheBloke/Llama-2-7B-GPTQ"),
        ("https://gitee.com/mindspore/models, and more", "https://gitee.com/mindspore/models"),
        ("see https://github.com/ alone", None),
        ("no code", None),
    ],
)
def test_code_links(text, url):
    from papershelf.ingest.readers.code_links import code_url

    assert code_url(text) == url
