"""``papershelf stats`` against counts made by hand on the small library, and its SVG charts."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

from helpers import write_paper
from small_library import make_library


def test_the_counts_of_a_small_list(tmp_path):
    from papershelf.stats import run

    root = make_library(tmp_path / "list")
    write_paper(root, "meta/2025/preprint.prototxt", 'paper {\n  title: "A Preprint"\n}\npub {\n  where: "arXiv"\n'
                "  year: 2025\n}\n")  # fmt: skip
    found = run.run(root)
    assert found.papers == 6
    assert found.per_year == [(2022, 1), (2023, 2), (2024, 2), (2025, 1)]
    assert found.venues == [("ICLR", 2), ("arXiv", 1), ("ICML", 1), ("MLSys", 1), ("NeurIPS", 1)]  # NIPS: an alias
    assert found.keywords == [("Pruning", 3), ("Quantization", 3)]
    assert found.authors[:2] == [("Dan Alistarh", 2), ("Elias Frantar", 2)]
    assert (found.with_code, found.preprints) == (1, 1)
    assert found.recent_years == [2022, 2023, 2024, 2025]
    assert dict(found.keywords_by_year) == {"Pruning": [0, 1, 2, 0], "Quantization": [1, 1, 1, 0]}
    assert found.as_dict()["share_preprints"] == round(1 / 6, 4)


def test_the_command_prints_json_and_writes_charts(tmp_path):
    root = make_library(tmp_path / "list")
    charts = tmp_path / "charts"
    command = [sys.executable, "-m", "papershelf", "stats", "-L", str(root), "--format", "json", "--svg", str(charts)]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["papers"] == 5
    chart = ElementTree.parse(charts / "venues.svg").getroot()
    assert chart.tag == "{http://www.w3.org/2000/svg}svg"
    labels = [t.text for t in chart.iter("{http://www.w3.org/2000/svg}text")]
    assert labels[:3] == ["Top venues", "ICLR", "2"]
    text = subprocess.run(command[:6], capture_output=True, text=True).stdout
    assert text.startswith("5 papers; with code 1 (20 %); arXiv only 0 (0 %)\n")


CONFERENCES = """[
  {"name": "ICML 2027", "start": "2027-07-11", "end": "2027-07-17", "deadline": "2027-01-29 23:59", "level": "CCF-A"},
  {"name": "MLSys 2027", "date": "2027-05-12", "deadline": "2026-10-30", "level": "B"},
  {"name": "NeurIPS 2026", "start": "2026-12-06", "end": "2026-12-12", "level": "A"},
  {"name": "ICLR 2026", "start": "2026-04-23", "end": "2026-04-27"},
  {"title": "Far Away 2029", "date": "2029-01-01"}
]"""


def test_the_conference_timeline(tmp_path):
    from datetime import date

    from papershelf.stats import run

    root = make_library(tmp_path / "list")
    write_paper(root, "meta/search/conferences.json", CONFERENCES)
    found = run.run(root, today=date(2026, 12, 1))
    assert [c.name for c in found.conferences] == ["NeurIPS 2026", "ICML 2027", "MLSys 2027"]  # by next date
    text = run.as_text(found)
    assert "  ICML 2027 (CCF-A): deadline 2027-01-29, 2027-07-11 to 2027-07-17\n" in text
    assert found.as_dict()["conferences"][2] == {"name": "MLSys 2027", "start": "2027-05-12", "end": "2027-05-12",
                                                 "deadline": "2026-10-30", "level": "B"}  # fmt: skip
    written = run.write_charts(found, tmp_path / "charts", today=date(2026, 12, 1))
    chart = (tmp_path / "charts" / "conferences.svg").read_text()
    assert tmp_path / "charts" / "conferences.svg" in written
    assert chart.count("<rect ") == 3 and chart.count("<path ") == 1  # MLSys' deadline is past
    assert "ICML 2027 (CCF-A)" in chart


def test_a_broken_conferences_file_says_where(tmp_path):
    import pytest

    from papershelf.core.errors import PapershelfError
    from papershelf.stats import run

    root = make_library(tmp_path / "list")
    write_paper(root, "meta/search/conferences.json", '[{"name": "X", "date": "next spring"}]')
    with pytest.raises(PapershelfError, match=r"conferences.json, conference 1: 'next spring' is not a date"):
        run.run(root)
