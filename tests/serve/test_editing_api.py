"""Editing through the API: ETags and conflicts, lossless saves, checks before writing, the views
rebuilt, the text, the note, the cover, delete."""

from __future__ import annotations

import threading

from helpers import write_paper
from serve.conftest import AUTH, files_of

COMMENTED = """# Read in March; the baseline list is from table 3.
paper {
  title: "SparseGPT: One-Shot Pruning"
  authors: "Elias Frantar"
  authors: "Dan Alistarh"
}
pub {
  where: "ICML"
  year: 2023
}
keyword {
  words: prune
}
cover {
  url: "fig.png"
}
baseline {
  methods: "2022/OBC"
  methods: "magnitude"
}
update_time: 1700000000
rating: 4
"""


def get(client, paper_id="gptq"):
    answer = client.get(f"/api/papers/{paper_id}", headers=AUTH)
    assert answer.status_code == 200
    return answer


def put(client, change, etag, paper_id="gptq"):
    return client.put(f"/api/papers/{paper_id}", json=change, headers={**AUTH, "If-Match": etag})


def test_a_paper_comes_with_its_etag_and_every_field(client):
    answer = get(client)
    paper = answer.json()
    assert answer.headers["etag"] == paper["etag"]
    assert paper["id"] == "gptq" and paper["file"] == "meta/2023/gptq.prototxt"
    assert paper["authors"] == ["Elias Frantar", "Dan Alistarh"]
    assert paper["code_url"] == "https://github.com/IST-DASLab/gptq"
    assert paper["rating"] is None and paper["cover_url"] is None
    assert paper["text"].startswith("paper {")


def test_an_edit_changes_only_its_fields_and_keeps_comments(client, library):
    write_paper(library, "meta/2023/sparsegpt.prototxt", COMMENTED)
    etag = get(client, "sparsegpt").headers["etag"]
    answer = put(client, {"title": "SparseGPT: Massive Language Models Can Be Pruned in One-Shot"}, etag, "sparsegpt")
    assert answer.status_code == 200, answer.text
    written = (library / "meta/2023/sparsegpt.prototxt").read_text()
    assert written == COMMENTED.replace("One-Shot Pruning", "Massive Language Models Can Be Pruned in One-Shot")
    assert answer.headers["etag"] == answer.json()["etag"] != etag
    assert answer.json()["saved"]["written"] == ["meta/2023/sparsegpt.prototxt"]


def test_a_save_rebuilds_the_views(client, library):
    etag = get(client).headers["etag"]
    answer = put(client, {"title": "GPTQ: Accurate Post-Training Quantization", "keywords": ["quant", "Pruning"]}, etag)
    assert answer.status_code == 200
    assert "README.md" in answer.json()["saved"]["views"]
    readme = (library / "README.md").read_text()
    assert "GPTQ: Accurate Post-Training Quantization" in readme
    assert "GPTQ: Quantizing Transformers" not in readme
    assert answer.json()["keywords"] == ["quant", "prune"]  # a label names its keyword


def test_a_stale_etag_is_refused_with_the_file_unchanged(client, library):
    etag = get(client).headers["etag"]
    assert put(client, {"title": "First"}, etag).status_code == 200
    on_disk = (library / "meta/2023/gptq.prototxt").read_bytes()
    answer = put(client, {"title": "Second, from an old page"}, etag)
    assert answer.status_code == 409
    assert answer.json()["current"]["title"] == "First"
    assert answer.json()["current"]["text"] == on_disk.decode()
    assert answer.headers["etag"] == answer.json()["current"]["etag"]
    assert (library / "meta/2023/gptq.prototxt").read_bytes() == on_disk


def test_a_file_changed_on_disk_is_a_conflict(client, library):
    etag = get(client).headers["etag"]
    path = library / "meta/2023/gptq.prototxt"
    path.write_text(path.read_text().replace("GPTQ: Quantizing", "GPTQ (edited in vim): Quantizing"))
    answer = put(client, {"rating": 5}, etag)
    assert answer.status_code == 409
    assert "edited in vim" in answer.json()["current"]["title"]
    assert "rating" not in path.read_text()


