"""Sentence embeddings from WordLlama, whose 256-dimension model ships inside the package: nothing
is downloaded, no torch, a few thousand abstracts a second on one core.

WordLlama 0.4 looks for its tokenizer in a folder the wheel does not have and would fetch it from
Hugging Face; pointed at its own package folder as the cache, it finds both files it shipped.
"""

from __future__ import annotations

import functools
from pathlib import Path

from papershelf.core.errors import PapershelfError


@functools.lru_cache(maxsize=1)
def _model():
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        raise PapershelfError("the digest needs its extra: pip install 'papershelf[digest]'") from None
    try:
        return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    except FileNotFoundError as exc:
        raise PapershelfError(f"WordLlama's model is not in its package ({exc})") from None


def embed(texts: list[str]):
    """One unit-length row of 256 numbers a text (a NumPy array)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    return _model().embed(list(texts), norm=True)
