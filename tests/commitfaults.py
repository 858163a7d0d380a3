"""Make the Nth COMMIT on a store's connection fail, for real, in a process that goes on.

SQLite refuses the COMMIT itself, as it would on a full disk: just before the COMMIT that
is the Nth from arming starts, a row that breaks a deferred foreign key is written into a
temporary table in the same transaction. SQLite checks deferred constraints when COMMIT
runs, so that COMMIT fails (SQLITE_CONSTRAINT) and the writer must roll back, which takes
the offending row away with the rest. The COMMITs are counted by the connection's trace
callback, which sees every statement as it starts, cached or not, whichever code runs it
(an append, a grouped cycle, ``tracker rebuild``, a migration). After that one failure
the fault has cleared by itself: the next attempt, in the same process, commits.

Used by tests/test_commit_faults.py (one test per commit point),
tests/test_commit_kills.py and tests/poll/test_commit_failure.py (issue 14's
reproduction), which poll the same items below.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field


@dataclass
class CommitFault:
    """The ``nth`` COMMIT from arming fails (every one, with ``nth`` = 0)."""

    conn: sqlite3.Connection
    nth: int
    commits: int = 0
    spoilt: list[int] = field(default_factory=list)
    """The ordinals of the COMMITs made to fail, to check the fault did happen."""

    def saw(self, statement: str) -> None:
        if not statement.lstrip().upper().startswith("COMMIT"):
            return
        self.commits += 1
        if (self.nth == 0 or self.commits == self.nth) and self.conn.in_transaction:
            self.conn.execute("INSERT INTO temp.fault_child VALUES (1)")
            self.spoilt.append(self.commits)

    @property
    def fired(self) -> bool:
        return bool(self.spoilt)


def arm(conn: sqlite3.Connection, nth: int = 1) -> CommitFault:
    """Fail the ``nth`` COMMIT run on ``conn`` from now (1 = the next; 0 = every one until
    :func:`disarm`)."""
    if nth < 0:
        raise ValueError("nth counts from 1 (0: every commit)")
    if conn.in_transaction:
        raise RuntimeError("arm between transactions: PRAGMA foreign_keys is ignored inside one")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS fault_parent (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS fault_child (parent INTEGER REFERENCES"
                 " fault_parent(id) DEFERRABLE INITIALLY DEFERRED)")
    fault = CommitFault(conn, nth)
    conn.set_trace_callback(fault.saw)
    return fault


def disarm(conn: sqlite3.Connection) -> None:
    """Remove the fault, whether or not it fired."""
    conn.set_trace_callback(None)


# The items the commit-fault scenarios poll: a development in two languages, another in
# German reported twice, and news of no interest to the story.
QUAKE = {"title": "Russia flies 40 tonnes of aid to quake-hit Afghanistan",
         "guid": "https://wire.test/quake", "link": "https://wire.test/quake",
         "description": "An emergencies ministry plane carried tents and food to Kabul after "
                        "the earthquake, the ministry said on Tuesday.",
         "pubDate": "Tue, 14 Oct 2025 09:00:00 GMT"}
QUAKE_RU = {"title": "Россия доставила в Афганистан 40 тонн помощи после землетрясения",
            "guid": "https://ru.test/quake", "link": "https://ru.test/quake",
            "description": "Самолет МЧС доставил в Кабул палатки и продукты для пострадавших "
                           "от землетрясения, сообщили во вторник в министерстве.",
            "pubDate": "Tue, 14 Oct 2025 11:00:00 GMT"}
WHEAT_DE = {"title": "Russland und die Taliban unterzeichnen Abkommen über Weizenlieferungen",
            "guid": "https://de.test/weizen", "link": "https://de.test/weizen",
            "description": "Moskau wird nach Angaben des Handelsministeriums in Kabul eine "
                           "Million Tonnen Weizen nach Afghanistan liefern.",
            "pubDate": "Thu, 16 Oct 2025 08:00:00 GMT"}
WHEAT_DE_2 = {"title": "Erste russische Weizenlieferung erreicht Kabul",
              "guid": "https://de2.test/weizen", "link": "https://de2.test/weizen",
              "description": "Die erste Lieferung russischen Weizens nach dem Abkommen mit "
                             "den Taliban ist in Kabul eingetroffen.",
              "pubDate": "Fri, 17 Oct 2025 08:00:00 GMT"}
WEATHER = {"title": "Snow closes mountain passes", "guid": "https://wx.test/snow",
           "link": "https://wx.test/snow", "description": "Heavy snow closed two passes.",
           "pubDate": "Wed, 15 Oct 2025 06:00:00 GMT"}
