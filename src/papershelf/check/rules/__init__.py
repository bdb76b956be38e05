"""The rules of ``papershelf check``, one module a rule, each with ``check(context)`` yielding findings."""
