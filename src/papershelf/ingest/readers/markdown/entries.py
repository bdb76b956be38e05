"""One entry of a list (a table row, a list item, a paragraph) as the facts of one paper.

The entry's pieces (`inline.Piece`) are read for what they are, wherever the
list put them: the title is the first link whose label is text rather than a
link word or a venue tag, else bold text, else the first line's text; the
paper's url the first paper link; the code the first code link or stars
badge; venue and year the first venue named beside a year outside the title
(badges included), then a venue column, a date column, the year of the section
heading, and the arXiv id's month.
"""

from __future__ import annotations

from dataclasses import dataclass

from papershelf.core.ids import arxiv_id, year_in
from papershelf.ingest.readers.author_names import author_names
from papershelf.ingest.readers.markdown.inline import Piece, badge_text, stars_repository, text_of
from papershelf.ingest.readers.markdown.links import LINK_WORDS, code_url, is_link_word, is_paper_link, label
from papershelf.ingest.readers.markdown.text_cleaning import CleanTitle, clean_title
from papershelf.ingest.readers.markdown.venue_claims import best_claim, claims, trailing_claim

MIN_TITLE = 4  # characters: shorter is a tag or a link word, not a title
ABBREVIATION_BEFORE_TITLE = 4  # words: "[GPTQ](url): Accurate post-training ..." has its title after the link


GUESSED = "guessed"  # the key of the facts an entry implies (a preprint's venue): another entry's facts win


class NotUnderstood(ValueError):
    """An entry that looks like a paper but could not be read: the reason is reported with its line."""


@dataclass
class Title:
    clean: CleanTitle
    used: set[int]  # ids of the pieces the title came from (left out of the venue search)
    segment: int
    href: str | None = None
    rest: str = ""  # text of the title's pieces that is not the title (a venue and year after it)


def _venue_only(text: str) -> bool:
    """Whether a label is a venue tag ("CVPR", "ICLR 2024") rather than a title."""
    found = claims(text)
    return bool(found) and len(text.split()) <= 4 and any(c.venue for c in found)


def _title_links(parts: list[Piece], title_column: bool = False) -> list[Piece]:
    """The links whose label may be a title.  In a Title column only a label that is a link word
    as a whole ("[Paper]") is not: there "[Model for sparse](url)" and "[Yi](url)" are titles, while
    elsewhere a short label, or one that starts with a link word, names the link ("[Models (HF)]",
    "[Code (DeepSpeed)]", "[CVF]")."""
    return [
        p
        for p in parts
        if p.kind == "link"
        and not p.tagged
        and not (label(p) in LINK_WORDS if title_column else is_link_word(p))
        and not (p.src and badge_text(p.src) is not None or stars_repository(p.src or ""))
        and not _venue_only(p.text)
        and len(p.text.strip()) >= (1 if title_column else MIN_TITLE)
        and not p.text.strip().startswith(("http://", "https://"))
    ]


def find_title(parts: list[Piece], title_column: bool = False) -> Title | None:
    links = _title_links(parts, title_column)
    if links:
        link = links[0]
        rest = [p for p in parts if p.kind == "text" and p.segment == link.segment]
        rest_title = clean_title(text_of(rest))
        if " " not in link.text.strip() and len(rest_title.title.split()) >= ABBREVIATION_BEFORE_TITLE:
            rest_title.abbr = rest_title.abbr or link.text.strip()
            return Title(rest_title, {id(p) for p in rest} | {id(link)}, link.segment, link.href)
        return Title(clean_title(link.text), {id(link)}, link.segment, link.href)
    strong = [p for p in parts if p.kind == "text" and p.strong]
    if strong:
        same = [p for p in strong if p.segment == strong[0].segment]
        title = clean_title(text_of(same))
        if len(title.title.split()) >= 3 or len(title.title) >= 20:
            return Title(title, {id(p) for p in same}, same[0].segment)
    for segment in sorted({p.segment for p in parts}):
        texts = [p for p in parts if p.kind == "text" and p.segment == segment and not p.em]
        text = text_of(texts)
        cut = trailing_claim(text)  # "Title, <ins>ICML, 2023</ins>": the venue is no part of the title
        title = clean_title(text[:cut] if cut else text)
        if len(title.title) >= MIN_TITLE:
            return Title(title, {id(p) for p in texts}, segment, rest=text[cut:] if cut else "")
    return None


def _claim_text(parts: list[Piece], used: set[int], rest: str = "") -> str:
    words = [rest, "|"]
    for part in parts:
        if id(part) in used:
            continue
        if part.kind in ("text", "link"):
            words.append(part.text)
        for src in (part.src,) if part.src else ():
            words.append(badge_text(src) or "")
        words.append("|")  # a claim never spans two pieces
    return " ".join(words)


