"""``papershelf graph`` and check's rule ``baseline``, on a list with EfficientPaper's faults: references
spelt otherwise than the files, a name with a dot, a cycle, an ambiguous and an unknown name."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from small_library import make_lineage_library


@pytest.fixture
def lineage_list(tmp_path):
    return make_lineage_library(tmp_path / "list")


def graph_json(root) -> dict:
    from papershelf.lineage import formats, run

    return json.loads(formats.as_json(run.run(root)))


def test_every_reference_that_names_a_paper_resolves_to_it(lineage_list):
    found = graph_json(lineage_list)
    edges = {(e["from"], e["to"], e["reference"]) for e in found["edges"]}
    assert edges == {
        ("sparsegpt", "obc", "2022/OBC"),
        ("sparsegpt", "llm-int8", "2022/LLM.int8()"),
        ("wanda", "sparsegpt", "2023/SparseGPT"),
        ("wanda", "obc", "2022/obc"),
        ("streaming-llm", "h2o", "2024/H2O"),
        ("h2o", "streaming-llm", "2024/StreamingLLM"),
        ("newer", "quest_attention", "2024/Quest"),
        ("newer", "wanda", "Wanda"),
    }
    assert all(e["kind"] == "baseline" for e in found["edges"])
    unresolved = {(u["paper"], u["reference"]): (u["why"], u["candidates"]) for u in found["unresolved"]}
    assert unresolved == {
        ("wanda", "magnitude"): ("unknown", []),
        ("newer", "Quest"): ("ambiguous", ["quest", "quest_attention"]),
        ("newer", "2023/SparsGPT"): ("unknown", ["sparsegpt"]),
    }


def test_families_and_what_builds_on_what(lineage_list):
    found = graph_json(lineage_list)
    nodes = {n["id"]: n for n in found["nodes"]}
    assert nodes["obc"]["built_on_by"] == 2 and nodes["obc"]["descendants"] == 3  # sparsegpt, wanda, newer
    assert nodes["sparsegpt"]["descendants"] == 2
    families = [set(f["members"]) for f in found["families"]]
    assert families[0] == {"obc", "llm-int8", "sparsegpt", "wanda", "newer", "quest_attention"}
    assert {"streaming-llm", "h2o"} in families  # the cycle is a family of its own
    first = found["families"][0]
    assert set(first["roots"]) == {"obc", "llm-int8", "quest_attention"}
    assert first["leaves"] == ["newer"]


def test_mermaid_draws_each_family_without_implied_edges_and_keeps_cycles(lineage_list):
    from papershelf.lineage import formats, run

    chart = formats.mermaid(run.run(lineage_list))
    assert chart.count("```mermaid") == 2
    first = chart.split("## Family 2")[0]
    names = {line.split("[")[0].strip(): line for line in first.splitlines() if '["' in line}
    by_label = {line.split('["')[1].split(" (")[0]: name for name, line in names.items()}
    obc, wanda, sparse = by_label["OBC"], by_label["Wanda"], by_label["SparseGPT"]
    assert f"{sparse} --> {wanda}" in first and f"{obc} --> {sparse}" in first
    assert f"{obc} --> {wanda}" not in first  # implied by OBC -> SparseGPT -> Wanda
    second = chart.split("## Family 2")[1]
    assert second.count("-->") == 2  # H2O and StreamingLLM name each other: both drawn


def test_dot_and_text(lineage_list):
    from papershelf.lineage import formats, run

    graph = run.run(lineage_list)
    drawn = formats.dot(graph)
    assert drawn.startswith("digraph lineage {") and '"obc" -> "sparsegpt"' in drawn
    summary = formats.text(graph)
    assert summary.startswith("8 baseline edges among 8 papers, in 2 families; 3 references")
    assert "meta/2025/newer.prototxt: 'Quest' (may be 2023/quest or 2024/quest_attention)" in summary


def test_check_reports_references_and_fix_writes_the_files_spelling(lineage_list):
    from papershelf import check

    findings = [f for f in check.run(lineage_list).findings if f.rule == "baseline"]
    said = {(f.path, f.message) for f in findings}
    assert ("meta/2024/wanda.prototxt", "baseline '2023/SparseGPT' is meta/2023/sparsegpt.prototxt under another "
            "spelling") in said  # fmt: skip
    assert ("meta/2024/wanda.prototxt", "baseline 'magnitude' names no paper of the list") in said
    assert ("meta/2025/newer.prototxt", "baseline 'Quest' may name any of 2 papers") in said
    typo = next(f for f in findings if "SparsGPT" in f.message)
    assert typo.fix == "did you mean '2023/sparsegpt'?" and typo.line == 12
    result = check.run(lineage_list, fix=True)
    assert "meta/2024/wanda.prototxt" in result.fixed
    text = (lineage_list / "meta/2024/wanda.prototxt").read_text()
    assert 'methods: "2023/sparsegpt"\n  methods: "2022/obc"\n  methods: "magnitude"' in text
    assert not any(f.fixable for f in result.findings if f.rule == "baseline")


def test_graph_on_the_command_line(lineage_list):
    done = subprocess.run([sys.executable, "-m", "papershelf", "graph", "-L", str(lineage_list), "--format", "json"],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["edges"]) == 8
