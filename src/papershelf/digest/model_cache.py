"""The trained model, kept in the library's cache folder and used again while what it was trained
on is the same: the list's papers, the archive's candidates and their decisions, the day, the code.

The file holds the digest of those inputs beside the model; a file whose digest differs, or that
cannot be read, is trained again and replaced (the cache is derived, never trusted blindly).
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from importlib import resources
from pathlib import Path

from papershelf.core.errors import PapershelfError
from papershelf.digest.candidates import Candidate
from papershelf.digest.model import Known, Ranker
from papershelf.library.atomic import write_bytes_atomic
from papershelf.library.layout import cache_folder

MODEL_FILE = "digest-model.pickle"


def inputs_digest(known: list[Known], past: list[Candidate], now: float, background: list[Candidate]) -> str:
    digest = hashlib.sha256()
    code = resources.files("papershelf.digest").joinpath("model.py").read_bytes()
    digest.update(hashlib.sha256(code).digest())
    digest.update(repr(round(now, 3)).encode())
    for item in known:
        digest.update(repr((item.title, round(item.when, 4), item.name)).encode())
    uses_background = not any(c.added is False for c in past)
    for candidate in (*past, *(background if uses_background else ())):
        digest.update(repr((candidate.arxiv_id, candidate.title, candidate.abstract, candidate.added)).encode())
    return digest.hexdigest()


def trained_ranker(root: Path, known: list[Known], past: list[Candidate], now: float, background: list[Candidate]):
    """The `Ranker` for these inputs, from the cache when it was trained on them."""
    key = inputs_digest(known, past, now, background)
    try:
        path = cache_folder(root) / MODEL_FILE
    except OSError:
        path = None  # a read-only library: trained every time
    if path is not None and path.is_file():
        try:
            kept = pickle.loads(path.read_bytes())
            if isinstance(kept, dict) and kept.get("key") == key and isinstance(kept.get("ranker"), Ranker):
                return kept["ranker"]
        except Exception:  # a damaged or foreign file: trained again below
            pass
    try:
        ranker = Ranker(known, past, now, background)
    except ValueError as why:
        raise PapershelfError(f"the digest cannot rank yet: {why}") from None
    if path is not None:
        with contextlib.suppress(OSError):
            write_bytes_atomic(path, pickle.dumps({"key": key, "ranker": ranker}, protocol=pickle.HIGHEST_PROTOCOL))
    return ranker