def test_a_save_without_if_match_is_refused(client, library):
    before = files_of(library)
    answer = client.put("/api/papers/gptq", json={"title": "Blind"}, headers=AUTH)
    assert answer.status_code == 428
    assert "If-Match" in answer.json()["error"]
    assert files_of(library) == before


def test_concurrent_saves_of_one_version_write_once(client, library):
    etag = get(client).headers["etag"]
    statuses = []

    def save(title):
        statuses.append(put(client, {"title": title}, etag).status_code)

    threads = [threading.Thread(target=save, args=(f"Title {n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 409, 409, 409]
    assert sum(f'"Title {n}"' in (library / "meta/2023/gptq.prototxt").read_text() for n in range(4)) == 1


def test_invalid_fields_are_named_and_nothing_is_written(client, library):
    before = files_of(library)
    etag = get(client).headers["etag"]
    answer = put(client, {"rating": 9, "year": "2023", "keywords": ["nonsense"], "colour": "red", "id": "other"}, etag)
    assert answer.status_code == 422
    problems = {p["field"]: p["message"] for p in answer.json()["problems"]}
    assert set(problems) == {"rating", "year", "keywords", "colour", "id"}
    assert "not in [keywords]" in problems["keywords"]
    assert files_of(library) == before


def test_a_check_error_blocks_the_save_and_says_where(client, library):
    before = files_of(library)
    etag = get(client).headers["etag"]
    answer = put(client, {"title": "SparseGPT: One-Shot Pruning"}, etag)  # now another paper's title
    assert answer.status_code == 422
    finding = answer.json()["findings"][0]
    assert finding["rule"] == "duplicate-paper" and finding["path"] == "meta/2023/gptq.prototxt"
    assert finding["line"] == 2
    assert files_of(library) == before


def test_a_warning_is_shown_and_saved_through(client, library):
    etag = get(client).headers["etag"]
    answer = put(client, {"authors": ["Elias Frantar", "Dan Alistarh", "Elias Frantar"]}, etag)
    assert answer.status_code == 200
    assert [w["rule"] for w in answer.json()["saved"]["warnings"]] == ["duplicate-name"]
    assert (library / "meta/2023/gptq.prototxt").read_text().count("Elias Frantar") == 2


def test_the_text_is_parsed_before_it_is_written(client, library):
    before = files_of(library)
    etag = get(client).headers["etag"]
    broken = 'paper {\n  title: "GPTQ"\n  colour: "red"\n}\n'
    answer = client.put("/api/papers/gptq/text", content=broken, headers={**AUTH, "If-Match": etag})
    assert answer.status_code == 422
    assert answer.json()["findings"][0]["line"] == 3
    assert files_of(library) == before
    text = 'paper {\n  title: "GPTQ, as text"\n}\npub {\n  where: "ICLR"\n  year: 2023\n}\n'
    answer = client.put("/api/papers/gptq/text", content=text, headers={**AUTH, "If-Match": etag})
    assert answer.status_code == 200
    assert (library / "meta/2023/gptq.prototxt").read_text() == text


def test_a_broken_file_opens_as_text_and_can_be_mended(client, library):
    write_paper(library, "meta/2024/broken.prototxt", 'paper {\n  title: "Half written\n')
    answer = get(client, "broken")
    assert answer.json()["error"]["rule"] == "parse"
    fixed = 'paper {\n  title: "Whole now"\n}\npub {\n  where: "arXiv"\n  year: 2024\n}\n'
    mended = client.put("/api/papers/broken/text", content=fixed, headers={**AUTH, "If-Match": answer.headers["etag"]})
    assert mended.status_code == 200
    assert mended.json()["title"] == "Whole now"


def test_a_note_is_written_beside_the_paper_and_linked(client, library):
    paper = get(client).json()
    assert paper["note"]["exists"] is False
    answer = client.put(
        "/api/papers/gptq/note", content="# GPTQ\n\nOne-shot.\n", headers={**AUTH, "If-Match": paper["note"]["etag"]}
    )
    assert answer.status_code == 200, answer.text
    assert (library / "notes/2023/gptq/note.md").read_text() == "# GPTQ\n\nOne-shot.\n"
    assert answer.json()["note_url"] == "note.md"
    assert sorted(answer.json()["saved"]["written"]) == ["meta/2023/gptq.prototxt", "notes/2023/gptq/note.md"]
    stale = client.put("/api/papers/gptq/note", content="old", headers={**AUTH, "If-Match": paper["note"]["etag"]})
    assert stale.status_code == 409


def test_the_preview_renders_math_and_never_markup(client):
    answer = client.post("/api/preview", json={"text": "$x^2$ <script>alert(1)</script> ![f](fig.png)", "id": "wanda"},
                         headers=AUTH)  # fmt: skip
    html = answer.json()["html"]
    assert '<span class="math inline">x^2</span>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'src="api/files/notes/2024/wanda/fig.png"' in html


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_cover_upload_is_typed_by_its_bytes_and_stored_in_the_papers_folder(client, library):
    etag = get(client).headers["etag"]
    headers = {**AUTH, "If-Match": etag, "Content-Type": "image/png"}
    fake = client.put("/api/papers/gptq/cover", content=b"<svg onload=alert(1)>", headers=headers)
    assert fake.status_code == 422
    assert "PNG, JPEG, GIF or WebP" in fake.json()["error"]
    answer = client.put("/api/papers/gptq/cover", content=PNG, headers=headers)
    assert answer.status_code == 200
    assert (library / "notes/2023/gptq/cover.png").read_bytes() == PNG
    assert answer.json()["cover_url"] == "cover.png"
    assert answer.json()["cover_file"] == "notes/2023/gptq/cover.png"


def test_an_oversized_cover_is_refused_before_it_is_read(client, library):
    before = files_of(library)
    etag = get(client).headers["etag"]
    too_large = PNG + b"\x00" * (6 * 2**20)
    answer = client.put("/api/papers/gptq/cover", content=too_large, headers={**AUTH, "If-Match": etag})
    assert answer.status_code == 413
    assert files_of(library) == before


def test_delete_removes_the_metadata_file_only(client, library):
    etag = get(client, "wanda").headers["etag"]
    assert client.delete("/api/papers/wanda", headers={**AUTH, "If-Match": '"stale"'}).status_code == 409
    answer = client.delete("/api/papers/wanda", headers={**AUTH, "If-Match": etag})
    assert answer.status_code == 200
    assert not (library / "meta/2024/wanda.prototxt").exists()
    assert (library / "notes/2024/wanda/note.md").exists()
    assert "Wanda" not in (library / "README.md").read_text()
    assert client.get("/api/papers/wanda", headers=AUTH).status_code == 404


def test_changes_on_disk_raise_the_version(library):
    from papershelf.serve.watch import Watcher

    watcher = Watcher(library)
    first = watcher.look()
    write_paper(library, "meta/2025/new.prototxt", 'paper {\n  title: "New"\n}\n')
    assert watcher.look() == first + 1
    assert watcher.look() == first + 1


def test_the_form_offers_the_librarys_own_values_and_aliases(client):
    form = client.get("/api/form", headers=AUTH).json()
    assert [f["name"] for f in form["fields"]][:4] == ["title", "abbr", "url", "authors"]
    assert form["values"]["venue"][0] == "ICLR"  # the most used first
    assert form["values"]["authors"][:2] == ["Elias Frantar", "Dan Alistarh"]
    assert form["aliases"] == {"NIPS": "NeurIPS"}
    assert form["keywords"] == [{"name": "quant", "label": "Quantization", "papers": 3},
                                {"name": "prune", "label": "Pruning", "papers": 3}]  # fmt: skip


def test_reads_go_on_while_saves_are_written(client, library):
    """Many readers and a writer at once (the server's worker threads): every answer is whole."""
    statuses, titles = [], []

    def read():
        for _ in range(15):
            answer = client.get("/api/papers/sparsegpt", headers=AUTH)
            statuses.append(answer.status_code)
            titles.append(answer.json()["title"])

    def write():
        for n in range(6):
            etag = client.get("/api/papers/sparsegpt", headers=AUTH).headers["etag"]
            statuses.append(put(client, {"title": f"SparseGPT, take {n}"}, etag, "sparsegpt").status_code)

    threads = [threading.Thread(target=read) for _ in range(4)] + [threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(statuses) == {200}
    assert set(titles) <= {"SparseGPT: One-Shot Pruning", *(f"SparseGPT, take {n}" for n in range(6))}
    assert get(client, "sparsegpt").json()["title"] == "SparseGPT, take 5"
