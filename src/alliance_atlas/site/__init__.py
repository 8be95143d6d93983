"""Site integration of the bibliography: pure functions that render HTML and Markdown for the MkDocs hooks.

Nothing here imports MkDocs or knows of Material: the thin hooks in ``hooks/`` call these
functions, so moving to another generator means rewriting the hooks, not this package.
"""
