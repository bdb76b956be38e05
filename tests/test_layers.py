"""The package's layers: each package imports only those above it in the README's module map."""

from __future__ import annotations

import re

from helpers import PROJECT

PACKAGE = PROJECT / "src" / "papershelf"
IMPORT = re.compile(r"^\s*(?:from|import) papershelf\.(\w+)", re.MULTILINE)


def layers() -> list[str]:
    readme = (PROJECT / "README.md").read_text("utf-8")
    tree = readme.split("src/papershelf/\n", 1)[1].split("```", 1)[0]
    return re.findall(r"^  (\w+)/ ", tree, re.MULTILINE)


def test_the_module_map_names_every_package():
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert sorted(layers()) == packages


def test_each_package_imports_only_those_above_it():
    rank = {name: place for place, name in enumerate(layers())}
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        package = path.relative_to(PACKAGE).parts[0]
        if package not in rank:
            continue
        for imported in IMPORT.findall(path.read_text("utf-8")):
            if imported in rank and rank[imported] > rank[package]:
                upward.append(f"{path.relative_to(PACKAGE)} imports papershelf.{imported}")
    assert upward == []
