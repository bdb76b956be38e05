"""``papershelf init [DIR]``: an empty paper list, ready to add to, build and check.

It writes ``meta/``, a ``papershelf.toml`` holding every setting with its
default and what it does, a ``README_prefix.md`` to edit, the index's line in
``.gitignore``, a GitHub Actions workflow that runs ``check`` with
annotations (failing on stale views) and one that builds the site and
publishes it on GitHub Pages, both pinned to the papershelf installed here.
In a folder that is a library already (``meta/`` or ``papershelf.toml``), it
changes nothing.  A file of the same name that is
there already (a README_prefix.md, a workflow) is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from papershelf.core.errors import PapershelfError
from papershelf.library.atomic import write_text_atomic
from papershelf.library.config import CONFIG_FILE
from papershelf.library.gitignore import ignore_in_git
from papershelf.library.layout import CACHE_DIR, META_DIR
from papershelf.start.install_source import pip_requirement

WORKFLOW = ".github/workflows/check.yml"
SITE_WORKFLOW = ".github/workflows/site.yml"
VARIABLE = "PAPERSHELF_REQUIREMENT"
IGNORED = {  # what .gitignore gets, each with why: both are made from the files
    f"{CACHE_DIR}/": "papershelf's index: derived from the files, rebuilt when missing",
    "/site/": "papershelf site's default output: the Pages workflow builds its own",
}


@dataclass
class InitResult:
    root: Path
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # files there already, left as they were
    already: bool = False  # the folder is a library: nothing was changed
    warnings: list[str] = field(default_factory=list)


def _template(name: str, **values: str) -> str:
    text = resources.files(__package__).joinpath("files", name).read_text("utf-8")
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def _install_steps(requirement: str | None) -> str:
    """The workflow's install step: the pinned requirement, else the repository variable (and a
    step that fails with the reason when the variable is not set)."""
    if requirement is not None:
        return f'      - run: pip install "{requirement}"'
    return (
        f"      - if: vars.{VARIABLE} == ''\n"
        f'        run: echo "::error::set the repository variable {VARIABLE} (Settings, Variables) to the '
        'papershelf to install, e.g. papershelf @ git+https://HOST/OWNER/papershelf@TAG" && exit 1\n'
        f'      - run: pip install "${{{{ vars.{VARIABLE} }}}}"'
    )


def run(directory: Path | str = ".") -> InitResult:
    root = Path(directory)
    result = InitResult(root)
    if (root / META_DIR).is_dir() or (root / CONFIG_FILE).exists():
        result.already = True
        return result
    if root.exists() and not root.is_dir():
        raise PapershelfError(f"{root} is a file, not a folder")
    title = root.resolve().name.replace("-", " ").replace("_", " ").strip() or "My paper list"
    files = {
        CONFIG_FILE: _template("papershelf.toml", title=title),
        "README_prefix.md": _template("README_prefix.md", title=title),
    }
    requirement = pip_requirement()
    files[WORKFLOW] = _template("check.yml", install=_install_steps(requirement))
    files[SITE_WORKFLOW] = _template("site.yml", install=_install_steps(requirement))
    if requirement is None:
        result.warnings.append(
            f"the workflows install papershelf from the repository variable {VARIABLE}: this papershelf was "
            "not installed from a git repository, so it cannot be pinned here; set the variable in the "
            "list's GitHub settings to a requirement such as 'papershelf @ git+https://HOST/OWNER/papershelf@TAG'"
        )
    try:
        (root / META_DIR).mkdir(parents=True, exist_ok=True)
        result.written.append(META_DIR + "/")
        for name, text in files.items():
            if (root / name).exists():
                result.kept.append(name)
                continue
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(root / name, text)
            result.written.append(name)
        if ignore_in_git(root, IGNORED):
            result.written.append(".gitignore")
    except OSError as exc:
        raise PapershelfError(f"cannot write in {root}: {exc.strerror or exc}") from exc
    return result
