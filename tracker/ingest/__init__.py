"""Ingest, the first stage: getting a feed's bytes and reading them as items.

* ``fetch``: polite HTTP with httpx (conditional GET, redirects, Retry-After, size caps
  applied after decompression, deadlines, ``file://``); never raises for a feed's own
  trouble, it returns a ``FetchResult``.
* ``lanes``: one-connection httpx clients, one per fetch that may run at once.
* ``prescan``: a linear scan that refuses bodies whose parsing would cost far beyond
  their size (entity expansion, attributes, depth, items, elements).
* ``parse``: feedparser (and JSON Feed) on the fetched bytes and headers, into ``Item``s
  with a stable identity; no I/O of its own.
* ``parsepool``: parsing in worker processes, with a deadline and crash containment.

May import: the shared top-level modules (``config``, ``events``, ``errors``,
``validate``, ``log``) and nothing of any other stage. ``tests/test_layering.py`` checks.
"""
