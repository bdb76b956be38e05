"""``papershelf check``: each rule on hand-made cases, and what it finds in the real list."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz

from helpers import write_paper
from papershelf import check
from papershelf.cache.loader import load_library
from papershelf.check.rules import stale_views
from papershelf.cli import app
from papershelf.core.dedupe import NEAR_TITLE
from papershelf.core.names import title_key
from papershelf.render import build

runner = CliRunner()


def paper(title="A Paper About Things", year=2023, venue="ICML", url="https://example.org/a", extra=""):
    return f'paper {{\n  title: "{title}"\n  url: "{url}"\n}}\npub {{\n  where: "{venue}"\n  year: {year}\n}}\n{extra}'


def findings(root, rule=None):
    return [f for f in check.run(root).findings if rule is None or f.rule == rule]


@pytest.fixture(scope="module")
def fixture_findings(fixture_library):
    return check.run(fixture_library).findings


def test_real_duplicate_found_and_threshold_justified(fixture_library, fixture_findings):
    duplicates = [f for f in fixture_findings if f.rule == "duplicate-paper"]
    assert [(f.path, f.severity) for f in duplicates] == [("meta/2024/Sparse-IFT.prototxt", "error")]
    assert "2303.11525" in duplicates[0].message
    papers = [p for p in load_library(fixture_library).papers]
    keys = [(p.source, title_key(p.title or "")) for p in papers]
    scores = {(a, b): fuzz.ratio(ka, kb) for i, (a, ka) in enumerate(keys) for b, kb in keys[:i]}
    duplicate_pair = ("meta/2024/Sparse-IFT.prototxt", "meta/2023/Sparse-IFT.prototxt")
    best_other = max(s for pair, s in scores.items() if pair != duplicate_pair)
    assert best_other < NEAR_TITLE <= scores[duplicate_pair]


def test_real_alias_groups(fixture_findings):
    groups = {f.message for f in fixture_findings if f.rule == "alias"}
    text = "\n".join(groups)
    for expected in [
        "'IST Austria', 'IST'",
        "'ETH Zurich', 'ETH Zürich'",
        "'NVIDIA', 'NVDIA'",
        "'University of Texas at Austin', 'The University of Texas at Austin'",
        "'Shanghai Jiao Tong University', 'Shanghai Jiaotong University'",
    ]:
        assert expected in text
    for distinct in ["KAUST", "ICLR oral", "ACL Findings", "inst1", "Google Research"]:
        assert distinct not in text
    assert len(groups) <= 16


def test_real_case_broken_links_are_fixed(fixture_library, tmp_path):
    library = tmp_path / "lib"
    shutil.copytree(fixture_library, library)
    links = [f for f in findings(library, "link") if f.severity == "error"]
    assert {f.path for f in links} == {"meta/2023/SparseViT.prototxt", "meta/2024/wanda.prototxt"}
    before = build.render(load_library(library), "efficientpaper-2025-06")
    result = check.run(library, fix=True)
    assert "meta/2024/wanda.prototxt" in result.fixed
    assert not [f for f in result.findings if f.rule in ("link", "duplicate-name") and f.severity == "error"]
    assert build.render(load_library(library), "efficientpaper-2025-06") == before  # same links, now exact


@pytest.mark.parametrize(
    "data",
    [
        b'paper {\n  title: "Trunc',
        bytes(range(256)),
        b'pub {\n  year: "twenty"\n}\n',
        b"paper {\n" * 200,
        b'paper {\n  title: "' + b"x" * 2_000_000 + b'"\n}\n',
        b'paper {\n  title: "ok"\n}\nbogus_field: 1\n',
    ],
    ids=["truncated", "binary", "wrong-type", "deep-nesting", "huge-string", "unknown-field"],
)
def test_broken_files_give_a_parse_finding(tmp_path, data):
    (tmp_path / "meta").mkdir()
    (tmp_path / "meta" / "broken.prototxt").write_bytes(data)
    found = findings(tmp_path)
    assert [(f.path, f.rule, f.severity) for f in found] == [("meta/broken.prototxt", "parse", "error")]


def test_required_url_layout(tmp_path):
    write_paper(tmp_path, "meta/2023/notitle.prototxt", paper(title=""))
    write_paper(tmp_path, "meta/2023/future.prototxt", paper(title="From the future", year=2999))
    write_paper(tmp_path, "meta/2023/novenue.prototxt", paper(title="Nowhere", venue=""))
    write_paper(tmp_path, "meta/2023/badurl.prototxt", paper(title="Bad url", url="htp:/nowhere"))
    write_paper(tmp_path, "meta/2023/badarxiv.prototxt", paper(title="Bad id", url="https://arxiv.org/abs/12.3"))
    write_paper(tmp_path, "meta/2022/moved.prototxt", paper(title="Filed under 2022"))
    write_paper(tmp_path, "meta/2023/has space.prototxt", paper(title="Unsafe id"))
    got = {(f.path.split("/")[-1], f.rule, f.line) for f in findings(tmp_path)}
    assert ("notitle.prototxt", "required", 2) in got
    assert ("future.prototxt", "required", 7) in got
    assert ("novenue.prototxt", "required", 6) in got
    assert ("badurl.prototxt", "url", 3) in got
    assert ("badarxiv.prototxt", "url", 3) in got
    assert ("moved.prototxt", "layout", 7) in got
    assert ("has space.prototxt", "layout", 1) in got


def test_duplicates_by_arxiv_version_and_doi_forms(tmp_path):
    write_paper(tmp_path, "meta/2023/a.prototxt", paper(title="One", url="https://arxiv.org/abs/2301.00774v1"))
    write_paper(tmp_path, "meta/2023/b.prototxt", paper(title="Two", url="http://arxiv.org/pdf/2301.00774v3.pdf"))
    write_paper(tmp_path, "meta/2023/c.prototxt", paper(title="Three", url="https://doi.org/10.1145/ABC.123"))
    write_paper(tmp_path, "meta/2023/d.prototxt", paper(title="Four", url="https://dl.acm.org/doi/10.1145/abc.123"))
    write_paper(tmp_path, "meta/2023/e.prototxt", paper(title="{S}parse\\\\emph{GPT}: Pruning, in One Shot!"))
    write_paper(tmp_path, "meta/2023/f.prototxt", paper(title="SparseGPT -- pruning in one shot"))
    got = {(f.path, f.severity) for f in findings(tmp_path, "duplicate-paper")}
    assert got == {
        ("meta/2023/b.prototxt", "error"),
        ("meta/2023/d.prototxt", "error"),
        ("meta/2023/f.prototxt", "error"),
    }


def test_duplicate_names_fixed(tmp_path):
    extra = ""
    write_paper(
        tmp_path,
        "meta/2023/a.prototxt",
        paper(extra=extra).replace(
            '  url: "https://example.org/a"\n',
            '  url: "https://example.org/a"\n  authors: "Ann Lee"\n  authors: "Bo Li"\n  authors: "Ann  Lee"\n'
            '  institutions: "MIT"\n  institutions: "MIT"\n',
        ),
    )
    found = findings(tmp_path, "duplicate-name")
    assert [(f.line, f.fixable) for f in found] == [(6, True), (8, True)]
    check.run(tmp_path, fix=True)
    fixed = load_library(tmp_path).papers[0]
    assert fixed.authors == ("Ann Lee", "Bo Li") and fixed.institutions == ("MIT",)


def test_aliases_config_is_honoured_by_build_and_fixed_by_check(tmp_path):
    write_paper(tmp_path, "meta/2023/a.prototxt", paper(title="A", extra=""))
    write_paper(
        tmp_path,
        "meta/2023/b.prototxt",
        paper(title="B").replace(
            '  url: "https://example.org/a"\n', '  url: "https://example.org/b"\n  institutions: "IST"\n'
        ),
    )
    write_paper(
        tmp_path,
        "meta/2023/c.prototxt",
        paper(title="C").replace(
            '  url: "https://example.org/a"\n',
            '  url: "https://example.org/c"\n  institutions: "IST Austria"\n',
        ),
    )
    assert 'add to [aliases] in papershelf.toml: "IST Austria" = ["IST"]' in findings(tmp_path, "alias")[0].fix
    (tmp_path / "papershelf.toml").write_text('[aliases]\n"IST Austria" = ["IST"]\n')
    build.run(tmp_path)
    institutions = (tmp_path / "cls_institution.md").read_text()
    assert "## IST Austria (2)" in institutions and "## IST (" not in institutions
    variant = findings(tmp_path, "alias")
    assert [(f.path, f.fixable) for f in variant] == [("meta/2023/b.prototxt", True)]
    check.run(tmp_path, fix=True)
    assert load_library(tmp_path).papers[1].institutions == ("IST Austria",)
    assert findings(tmp_path, "alias") == []


def test_stale_views(tmp_path):
    write_paper(tmp_path, "meta/2023/a.prototxt", paper())
    assert findings(tmp_path, "stale-views") == []  # never built: nothing to keep current
    build.run(tmp_path)
    assert findings(tmp_path, "stale-views") == []
    write_paper(tmp_path, "meta/2023/b.prototxt", paper(title="Another one", url="https://example.org/b"))
    stale = findings(tmp_path, "stale-views")
    assert {f.path for f in stale} >= {"README.md", "cls_year.md"} and stale[0].severity == "error"
    build.run(tmp_path)
    assert findings(tmp_path, "stale-views") == []


def test_cli_formats_and_exit_codes(tmp_path):
    write_paper(tmp_path, "meta/2023/a.prototxt", paper())
    clean = runner.invoke(app, ["check", "-L", str(tmp_path)])
    assert clean.exit_code == 0 and "0 error(s), 0 warning(s)" in clean.stderr
    write_paper(tmp_path, "meta/2022/b.prototxt", paper(title="Other", url="https://example.org/b"))
    warned = runner.invoke(app, ["check", "-L", str(tmp_path)])
    assert warned.exit_code == 0 and "[layout]" in warned.stdout
    assert runner.invoke(app, ["check", "-L", str(tmp_path), "--strict"]).exit_code == 1
    write_paper(tmp_path, "meta/2023/c.prototxt", paper(title=""))
    as_json = runner.invoke(app, ["check", "-L", str(tmp_path), "--format", "json"])
    assert as_json.exit_code == 1
    objects = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert {"path", "line", "rule", "severity", "message", "fix", "fixable"} == set(objects[0])
    github = runner.invoke(app, ["check", "-L", str(tmp_path), "--format", "github"])
    assert "::error file=meta/2023/c.prototxt,line=2,title=required::the paper has no title" in github.stdout
    assert runner.invoke(app, ["check", "-L", str(tmp_path / "nope")]).exit_code == 2


def test_stale_views_follow_the_style_of_an_unconfigured_efficientpaper_list(fixture_library, tmp_path):
    library = tmp_path / "lib"
    shutil.copytree(fixture_library, library)
    build.run(library, style="efficientpaper")
    assert findings(library, "stale-views") == []  # no style configured: the views' own style
    (library / "papershelf.toml").write_text(
        (library / "papershelf.toml").read_text() + '\n[build]\nstyle = "papershelf"\n'
    )
    assert len(findings(library, "stale-views")) == 6


def test_alias_finds_a_word_ending_changed_and_a_misspelled_common_word(tmp_path):
    names = {
        "a": "Shanghai Institute of Advanced Study",
        "b": "Shanghai Institution of Advanced Study",
        "c": "Univeristy of Sydney",
        "d": "Technische Universität München",
        "e": "KAIST",
        "f": "Université Paris Cité",
    }
    for stem, institution in names.items():
        extra = f'  institutions: "{institution}"\n'
        text = paper(title=f"Paper {stem}", url=f"https://example.org/{stem}").replace("}\npub", extra + "}\npub", 1)
        write_paper(tmp_path, f"meta/2023/{stem}.prototxt", text)
    found = {f.message: f for f in findings(tmp_path, "alias")}
    assert set(found) == {
        "institution spellings 'Shanghai Institution of Advanced Study', 'Shanghai Institute of Advanced Study'"
        " look like one institution",
        "institution 'Univeristy of Sydney': 'Univeristy' looks like a misspelling of 'University'",
    }
    misspelled = found["institution 'Univeristy of Sydney': 'Univeristy' looks like a misspelling of 'University'"]
    assert misspelled.path == "meta/2023/c.prototxt" and misspelled.line == 4
    assert misspelled.fix.startswith("write 'University of Sydney'")


def test_views_a_build_record_vouches_for_are_not_rendered_again_and_a_hand_edit_is_seen(tmp_path, monkeypatch):
    write_paper(tmp_path, "meta/2023/a.prototxt", paper())
    build.run(tmp_path)
    monkeypatch.setattr(stale_views, "render", lambda *a: pytest.fail("rendered"))
    assert findings(tmp_path, "stale-views") == []
    monkeypatch.undo()
    with (tmp_path / "cls_year.md").open("a", encoding="utf-8") as view:
        view.write("a line added by hand\n")
    assert [f.path for f in findings(tmp_path, "stale-views")] == ["cls_year.md"]


def test_rules_on_two_cores_find_what_one_core_finds(tmp_path, speedups, monkeypatch):
    from papershelf.check import runner
    from papershelf.core import speed

    write_paper(tmp_path, "meta/2023/a.prototxt", paper(title="One", url="https://arxiv.org/abs/2301.00774v1"))
    write_paper(tmp_path, "meta/2023/b.prototxt", paper(title="Two", url="http://arxiv.org/pdf/2301.00774v3.pdf"))
    write_paper(tmp_path, "meta/2023/c.prototxt", paper(title="Bad url", url="htp:/nowhere"))
    twice = paper(title="Three").replace('  url: "https://example.org/a"\n', '  url: "https://e.org/c"\n'
                                          '  institutions: "MIT"\n  institutions: "MIT"\n')  # fmt: skip
    write_paper(tmp_path, "meta/2023/d.prototxt", twice)
    monkeypatch.setattr(runner, "BESIDE_FROM", 0)
    split = check.run(tmp_path).findings
    speed.disable()
    alone = check.run(tmp_path).findings
    assert split == alone
    assert {f.rule for f in split} >= {"duplicate-paper", "url", "duplicate-name"}
    speed.enable()
    assert check.run(tmp_path, fix=True).fixed == ["meta/2023/d.prototxt"]
