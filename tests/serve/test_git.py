"""``serve --git``: each save is one commit of exactly the files it wrote; the rest of the tree is
left as it was."""

from __future__ import annotations

import subprocess

import pytest

from serve.conftest import AUTH, client_for

GIT_ENV = {"GIT_AUTHOR_NAME": "Curator", "GIT_AUTHOR_EMAIL": "c@example.org", "GIT_COMMITTER_NAME": "Curator",
           "GIT_COMMITTER_EMAIL": "c@example.org"}  # fmt: skip


def git(root, *args) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repository(library, monkeypatch):
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    git(library, "init", "-q")
    git(library, "add", ".")
    git(library, "commit", "-qm", "the list")
    return library


def test_a_save_commits_exactly_what_it_wrote(repository):
    (repository / "meta/2023/sparsegpt.prototxt").write_text('paper {\n  title: "half edited by hand"\n}\n')
    (repository / "scratch.txt").write_text("not the list's\n")
    git(repository, "add", "scratch.txt")  # staged by the curator: not for papershelf to commit
    client = client_for(repository, git=True)
    etag = client.get("/api/papers/gptq", headers=AUTH).headers["etag"]
    answer = client.put("/api/papers/gptq", json={"title": "GPTQ, committed"}, headers={**AUTH, "If-Match": etag})
    assert answer.status_code == 200
    saved = answer.json()["saved"]
    assert saved["commit"] and saved["commit_problem"] is None
    committed = git(repository, "show", "--name-only", "--format=%s", "HEAD").split()
    assert committed[:3] == ["edit", "gptq", "(GPTQ,"]
    assert sorted(committed[4:]) == sorted(["meta/2023/gptq.prototxt", *saved["views"]])
    status = git(repository, "status", "--porcelain")
    assert " M meta/2023/sparsegpt.prototxt" in status and "A  scratch.txt" in status
    assert git(repository, "rev-list", "--count", "HEAD").strip() == "2"


def test_a_delete_commits_the_removal(repository):
    client = client_for(repository, git=True)
    answer = client.delete("/api/papers/awq", headers=AUTH)
    assert answer.status_code == 200
    assert "meta/2024/awq.prototxt" in git(repository, "show", "--name-status", "--format=", "HEAD")
    assert git(repository, "status", "--porcelain") == ""


def test_git_needs_a_repository(library):
    from papershelf.core.errors import PapershelfError
    from papershelf.edit.editor import Editor

    with pytest.raises(PapershelfError, match="not in a git repository"):
        Editor(library, git=True)
