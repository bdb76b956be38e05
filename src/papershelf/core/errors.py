"""Errors papershelf reports to a user: each one knows where it happened."""

from __future__ import annotations


class PapershelfError(Exception):
    """A problem with the user's input or setup, reported as one clear line (exit 2)."""


class PaperFileError(Exception):
    """A metadata file that cannot be read as a paper, located as ``path:line:col: message``."""

    def __init__(self, path: str, line: int, column: int, message: str):
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.message = message
