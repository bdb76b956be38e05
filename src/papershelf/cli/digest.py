"""``papershelf digest`` and ``papershelf suggest``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import day, format_option, library_option, say, usage_errors
from papershelf.core.errors import PapershelfError


@app.command("digest", short_help="This week's new arXiv papers, ranked by what the list holds.")
@library_option
@click.option("--since", help="Papers from this date on (YYYY-MM-DD; default: the last digest, or [digest] days).")
@click.option("--out", type=click.Path(path_type=Path), help="Write the digest here (default: print it).")
@format_option("markdown", "json", "rss", help="The digest as markdown, JSON or RSS.")
@click.option("--source", type=click.Choice(["api", "rss"]), help="The arXiv API or RSS (default: [digest] source).")
@click.option("--no-archive", is_flag=True, help="Do not keep the candidates in digests/ (the model learns from them).")
@click.option("--evaluate", "evaluate_file", type=click.Path(path_type=Path), help="Score a CANDIDATES.jsonl instead.")
@click.option("--split", help="With --evaluate: train before this date, score from it on (YYYY-MM-DD).")
def digest_command(library, since, out, output_format, source, no_archive, evaluate_file, split):
    """Fetch the papers arXiv announced since the last digest that the search words find
    (meta/search/*.prototxt and [digest]), drop those the list holds, rank the rest by a model
    trained on the list and the earlier digests, and write the page: every candidate, the best
    first, with its score, why, the keywords it would get and the command that adds it.

    With --evaluate FILE --split DATE: train on what is dated before DATE and print how well the
    candidates from DATE on are ranked (average precision, ROC AUC, recall in the top 5 % and
    10 % of each digest), beside the tf-idf + SVM recipe of arxiv-sanity."""
    with usage_errors():
        if evaluate_file is not None:
            if split is None:
                raise PapershelfError("--evaluate needs --split DATE")
            _evaluate(library, evaluate_file, split, output_format)
            return
        from papershelf.digest import page, weekly

        made = weekly.run(library, day(since, "--since"), source, keep=not no_archive)
        text = page.WRITERS[output_format](made)
        if out is not None:
            from papershelf.library.atomic import write_text_atomic

            write_text_atomic(out, text)
        else:
            sys.stdout.write(text)
    above = made.entries[: made.cut]
    say(f"{len(made.entries)} new papers since {made.since}, {len(above)} above the cut line; "
        f"{len(made.held)} in the list already" + (f"; kept in {made.archived}" if made.archived else ""))  # fmt: skip


def _evaluate(library: Path, candidates: Path, split: str, output_format: str) -> None:
    from papershelf.digest import evaluate

    found = evaluate.run(library, candidates, split)
    if output_format == "json":
        print(json.dumps(found.as_dict(), indent=2))
        return
    print(f"trained on {found.trained_on} candidates before {found.split} and {found.list_papers} papers of the list;")
    print(f"scored {found.candidates} candidates of {found.digests} digests from it on, {found.curated} curated")
    print(f"{'':12} {'AP':>7} {'ROC AUC':>8} {'top 5 %':>8} {'top 10 %':>9}")
    for name, scores in (("papershelf", found.model), ("tf-idf+SVM", found.baseline)):
        print(f"{name:12} {scores.ap:7.3f} {scores.roc_auc:8.3f} {scores.recall_at_5:8.3f} {scores.recall_at_10:9.3f}")


@app.command("suggest", short_help="The keywords a paper should get, with their scores.")
@click.argument("paper")
@library_option
@format_option("text", "json", help="Report as text or json.")
def suggest_command(paper: str, library: Path, output_format: str) -> None:
    """The keywords PAPER (an id of the list, or an arXiv id or url, whose title and abstract are
    fetched) should get: one classifier a keyword, trained on the list's own keywords."""
    from papershelf.cache.loader import load_library
    from papershelf.digest.suggest import SUGGEST_FROM, Suggester

    with usage_errors():
        loaded = load_library(library)
        text, has = _paper_text(loaded, paper)
        scores = Suggester([p for p in loaded.papers if p.title != text]).scores([text])[0]
    offered = [s for i, s in enumerate(scores) if i == 0 or s.score >= SUGGEST_FROM]
    if output_format == "json":
        rows = [{"keyword": s.keyword, "label": loaded.config.keyword_label(s.keyword), "score": s.score,
                 "offered": s in offered, "has": s.keyword in has} for s in scores]  # fmt: skip
        print(json.dumps({"paper": paper, "keywords": rows}, indent=2, ensure_ascii=False))
        return
    for suggestion in scores[: max(5, len(offered))]:
        mark = "*" if suggestion in offered else " "
        held = " (has it)" if suggestion.keyword in has else ""
        label = loaded.config.keyword_label(suggestion.keyword)
        print(f"{mark} {suggestion.score:.2f}  {suggestion.keyword}  {label}{held}")
    if offered:
        say("offered (*): --keyword " + " --keyword ".join(s.keyword for s in offered))


def _paper_text(library, paper: str) -> tuple[str, set[str]]:
    """The text to judge: a paper of the list's title (and its keywords), or an arXiv paper's."""
    held = [p for p in library.papers if p.id == paper]
    if held:
        return held[0].title or held[0].abbr or held[0].id, set(held[0].keywords)
    from papershelf.ingest.clients import arxiv_api
    from papershelf.ingest.identify import ARXIV, identify

    try:
        found = identify(paper)
    except PapershelfError:
        found = None
    if found is None or found.kind != ARXIV:
        raise PapershelfError(f"{paper!r} is neither a paper of the list nor an arXiv id")
    record = arxiv_api.fetch(found.value, arxiv_api.new_client())
    return f"{record.title}. {record.summary}", set()
