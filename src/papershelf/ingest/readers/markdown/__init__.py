"""Reading other people's list pages (awesome lists, EfficientPaper's views) with markdown-it-py.

`page.read_page` is the entry point: blocks (`blocks`) -> pieces of each entry
(`inline`) -> one paper's facts (`entries`, with `links`, `venue_claims`,
`authors`, `text_cleaning`, `columns`), or EfficientPaper's exact reading
(`efficientpaper_pages`).
"""
