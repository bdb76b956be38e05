"""The output styles, by name: each a `render.style.Style`."""

from __future__ import annotations

from papershelf.core.errors import PapershelfError
from papershelf.render.style import Style
from papershelf.render.styles.efficientpaper import EfficientPaperStyle
from papershelf.render.styles.efficientpaper_2024_03 import EfficientPaper2024_03Style
from papershelf.render.styles.efficientpaper_2025_06 import EfficientPaper2025_06Style
from papershelf.render.styles.papershelf import PapershelfStyle
from papershelf.render.styles.templates import TemplateStyle

STYLES: dict[str, Style] = {
    style.name: style
    for style in (
        PapershelfStyle(),
        EfficientPaperStyle(),
        EfficientPaper2025_06Style(),
        EfficientPaper2024_03Style(),
        TemplateStyle(),
    )
}


def get_style(name: str) -> Style:
    try:
        return STYLES[name]
    except KeyError:
        known = ", ".join(sorted(STYLES))
        raise PapershelfError(f"unknown style {name!r} (known styles: {known})") from None
