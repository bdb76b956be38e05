"""``papershelf check``: a linter for a paper list (see `runner`; one module a rule in `rules/`)."""

from papershelf.check.finding import ERROR, WARNING, Finding
from papershelf.check.runner import RULES, CheckResult, run

__all__ = ["ERROR", "WARNING", "CheckResult", "Finding", "RULES", "run"]
