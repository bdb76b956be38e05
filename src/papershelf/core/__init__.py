"""The bottom layer: the `Paper` model, identifiers, names, venues, views, duplicate keys, speed tricks.

Nothing here reads a library or imports another papershelf package.
"""
