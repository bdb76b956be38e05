"""``papershelf site``: the list as a static, searchable website (index, a page per paper, assets)."""
