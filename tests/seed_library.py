"""Rebuild a flat library from the rows of seed 001 (the institution view), for the columns style.

Seed 001 was generated from a flat EfficientPaper library that is not among
the fixtures; every fact its rows show (id, abbreviation, title, url, cover and
note paths, venue, year, code, institutions) is enough to rebuild one whose
institution view must come out the same.
"""

from __future__ import annotations

import re
from pathlib import Path

from papershelf.model import Paper
from papershelf.protofile import format_paper

ROW = re.compile(r"^\| +\d+ \|")


def _touch(root: Path, link: str) -> str:
    """Create the file a ./notes/ link names; return the url relative to notes/."""
    path = root / link.removeprefix("./")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    return link.removeprefix("./notes/")


def rebuild(seed: Path, root: Path) -> int:
    papers: dict[str, Paper] = {}
    institution = None
    for line in seed.read_text("utf-8").splitlines():
        found = re.search(r"<summary><b>(.*)</b></summary>", line)
        if found:
            institution = found.group(1)
            continue
        line = line.removesuffix("</p>")
        if not ROW.match(line):
            continue
        _, meta, title, cover, venue, year, code, note = [c.strip() for c in line.strip("|").split(" | ")]
        abbr, paper_id = re.fullmatch(r"\[(.*)\]\(\./meta/(.*)\.prototxt\)", meta).groups()
        linked = re.fullmatch(r"\[(.*)\]\((.*)\)", title)
        title, url = linked.groups() if linked else (title, None)
        src = re.search(r"src='(.*)'", cover)
        cover_url = src and src.group(1)
        if cover_url and cover_url.startswith("./notes/"):
            cover_url = _touch(root, cover_url)
        stars = re.search(r"stars/([^/]+)/([^)]+)\)", code)
        code_type, code_url = "Pytorch", None
        if stars:
            code_url = f"https://github.com/{stars.group(1)}/{stars.group(2)}"
        elif code:
            code_type, code_url = re.fullmatch(r"\[(.*)\]\((.*)\)", code).groups()
        note_url = note[len("[note](") : -1] if note else ""
        if note_url.startswith("./notes/"):
            note_url = _touch(root, note_url)
        earlier = papers.get(paper_id)
        papers[paper_id] = Paper(
            id=paper_id,
            title=title,
            abbr="" if abbr == "m" else abbr,
            url=url,
            institutions=(earlier.institutions if earlier else ()) + (institution,),
            venue=venue,
            year=int(year),
            code_type=code_type,
            code_url=code_url,
            note_url=note_url,
            cover_url=cover_url,
        )
    (root / "meta").mkdir(parents=True, exist_ok=True)
    for paper_id, paper in papers.items():
        (root / "meta" / f"{paper_id}.prototxt").write_text(format_paper(paper), "utf-8")
    return len(papers)
