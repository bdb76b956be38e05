"""``papershelf site``: the files it writes, escaped, standing alone; no browser needed."""

from __future__ import annotations

import json
import re
import shutil
import time

import pytest
from click.testing import CliRunner

from papershelf import cli
from papershelf.core.errors import PapershelfError
from papershelf.site import build
from papershelf.site.records import KEYS, NAMED


def records_of(site):
    """The records as the page decodes them (app.js decode), every shard in order."""
    shards = int(re.search(r'data-shards="(\d+)"', (site / "index.html").read_text())[1])
    found = []
    for shard in range(shards):
        found += _decoded(json.loads((site / f"data/papers/{shard}.json").read_text()))
    return found


def _decoded(data):
    names, keys = data["names"], {short: name for name, short in KEYS.items()}
    found = []
    for paper in data["papers"]:
        record = {keys[k]: v for k, v in paper.items()}
        for name in NAMED:
            if name in record:
                value = record[name]
                record[name] = [names[v] for v in value] if isinstance(value, list) else names[value]
        record["page"] = f"papers/{record['id']}.html"
        found.append(record)
    return found


def test_every_paper_has_a_page_and_a_record(built_site):
    records = records_of(built_site)
    assert sorted(r["id"] for r in records) == ["awq", "gptq", "llmint8", "sparsegpt", "wanda"]
    for r in records:
        assert (built_site / r["page"]).is_file()
    llm = next(r for r in records if r["id"] == "llmint8")
    assert llm["venue"] == "NeurIPS"  # the [aliases] canonical name, never NIPS
    assert llm["keywords"] == ["Quantization"]
    assert (built_site / "assets/vendor/minisearch/minisearch.js").is_file()
    assert (built_site / "assets/vendor/minisearch/LICENSE.txt").is_file()


def test_no_page_loads_anything_from_elsewhere(built_site):
    for page in [built_site / "index.html", *(built_site / "papers").glob("*.html")]:
        text = page.read_text()
        for attribute in ("src=", "href="):
            for value in text.split(attribute)[1:]:
                target = value[1:].split(value[0], 1)[0]
                if "stylesheet" in value[:80] or target.endswith((".js", ".css")):
                    assert "://" not in target, (page.name, target)


def test_text_is_escaped_and_the_note_safe(built_site):
    page = (built_site / "papers/llmint8.html").read_text()
    assert "&lt;b&gt;at&lt;/b&gt;" in page and "<b>at</b>" not in page
    note = (built_site / "papers/wanda.html").read_text()
    assert "<strong>weight times activation</strong>" in note
    assert "<script>alert(1)</script>" not in note and "&lt;script&gt;" in note
    assert 'href="javascript:' not in note
    assert 'src="../files/notes/2024/wanda/fig.png"' in note
    assert (built_site / "files/notes/2024/wanda/fig.png").read_text() == "not really a png"
    records = records_of(built_site)
    assert "weight times activation" in next(r for r in records if r["id"] == "wanda")["note"]


def test_paper_pages_link_facets_and_neighbours(built_site):
    page = (built_site / "papers/gptq.html").read_text()
    assert 'href="../index.html?author=Dan+Alistarh"' not in page  # an author with a page links it
    assert 'href="sparsegpt.html"' in page  # the same authors
    assert "@inproceedings{" in page
    assert 'src="https://img.shields.io/github/stars/IST-DASLab/gptq?style=social"' in page  # no API call


