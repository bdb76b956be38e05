"""The ``templates`` style: a list's own look, as Jinja2 templates in its ``templates/`` folder.

Three templates, each optional but the row: ``page.md.j2`` (a whole file),
``section.md.j2`` (one group of papers) and ``row.md.j2`` (one paper).  Each
file a build writes is the page: README.md lists the keyword view, and
``cls_<view>.md`` each other view.  What a template sees:

- page: ``prefix``, ``suffix`` (README_prefix.md, README_suffix.md as written),
  ``file`` (README.md, cls_year.md...), ``title``, ``description``, ``view``,
  ``papers`` (how many), ``sections``
  (each with ``label``, ``anchor``, ``count``, ``rows`` and ``text``, the
  section rendered);
- section: ``label``, ``anchor``, ``count``, ``view``, ``rows`` (each row rendered);
- row: ``paper`` (every field; ``authors`` and ``institutions`` as lists,
  ``keywords`` as labels), ``number`` (from 1 in its section), ``links``
  (``paper``, ``code``, ``note``, ``cover``: resolved, safe, or empty),
  ``badges`` (``venue``: a shields.io badge of venue and year; ``stars``: the
  GitHub stars badge linked to the repository).

Escaping is done for the template: every value a ``{{ }}`` prints is escaped
as markdown text (so no title can break a table, open a tag or make a link),
except the links, badges, rendered rows and sections and README parts, which
are safe already.  A template's error (its syntax, or a name it uses that does
not exist) is a usage error naming the file and line, raised before any file
is written.  The author view keeps to ``author_min_papers`` and
``author_view_max_mb`` as the papershelf style does.  Templates are read with ``trim_blocks`` and ``lstrip_blocks``
(a line holding only a ``{% tag %}`` leaves nothing behind).  Sections come
in ``[keywords]`` order, years newest first, other keys alphabetically, and
papers without a keyword, year or venue last ("No keyword", "Undated",
"Unknown venue"); papers in a section go newest first, then by title.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from importlib import resources
from types import SimpleNamespace

import jinja2
from jinja2 import meta
from markupsafe import Markup

from papershelf.core.errors import PapershelfError
from papershelf.core.model import Paper
from papershelf.core.views import README, VIEWS, group, view_file
from papershelf.render import escape as md
from papershelf.render.author_view import shown_authors
from papershelf.render.style import Links, RenderInputs, Style
from papershelf.render.styles.papershelf import NO_VENUE, NO_YEAR, github_repo, venue_badge

TEMPLATE_DIR = "templates"
NAMES = ("page.md.j2", "section.md.j2", "row.md.j2")
REQUIRED = "row.md.j2"
_ANCHOR_DROP = re.compile(r"[^\w\- ]")
UNGROUPED = {"keyword": "No keyword", "year": NO_YEAR, "publication": NO_VENUE}  # the last section's label


def read_templates(root) -> dict[str, str]:
    """The library's templates by name (only those it has), read as UTF-8."""
    found = {}
    for name in NAMES:
        path = root / TEMPLATE_DIR / name
        if path.is_file():
            try:
                found[name] = path.read_text("utf-8")
            except UnicodeDecodeError as exc:
                raise PapershelfError(f"{TEMPLATE_DIR}/{name}: not UTF-8 text ({exc.reason})") from None
    return found


def _finalize(value) -> str:
    """What a ``{{ }}`` prints: safe values as they are, anything else escaped as markdown text."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    return md.text(str(value))


def _join(values, separator: str = "", attribute: str | None = None) -> Markup:
    """Jinja's ``join`` keeping the escaping: plain items escaped, safe ones (rows) as they are;
    the separator is the template's own text."""
    items = [getattr(v, attribute) if attribute else v for v in values]
    return Markup(str(separator).join(str(i) if isinstance(i, Markup) else _finalize(i) for i in items))


