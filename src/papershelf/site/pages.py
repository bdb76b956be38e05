"""The site's HTML pages, from Jinja2 templates with HTML autoescaping: no text becomes markup.

Every link inside the site is relative, so the site works at any path (GitHub
Pages under a project path included); ``base_url``, when given, is only
written as each page's canonical address.
"""

from __future__ import annotations

import functools
from urllib.parse import quote, urlencode

import jinja2
from markupsafe import Markup

from papershelf.core.model import Paper
from papershelf.library.config import Config
from papershelf.render.escape import safe_url
from papershelf.render.styles.papershelf import github_repo


def escaped(value) -> str:
    """``value`` as HTML text or attribute, the bytes Jinja's autoescape writes (markupsafe's
    escape), as a plain string: the parts of a page made in Python escape a hundred values a
    page, and a Markup object each was most of their time."""
    return (
        str(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )


ROW_START = '  <li class="result" data-paper-id="'
ROWS_START, ROWS_END = '<ol class="results">\n', "</ol>"


@functools.lru_cache(maxsize=1 << 17)
def group_row(paper) -> str:
    """A paper in a group page's list (a `neighbours.Summary`), escaped: made here, not in the
    template, as a list of 20,000 is made in a tenth of the time (and `update` splices rows);
    cached, as a paper is listed on a dozen group pages."""
    pid = escaped(paper.id)
    meta = f"{escaped(paper.venue or '')} {paper.year or ''}"
    if paper.authors:
        meta += f" · {escaped(', '.join(paper.authors))}"
    return (
        f'{ROW_START}{pid}"><a class="title" href="../papers/{pid}.html">{escaped(paper.title or paper.id)}</a>\n'
        f'  <div class="meta">{meta}</div></li>\n'
    )


def near_items(others: list) -> Markup:
    """The items of a paper page's list of other papers (`neighbours.Summary` each), escaped:
    made here, not in the template, which spent most of a page's time on these loops."""
    return Markup("".join(map(_near_item, others)))


@functools.lru_cache(maxsize=1 << 17)
def _near_item(o) -> str:  # cached: a paper is listed on the pages of a dozen others
    return f'<li><a href="{escaped(o.id)}.html">{escaped(o.title)}</a> ({escaped(o.venue or "")} {o.year or ""})</li>'


class Pages:
    def __init__(self, config: Config, title: str, base_url: str = ""):
        self.config = config
        self.title = title
        self.base_url = base_url.rstrip("/")
        self.environment = jinja2.Environment(
            loader=jinja2.PackageLoader("papershelf.site", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.environment.filters["search_link"] = self.search_link
        self.environment.globals["group_path"] = self.group_path
        self.environment.globals["related"] = ()  # the related lists (`library.related`), set by the build
        self.paths: dict[str, dict[str, str]] = {}  # facet -> {name: its page}, once the group pages are made

    def group_path(self, kind: str, name, prefix: str = "../") -> str:
        """The page of a venue, keyword, institution or author; the filtered search where there is none."""
        path = self.paths.get(kind, {}).get(str(name))
        return prefix + path if path else self.search_link(name, kind, prefix)

    def _links(self, kind: str, names: list[str]) -> Markup:
        """Names linked to their pages, comma-separated and escaped (see `near_items`)."""
        return Markup(", ".join(f'<a href="{escaped(self.group_path(kind, n))}">{escaped(n)}</a>' for n in names))

    @staticmethod
    def search_link(value, facet: str, prefix: str = "../") -> str:
        """The search page listing the papers of one facet value."""
        return f"{prefix}index.html?{urlencode({facet: value})}"

    @staticmethod
    def stars_badge(paper: Paper) -> str | None:
        """The shields.io stars badge of a GitHub repository: an image the reader's browser loads
        from shields.io, which caches GitHub's counts (no GitHub API call, no rate limit)."""
        return Pages.stars_of(paper.code_url) if paper.code_url else None

    def _canonical(self, path: str) -> str | None:
        return f"{self.base_url}/{path}" if self.base_url else None

    def index(self, papers: int, shards: int = 1) -> str:
        """The search page; ``shards``: how many files the records are split into (`records.shard_count`)."""
        return self.environment.get_template("index.html.j2").render(
            site_title=self.title,
            description=self.config.description or "",
            papers=papers,
            shards=shards,
            canonical=self._canonical("index.html"),
            root="",
        )

    def group(self, word: str, kind: str, label: str, count: int, rows: str) -> str:
        """A group page of ``count`` papers, whose list is ``rows`` (`group_row` of each, joined)."""
        return self.environment.get_template("group.html.j2").render(
            site_title=self.title, word=word, kind=kind, label=label, count=count, rows=Markup(rows), root="../",
            canonical=None,
        )  # fmt: skip

    def related(self) -> str:
        lists = [(item, safe_url(item.url), self.stars_of(item.url)) for item in self.environment.globals["related"]]
        return self.environment.get_template("related.html.j2").render(
            site_title=self.title, lists=lists, root="", canonical=self._canonical("related.html")
        )

    @staticmethod
    def stars_of(url: str) -> str | None:
        repo = github_repo(url) if safe_url(url) else None
        return f"https://img.shields.io/github/stars/{quote(repo)}?style=social" if repo else None

    def graph(self, families: list, unresolved: int) -> str:
        return self.environment.get_template("graph.html.j2").render(
            site_title=self.title, families=families, unresolved=unresolved, root="",
            canonical=self._canonical("graph.html"),
        )  # fmt: skip

    def stats(self, papers: int, year_chart: str, bars: list[str], heat: list) -> str:
        return self.environment.get_template("stats.html.j2").render(
            site_title=self.title, papers=papers, year_chart=Markup(year_chart), bars=[Markup(b) for b in bars],
            heat=heat, root="", canonical=self._canonical("stats.html"),
        )  # fmt: skip

    def paper(
        self,
        paper: Paper,
        note: str,
        cover: str | None,
        bibtex_entry: str,
        near: tuple[list, list, list, list] = ([], [], [], []),
    ) -> str:
        """A paper's page; ``near``: the `neighbours.Summary` of the papers it lists (same keyword,
        same authors, its baselines, the papers naming it as one)."""
        same_keyword, same_authors, baselines, built_on = near
        keywords = [self.config.keyword_label(k) for k in dict.fromkeys(paper.keywords)]
        return self.environment.get_template("paper.html.j2").render(
            site_title=self.title,
            paper=paper,
            title=paper.title or paper.id,
            authors=self._links("author", paper.author_names()),
            institutions=self._links("institution", paper.institution_names()),
            keywords=self._links("keyword", keywords),
            url=safe_url(paper.url),
            code=safe_url(paper.code_url),
            stars=self.stars_badge(paper),
            cover=cover,
            note=Markup(note),
            bibtex=bibtex_entry,
            same_keyword=near_items(same_keyword),
            same_authors=near_items(same_authors),
            baselines=near_items(baselines),
            built_on=near_items(built_on),
            canonical=self._canonical(f"papers/{paper.id}.html"),
            root="../",
        )
