"""What a venue is (preprint, journal or conference) and its short name.

BibTeX and CSL-JSON need the kind (``@article`` or ``@inproceedings``); the
importers need the short name a curator writes ("NeurIPS", not "Advances in
Neural Information Processing Systems 36").  Both are guesses from names, kept
as data here so that a venue is added in one line.
"""

from __future__ import annotations

import re

PREPRINT = "preprint"
JOURNAL = "journal"
CONFERENCE = "conference"

PREPRINT_SERVERS = {"arxiv", "biorxiv", "medrxiv", "chemrxiv", "ssrn", "openreview", "corr"}
JOURNALS = {
    "jmlr",
    "tmlr",
    "tpami",
    "tacl",
    "nature",
    "science",
    "pnas",
    "ijcv",
    "tnnls",
    "tkde",
    "tocs",
    "cacm",
    "vldb",
}
JOURNAL_WORDS = re.compile(r"\b(journal|transactions|letters|review|magazine|nature|science)\b", re.IGNORECASE)

# Long names (as Crossref, DBLP and BibTeX files spell them) and the short name lists use.
SHORT_NAMES = [
    (r"neural information processing systems|\bneurips\b|\bnips\b", "NeurIPS"),
    (r"international conference on machine learning|\bicml\b", "ICML"),
    (r"international conference on learning representations|\biclr\b", "ICLR"),
    (r"computer vision and pattern recognition|\bcvpr\b", "CVPR"),
    (r"international conference on computer vision|\biccv\b", "ICCV"),
    (r"european conference on computer vision|\beccv\b", "ECCV"),
    (r"findings of the association for computational linguistics: emnlp|findings of emnlp", "EMNLP Findings"),
    (r"findings of the association for computational linguistics", "ACL Findings"),
    (r"empirical methods in natural language processing|\bemnlp\b", "EMNLP"),
    (r"north american chapter of the association for computational linguistics|\bnaacl\b", "NAACL"),
    (r"annual meeting of the association for computational linguistics|\bacl\b", "ACL"),
    (r"aaai conference on artificial intelligence|\baaai\b", "AAAI"),
    (r"international joint conference on artificial intelligence|\bijcai\b", "IJCAI"),
    (r"conference on machine learning and systems|\bmlsys\b", "MLSys"),
    (r"operating systems design and implementation|\bosdi\b", "OSDI"),
    (r"symposium on operating systems principles|\bsosp\b", "SOSP"),
    (r"architectural support for programming languages|\basplos\b", "ASPLOS"),
    (r"international symposium on computer architecture|\bisca\b", "ISCA"),
    (r"international symposium on microarchitecture|\bmicro\b", "MICRO"),
    (r"high performance computing, networking, storage|\bsc\d*\b", "SC"),
    (r"usenix annual technical conference|\batc\b", "ATC"),
    (r"journal of machine learning research|\bjmlr\b", "JMLR"),
    (r"transactions on machine learning research|\btmlr\b", "TMLR"),
    (r"knowledge discovery and data mining|\bkdd\b", "KDD"),
    (r"conference on language modeling|\bcolm\b", "COLM"),
    (r"^arxiv\b|\barxiv preprint\b|^corr$", "arXiv"),
]
_SHORT = [(re.compile(pattern, re.IGNORECASE), short) for pattern, short in SHORT_NAMES]
_ACRONYM_IN_PARENTHESES = re.compile(r"\(([A-Z][A-Za-z]*[A-Z])(?:[\s'’-]*\d{2,4})?\)")


def short_venue(name: str | None) -> str | None:
    """The short name of a venue given in full ("Proceedings of ... (OSDI 16)" -> "OSDI")."""
    if not name:
        return None
    name = " ".join(name.split())
    for pattern, short in _SHORT:
        if pattern.search(name):
            return short
    acronym = _ACRONYM_IN_PARENTHESES.search(name)
    return acronym.group(1) if acronym else name


def venue_kind(venue: str | None) -> str:
    """PREPRINT, JOURNAL or CONFERENCE: what kind of venue ``venue`` names."""
    words = (venue or "").strip().lower()
    if not words or words in PREPRINT_SERVERS:
        return PREPRINT
    if words in JOURNALS or JOURNAL_WORDS.search(words):
        return JOURNAL
    return CONFERENCE
