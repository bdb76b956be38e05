"""Staging files and putting them in place together, all or none."""

import os

import pytest

from papershelf.library.atomic import commit, remove_staged, stage, write_text_atomic


def test_staged_files_appear_only_when_committed(tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "sub" / "b.md"
    staged = {first: stage(first, ["α ", "one\n"]), second: stage(second, ["two\n"])}
    assert not first.exists() and not second.exists()
    commit(staged)
    assert first.read_text("utf-8") == "α one\n" and second.read_text("utf-8") == "two\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "sub"]  # no temporary file left


def test_a_file_holding_the_text_already_is_not_staged(tmp_path):
    target = tmp_path / "a.md"
    write_text_atomic(target, "same\n")
    os.chmod(target, 0o600)
    assert stage(target, ["sa", "me\n"]) is None
    temp = stage(target, ["other\n"])
    commit({target: temp})
    assert target.read_text("utf-8") == "other\n"
    assert target.stat().st_mode & 0o777 == 0o600  # the file keeps its permissions


def test_a_folder_in_the_way_fails_at_staging(tmp_path):
    (tmp_path / "a.md").mkdir()
    with pytest.raises(IsADirectoryError):
        stage(tmp_path / "a.md", ["text\n"])
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_a_failed_rename_removes_what_is_left_staged(tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    staged = {first: stage(first, ["one\n"]), second: stage(second, ["two\n"])}
    os.remove(staged[first])  # the first rename fails
    with pytest.raises(FileNotFoundError):
        commit(staged)
    assert list(tmp_path.iterdir()) == []


def test_discarded_files_are_gone(tmp_path):
    temp = stage(tmp_path / "a.md", ["one\n"])
    remove_staged([temp, None])
    assert list(tmp_path.iterdir()) == []
