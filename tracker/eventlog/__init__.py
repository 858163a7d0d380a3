"""Event log, the fourth stage: the append-only store and what is folded from it.

* ``store``: one SQLite file, one ``events`` table with no update or delete path,
  optimistic concurrency per stream, projections written in the same transaction.
* ``migrations``: schema changes in order, recorded in ``PRAGMA user_version``.
* ``storage``: names the environment's fault (full disk, read-only file system,
  permissions) when SQLite cannot write.
* ``projections``: the read-model tables, rebuildable from the events.

May import: the shared top-level modules (``events``, ``errors``, ...) only. The log
knows events, not the stages that produce or read them, so every other stage may import
it (poll appends to it, notify, daemon and views read it) and it imports none of them.
``tests/test_layering.py`` checks.
"""
