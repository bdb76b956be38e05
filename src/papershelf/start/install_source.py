"""Where the running papershelf was installed from, as a pip requirement a CI job can install.

pip records it (PEP 610, ``direct_url.json``): a git url and commit for
``pip install git+URL@REV``; a folder for a local or editable install, whose
git remote and checked-out commit then say the same.  A papershelf installed
any other way cannot be pinned, and the caller says so instead of guessing.
"""

from __future__ import annotations

import json
import re
import subprocess
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

_SCP_LIKE = re.compile(r"^(?P<user>[\w.\-]+)@(?P<host>[\w.\-]+):(?P<path>[^/].*)$")  # git@github.com:o/r.git


def _recorded() -> dict | None:
    try:
        text = metadata.distribution("papershelf").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def _https_or_ssh(remote: str) -> str:
    scp = _SCP_LIKE.match(remote)
    return f"ssh://{scp.group('user')}@{scp.group('host')}/{scp.group('path')}" if scp else remote


def pip_requirement() -> str | None:
    """``papershelf @ git+URL@COMMIT`` for the papershelf running now, or None when unknown."""
    recorded = _recorded()
    if not recorded or "url" not in recorded:
        return None
    url = recorded["url"]
    vcs = recorded.get("vcs_info")
    if vcs and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return f"papershelf @ git+{url}@{vcs['commit_id']}"
    if not url.startswith("file://"):
        return None
    folder = Path(unquote(urlsplit(url).path))
    remote, commit = _git(folder, "remote", "get-url", "origin"), _git(folder, "rev-parse", "HEAD")
    if not remote or not commit or remote.startswith(("/", ".", "file:")):
        return None
    return f"papershelf @ git+{_https_or_ssh(remote)}@{commit}"
