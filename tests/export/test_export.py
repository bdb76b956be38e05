"""``papershelf export``: BibTeX, CSL-JSON, JSON and CSV that other tools read back."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import bibtexparser
import pytest
from bibtexparser import middlewares
from click.testing import CliRunner
from hypothesis import given, settings

from helpers import EXAMPLE, write_paper
from paper_values import papers as paper_values
from papershelf import cli, export
from papershelf.cache.loader import load_library
from papershelf.core.model import Paper
from papershelf.export import bibtex, citekeys, csl_json, json_model


@pytest.fixture(scope="module")
def example_papers():
    return load_library(EXAMPLE).papers


def parse_back(text: str):
    return bibtexparser.parse_string(text, append_middleware=[middlewares.LatexDecodingMiddleware()])


def test_bibtex_parses_back_with_every_title(example_papers):
    back = parse_back(bibtex.dumps(example_papers))
    assert not back.failed_blocks
    assert len(back.entries) == len(example_papers)
    assert [e["title"] for e in back.entries] == [p.title for p in example_papers]
    keys = [e.key for e in back.entries]
    assert len(set(keys)) == len(keys)
    assert "frantar2023sparsegpt" in keys


def test_bibtex_entry_types(example_papers):
    entries = {e.key: e for e in parse_back(bibtex.dumps(example_papers)).entries}
    preprint = entries["hinton2015distilling"]
    assert preprint.entry_type == "article"
    assert (preprint["journal"], preprint["eprint"], preprint["archivePrefix"]) == (
        "arXiv preprint arXiv:1503.02531",
        "1503.02531",
        "arXiv",
    )
    conference = entries["frantar2023sparsegpt"]
    assert (conference.entry_type, conference["booktitle"]) == ("inproceedings", "ICML")
    assert conference["note"] == "Code: https://github.com/IST-DASLab/sparsegpt"  # \\url{} is decoded on reading


def test_bibtex_escapes_latex_and_protects_capitals():
    paper = Paper(
        id="x",
        title="SparseGPT & 50% of {LLaMA}: Zürich_2 #1",
        authors=("Łukasz Kaiser", "Ludwig von Beethoven"),
        venue="ICML",
        year=2024,
        source="meta/x.prototxt",
    )
    text = bibtex.dumps([paper])
    assert text.startswith("@inproceedings{kaiser2024sparsegpt,")
    assert 'title = {{SparseGPT} {\\&} 50{\\%} of {\\{}{LLaMA}{\\}}: Z{\\"u}rich{\\_}2 {\\#}1}' in text
    assert "author = {Kaiser, {\\L}ukasz and von Beethoven, Ludwig}" in text
    entry = parse_back(text).entries[0]
    assert entry["title"] == paper.title  # every character comes back


def test_citation_keys_are_stable_when_papers_are_added():
    def paper(paper_id, updated):
        return Paper(
            id=paper_id,
            title="Sparse models",
            authors=("Ann Lee",),
            year=2024,
            update_time=updated,
            source=f"meta/{paper_id}.prototxt",
        )

    first, second = paper("b", 100), paper("c", 200)
    keys = citekeys.citation_keys([first, second])
    assert keys == {"meta/b.prototxt": "lee2024sparse", "meta/c.prototxt": "lee2024sparseb"}
    newer = paper("a", 300)  # sorts first by id, but joined last
    assert citekeys.citation_keys([newer, first, second]) == {**keys, "meta/a.prototxt": "lee2024sparsec"}


def test_csl_json_is_formatted_by_citeproc(example_papers):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(csl_json.dumps(example_papers))
    sparsegpt = next(i for i in items if i["id"] == "frantar2023sparsegpt")
    assert sparsegpt["type"] == "paper-conference"
    assert sparsegpt["author"] == [{"family": "Frantar", "given": "Elias"}, {"family": "Alistarh", "given": "Dan"}]
    assert sparsegpt["issued"] == {"date-parts": [[2023]]} and sparsegpt["container-title"] == "ICML"
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    assert any(r.startswith("Frantar, E. and Alistarh, D. (2023) “SparseGPT") for r in rendered), rendered[:3]


@settings(max_examples=60, deadline=None)
@given(paper_values)
def test_json_keeps_every_field(paper):
    paper = replace(paper, source="meta/2024/x.prototxt")
    (value,) = json.loads(json_model.dumps([paper]))
    lists = {"authors", "institutions", "keywords", "baseline"}
    fields = {name: tuple(v) if name in lists else v for name, v in value.items() if name != "file"}
    assert Paper(**fields, source=value["file"]) == paper
    assert value["file"] == "meta/2024/x.prototxt"
    assert set(value) == {*json_model.FIELDS, "file"}


def test_csv_rows(example_papers):
    rows = list(csv.DictReader(io.StringIO(export.FORMATS["csv"](example_papers))))
    assert len(rows) == len(example_papers)
    wanda = next(r for r in rows if r["id"] == "wanda")
    assert wanda["authors"] == "Mingjie Sun; Zhuang Liu; Anna Bair; J. Zico Kolter"
    assert (wanda["venue"], wanda["year"], wanda["file"]) == ("ICLR", "2024", "meta/2024/wanda.prototxt")


def test_export_is_deterministic_and_uses_aliases(tmp_path):
    write_paper(tmp_path, "papershelf.toml", '[aliases]\n"IST Austria" = ["IST"]\n')
    write_paper(tmp_path, "meta/b.prototxt", 'paper {\n  title: "B"\n  institutions: "IST"\n}\n')
    write_paper(tmp_path, "meta/a.prototxt", 'paper {\n  title: "A"\n}\n')
    first = export.run(tmp_path, "json").text
    assert [p["id"] for p in json.loads(first)] == ["a", "b"]
    assert json.loads(first)[1]["institutions"] == ["IST Austria"]
    assert export.run(tmp_path, "json").text == first


def test_cli_export(tmp_path):
    runner = CliRunner()
    out = tmp_path / "refs.bib"
    done = runner.invoke(cli.app, ["export", "--format", "bibtex", "-L", str(EXAMPLE), "--out", str(out)])
    assert done.exit_code == 0 and f"exported 47 paper(s) to {out}" in done.output
    assert out.read_text().startswith("@inproceedings{lecun1989optimal,")
    done = runner.invoke(cli.app, ["export", "--format", "csl-json", "-L", str(EXAMPLE)])
    assert done.exit_code == 0 and json.loads(done.stdout)[0]["id"] == "lecun1989optimal"
    done = runner.invoke(cli.app, ["export", "--format", "yaml", "-L", str(EXAMPLE)])
    assert done.exit_code == 2


def test_export_leaves_out_broken_files_and_says_so(tmp_path):
    write_paper(tmp_path, "meta/a.prototxt", 'paper {\n  title: "A"\n}\n')
    write_paper(tmp_path, "meta/broken.prototxt", 'paper {\n  title: "B\n')
    done = CliRunner().invoke(cli.app, ["export", "--format", "csv", "-L", str(tmp_path)])
    assert done.exit_code == 1
    assert "meta/broken.prototxt:2:10: String missing ending quote: '\"B' (left out)" in done.output


def test_citation_keys_are_unique_when_a_suffix_spells_another_papers_key():
    from papershelf.core.model import Paper
    from papershelf.export.citekeys import citation_keys

    chen = ("Wei Chen",)
    papers = [Paper(id=f"p{n}", title="LLM stuff", authors=chen, year=2024, source=f"m/p{n}") for n in range(20)]
    papers.append(Paper(id="q", title="LLMs everywhere", authors=("Wei Chen",), year=2024, source="m/q"))
    keys = citation_keys(papers)
    assert len(set(keys.values())) == len(papers)
    assert keys["m/q"] == "chen2024llms" and keys["m/p0"] == "chen2024llm"
