"""Poll, the third stage: one poll of a feed, from fetch to appended events.

* ``decide``: pure. A feed's known state and one fetch and its items in, the events to
  append and the wait until the next check out (interval, TTL, max-age, Retry-After,
  backoff, capped).
* ``service``: the imperative shell (``Tracker``): fetch, parse, decide and store, one
  feed at a time, one transaction and one log line per feed.
* ``analyst``: the story's memory between polls, and the analysis of relevant articles
  against it.
* ``cycle``: what the polls of one cycle share (the store's worker thread and lock).
* ``outcome``: what one poll did (``FeedOutcome``) and its log line.

May import: ingest, analysis, eventlog (a poll appends to the log) and the shared
top-level modules; never notify, daemon, views or the entry points (``cli``,
``demo``). ``decide`` is pure, with the same limits as the analysis stage.
``tests/test_layering.py`` checks.
"""