def test_a_folder_papershelf_did_not_write_is_never_replaced(site_library, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("precious")
    with pytest.raises(PapershelfError, match="holds files papershelf did not write"):
        build.run(site_library, tmp_path / "mine")
    assert (tmp_path / "mine" / "thesis.tex").read_text() == "precious"
    build.run(site_library, tmp_path / "site")
    build.run(site_library, tmp_path / "site")  # a site it wrote is replaced whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "site"]


def test_cli_site(site_library, tmp_path):
    done = CliRunner().invoke(cli.app, ["site", "-L", str(site_library), "--out", str(tmp_path / "s")])
    assert done.exit_code == 0, done.output
    assert "wrote the site of 5 papers" in done.stdout


def test_cli_site_with_a_broken_file_writes_the_rest_and_exits_1(site_library, tmp_path):
    root = tmp_path / "list"
    shutil.copytree(site_library, root)
    (root / "meta/2024/broken.prototxt").write_text('id: "broken"\ntitle: "no end\n')
    done = CliRunner().invoke(cli.app, ["site", "-L", str(root), "--out", str(tmp_path / "s")])
    assert done.exit_code == 1, done.output
    assert "meta/2024/broken.prototxt:" in done.stderr
    assert "wrote the site of 5 papers" in done.stdout and "1 bad file(s) left out" in done.stdout
    assert (tmp_path / "s/papers/gptq.html").is_file()


def test_group_pages_and_the_statistics_page(built_site):
    venue = (built_site / "venues/iclr.html").read_text()
    assert venue.count('class="result"') == 2 and 'href="../index.html?venue=ICLR"' in venue
    assert (built_site / "venues/neurips.html").is_file() and not (built_site / "venues/nips.html").exists()
    assert (built_site / "keywords/quantization.html").read_text().count('class="result"') == 3
    assert (built_site / "authors/elias_frantar.html").is_file()  # two papers
    assert not (built_site / "authors/mingjie_sun.html").exists()  # one: below author_min_papers
    paper = (built_site / "papers/gptq.html").read_text()
    assert 'href="../authors/elias_frantar.html"' in paper and 'href="../venues/iclr.html"' in paper
    stats = (built_site / "stats.html").read_text()
    assert stats.count("<svg") == 5 and "<title>2023: 2</title>" in stats
    assert "&lt;b&gt;" not in stats and "<b>at" not in stats
    pages = json.loads((built_site / "data/pages.json").read_text())
    assert pages["venue"]["ICLR"] == "venues/iclr.html"


def test_serve_answers_on_localhost_and_builds_again_on_change(site_library, tmp_path):
    import threading
    import urllib.request

    from papershelf.site import serve

    lines: list[str] = []
    stop = threading.Event()
    out = tmp_path / "served"
    library = tmp_path / "lib"
    shutil.copytree(site_library, library)
    runner = threading.Thread(
        target=serve.serve, args=(library, out, lambda: build.run(library, out), 0, lines.append, stop)
    )
    runner.start()
    try:
        for _ in range(100):
            if lines:
                break
            time.sleep(0.05)
        address = lines[0].split()[1]
        assert address.startswith("http://127.0.0.1:")
        assert 'type="search"' in urllib.request.urlopen(address, timeout=5).read().decode()
        data = urllib.request.urlopen(address.replace("index.html", "data/papers/0.json"), timeout=5).read().decode()
        assert "Quantizing Transformers" in data
        paper = library / "meta/2023/gptq.prototxt"
        paper.write_text(paper.read_text().replace("Quantizing Transformers", "Quantizing Everything"))
        for _ in range(100):
            if any(line.startswith("built again") for line in lines):
                break
            time.sleep(0.05)
        page = urllib.request.urlopen(address.replace("index.html", "papers/gptq.html"), timeout=5).read().decode()
        assert "Quantizing Everything" in page
    finally:
        stop.set()
        runner.join(10)


def _tree(folder):
    """Every file of a site by its path, but the build's token in the marker."""
    found = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    found[".papershelf-site"] = found[".papershelf-site"].splitlines()[0]
    return found


def test_a_build_again_renders_only_what_changed_and_equals_a_fresh_one(tmp_path):
    from papershelf.site import build
    from small_library import make_library

    root = make_library(tmp_path / "list")
    out = tmp_path / "site"
    build.run(root, out)
    inode = {name: (out / name).stat().st_ino for name in ("papers/gptq.html", "papers/awq.html", "papers/wanda.html")}
    path = root / "meta/2023/gptq.prototxt"
    path.write_text(path.read_text().replace("GPTQ: Quantizing Transformers", "GPTQ: Quantizing Transformers, Again"))
    (root / "notes/2024/wanda/note.md").write_text("# Wanda\\n\\nA note written again.\\n")
    build.run(root, out)
    assert (out / "papers/gptq.html").stat().st_ino != inode["papers/gptq.html"]  # rendered again
    assert (out / "papers/wanda.html").stat().st_ino != inode["papers/wanda.html"]  # its note changed
    assert "A note written again." in (out / "papers/wanda.html").read_text()
    fresh = tmp_path / "fresh"
    build.run(root, fresh)
    assert _tree(out) == _tree(fresh)  # linking what did not change gives the same site
    again = {name: (out / name).stat().st_ino for name in inode}
    build.run(root, out)
    assert {name: (out / name).stat().st_ino for name in inode} == again  # nothing changed: all linked


def test_a_page_taken_from_the_site_or_changed_there_is_written_again(tmp_path):
    from papershelf.site import build
    from small_library import make_library

    root = make_library(tmp_path / "list")
    out = tmp_path / "site"
    build.run(root, out)
    (out / "papers/awq.html").unlink()  # its folder changed: the build is a full one
    assert not build.run(root, out).partly
    assert "AWQ" in (out / "papers/awq.html").read_text()
    (out / "papers/awq.html").write_text("defaced")  # in place: a file of papershelf's is not watched
    assert build.run(root, out).partly and (out / "papers/awq.html").read_text() == "defaced"
    build.run(root, out, full=True)
    assert "AWQ" in (out / "papers/awq.html").read_text()


def test_the_site_links_the_librarys_images_and_an_update_never_writes_through_them(tmp_path, monkeypatch):
    """An image the site shows is the library's own file, linked (one disk): a changed image is
    linked anew in its place, and the file the site showed before is left as it was."""
    import os

    from small_library import make_library

    root = make_library(tmp_path / "list")
    out = tmp_path / "site"
    build.run(root, out)
    image, shown = root / "notes/2024/wanda/fig.png", out / "files/notes/2024/wanda/fig.png"
    assert os.path.samefile(image, shown)
    (root / "notes/2024/wanda/fig2.png").write_text("a new figure")
    os.replace(root / "notes/2024/wanda/fig2.png", image)  # as an editor saves: a new file
    kept = tmp_path / "kept.png"
    os.link(shown, kept)  # the file the site showed, as it was
    assert build.run(root, out).partly
    assert shown.read_text() == "a new figure" and os.path.samefile(image, shown)
    assert kept.read_text() == "not really a png"
    assert not [p for p in shown.parent.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.setattr(os, "link", lambda *a: (_ for _ in ()).throw(OSError(18, "Invalid cross-device link")))
    copied = build.run(root, tmp_path / "elsewhere").out / "files/notes/2024/wanda/fig.png"
    assert copied.read_text() == "a new figure" and not os.path.samefile(image, copied)


def test_the_cache_files_of_a_site_deleted_since_go_with_the_next_full_build(tmp_path):
    from small_library import make_library

    root = make_library(tmp_path / "list")
    build.run(root, tmp_path / "first")
    build.run(root, tmp_path / "second")
    cache = sorted(p.name for p in (root / ".papershelf").glob("site-*"))
    assert len(cache) == 4  # a record and a state for each site
    shutil.rmtree(tmp_path / "first")
    build.run(root, tmp_path / "second", full=True)
    kept = sorted(p.name for p in (root / ".papershelf").glob("site-*"))
    assert len(kept) == 2 and set(kept) < set(cache)
    assert build.run(root, tmp_path / "second").partly  # what is left is the second site's, and works
    assert not build.run(root, tmp_path / "first").partly
    assert "GPTQ" in (tmp_path / "first/papers/gptq.html").read_text()
