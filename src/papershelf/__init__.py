"""papershelf: a curated paper list kept as one metadata file per paper."""

__version__ = "0.1.0"
