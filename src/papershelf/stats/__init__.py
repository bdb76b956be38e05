"""The list's statistics (``papershelf stats``, the site's statistics page): counts and growth, and
their charts as SVG."""
