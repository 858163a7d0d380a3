"""Analysis, the second stage: what an item says, judged without any I/O.

* ``text``: folding, transliteration, sentences, stems, shingles, term patterns.
* ``judge``: is an item about the story (the sides together, in any language)?
* ``concepts``: the concept lexicon's lookup (fast word lookup of many languages' terms).
* ``categories``: the general event categories of news in 18 languages
  (``tracker/data/categories.toml``): ``categories(text)`` gives kinds and weights.
* ``lexicon``: one story's lexicon: the general categories plus the story's actors,
  places and concepts from its configuration.
* ``negation``: negation cues per language (``tracker/data/negation.toml``), so that a
  denied revocation is no contradiction.
* ``script``: script-level normalisation (Arabic-script variants, digits, joiners, case).
* ``language``: language identification (py3langid, its model in the wheel).
* ``names``, ``places``, ``matching``: actors across scripts (transliteration keys),
  places in every CLDR locale, and the phrase matcher both use.
* ``proper_names``, ``named``: people the story does not know (capitalised names, and
  the words of caseless scripts as consonant skeletons), and where two reports' meet.
* ``dates``, ``calendars``, ``cldr_data``, ``lexkey``: the event date of a title or lede
  (CLDR names, solar and lunar hijri), against the publication date.
* ``quantities``, ``quantity_words``: amounts normalised across languages and scripts.
* ``evidence``, ``reading``: an article read into language-independent evidence, and
  the reader of one story.
* ``grouping``, ``rarity``: novelty against the baseline, joining updates, summaries
  (pure rules); how rare each piece of evidence is.
* ``compare``: copy, unreviewed, baseline, joined update or new update, against what is
  known; the story's knowledge (``shingled``: its recent articles by lead shingle, for
  copies; ``windows``: its updates by the days they may be joined on).
* ``memory``: the knowledge rebuilt from recorded analyses; one article's analysis as
  events.
* ``provenance``: an article's publisher (its registrable domain).
* ``literals``: the literal text a regular expression cannot match without (a cheap
  substring test before a search that would find nothing).
* ``baseline``: the story's starting facts, loaded from a TOML data file.

Every module here is pure: functions over frozen values. It may read its own data
files and import the shared top-level modules (``config``, ``events``,
``errors``, ``validate``, ``log``), one another, and pure modules of the ingest stage (a ``types``
module); never an I/O library (httpx, sqlite3, sqlite_utils, feedparser, apscheduler,
smtplib, socket, subprocess, asyncio, ...) nor a module that does I/O.
``tests/test_layering.py`` checks.
"""
