"""Rule ``alias``: one venue, institution or author spelled several ways across the library.

Spellings are grouped when their `names.name_key` is equal (case, accents,
quotes, punctuation, "The", "Inc"); venues and institutions also when they
differ by one typo: a letter missing or added ("NVDIA"), or, in names of
``MIN_SUBSTITUTION_LENGTH`` letters or more, one letter changed or two swapped
("Univeristy") -- shorter names that differ so are usually distinct acronyms
("KAIST", "KAUST"); and when they differ in one word's ending after a common stem
("Institute" / "Institution" of one place).  Pairs are found by blocking, not
by comparing every two names (`name_spelling`).  A name with a misspelled
common word ("Univeristy of Sydney") and no other spelling to group with is
reported with the word it misspells (``name_words.txt``).  Institutions are also grouped when one is an acronym
followed by one more word ("IST" / "IST Austria"); venues are not ("ICLR" and
"ICLR oral" are distinct on purpose).  People's names are only grouped by key:
"Yu Wang" and "Yi Wang" are different people.  Groups that
``[aliases]`` already settles are not reported; files that still use a listed
variant are, and ``--fix`` writes the canonical spelling into them.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from papershelf.check.context import Context
from papershelf.check.finding import WARNING, Finding
from papershelf.check.rules.name_spelling import misspelled_words, one_ending_apart, one_typo_apart
from papershelf.core.model import Paper
from papershelf.core.names import name_key
from papershelf.library.aliases import canonical_paper

MIN_TYPO_LENGTH = 5
MIN_SUBSTITUTION_LENGTH = 8

# kind: (field in the file, names of a paper, typo matching, acronym matching)
KINDS = {
    "venue": ("where", lambda p: [p.venue] if p.venue else [], True, False),
    "institution": ("institutions", lambda p: list(p.institutions), True, True),
    "author": ("authors", lambda p: p.split_authors(), False, False),
}


class _Groups:
    def __init__(self, names):
        self.parent = {n: n for n in names}

    def find(self, name):
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def join(self, a, b):
        self.parent[self.find(a)] = self.find(b)


def _acronym_extension(short: str, long: str) -> bool:
    words = long.split()
    return short.isupper() and 2 <= len(short) <= 5 and len(words) == 2 and words[0] == short


def _one_typo(a: str, b: str) -> bool:
    if len(a) != len(b):
        return True  # Levenshtein distance 1 with different lengths: a letter missing or added
    return min(len(a), len(b)) >= MIN_SUBSTITUTION_LENGTH


def spelling_groups(counts: Counter, typos: bool, acronyms: bool) -> list[list[str]]:
    """Groups of two or more spellings of one name, most used first."""
    names = sorted(counts)
    groups = _Groups(names)
    by_key = defaultdict(list)
    for name in names:
        by_key[name_key(name)].append(name)
    for same in by_key.values():
        for other in same[1:]:
            groups.join(same[0], other)
    if typos:
        keys = sorted(k for k in by_key if len(k) >= MIN_TYPO_LENGTH)
        for a, b in one_typo_apart(keys):
            if _one_typo(a, b):
                groups.join(by_key[a][0], by_key[b][0])
        for a, b in one_ending_apart(keys):
            groups.join(by_key[a][0], by_key[b][0])
    if acronyms:
        two_words = defaultdict(list)
        for name in names:
            if len(name.split()) == 2:
                two_words[name.split()[0]].append(name)
        for short in names:
            for long in two_words.get(short, []):
                if _acronym_extension(short, long):
                    groups.join(short, long)
    members = defaultdict(list)
    for name in names:
        members[groups.find(name)].append(name)
    result = [sorted(m, key=lambda n: (-counts[n], -len(n), n)) for m in members.values() if len(m) > 1]
    return sorted(result)


def _misspellings(context: Context, kind: str, field: str, counts: Counter, groups, first_use):
    """A common word misspelled in a name that has no other spelling in the list to group with."""
    grouped = {name for group in groups for name in group}
    for name in sorted(counts):
        if name in grouped:
            continue
        for written, correct in misspelled_words(name):
            fixed = name.replace(written, correct)
            yield _warning(
                context,
                first_use[name],
                field,
                name,
                f"{kind} {name!r}: {written!r} looks like a misspelling of {correct!r}",
                fix=f"write {fixed!r} (or list it in [aliases] in papershelf.toml)",
            )


def _warning(context: Context, paper: Paper, field: str, name: str, message: str, **fix) -> Finding:
    """A finding of this rule, at the line of ``paper`` that writes ``name``."""
    return Finding(paper.source, context.line_of(paper.source, field, name), "alias", WARNING, message, **fix)


def _toml_key(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def check(context: Context):
    config = context.library.config
    papers = context.library.papers
    settled_papers = [canonical_paper(p, config) for p in papers]
    for kind, (field, names_of, typos, acronyms) in KINDS.items():
        counts: Counter = Counter()
        first_use: dict[str, Paper] = {}
        for paper, settled in zip(papers, settled_papers):
            for name in names_of(settled):
                counts[name] += 1
                first_use.setdefault(name, paper)
        groups = spelling_groups(counts, typos, acronyms)
        for group in groups:
            canonical, variants = group[0], group[1:]
            listed = ", ".join(repr(v) for v in group)
            entry = f"{_toml_key(canonical)} = [{', '.join(_toml_key(v) for v in variants)}]"
            yield _warning(
                context,
                first_use[variants[0]],
                field,
                variants[0],
                f"{kind} spellings {listed} look like one {kind}",
                fix=f"add to [aliases] in papershelf.toml: {entry}",
            )
        if typos:
            yield from _misspellings(context, kind, field, counts, groups, first_use)
    for paper, fixed in zip(papers, settled_papers):
        if fixed == paper:
            continue
        for kind, (field, names_of, _, _) in KINDS.items():
            for old, new in zip(names_of(paper), names_of(fixed)):
                if old != new:
                    message = f"{kind} {old!r} is spelled {new!r} in [aliases]"
                    yield _warning(context, paper, field, old, message, fix=f"write {new!r}", fixable=True)
        context.propose(paper, venue=fixed.venue, institutions=fixed.institutions, authors=fixed.authors)
