"""``papershelf digest`` and ``suggest``: new arXiv papers ranked by a model trained on the list.

Needs the ``digest`` extra (scikit-learn, NumPy, WordLlama's embeddings, feedparser):
``pip install 'papershelf[digest]'``.
"""
