"""What a SOURCE given to ``papershelf add`` is."""

from __future__ import annotations

import pytest

from helpers import PDFS, write_paper
from papershelf.core.errors import PapershelfError
from papershelf.ingest.identify import ARXIV, BIBTEX, DOI, PDF, Source, identify
from recorded import CHEMCROW_DOI


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2306.11695", Source(ARXIV, "2306.11695")),
        ("2306.11695v2", Source(ARXIV, "2306.11695")),
        ("arXiv:2306.11695", Source(ARXIV, "2306.11695")),
        ("cs/0112017", Source(ARXIV, "cs/0112017")),
        ("math.CO/0112017v1", Source(ARXIV, "math.CO/0112017")),
        ("https://arxiv.org/abs/2306.11695v3", Source(ARXIV, "2306.11695")),
        ("http://arxiv.org/pdf/2306.11695.pdf", Source(ARXIV, "2306.11695")),
        ("10.1038/S42256-024-00832-8", Source(DOI, CHEMCROW_DOI)),
        ("https://doi.org/10.1038/s42256-024-00832-8", Source(DOI, CHEMCROW_DOI)),
        ("https://doi.org/10.48550/arXiv.2312.07559", Source(ARXIV, "2312.07559")),
    ],
)
def test_identify_sources(text, expected):
    assert identify(text) == expected


def test_identify_files_and_nonsense(tmp_path):
    write_paper(tmp_path, "refs.bib", "")
    assert identify(str(tmp_path / "refs.bib")) == Source(BIBTEX, str(tmp_path / "refs.bib"))
    with pytest.raises(PapershelfError, match="no such file"):
        identify(str(tmp_path / "missing.pdf"))
    with pytest.raises(PapershelfError, match="cannot tell what 'abc' is"):
        identify("abc")
    assert identify(str(PDFS / "arxiv_1111.2011v2.pdf")).kind == PDF if PDFS.is_dir() else True
