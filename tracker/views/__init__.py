"""Views, the last stage: read-only answers for a person, from the projections.

* ``story``: the story now or as of a past moment (replayed into memory), and its text.
* ``report``: the story timeline as one self-contained HTML page.
* ``health``: ``tracker status``: the daemon's heartbeat, the feeds, the deliveries and
  what needs a person.

May import: every earlier stage (ingest, analysis, poll, eventlog, notify, daemon) and
the shared top-level modules; never the entry points (``cli``, ``demo``). Nothing but
the entry points imports a view. ``tests/test_layering.py`` checks.
"""
