"""A side's terms, compiled: where any of them appears in a text, fast when none does.

Pure. Used by the judge (:mod:`tracker.analysis.judge`) for each side and the third
parties. Term syntax: a term matches whole words, case-insensitively; ``word*`` matches
any word beginning with ``word`` (inflected forms: ``росси*`` finds России, российский);
several words match with any white space or hyphen between them; a term written entirely
in capitals (``IEA``, ``РФ``) matches case-sensitively, since its lowercase form is often
an ordinary word; a term after ``=`` matches only as written, capitals and accents
(``=Nga``: Vietnamese Russia, where ngã and ngà are words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.analysis.places import PlaceIndex
from tracker.analysis.script import unaccented, unified_letters
from tracker.analysis.text import (
    WORD_START,
    alternation,
    has_capitals,
    is_acronym,
    opening,
    sentence_around,
    spellings,
    term_pattern,
    word_openings,
)
from tracker.analysis.word_forms import glued_forms, joined_form
from tracker.config.story import TermGroup

AS_WRITTEN = "="
"""Marks a term matched only as written."""


@dataclass(frozen=True)
class Matcher:
    """Compiled terms of one side (or of the third parties).

    Most texts name none of a side's terms, and proving that with the expression costs
    it a try at every position. So the terms' first letters are kept apart as well: a
    term that starts at a word start opens a word of the text with them (``openings``,
    lowercase, in each spelling re equates); any other contains them (``inside``); an
    acronym contains its first word (``acronyms``, exact case). A text with none of them
    is ruled out by a few set and substring tests, shared by every matcher that looks
    at the same text; the expression then finds exactly what it would have found.
    """

    name: str
    folded: re.Pattern[str] | None
    exact: re.Pattern[str] | None
    openings: frozenset[str] = frozenset()
    inside: frozenset[str] = frozenset()
    inside_ascii: frozenset[str] = frozenset()
    """The ``inside`` literals that an ASCII text can hold."""
    acronyms: frozenset[str] = frozenset()
    written: re.Pattern[str] | None = None
    """The ``=`` terms, matched as written (see the module)."""
    written_literals: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    """The terms that are a place's name (kabul, moscow): not found written in lower case
    in a sentence that has capitals, where they are words (Turkish "kabul etti", accepted)."""

    @classmethod
    def compile(cls, group: TermGroup) -> Matcher:
        # As the texts (see find), with the particles Arabic script glues to a word, and
        # a term of several words glued as text that lost its non-joiners prints it.
        # Accents too: a side's term meets its inflected forms that differ only by one
        # (Polish afgański, transafgańskiej for afgan*, transafgan*), as concepts do.
        as_written = [unified_letters(t[1:]) for t in group.terms if t.startswith(AS_WRITTEN)]
        written = [unaccented(unified_letters(t)) for t in group.terms
                   if not t.startswith(AS_WRITTEN)]
        written += [j for j in map(joined_form, written) if j is not None]
        terms = [v for t in written for v in glued_forms(t)]
        folded = [t for t in terms if not is_acronym(t)]
        exact = [t for t in terms if is_acronym(t)]
        openings: set[str] = set()
        inside: set[str] = set()
        for term in folded:
            first = term.split()[0]
            core = first.rstrip("*")
            word = (opening(core, prefix=first.endswith("*"))
                    if term_pattern(term).startswith(WORD_START) else None)
            if word is not None:
                openings |= spellings(word)
            else:
                inside |= spellings(core)
        return cls(
            name=group.name,
            folded=alternation(folded, re.IGNORECASE) if folded else None,
            exact=alternation(exact, 0) if exact else None,
            openings=frozenset(openings), inside=frozenset(inside),
            inside_ascii=frozenset(literal for literal in inside if literal.isascii()),
            acronyms=frozenset(t.split()[0].rstrip("*") for t in exact),
            written=_as_written(as_written) if as_written else None,
            written_literals=frozenset(t.split()[0].rstrip("*") for t in as_written),
            places=frozenset(t for t in folded if " " not in t and not t.endswith("*")
                             and t.isalpha() and PlaceIndex.build().find(t.title())),
        )

    def find(self, text: str) -> list[str]:
        # روسیه and روسيه are one name: the terms and the text meet with letters unified,
        # and unaccented; what is found is cut from the text as written (unified).
        text = unified_letters(text)
        bare = unaccented(text)
        found: list[str] = []
        if self.folded is not None:
            seen, openings = word_openings(bare)
            inside = self.inside_ascii if seen.isascii() else self.inside
            if not self.openings.isdisjoint(openings) or any(
                    literal in seen for literal in inside):
                found.extend(text[m.start():m.end()] for m in self.folded.finditer(bare)
                             if not self.is_common_word(bare, m))
        if self.exact is not None and any(word in bare for word in self.acronyms):
            found.extend(text[m.start():m.end()] for m in self.exact.finditer(bare))
        if self.written is not None and any(word in text for word in self.written_literals):
            found.extend(m.group(0) for m in self.written.finditer(text))
        return found

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where in ``text`` (as :func:`unified_letters` writes it) the terms are found,
        as :meth:`find` finds them: the rare caller that needs the places, not the
        terms, pays for the expressions without the literal check. Found unaccented,
        as by :meth:`find`: the offsets are the same in the text as written."""
        bare = unaccented(text)
        found: list[tuple[int, int]] = []
        if self.folded is not None:
            found += [m.span() for m in self.folded.finditer(bare)
                      if not self.is_common_word(bare, m)]
        if self.exact is not None:
            found += [m.span() for m in self.exact.finditer(bare)]
        if self.written is not None:
            found += [m.span() for m in self.written.finditer(unified_letters(text))]
        return found

    def is_common_word(self, text: str, match: re.Match[str]) -> bool:
        """Whether a match of a place term is written as a common word (see places)."""
        written = match.group(0)
        return written.islower() and written in self.places and has_capitals(
            sentence_around(text, match.start(), match.end()))


def _as_written(terms: list[str]) -> re.Pattern[str]:
    """The ``=`` terms, case-sensitive, and never followed by a combining mark: "Nga"
    is not "Ngã" written decomposed (a, then the tilde)."""
    return re.compile(f"(?:{alternation(terms, 0).pattern})(?![\u0300-\u036f])")
