"""Poll, the third stage: one poll of a feed, from fetch to appended events.

* ``types``: the values of one poll, step by step (``Fetched``, ``Known``,
  ``PollResult``).
* ``decide``: pure. A feed's known state, one fetch and its items and the story's
  knowledge in; one ``PollResult`` out: the events to append (with the analysis of
  relevant articles), the check row and the wait until the next check (interval, TTL,
  max-age, Retry-After, backoff, capped).
* ``service``: the imperative shell (``Tracker``): fetch, parse, read, decide and store,
  one feed at a time, one transaction and one log line per feed; re-judging the store.
* ``knowledge``: the story's memory between polls, reloaded when another writer changed
  the store.
* ``cycle``: what the polls of one cycle share (the store's worker thread and lock).
* ``outcome``: what one poll did (``FeedOutcome``) and its log line.

May import: ingest, analysis, eventlog (a poll appends to the log) and the shared
top-level modules; never notify, daemon, views or the entry points (``cli``,
``demo``). ``decide`` is pure, with the same limits as the analysis stage.
``tests/test_layering.py`` checks.
"""
