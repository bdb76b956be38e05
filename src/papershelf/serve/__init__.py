"""``papershelf serve``: a local web editor over the library API of `papershelf.edit`."""
