"""Where papers come from: arXiv, Crossref, OpenAlex and PDF files."""
