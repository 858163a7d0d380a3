"""A side named only to recall the baseline's one-time event: background, not a link.

Pure. News of one side very often recalls, in passing, the event the story began with:
"Die Taliban, deren Regierung bislang nur Russland anerkannt hat, haben …", "Движение
«Талибан», правительство которого Россия признала в 2025 году, запретило …", "Rusya'nın
tanıdığı Taliban yönetimi …", "获俄罗斯承认的塔利班政府…". The other side is named there as
the recognition's party, not as a party to what the item reports. Such a mention is
told by where it stands, in any language: within a few words of a word of that event,
in the same clause (between commas, brackets, dashes, in any script's punctuation): a
relative clause, a participle, an apposition. A sentence whose main clause restates the
event names the side farther from its word ("Russland hat im Juli 2025 als erstes Land
die Taliban anerkannt") and still links; so does a side named again outside the clause
("Die von Moskau anerkannte Taliban-Regierung hat Weizen aus Russland erhalten").

The events are the baseline's facts that happen once (``once``: a recognition, a court's
ruling) and name every side: their weightiest concepts of their own kind (what event each
is: ``recognition``, ``credentials``, ``court``), read from the baseline file, not typed
here. A headline that names one of an event's concepts (a new envoy presenting
credentials, an anniversary of the recognition) is on that event or a new one of its
kind: the judge then does not read that event's words as the baseline's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tracker.analysis.concepts import Lexicon
from tracker.analysis.script import unified_letters
from tracker.analysis.term_matcher import Matcher
from tracker.analysis.text import TOKEN
from tracker.events import BaselineFactRecorded

NEAR = 5
"""Words between a side's name and the event's word that bind the name to the event:
"reconnu officiellement par la Russie", "روس نے باضابطہ طور پر تسلیم"."""
ARABIC_RELATIVES = ("التي", "الذي", "الذين", "اللتين", "اللذين", "اللواتي", "اللاتي")
"""Arabic's relative pronouns, which open a relative clause with or without a comma;
its verb comes first and its subject after ("حكومة طالبان التي اعترفت بها روسيا"), so
without the break the subject would stand where a head noun does (see
:func:`only_recalls`)."""
CLAUSE = re.compile(r"[,;:()\[\]،؛，、；：（）]|\s[-–—]\s|[–—]|(?<!\S)(?="
                    + "|".join(ARABIC_RELATIVES) + r"(?!\S))")
"""What ends a clause in the scripts the stories are read in: commas (Latin, Arabic,
Chinese), semicolons, colons, brackets, dashes, and an Arabic relative pronoun."""
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
"""Letters of the scripts written without spaces between words (as the lexicon reads)."""


def once_events(facts: Iterable[BaselineFactRecorded], lexicon: Lexicon,
                sides: Sequence[Matcher]) -> tuple[frozenset[str], ...]:
    """The concepts that name each of the baseline's one-time events between the sides:
    of each fact that happens once and whose statement names every side, its weightiest
    concepts of its own kind; facts that share one tell one event (the copy of the
    credentials, their acceptance, the recognition it made: ``credentials`` and
    ``recognition``)."""
    found: list[frozenset[str]] = []
    for fact in facts:
        if not fact.once or not all(side.find(fact.statement) for side in sides):
            continue
        concepts = [c for c in lexicon.find("\n".join([fact.statement, *fact.keywords]))
                    if c.kind == fact.kind]
        if concepts:
            top = max(c.weight for c in concepts)
            event = frozenset(c.id for c in concepts if c.weight == top)
            joined = [known for known in found if not known.isdisjoint(event)]
            found = [known for known in found if known.isdisjoint(event)]
            found.append(event.union(*joined))
    return tuple(found)


def unnamed(events: Iterable[frozenset[str]], named: Iterable[str]) -> frozenset[str]:
    """The concepts of the ``events`` none of whose concepts is ``named``: a headline on
    the recognition is on the credentials that made it too."""
    named = frozenset(named)
    return frozenset().union(*(event for event in events if event.isdisjoint(named)))


def only_recalls(sentence: str, side: Matcher, events: frozenset[str],
                 lexicon: Lexicon, titled: Sequence[Matcher] = ()) -> bool:
    """Whether ``sentence`` names ``side`` only as a party of one of ``events``: every
    name of it stands within :data:`NEAR` words of an event's word, in the same clause.
    False when it names the side in a way its terms do not place (by a place's name),
    and when it names it after both an event's word and a side the headline names
    (``titled``): then the side heads the phrase that recalls the event and is the
    subject of what the sentence tells ("Taliban'ı tanıyan Rusya, Kabil'e buğday
    gönderdi", "Признавшая талибов Россия отправила…", "承认塔利班的俄罗斯向喀布尔…")."""
    placed = False
    for clause in CLAUSE.split(unified_letters(sentence)):
        spans = side.spans(clause)
        if not spans:
            continue
        units = _units(clause)
        for start, end in spans:
            if _heads(clause[:start], events, lexicon, titled):
                return False
            first = next((i for i, (_, e) in enumerate(units) if e > start), len(units) - 1)
            last = max((i for i, (s, _) in enumerate(units) if s < end), default=first)
            if events.isdisjoint(_near(clause, units, first, last, lexicon)):
                return False
        placed = True
    return placed


def _near(clause: str, units: list[tuple[int, int]], first: int, last: int,
          lexicon: Lexicon) -> set[str]:
    """The concepts of the terms one of whose words stands within :data:`NEAR` words of
    the name spanning ``units[first:last + 1]``: a phrase that begins inside the window
    and ends past it counts ("روس نے باضابطہ طور پر تسلیم کیا", Urdu's "recognised" being
    two words), a term wholly outside does not."""
    def text(begin: int, end: int) -> str:
        begin, end = max(0, begin), min(len(units) - 1, end)
        return clause[units[begin][0]:units[end][1]] if begin <= end else ""

    def concepts(begin: int, end: int) -> set[str]:
        part = text(begin, end)
        return {c.id for c in lexicon.find(part)} if part else set()

    start, stop, more = first - NEAR, last + NEAR, lexicon.longest_term - 1
    found = concepts(start, stop)
    if more:
        # A concept found only across an edge, and not in the words past it alone, is a
        # phrase that has a word inside.
        found |= (concepts(start - more, stop + more) - concepts(start - more, start - 1)
                  - concepts(stop + 1, stop + more))
    return found


def _heads(before: str, events: frozenset[str], lexicon: Lexicon,
           titled: Sequence[Matcher]) -> bool:
    """Whether the words ``before`` a side's name in its clause name a side the
    headline names and one of the ``events``: the name then heads that phrase."""
    return any(side.find(before) for side in titled) and not events.isdisjoint(
        c.id for c in lexicon.find(before))


def _units(clause: str) -> list[tuple[int, int]]:
    """Where the clause's words are; in a script written without spaces (Chinese,
    Japanese) each character counts as one: "获俄罗斯正式承认的塔利班政府" is one token."""
    units: list[tuple[int, int]] = []
    for match in TOKEN.finditer(clause):
        if UNSPACED.search(match.group(0)):
            units += [(i, i + 1) for i in range(match.start(), match.end())]
        else:
            units.append(match.span())
    return units
