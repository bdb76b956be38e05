"""Editing one paper of a library in place: what ``papershelf serve`` does for a curator.

A save changes only the fields it names (`fields`), is checked by the parse
and the rules of ``check`` before anything is written (`validate`), refuses a
file that changed since it was read (its ETag, `editor`), writes atomically and
rebuilds the views; with git on, it commits exactly the files it wrote
(`git_commits`).
"""
