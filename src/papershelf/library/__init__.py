"""A library's files: its config and schema, the text-proto format, the meta/ layout, links,
reading many files, atomic writes, and new papers' ids and files.  Imports only core."""
