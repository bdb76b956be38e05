"""The lineage of the list's methods: which paper compares against which (``baseline`` references,
resolved to papers of the list), as families, measures and charts (``papershelf graph``)."""
