"""Analysis, the second stage: what an item says, judged without any I/O.

* ``text``: folding, transliteration, sentences, stems, shingles, term patterns.
* ``judge``: is an item about the story (the sides together, in any language)?
* ``concepts``: the multilingual concept lexicon (``tracker/data/concepts.toml``).
* ``dates``: the event date of a title or lede, against the publication date.
* ``extract``: an article's claims as weighted features.
* ``compare``: copy, baseline, joined update or new update, against what is known.
* ``baseline``: the story's starting facts, loaded from a TOML data file.

Every module here is pure: functions over frozen values. It may read its own data
files and import the shared top-level modules (``config``, ``events``, ``errors``,
``validate``, ``log``), one another, and pure modules of the ingest stage (a ``types``
module); never an I/O library (httpx, sqlite3, sqlite_utils, feedparser, apscheduler,
smtplib, socket, subprocess, asyncio, ...) nor a module that does I/O.
``tests/test_layering.py`` checks.
"""
