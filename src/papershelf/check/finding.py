"""A finding of ``papershelf check``, and the three ways it is printed."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    rule: str
    severity: str
    message: str
    fix: str = ""  # what to do about it, in words
    fixable: bool = False  # whether ``check --fix`` applies the fix

    def as_text(self) -> str:
        text = f"{self.path}:{self.line}: {self.severity} [{self.rule}] {self.message}"
        return text + (f" (fix: {self.fix})" if self.fix else "")

    def as_github(self) -> str:
        """A GitHub Actions workflow command: an annotation on the file and line."""
        level = "error" if self.severity == ERROR else "warning"
        message = self.message + (f" Fix: {self.fix}" if self.fix else "")
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{level} file={path},line={self.line},title={self.rule}::{message}"

    def as_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def line_of(text: str, field: str, value: str | None = None, occurrence: int = 1) -> int:
    """The line of ``text`` that sets ``field`` (to ``value``, when given) for the ``occurrence``-th
    time; the first such line when there are fewer, 1 when there is none."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        sets_field = stripped.startswith(field + ":") or stripped.startswith(field + " {")
        if sets_field and (value is None or value in stripped):
            found.append(number)
    if not found:
        return 1
    return found[occurrence - 1] if occurrence <= len(found) else found[0]
