"""Search and list: the full-text and filter tables, the query, the ranking, facets, and the engine."""
