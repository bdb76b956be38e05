"""``serve --git``: one commit per save, of exactly the files the save wrote or removed.

Never ``git add .``: only the paths named are staged and committed
(``git commit --only``), so whatever else is changed or staged in the tree is
left as it was.  Paths are given literally (no globbing) after ``--``, and no
shell ever runs.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from papershelf.core.errors import PapershelfError

TIMEOUT = 60  # seconds a git command may take


class GitFailed(PapershelfError):
    pass


def _git(root: Path, *args: str) -> str:
    command = ["git", "--literal-pathspecs", "-C", str(root), *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitFailed(f"git {args[0]} did not run: {exc}") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise GitFailed(f"git {args[0]} failed: {said[-1] if said else f'exit {done.returncode}'}")
    return done.stdout


def require_repository(root: Path) -> None:
    """A usage error unless ``root`` is inside a git work tree."""
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree").strip()
    except GitFailed:
        inside = ""
    if inside != "true":
        raise PapershelfError(f"{root} is not in a git repository; --git commits each save there (run `git init`)")


def commit_files(root: Path, paths: list[str], message: str) -> str | None:
    """Commit the current state of ``paths`` (written or removed), nothing else; the new commit's
    id, or None when none of them differs from the last commit."""
    paths = sorted(set(paths))
    if paths:
        tracked = set(_git(root, "ls-files", "--", *paths).splitlines())
        paths = [path for path in paths if path in tracked or (root / path).exists()]
    if not paths:
        return None
    _git(root, "add", "--all", "--", *paths)
    if _has_head(root) and not _git(root, "diff", "--cached", "--name-only", "HEAD", "--", *paths).strip():
        return None
    _git(root, "commit", "--quiet", "--only", "-m", message, "--", *paths)
    return _git(root, "rev-parse", "HEAD").strip()


def _has_head(root: Path) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    except GitFailed:
        return False
    return True