def _authors(parts: list[Piece], title: Title) -> list[str]:
    later = sorted({p.segment for p in parts if p.segment > title.segment})
    for segment in later:
        texts = [p for p in parts if p.kind == "text" and p.segment == segment]
        italics = [p for p in texts if p.em]  # "*A. Lee, B. Chen.* Preprint'25": the names are in italics
        names = author_names(text_of(italics or texts))
        if names:
            return names
    italics = [p for p in parts if p.kind == "text" and p.em and id(p) not in title.used]
    return author_names(text_of(italics), alone=True) if italics else []  # "*Franz A. Heinsen.*"


def read_entry(cells: list[tuple[str | None, list[Piece]]], year_hint: int | None, in_table: bool) -> dict | None:
    """The facts of the paper an entry lists; None when it lists none (prose, a table of contents).
    Raises `NotUnderstood` for an entry that links a paper but gives no title."""
    everything = [p for _, parts in cells for p in parts]
    paper_links = [p for p in everything if is_paper_link(p)]
    titled = any(role == "title" and text_of(parts, links=True).strip() for role, parts in cells)
    if not paper_links and not (in_table and (titled or _title_links(everything))):
        return None  # a row of a table with a Title column is a paper even without a link
    by_role: dict[str | None, list[Piece]] = {}
    for role, parts in cells:
        by_role.setdefault(role, []).extend(parts)
    title_parts = by_role.get("title")
    if title_parts is None:  # the cell holding the first title-like link, else everything
        holder = next((parts for _, parts in cells if _title_links(parts)), None)
        title_parts = holder if holder is not None else everything
    title = find_title(title_parts, title_column="title" in by_role)
    if title is None or not title.clean.title:
        raise NotUnderstood("a paper link without a title")
    facts: dict = {"title": title.clean.title}
    if title.clean.abbr:
        facts["abbr"] = title.clean.abbr
    url = paper_links[0].href if paper_links else title.href
    if url and url.startswith(("http://", "https://")):
        facts["url"] = url
    code_column = [p.href for p in by_role.get("code", []) if p.kind == "link" and p.href.startswith("http")]
    others = [p for p in everything if id(p) not in title.used and p not in paper_links]
    code = next((c for p in others if (c := code_url(p))), code_column[0] if code_column else None)
    if code is None and title.href and "github.com/" in title.href and paper_links:
        code = title.href  # the title links the repository and another link the paper
    if code:
        facts["code_url"] = code
    authors = author_names(text_of(by_role["authors"]), alone=True) if "authors" in by_role else []
    facts_authors = authors or _authors(title_parts, title)
    if facts_authors:
        facts["authors"] = tuple(facts_authors)
    institutions = list(title.clean.institutions)
    if "institution" in by_role:
        institutions += [i for i in text_of(by_role["institution"], links=True).replace("&", ",").split(",") if i]
    if institutions:
        facts["institutions"] = tuple(dict.fromkeys(i.strip() for i in institutions if i.strip()))
    covers = [p.src for p in by_role.get("cover", []) if p.kind == "image" and p.src and badge_text(p.src) is None]
    if covers:
        facts["cover_url"] = covers[0]
    facts.update(_venue_and_year(everything, by_role, title, year_hint, url))
    return facts


def _venue_and_year(everything, by_role, title: Title, year_hint, url) -> dict:
    claim = best_claim(_claim_text(everything, title.used, title.rest))
    if claim is None and "venue" in by_role:
        claim = best_claim(text_of(by_role["venue"], links=True), need_year=False)
    if claim is None:  # a venue tag without a year: "[[CVPR](url)]", a badge "Conference-CVPR"
        tags = [p.text for p in everything if p.kind == "link" and id(p) not in title.used]
        tags += [badge_text(p.src) or "" for p in everything if p.src]
        claim = best_claim(" | ".join(tags), need_year=False)
    found: dict = {}
    guessed = set()  # facts the entry implies without stating them
    if claim and claim.venue:
        found["venue"] = claim.venue
    year = claim.year if claim else None
    if year is None and "date" in by_role:
        year = year_in(text_of(by_role["date"], links=True))
    if year is None:
        year = year_hint
    if year is None and arxiv_id(url) and arxiv_id(url)[:2].isdigit():
        year, _ = 2000 + int(arxiv_id(url)[:2]), guessed.add("year")
    if year:
        found["year"] = year
    if "venue" not in found and arxiv_id(url):
        found["venue"], _ = "arXiv", guessed.add("venue")
    if guessed:
        found[GUESSED] = frozenset(guessed)
    return found
