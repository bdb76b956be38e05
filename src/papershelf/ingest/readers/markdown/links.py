"""What a link on a list page is: the paper, its code, or something else.

A paper link goes to a paper host (arXiv, OpenReview, the ACL Anthology, a
DOI, a publisher's proceedings) or is labelled as one (``[pdf]``,
``[Paper]``); a code link is labelled so (``[Code]``, ``[GitHub]``) or wraps a
stars badge.  A link's label is a "link word" when it names the kind of link
rather than the paper: such a label is never a title.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from papershelf.ingest.readers.markdown.inline import Piece, stars_repository

PAPER_HOSTS = (
    "arxiv.org",
    "openreview.net",
    "aclanthology.org",
    "aclweb.org",
    "doi.org",
    "dl.acm.org",
    "ieeexplore.ieee.org",
    "proceedings.neurips.cc",
    "papers.nips.cc",
    "neurips.cc",
    "proceedings.mlr.press",
    "openaccess.thecvf.com",
    "ojs.aaai.org",
    "aaai.org",
    "ijcai.org",
    "link.springer.com",
    "sciencedirect.com",
    "usenix.org",
    "mlsys.org",
    "ecva.net",
    "jmlr.org",
    "nature.com",
    "science.org",
    "semanticscholar.org",
    "iclr.cc",
    "icml.cc",
    "vldb.org",
    "biorxiv.org",
    "pnas.org",
)
PAPER_WORDS = {"paper", "pdf", "arxiv", "openreview", "abs", "html", "doi", "acl", "preprint", "proceedings"}
CODE_WORDS = {"code", "github", "repo", "repository", "implementation", "pytorch", "tensorflow", "jax", "official"}
OTHER_WORDS = {
    "link", "project", "blog", "url", "here", "page", "website", "demo", "slides", "slide", "video", "homepage",
    "model", "models", "dataset", "data", "poster", "talk", "weights", "huggingface", "hf", "zhihu", "知乎", "note",
    "notes", "star", "stars", "bibtex", "citation", "leaderboard", "ppt", "unofficial", "tweet", "twitter", "x",
    "reddit", "news", "report", "docs", "doc", "api", "colab", "notebook", "kaggle", "benchmark", "webpage",
}  # fmt: skip
LINK_WORDS = PAPER_WORDS | CODE_WORDS | OTHER_WORDS
_WORD = re.compile(r"[a-z\u4e00-\u9fff]+")


def label(link: Piece) -> str:
    """A link's text folded for comparison: "[[Code (DeepSpeed)]]" -> "code (deepspeed)"."""
    return " ".join(link.text.strip(" []()`*_").lower().split())


def first_word(link: Piece) -> str:
    found = _WORD.search(label(link))
    return found.group(0) if found else ""


def is_link_word(link: Piece) -> bool:
    """Whether the link's text names the kind of link ("[Paper]", "Code (DeepSpeed)", "PyTorch(Author)")."""
    text = label(link)
    return not text or text in LINK_WORDS or first_word(link) in LINK_WORDS and len(text.split()) <= 3


def is_paper_url(href: str) -> bool:
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    host = parts.netloc.lower().removeprefix("www.")
    return parts.scheme in ("http", "https") and (
        any(host == h or host.endswith("." + h) for h in PAPER_HOSTS) or parts.path.lower().endswith(".pdf")
    )


def is_paper_link(link: Piece) -> bool:
    return link.kind == "link" and (is_paper_url(link.href) or first_word(link) in PAPER_WORDS and _web(link.href))


def code_url(link: Piece) -> str | None:
    """The repository a link points to as the paper's code, or None."""
    if link.kind == "image":
        return stars_repository(link.src)
    if link.kind != "link" or not _web(link.href):
        return None
    if link.src and stars_repository(link.src):
        return link.href if "github.com" in link.href else stars_repository(link.src)
    if first_word(link) in CODE_WORDS or "github.com/" in link.href and (is_link_word(link) or link.tagged):
        return link.href
    return None


def _web(href: str) -> bool:
    return href.startswith(("http://", "https://"))
