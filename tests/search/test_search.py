"""``papershelf search`` and ``list``: ranking, query syntax, filters through aliases, facets, freshness."""

from __future__ import annotations

import json
import os
import shutil
import stat

import pytest
from click.testing import CliRunner

from helpers import write_paper
from papershelf.cache.loader import LibraryReader
from papershelf.cli import app
from papershelf.core.errors import PapershelfError
from papershelf.search import engine as search
from papershelf.search import listing
from papershelf.search.query import Filters, parse_years
from papershelf.search.ranking import RANKING
from papershelf.search.tables import open_for_search, sync

runner = CliRunner()

CONFIG = """\
[keywords]
quantization = "Quantization"
kv_cache = "KV Cache"
pruning = "Pruning and Sparsity"

[aliases]
"IST Austria" = ["Institute of Science and Technology Austria"]
"NeurIPS" = ["NIPS"]
"Dan Alistarh" = ["D. Alistarh"]
"""


def paper(title, year, venue, authors, institutions, keywords, code="", note="", update=None):
    lines = ["paper {", f'  title: "{title}"', f'  authors: "{authors}"']
    lines += [f'  institutions: "{i}"' for i in institutions]
    lines += ["}", "pub {", f'  where: "{venue}"', f"  year: {year}", "}"]
    if code:
        lines += ["code {", f'  url: "{code}"', "}"]
    if note:
        lines += ["note {", f'  url: "{note}"', "}"]
    lines += ["keyword {", *(f"  words: {k}" for k in keywords), "}"]
    if update:
        lines.append(f"update_time: {update}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def library(tmp_path):
    root = tmp_path / "lib"
    write_paper(root, "papershelf.toml", CONFIG)
    papers = {
        "gptq": paper(
            "GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers",
            2023,
            "ICLR",
            "Elias Frantar, D. Alistarh",
            ["IST Austria"],
            ["quantization"],
            code="https://github.com/x/gptq",
            update=300,
        ),
        "sparsegpt": paper(
            "SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot",
            2023,
            "ICML",
            "Elias Frantar, Dan Alistarh",
            ["Institute of Science and Technology Austria"],
            ["pruning"],
            note="note.md",
            update=100,
        ),
        "kivi": paper(
            "KIVI: A Tuning-Free Asymmetric 2bit Quantization for KV Cache",
            2024,
            "ICML",
            "Zirui Liu",
            ["Rice University"],
            ["quantization", "kv_cache"],
            code="https://github.com/x/kivi",
        ),
        "deep_compression": paper(
            "Deep Compression: Compressing Deep Neural Networks",
            2016,
            "NIPS",
            "Song Han",
            ["Stanford University"],
            ["pruning"],
            update=200,
        ),
    }
    for name, text in papers.items():
        year = text.split("year: ")[1].split("\n")[0]
        write_paper(root, f"meta/{year}/{name}.prototxt", text)
    write_paper(root, "notes/2023/sparsegpt/note.md", "Our reading group found the kv cache discussion useful.\n")
    return root


def ids(found):
    return [hit.paper.id for hit in found.hits]


def test_prefix_phrase_and_words(library):
    assert set(ids(search.run(library, "quant*"))) == {"gptq", "kivi"}
    assert ids(search.run(library, '"kv cache"'))[0] == "kivi"
    assert ids(search.run(library, "GPT-4")) == []  # a word with a dash is a phrase, not a syntax error
    assert set(ids(search.run(library, "compression OR sparsegpt"))) == {"deep_compression", "sparsegpt"}
    assert ids(search.run(library, "title:pruned")) == ["sparsegpt"]


def test_title_weighs_more_than_a_note(library):
    found = search.run(library, '"kv cache"')
    assert ids(found) == ["kivi", "sparsegpt"]  # in kivi's title; only in sparsegpt's note
    assert found.hits[0].score < found.hits[1].score


def test_authors_institutions_venues_and_accents_are_searched(library):
    assert set(ids(search.run(library, "frantar"))) == {"gptq", "sparsegpt"}
    assert ids(search.run(library, "rice")) == ["kivi"]
    assert ids(search.run(library, "iclr")) == ["gptq"]


def test_filters_go_through_aliases(library):
    ist = search.run(library, "frantar", Filters(institutions=("IST Austria",)))
    assert set(ids(ist)) == {"gptq", "sparsegpt"}  # one spells it out
    assert set(ids(listing.run(library, Filters(authors=("Dan Alistarh",))))) == {"gptq", "sparsegpt"}
    assert ids(listing.run(library, Filters(venues=("NeurIPS",)))) == ["deep_compression"]  # filed as NIPS
    assert ids(listing.run(library, Filters(venues=("neurips", "ICLR")), sort="title")) == ["deep_compression", "gptq"]


def test_other_filters(library):
    assert ids(listing.run(library, Filters(keywords=("KV Cache",)))) == ["kivi"]  # by label
    assert set(ids(listing.run(library, Filters(keywords=("quantization",), has_code=True)))) == {"gptq", "kivi"}
    assert ids(listing.run(library, Filters(years=parse_years("2024..")))) == ["kivi"]
    assert set(ids(listing.run(library, Filters(years=parse_years("2016..2023"), has_code=True)))) == {"gptq"}
    assert ids(listing.run(library, Filters(keywords=("quantization", "kv_cache")))) == ["kivi"]  # both


@pytest.mark.parametrize("text", ["20x", "2025..2023", "..", "", "2023...2024"])
def test_bad_year_ranges_are_usage_errors(text):
    with pytest.raises(PapershelfError):
        parse_years(text)


def test_sorts(library):
    assert ids(listing.run(library)) == ["kivi", "gptq", "sparsegpt", "deep_compression"]
    assert ids(listing.run(library, sort="title")) == ["deep_compression", "gptq", "kivi", "sparsegpt"]
    assert ids(listing.run(library, sort="updated")) == ["gptq", "deep_compression", "sparsegpt", "kivi"]
    assert ids(listing.run(library, sort="venue"))[:2] == ["gptq", "kivi"]  # ICLR, then ICML newest first
    found = listing.run(library, limit=2)
    assert (len(found.hits), found.total) == (2, 4)


def test_facets_count_matching_papers_by_display_name(library):
    found = search.run(library, "frantar OR compression", facets=True)
    assert found.facets["year"] == [("2023", 2), ("2016", 1)]
    assert found.facets["institution"][0] == ("IST Austria", 2)  # two spellings, one institution
    assert dict(found.facets["venue"]) == {"ICLR": 1, "ICML": 1, "NeurIPS": 1}
    assert dict(found.facets["keyword"]) == {"Pruning and Sparsity": 2, "Quantization": 1}


def test_facets_count_a_paper_once_per_name_and_filters_narrow_them(library):
    twice = paper("Sparse Mixture", 2024, "ICML", "A B", ["Rice University", "The Rice University"], ["pruning"])
    write_paper(library, "meta/2024/twice.prototxt", twice)
    found = search.run(library, "rice", facets=True)
    assert found.facets["institution"] == [("Rice University", 2)]  # "The Rice University" is the same key
    found = listing.run(library, Filters(venues=("ICML",)), facets=True)
    assert found.facets["venue"] == [("ICML", 3)] and found.facets["year"] == [("2024", 2), ("2023", 1)]
    found = search.run(library, "sparse OR quantization", Filters(has_code=True), facets=True)
    assert found.total == 2 and found.facets["keyword"] == [("Quantization", 2), ("KV Cache", 1)]


def test_facets_leave_the_ranking_and_the_total_as_they_are(library):
    plain = search.run(library, "frantar OR compression OR kv", limit=2)
    faceted = search.run(library, "frantar OR compression OR kv", limit=2, facets=True)
    assert ids(faceted) == ids(plain) and faceted.total == plain.total == 4
    assert [hit.score for hit in faceted.hits] == [hit.score for hit in plain.hits]
    with pytest.raises(PapershelfError, match="syntax error"):
        search.run(library, "a AND (", facets=True)


def test_an_open_index_sees_what_another_command_indexed(library):
    """A process that keeps the index open (a server) sees in results and facets what another one synced."""
    with LibraryReader(library, database=True) as reader:
        reader.refresh()
        sync(reader.cache)
        before = search.search(reader.cache, reader.config, "frantar", Filters(), 20, True)
        assert before.facets["venue"] == [("ICLR", 1), ("ICML", 1)]
        write_paper(library, "meta/2025/obc.prototxt", paper("OBC", 2025, "ICLR", "Elias Frantar", ["X"], []))
        assert ids(search.run(library, "obc")) == ["obc"]
        after = search.search(reader.cache, reader.config, "frantar", Filters(), 20, True)
    assert after.total == 3 and after.facets["venue"] == [("ICLR", 2), ("ICML", 1)]
    assert after.facets["year"] == [("2025", 1), ("2023", 2)]


def test_changes_are_seen_by_the_next_search(library):
    assert ids(search.run(library, "mixture")) == []
    write_paper(library, "meta/2024/moe.prototxt", paper("Mixture of Experts", 2024, "ICLR", "A B", ["X"], []))
    assert ids(search.run(library, "mixture")) == ["moe"]
    (library / "meta/2024/moe.prototxt").unlink()
    assert ids(search.run(library, "mixture")) == []
    note = library / "notes/2023/sparsegpt/note.md"
    note.write_text("Now about speculative decoding.\n", "utf-8")
    os.utime(note, ns=(note.stat().st_atime_ns, note.stat().st_mtime_ns + 10**9))
    assert ids(search.run(library, "speculative")) == ["sparsegpt"]


def test_a_note_written_later_is_found(library):
    text = (library / "meta/2024/kivi.prototxt").read_text("utf-8")
    write_paper(library, "meta/2024/kivi.prototxt", text + 'note {\n  url: "note.md"\n}\n')
    assert ids(search.run(library, "asymmetric")) == ["kivi"]
    write_paper(library, "notes/2024/kivi/note.md", "The residual length matters.\n")
    assert ids(search.run(library, "residual")) == ["kivi"]


def test_a_read_only_library_is_searched_in_memory(library):
    mode = library.stat().st_mode
    library.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        found = search.run(library, "frantar", facets=True)
        assert set(ids(found)) == {"gptq", "sparsegpt"} and found.facets["year"] == [("2023", 2)]
    finally:
        library.chmod(mode)
    assert not (library / ".papershelf").exists()


def test_cli_formats_and_exit_codes(library):
    done = runner.invoke(app, ["search", "quant*", "-L", str(library), "--format", "json", "--facets"])
    assert done.exit_code == 0
    data = json.loads(done.stdout)
    assert data["total"] == 2 and {r["id"] for r in data["results"]} == {"gptq", "kivi"}
    assert data["facets"]["keyword"][0] == {"value": "Quantization", "count": 2}
    done = runner.invoke(app, ["list", "-L", str(library), "--format", "ids", "--sort", "title"])
    assert done.stdout == "deep_compression\ngptq\nkivi\nsparsegpt\n"
    done = runner.invoke(app, ["search", "quantization", "-L", str(library), "--limit", "1"])
    assert done.exit_code == 0 and done.stdout.endswith("1 of 2 papers matching 'quantization'\n")


@pytest.mark.parametrize(
    ("query", "message"),
    [("zebra", "no paper matches 'zebra'"), ('"kv cache', "a quote is not closed"), ("a AND (", "syntax error")],
)
def test_no_match_exits_1_and_a_malformed_query_2(library, query, message):
    done = runner.invoke(app, ["search", query, "-L", str(library)])
    assert done.exit_code == (1 if query == "zebra" else 2)
    assert message in done.stderr and "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1


def test_two_halves_rank_and_count_as_one_query_does(library):
    """The lower and upper halves of the ids, ranked apart and merged, give SQLite's own order and count."""
    words = ["sparse", "quantized", "cache", "attention", "decoding"]
    for n in range(40):
        title = " ".join(words[(n * k) % 5] for k in range(1, 2 + n % 4))
        text = paper(f"{title} {n}", 2020 + n % 5, "ICML", "A. Author", ["Lab"], ["pruning"], code="x" * (n % 2))
        write_paper(library, f"meta/2020/p{n}.prototxt", text)
    cases = [("sparse", Filters()), ("cache OR attention", Filters()), ("decoding", Filters(has_code=True))]
    with open_for_search(library) as (index, config):
        for query, filters in cases:
            where = " AND f.has_code = 1" if filters.has_code else ""
            expected = index.db.execute(
                f"SELECT s.rowid FROM search_text s JOIN search_facts f ON f.id = s.rowid"
                f" WHERE search_text MATCH ?{where} ORDER BY {RANKING}, s.rowid",
                [query],
            ).fetchall()
            expected = [paper_id for (paper_id,) in expected]
            for limit in (None, 3, 100):
                found = search.search(index, config, query, filters, limit, False)
                shown = [
                    index.db.execute("SELECT id FROM search_facts WHERE path = ?", [hit.paper.source]).fetchone()[0]
                    for hit in found.hits
                ]
                assert shown == expected[:limit], (query, limit)
                assert found.total == len(expected) > 3, (query, limit)


def test_equal_scores_come_in_path_order_whatever_the_cache_went_through(tmp_path):
    """Row ids follow the order papers came into the cache; ties must not: a cache updated many
    times ranks as one built anew."""
    for name in ("a", "b", "c"):
        write_paper(tmp_path, f"meta/2023/{name}.prototxt", 'paper {\n  title: "Twin Title"\n}\n')
    assert [h.paper.id for h in search.run(tmp_path, "twin", limit=2).hits] == ["a", "b"]
    write_paper(tmp_path, "meta/2023/a.prototxt", 'paper {\n  title: "Twin Title"\n}\n# edited: a new row id\n')
    os.utime(tmp_path / "meta/2023/a.prototxt", ns=(1, 1))
    for limit in (1, 2, 3, None):
        assert [h.paper.id for h in search.run(tmp_path, "twin", limit=limit).hits] == ["a", "b", "c"][:limit]
        found = search.run(tmp_path, "twin", limit=limit, facets=True)
        assert [h.paper.id for h in found.hits] == ["a", "b", "c"][:limit] and found.total == 3


@pytest.mark.parametrize("spacing", [2**24, 4])  # 4: little room between keys, so they are made anew
def test_search_keys_follow_the_paths_through_adds_edits_and_removals(tmp_path, monkeypatch, spacing):
    import random

    from papershelf.search import tables

    monkeypatch.setattr(tables, "KEY_SPACING", spacing)
    rng = random.Random(spacing)
    names = [f"p{n:03d}" for n in range(60)]
    present: set[str] = set()
    for step in range(25):
        for name in rng.sample(names, 6):
            path = tmp_path / "meta" / "2023" / f"{name}.prototxt"
            if name in present and rng.random() < 0.3:
                path.unlink()
                present.discard(name)
            else:
                write_paper(tmp_path, f"meta/2023/{name}.prototxt", f'paper {{\n  title: "Twin {step}"\n}}\n')
                os.utime(path, ns=(step, step))
                present.add(name)
        with open_for_search(tmp_path) as (cache, _):
            rows = cache.db.execute("SELECT id, path FROM search_facts ORDER BY id").fetchall()
        assert [path for _, path in rows] == sorted(f"meta/2023/{name}.prototxt" for name in present)
    found = [hit.paper.id for hit in search.run(tmp_path, "twin", limit=None).hits]
    fresh = tmp_path.parent / f"fresh-{spacing}"
    shutil.copytree(tmp_path, fresh, ignore=shutil.ignore_patterns(".papershelf"))
    assert found == [hit.paper.id for hit in search.run(fresh, "twin", limit=None).hits]


def _names_by_path(root) -> dict:
    """search_names with each paper's search key read as its path: comparable across caches."""
    with open_for_search(root) as (cache, _):
        paths = dict(cache.db.execute("SELECT id, path FROM search_facts"))
        rows = cache.db.execute("SELECT kind, key, ids FROM search_names").fetchall()
    return {(kind, key): sorted(paths[i] for i in json.loads(ids)) for kind, key, ids in rows}


def test_name_lists_through_adds_edits_and_removals_are_those_built_anew(tmp_path):
    """Each name keeps one list of its papers' keys: a paper edited, removed or added must come out
    of, or into, exactly its names' lists, as in a cache built anew, and the filters find them."""
    import random

    rng = random.Random(7)
    people = ["Ada Byron", "ada byron", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"]
    places = ["MIT", "ETH Zurich", "ETH Zürich", "Tsinghua University"]
    words = ["pruning", "Pruning", "quantization", "sparsity"]
    present: set[str] = set()
    for step in range(20):
        for name in rng.sample([f"p{n:02d}" for n in range(30)], 5):
            path = tmp_path / "meta" / "2023" / f"{name}.prototxt"
            if name in present and rng.random() < 0.3:
                path.unlink()
                present.discard(name)
                continue
            authors = "".join(f'  authors: "{a}"\n' for a in rng.sample(people, rng.randint(1, 3)))
            institutions = "".join(f'  institutions: "{i}"\n' for i in rng.sample(places, rng.randint(0, 2)))
            keywords = "".join(f"  words: {w}\n" for w in rng.sample(words, rng.randint(0, 3)))
            text = f'paper {{\n  title: "Paper {step}"\n{authors}{institutions}}}\nkeyword {{\n{keywords}}}\n'
            write_paper(tmp_path, f"meta/2023/{name}.prototxt", text)
            os.utime(path, ns=(step, step))
            present.add(name)
        sync_names = _names_by_path(tmp_path)
    fresh = tmp_path.parent / "fresh"
    shutil.copytree(tmp_path, fresh, ignore=shutil.ignore_patterns(".papershelf"))
    assert sync_names == _names_by_path(fresh)
    assert {kind for kind, _ in sync_names} == {"author", "institution", "keyword"}
    ada = sync_names[("author", "ada byron")]  # one list for both spellings, each paper in it once
    assert ada and len(ada) == len(set(ada))
    found = search.run(tmp_path, "paper", Filters(authors=("ADA BYRON",)), limit=None).hits
    assert sorted(hit.paper.source for hit in found) == ada


def _tables_by_path(root) -> tuple:
    with open_for_search(root) as (cache, _):
        db = cache.db
        paths = dict(db.execute("SELECT id, path FROM search_facts"))
        texts = {paths[row[0]]: row[1:] for row in db.execute("SELECT rowid, * FROM search_text")}
        facts = {row[-3]: row[1:-2] for row in db.execute("SELECT * FROM search_facts")}  # no key, file id
    return texts, facts, _names_by_path(root)


def test_tables_made_on_two_cores_are_those_of_one(library, tmp_path, monkeypatch, speedups):
    from papershelf.search import tables

    one = _tables_by_path(library)
    shutil.rmtree(library / ".papershelf")
    monkeypatch.setattr(tables, "PARALLEL_FROM", 1)
    forked = []

    class Recorded(tables.ForkedCall):
        def __init__(self, function, *args):
            forked.append(function.__name__)
            super().__init__(function, *args)

    monkeypatch.setattr(tables, "ForkedCall", Recorded)
    two = _tables_by_path(library)
    assert forked == ["_write_text_file"]  # search_text was written by the second process
    assert one == two and len(one[1]) >= 4


def _text_files(root) -> list[str]:
    return sorted(path.name for path in (root / ".papershelf").glob("search-text-*"))


def test_search_text_has_a_database_of_its_own_made_anew_only_when_filled_anew(library, monkeypatch):
    from papershelf.search import tables

    before = len(search.run(library, "quantization", limit=None).hits)
    first = _text_files(library)
    assert len(first) == 1 and first[0].endswith(".sqlite3")
    write_paper(library, "meta/2024/new.prototxt", paper("Quantization again", 2024, "ICML", "A B", [], []))
    assert len(search.run(library, "quantization", limit=None).hits) == before + 1
    assert _text_files(library) == first  # an added paper goes into the same database
    monkeypatch.setattr(tables, "KEY_SPACING", 1)  # no room left between two keys: filled anew
    shutil.rmtree(library / ".papershelf")
    search.run(library, "quantization")
    spaced = _text_files(library)
    write_paper(library, "meta/2023/aaa.prototxt", paper("Quantization first", 2023, "ICML", "A B", [], []))
    assert len(search.run(library, "quantization", limit=None).hits) == before + 2
    after = _text_files(library)
    assert len(after) == 1 and after != spaced  # the old one is removed, nothing else left


def _uncached_hits(root, tmp_path, query):
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns(".papershelf"))
    return [(hit.paper.source, hit.score) for hit in search.run(fresh, query, limit=None).hits]


def _hits(root, query):
    return [(hit.paper.source, hit.score) for hit in search.run(root, query, limit=None).hits]


@pytest.mark.parametrize("how", ["removed", "other version", "garbage", "stray file beside it"])
def test_a_search_text_database_that_does_not_belong_is_made_anew(library, tmp_path, how):
    """The text's database is checked against the cache before use: one that is gone, of another
    state of the tables (a sync cut off between its two files), damaged, or left by a sync that
    never finished, never changes what a search finds."""
    import sqlite3

    expected = _uncached_hits(library, tmp_path, "quantization")
    assert _hits(library, "quantization") == expected
    (text,) = (library / ".papershelf").glob("search-text-*.sqlite3")
    if how == "removed":
        text.unlink()
    elif how == "other version":
        with sqlite3.connect(text) as db:
            db.execute("UPDATE text_meta SET value = value + 7")
            db.execute("DELETE FROM search_text")
        write_paper(library, "meta/2024/new.prototxt", paper("Quantization again", 2024, "ICML", "A B", [], []))
        expected = _uncached_hits(library, tmp_path, "quantization")
    elif how == "garbage":
        text.write_bytes(b"not a database" * 500)
    else:
        (library / ".papershelf" / "search-text-0123456789abcdef.sqlite3").write_bytes(b"half made")
        text.unlink()
    assert _hits(library, "quantization") == expected
    assert len(_text_files(library)) == 1


@pytest.mark.parametrize("record", [None, (1, [1], [], b""), (1, [1], ["notes/x.md"], b"123"), "garbage"])
def test_a_notes_record_that_does_not_hold_together_means_the_tables_are_filled_anew(library, tmp_path, record):
    from papershelf.cache.store import Cache
    from papershelf.search.tables import NOTES_KEY, VERSION_KEY

    expected = _uncached_hits(library, tmp_path, "quantization")
    search.run(library, "quantization")
    with Cache.open(library) as cache, cache.transaction():
        if isinstance(record, tuple):
            record = (cache.get(VERSION_KEY), *record[1:])
        cache.put(NOTES_KEY, record)
    with open_for_search(library) as (cache, _):
        assert len(cache.get(NOTES_KEY)[1]) >= 1  # recorded anew: the library's notes are watched
    assert _hits(library, "quantization") == expected


def test_a_text_database_name_not_of_papershelfs_making_is_never_opened(library, tmp_path):
    from papershelf.cache.store import Cache
    from papershelf.search.tables import TEXT_FILE_KEY

    expected = _hits(library, "quantization")
    outside = tmp_path / "outside.sqlite3"
    with Cache.open(library) as cache, cache.transaction():
        cache.put(TEXT_FILE_KEY, "../../outside.sqlite3")
    assert _hits(library, "quantization") == expected
    assert not outside.exists()
