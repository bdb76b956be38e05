"""What the importers' tests share: an empty library, and services over recorded real responses."""

from __future__ import annotations

import pytest

from helpers import write_paper
from recorded import ARXIV_FEEDS, ROUTES, services


@pytest.fixture
def library(tmp_path):
    (tmp_path / "meta").mkdir()
    write_paper(tmp_path, "papershelf.toml", '[keywords]\nquantum = "Quantum Matter"\nchemistry = "Chemistry"\n')
    return tmp_path


@pytest.fixture
def recorded(shared):
    return services(ARXIV_FEEDS, ROUTES)
