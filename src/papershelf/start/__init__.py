"""Starting a list from nothing: ``papershelf init`` and the files it writes (``files/``)."""