def _located(error: Exception, name: str) -> PapershelfError:
    line = getattr(error, "lineno", None)
    tb = error.__traceback__
    while tb is not None:  # a runtime error: the template's own frame holds its line
        if tb.tb_frame.f_code.co_filename == f"{TEMPLATE_DIR}/{name}":
            line = tb.tb_lineno
        tb = tb.tb_next
    message = getattr(error, "message", None) or str(error)
    return PapershelfError(f"{TEMPLATE_DIR}/{name}:{line or 1}: {message}")


class _Loader(jinja2.BaseLoader):
    def __init__(self, sources: dict[str, str]):
        self.sources = sources

    def get_source(self, environment, name):
        if name not in self.sources:
            raise jinja2.TemplateNotFound(name)
        return self.sources[name], f"{TEMPLATE_DIR}/{name}", lambda: True


def _anchor(label: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as dashes."""
    return _ANCHOR_DROP.sub("", label.lower()).replace(" ", "-")


class TemplateStyle(Style):
    name = "templates"

    def compiled(self, inputs: RenderInputs) -> dict[str, jinja2.Template]:
        """Every template, compiled: the library's, else the default; a located error if one is wrong."""
        if REQUIRED not in inputs.templates:
            raise PapershelfError(f"the templates style needs {TEMPLATE_DIR}/{REQUIRED} in the library")
        defaults = resources.files(__package__).joinpath("template_defaults")
        sources = {name: inputs.templates.get(name) or defaults.joinpath(name).read_text("utf-8") for name in NAMES}
        environment = jinja2.Environment(
            loader=_Loader(sources),
            undefined=jinja2.StrictUndefined,
            finalize=_finalize,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,  # a {% tag %} line leaves no blank line behind
            lstrip_blocks=True,
        )
        environment.filters["join"] = _join
        compiled = {}
        for name in NAMES:
            try:
                compiled[name] = environment.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                raise _located(exc, name) from None
        # A row that does not print its number is the same in every section: rendered once a paper.
        row_names = meta.find_undeclared_variables(environment.parse(sources[REQUIRED]))
        compiled["numbered"] = "number" in row_names
        return compiled

    def prepare(self, inputs: RenderInputs, links: Links) -> dict:
        """The compiled templates (checked before anything renders) and each paper's row values,
        made once before a build on two cores forks: every file needs every paper's row.

        A row that prints no number is one text in every section: it is rendered here, the later
        half of the papers' on another core for many papers, and only its text is kept.  Rendered
        as each file first needed it, each of a build's two processes rendered most rows again."""
        templates = self.compiled(inputs)
        papers = inputs.papers
        if templates["numbered"]:
            links.resolve_all(papers)  # on two cores for many papers
            return {"templates": templates, "rows": {p.source: self._row_values(p, inputs, links) for p in papers}}

        def texts(some: Sequence[Paper]) -> list[Markup]:
            return [self._row(templates, self._row_values(p, inputs, links), None) for p in some]

        here, there = links.on_two_cores(papers, texts, lambda made: [str(text) for text in made])
        made = here + [Markup(text) for text in there or ()]
        return {"templates": templates, "rows": {p.source: {"text": text} for p, text in zip(papers, made)}}

    def render(
        self, inputs: RenderInputs, links: Links, names: Collection[str] | None = None, prepared=None
    ) -> dict[str, str]:
        prepared = prepared or self.prepare(inputs, links)
        files = {}
        for name, view in ((README, "keyword"), *((view_file(v), v) for v in VIEWS)):
            if names is None or name in names:
                files[name] = self._page(inputs, view, prepared)
        return files

    def _row_values(self, paper: Paper, inputs: RenderInputs, links: Links) -> dict:
        def link(url: str | None) -> Markup:
            target = md.safe_url(links.target(paper, url)) if url else None
            return Markup(md.url(target)) if target else Markup("")

        config = inputs.config
        repo = github_repo(paper.code_url) if md.safe_url(paper.code_url) else None
        stars = ""
        if repo:
            badge = f"https://img.shields.io/github/stars/{md.url(repo)}"
            stars = f"[![GitHub stars]({badge})](https://github.com/{md.url(repo)})"
        fields = {name: getattr(paper, name) for name in Paper.__dataclass_fields__ if name != "source"}
        fields.update(
            authors=list(paper.split_authors()),
            institutions=list(paper.institution_names()),
            keywords=[config.keyword_label(k) for k in paper.keywords],
            source=paper.source,
        )
        return {
            "paper": SimpleNamespace(**fields),
            "links": SimpleNamespace(
                paper=Markup(md.url(paper.url)) if md.safe_url(paper.url) else Markup(""),
                code=Markup(md.url(paper.code_url)) if md.safe_url(paper.code_url) else Markup(""),
                note=link(paper.note_url),
                cover=link(paper.cover_url),
            ),
            "badges": SimpleNamespace(
                venue=Markup(venue_badge(paper, config.venue_color(paper.venue or ""))),
                stars=Markup(stars),
            ),
        }

    def _groups(self, inputs: RenderInputs, view: str, prepared: dict) -> list[tuple[str, list[Paper]]]:
        """The sections of a view, in order; papers the view does not group (no keyword, year or
        venue) in a last section of their own, and authors as the papershelf style shows them (its
        minimum of papers, raised until the page fits ``author_view_max_mb``)."""
        papers = inputs.papers
        groups = group(papers, view, inputs.config.author_min_papers if view == "author" else 1)
        if view == "author":
            groups = self._fitting_authors(inputs, groups, prepared)
        if view == "keyword":
            order = {name: i for i, name in enumerate(inputs.vocabulary)}
            keys = sorted(groups, key=lambda k: (order.get(k, len(order)), k))
            sections = [(inputs.config.keyword_label(k), groups[k]) for k in keys]
        else:
            keys = sorted(groups, key=lambda k: (-k, k) if view == "year" else (str(k).lower(), str(k)))
            sections = [(str(k), groups[k]) for k in keys]
        field_name = {"keyword": "keywords", "year": "year", "publication": "venue"}.get(view)
        left = [p for p in papers if field_name and not getattr(p, field_name)]
        if left:
            sections.append((UNGROUPED[view], left))
        return sections

    def _fitting_authors(self, inputs: RenderInputs, groups: dict, prepared: dict) -> dict:
        templates, rows = prepared["templates"], prepared["rows"]

        def rows_size(members: list[Paper]) -> int:
            return sum(len(self._row(templates, rows[p.source], 1)) + 1 for p in members)

        shown = shown_authors(groups, inputs.config, {}, rows_size)
        return {key: groups[key] for key in shown}

    def _page(self, inputs: RenderInputs, view: str, prepared: dict) -> str:
        templates, rows = prepared["templates"], prepared["rows"]
        sections = []
        for label, members in self._groups(inputs, view, prepared):
            members = sorted(members, key=lambda p: (-(p.year or 0), (p.title or "").lower(), p.source))
            rendered = [self._row(templates, rows[p.source], n) for n, p in enumerate(members, start=1)]
            values = {"label": label, "anchor": Markup(_anchor(label)), "count": len(members), "rows": rendered}
            text = Markup(self._fill(templates, "section.md.j2", view=Markup(view), **values))
            sections.append(SimpleNamespace(text=text, **values))
        return self._fill(
            templates,
            "page.md.j2",
            prefix=Markup(inputs.readme_prefix),
            suffix=Markup(inputs.readme_suffix),
            file=Markup(README if view == "keyword" else view_file(view)),
            title=inputs.config.title or inputs.name,
            description=inputs.config.description or "",
            view=Markup(view),
            papers=len(inputs.papers),
            sections=sections,
        )

    def _row(self, templates: dict, values: dict, number: int) -> Markup:
        if templates["numbered"]:
            return Markup(self._fill(templates, "row.md.j2", **values, number=number).rstrip("\n"))
        if "text" not in values:
            values["text"] = Markup(self._fill(templates, "row.md.j2", **values, number=None).rstrip("\n"))
        return values["text"]

    @staticmethod
    def _fill(templates: dict, name: str, **values) -> str:
        try:
            return templates[name].render(**values)
        except jinja2.TemplateError as exc:
            raise _located(exc, name) from None
        except (TypeError, ValueError, AttributeError, ArithmeticError) as exc:
            raise _located(exc, name) from None
