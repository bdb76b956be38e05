"""Staging files and putting them in place together, all or none."""

import os
import time

import pytest

from papershelf.library.atomic import commit, remove_leftovers, remove_staged, stage, write_text_atomic


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


@pytest.mark.parametrize("chunks", [["sa", "me\n", "more"], ["sa"], ["sa", "mé\n"], ["", "same\n", ""]])
def test_the_text_is_compared_a_chunk_at_a_time(tmp_path, chunks):
    """A longer text, a shorter one, one that differs in its last chunk: staged; the same text in
    other chunks: not (compared chunk by chunk, a view never joined or encoded whole)."""
    target = tmp_path / "a.md"
    write_text_atomic(target, "same\n")
    temp = stage(target, chunks)
    assert (temp is None) == ("".join(chunks) == "same\n")
    if temp is not None:
        commit({target: temp})
    assert target.read_text("utf-8") == "".join(chunks)


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


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="zombies are told apart through /proc")
def test_a_writer_that_ended_but_was_not_reaped_yet_left_its_files_over(tmp_path):
    """A killed build's forked process may linger as a zombie (its parent died too, and a container's
    first process reaps late): its staged files are leftovers, while a live writer's stay."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    try:
        for _ in range(200):  # until it has ended, unreaped
            with open(f"/proc/{pid}/stat", "rb") as stat:
                if stat.read().rsplit(b")", 1)[1][1:2] == b"Z":
                    break
            time.sleep(0.01)
        dead = tmp_path / f".cls_author.md.{pid}.abc123.tmp"
        live = tmp_path / f".cls_year.md.{os.getpid()}.abc123.tmp"
        dead.write_text("half")
        live.write_text("half")
        assert remove_leftovers(tmp_path) == [dead.name]
        assert live.exists()
    finally:
        os.waitpid(pid, 0)
