"""Related lists: from [related] and EfficientPaper's references file, in the papershelf style's README
and the site; other styles' views unchanged."""

from __future__ import annotations

from helpers import write_paper
from small_library import make_library

RELATED = '[related]\n"Awesome LLM Compression" = "https://github.com/HuangOwen/Awesome-LLM-Compression"\n'


def test_the_readme_lists_related_lists_with_stars(tmp_path):
    from papershelf.render import build

    root = make_library(tmp_path / "list")
    config = (root / "papershelf.toml").read_text()
    write_paper(root, "papershelf.toml", config + RELATED)
    write_paper(root, "meta/search/references.prototxt", 'repo_url: "https://github.com/horseee/Awesome-Efficient-LLM"\n'
                'repo_url: "https://github.com/HuangOwen/Awesome-LLM-Compression"\n')  # fmt: skip
    write_paper(root, "README_suffix.md", "## License\n\nCC0\n")
    build.run(root)
    readme = (root / "README.md").read_text()
    section = readme[readme.index("## Related lists") :]
    assert section == (
        "## Related lists\n\n"
        "- [Awesome LLM Compression](https://github.com/HuangOwen/Awesome-LLM-Compression)"
        " ![stars](https://img.shields.io/github/stars/HuangOwen/Awesome-LLM-Compression?style=social)\n"
        "- [horseee/Awesome-Efficient-LLM](https://github.com/horseee/Awesome-Efficient-LLM)"
        " ![stars](https://img.shields.io/github/stars/horseee/Awesome-Efficient-LLM?style=social)\n"
        "\n## License\n\nCC0\n"
    )
    write_paper(root, "meta/search/references.prototxt", "")
    build.run(root)  # the references file is an input of the views: they follow it
    assert "horseee" not in (root / "README.md").read_text()


def test_the_site_has_a_page_of_related_lists(tmp_path):
    from papershelf.site import build

    root = make_library(tmp_path / "list")
    write_paper(root, "papershelf.toml", (root / "papershelf.toml").read_text() + RELATED)
    build.run(root, tmp_path / "site")
    page = (tmp_path / "site" / "related.html").read_text()
    assert '<a href="https://github.com/HuangOwen/Awesome-LLM-Compression">Awesome LLM Compression</a>' in page
    assert 'href="related.html">Related lists</a>' in (tmp_path / "site" / "index.html").read_text()


def test_without_related_lists_nothing_changes(tmp_path):
    from papershelf.site import build

    root = make_library(tmp_path / "list")
    build.run(root, tmp_path / "site")
    assert not (tmp_path / "site" / "related.html").exists()
    assert "Related lists" not in (tmp_path / "site" / "index.html").read_text()
