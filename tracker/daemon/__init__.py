"""Daemon, the sixth stage: the long-running process that polls and sends on schedule.

* ``scheduler``: APScheduler 3 on asyncio, one job per feed with a stable id, moved to
  each feed's next check plus jitter; clean stop on SIGTERM, reload on SIGHUP.
* ``digest_jobs``: the digest jobs next to the feed jobs (compose when due, retry).
* ``settling``: when the articles the polls recorded are analysed: together, once the
  polls due together have come.
* ``heartbeat``: a small JSON state file that ``tracker status`` reads.
* ``systemd``: the notify protocol (READY, STATUS, WATCHDOG) in plain Python.

May import: ingest, analysis, poll, eventlog, notify and the shared top-level modules;
never views or the entry points (``cli``, ``demo``). ``tests/test_layering.py`` checks.
"""
