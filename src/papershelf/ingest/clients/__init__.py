"""Raw clients of the metadata services (arXiv, Crossref, OpenAlex) over HTTP with retries."""
