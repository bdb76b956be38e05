"""The SQLite cache of parsed papers under ``.papershelf/`` (`store`), and loading a library through it (`loader`)."""
