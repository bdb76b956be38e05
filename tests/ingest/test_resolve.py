"""From a SOURCE to paper drafts: venue and year of a journal ref."""

from __future__ import annotations

from papershelf.ingest import resolve


def test_journal_ref_venue():
    assert resolve.journal_venue("Phys. Rev. B 85, 115117 (2012)") == ("Phys. Rev. B", 2012)
    assert resolve.journal_venue("Advances in Neural Information Processing Systems 36 (NeurIPS 2023)") == (
        "NeurIPS",
        2023,
    )
