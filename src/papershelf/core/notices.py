"""Warnings for the user (a damaged cache rebuilt, a link out of the library skipped), on papershelf's
logger.  ``logging`` is imported only when there is something to say: it costs a command 14 ms."""

from __future__ import annotations

_prefix: str | None = None  # set by the command line: warnings go to stderr as its lines


def show_on_stderr(prefix: str) -> None:
    """Print warnings on stderr, each line starting with ``prefix`` (the command line's choice)."""
    global _prefix
    _prefix = prefix


def warn(message: str, *args) -> None:
    import logging

    logger = logging.getLogger("papershelf")
    if _prefix is not None and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(_prefix + "%(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.warning(message, *args)
