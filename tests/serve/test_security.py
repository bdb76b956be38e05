"""Who may use the editor: the token, loopback Host names, the cookie with its CSRF value; hostile
ids and paths reach no file; no CORS."""

from __future__ import annotations

import pytest

from serve.conftest import AUTH, TOKEN, files_of

API_CALLS = [
    ("GET", "/api/papers"),
    ("GET", "/api/papers/gptq"),
    ("PUT", "/api/papers/gptq"),
    ("DELETE", "/api/papers/gptq"),
    ("POST", "/api/papers"),
    ("PUT", "/api/papers/gptq/text"),
    ("GET", "/api/form"),
    ("GET", "/api/site/papers/0.json"),
    ("GET", "/api/files/notes/2024/wanda/fig.png"),
]


@pytest.mark.parametrize(("method", "path"), API_CALLS)
def test_every_api_call_needs_the_token(client, library, method, path):
    before = files_of(library)
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        answer = client.request(method, path, headers=headers, json={"title": "x"})
        assert answer.status_code == 401, (headers, answer.text)
        assert "token" in answer.json()["error"]
    assert files_of(library) == before


def test_the_token_opens_the_api(client):
    answer = client.get("/api/papers", headers=AUTH)
    assert answer.status_code == 200
    assert {p["id"] for p in answer.json()} == {"gptq", "sparsegpt", "wanda", "llmint8", "awq"}


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "192.168.1.5:8765"])
def test_a_foreign_host_is_refused_even_with_the_token(client, host):
    for path in ("/api/papers", "/", f"/?token={TOKEN}"):
        answer = client.get(path, headers={**AUTH, "Host": host})
        assert answer.status_code == 400, path
        assert "Host" in answer.text


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "localhost"])
def test_loopback_names_are_served(client, host):
    assert client.get("/api/papers", headers={**AUTH, "Host": host}).status_code == 200


def test_the_first_address_sets_a_cookie_and_drops_the_token(client):
    answer = client.get(f"/edit?id=gptq&token={TOKEN}", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/edit?id=gptq"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = client.get("/edit?id=gptq")
    assert page.status_code == 200
    assert 'name="papershelf-csrf"' in page.text


def test_pages_need_the_token_or_the_cookie(client):
    answer = client.get("/")
    assert answer.status_code == 401
    assert "papershelf serve printed" in answer.text
    assert client.get("/?token=wrong", follow_redirects=False).status_code == 401


def test_a_change_by_cookie_needs_the_pages_csrf_value(client, library):
    client.get(f"/?token={TOKEN}")
    paper = client.get("/api/papers/gptq")  # reading by cookie needs no more
    assert paper.status_code == 200
    etag = paper.headers["etag"]
    refused = client.put("/api/papers/gptq", json={"title": "By a forged form"}, headers={"If-Match": etag})
    assert refused.status_code == 401
    assert b"By a forged form" not in (library / "meta/2023/gptq.prototxt").read_bytes()
    csrf = client.get("/").text.split('name="papershelf-csrf" content="')[1].split('"')[0]
    headers = {"If-Match": etag, "X-Papershelf-CSRF": csrf}
    assert client.put("/api/papers/gptq", json={"title": "By the page"}, headers=headers).status_code == 200


HOSTILE_IDS = [
    "..%2F..%2Fpapershelf.toml",
    "..%2Fmeta%2F2023%2Fgptq",
    "%2Fetc%2Fpasswd",
    "..",
    "%2E",
    "gptq%00",
    "gptq.prototxt",
    "x" * 5000,
    "%2e%2e",
    "meta%5C2023%5Cgptq",
]


@pytest.mark.parametrize("paper_id", HOSTILE_IDS)
def test_hostile_ids_are_refused_and_touch_nothing(client, library, paper_id):
    before = files_of(library)
    for method in ("GET", "PUT", "DELETE"):
        answer = client.request(method, f"/api/papers/{paper_id}", headers={**AUTH, "If-Match": "*"}, json={})
        assert answer.status_code in (400, 404), (method, answer.status_code)
    answer = client.put(f"/api/papers/{paper_id}/text", headers={**AUTH, "If-Match": "*"}, content=b"paper {}")
    assert answer.status_code in (400, 404)
    assert files_of(library) == before


@pytest.mark.parametrize(
    "path", ["meta/2023/gptq.prototxt", "papershelf.toml", "..%2F..%2F..%2Fetc%2Fpasswd", "notes/2024/wanda/note.md"]
)
def test_only_images_under_notes_are_served(client, path):
    assert client.get(f"/api/files/{path}", headers=AUTH).status_code == 404


def test_an_image_of_a_note_is_served_as_an_image(client):
    answer = client.get("/api/files/notes/2024/wanda/fig.png", headers=AUTH)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/png"
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_no_cors_and_strict_headers(client):
    answer = client.get("/api/papers", headers={**AUTH, "Origin": "https://evil.example"})
    assert not any(name.startswith("access-control-") for name in answer.headers)
    assert answer.headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["cache-control"] == "no-store"
    preflight = client.options("/api/papers", headers={"Origin": "https://evil.example"})
    assert preflight.status_code in (401, 405)
    assert "access-control-allow-origin" not in preflight.headers
