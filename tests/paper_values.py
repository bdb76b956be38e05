"""Paper values the tests share: a real metadata file's text, a vocabulary, and any paper (hypothesis)."""

from __future__ import annotations

from hypothesis import strategies as st

from papershelf.core.model import Paper

VOCABULARY = ("sparse_pruning", "quantization", "kv_cache")

SPARSEGPT = """\
paper {
  title: "SparseGPT: Massive Language Models Can be Accurately Pruned in One-Shot"
  abbr: "SparseGPT"
  url: "https://arxiv.org/abs/2301.00774"
  authors: "Elias Frantar"
  authors: "Dan Alistarh"
  institutions: "IST Austria"
}
pub {
  where: "ICML"
  year: 2023
}
code {
  type: "Pytorch"
  url: "https://github.com/IST-DASLab/sparsegpt"
}
note {
  url: ""
}
keyword {
  words: sparse_pruning
  words: quantization
}
cover {
  url: "cover.jpg"
}
baseline {
  methods: "magnitude pruning"
}
update_time: 1700000000
rating: 5
"""

names = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
optional_text = st.none() | names
papers = st.builds(
    Paper,
    id=st.just("p"),
    title=optional_text,
    abbr=optional_text,
    url=optional_text,
    authors=st.lists(names, max_size=4).map(tuple),
    institutions=st.lists(names, max_size=3).map(tuple),
    venue=optional_text,
    year=st.none() | st.integers(-(2**31), 2**31 - 1),
    code_type=optional_text,
    code_url=optional_text,
    note_url=optional_text,
    keywords=st.lists(st.sampled_from(VOCABULARY), max_size=3).map(tuple),
    cover_url=optional_text,
    baseline=st.lists(names, max_size=3).map(tuple),
    update_time=st.none() | st.integers(0, 2**40),
    rating=st.none() | st.integers(1, 5),
)
