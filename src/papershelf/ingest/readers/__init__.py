"""Readers of what a curator has at hand: PDFs, BibTeX files, awesome-list pages, code links in text."""
