"""Papers coming in: what a source is (`identify`), the service clients, the readers of PDFs,
BibTeX and awesome-list pages, and the add and import commands."""
