"""Sides named only as one member of a list: a topic among several, a party among many.

Pure. A headline or sentence that lists a side beside things that are not sides names it
as one of several subjects, not as a party to the story: "Putin and Modi discuss oil,
defence and Afghanistan", "Лавров и Ван И обсудили Украину, Корею и Афганистан", "aid
arrives from China, Iran, Russia and Qatar". A list that holds the other side too is the
sides together ("Russia, Uzbekistan and Afghanistan sign a railway roadmap", "Russia and
Afghanistan ...") and does not count.

A list is read from its separators, in any language: commas (, ، 、 ，) and the common
conjunctions of the languages the feeds use (and, и, і, та, و, او, اور, और, ve, va,
және, und, et, y, e, i, 和, 与, ...), within one clause (up to ``:;.!?`` or a spaced dash).
The members next to the side are the pieces between separators; the walk away from the
side stops after the first piece of more than one word (or of more than four characters
in unspaced Chinese or Japanese), as that piece is the end of the phrase the list sits in
("Modi discuss oil").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from tracker.analysis.places import PlaceIndex
from tracker.analysis.script import unified_letters

_CONJUNCTIONS = (
    "and", "&", "и", "і", "й", "та", "а также", "oraz", "und", "sowie", "en", "et", "y", "e",
    "ed", "i", "și", "és", "και", "ve", "ile", "va", "ва", "wa", "və", "және", "мен",
    "пен", "бен", "жана", "و", "او", "اور", "और", "तथा", "एवं", "aur", "ও", "এবং", "dan",
    "na", "hamda", "ҳамда",
)
"""Words that join the members of a list, in the languages of the categories (and their
usual romanisations in URL slugs: aur, va, wa, i)."""

_PREPOSITION_TOO = frozenset({"en", "na"})
"""Conjunctions that other languages of the feeds write as a preposition: Dutch en (and)
is Spanish and French en (in), Swahili na (and) is Slavic na (on, to). Before a side's
name that the word before does not name a party ("casa comercial en Kabul", "pomoc na
Ukrainę"), it is the preposition; between two parties ("Rusland en Afghanistan") the
conjunction."""

_UNSPACED_CONJUNCTIONS = "与與及"
"""Chinese conjunctions written inside the unspaced text; 和 too, except in 和平 (peace)."""

SEPARATOR = re.compile(
    r"\s*[,،、，]\s*"
    r"|(?<![\w'’])(?:" + "|".join(re.escape(c) for c in _CONJUNCTIONS) + r")(?![\w'’])"
    r"|[" + _UNSPACED_CONJUNCTIONS + r"]|和(?!平)"
    # Arabic glues "and" to the next word; before the article it is "and" (Persian
    # وارد, arrived, is a word of its own).
    r"|(?<!\w)و(?=ال)",
    re.IGNORECASE,
)
CLAUSE_END = re.compile(r"[.;:!?؛؟।。：；|]|\s[-–—]\s|(?<=[\u3040-\u9fff])\s+(?=[\u3040-\u9fff])")
"""Clause ends: stops, a spaced dash, and a space between unspaced Chinese or Japanese."""
_GLUED_AND = "و"
_GLUED_WORD = re.compile(r"(?<!\w)و(\w{3,})")
"""Arabic and Persian write "and" glued to the next word (وأفغانستان)."""
_SHORT_UNSPACED = 4
NEAR_EDGE = 3
"""Words that may stand between a listed side and its list's separator in a sentence
("and the situation in Afghanistan")."""
ARTICLE = 3
"""In a headline only an article may: "gás e trigo ao Afeganistão" lists gas and wheat,
and Afghanistan is where they go."""


def listed_sides(text: str, hits: Sequence[Sequence[str]],
                 is_party: Callable[[str], bool] = lambda _: False, *,
                 headline: bool = False) -> frozenset[int]:
    """The sides (indices into ``hits``, each side's matched strings in ``text``) every
    mention of which in ``text`` is one member of a list whose other members name no
    side. A list of two whose other member ``is_party`` (a third country) is a pair, as
    in "Russia urged Afghanistan and Pakistan to talk", and does not count."""
    text = _unslugged(unified_letters(text))
    cuts = [m.span() for m in SEPARATOR.finditer(text)] + _glued_before_places(text)
    if not cuts and _GLUED_AND not in text:
        return frozenset()  # no list at all
    spans = [_spans(text, side_hits) for side_hits in hits]
    cuts = _without_prepositions(text, cuts, [span for own in spans for span in own],
                                 is_party)
    listed: set[int] = set()
    for side, own in enumerate(spans):
        others = [span for i, other in enumerate(spans) if i != side for span in other]
        if own and all(_is_listed(text, cuts, span, others, is_party, headline)
                       for span in own):
            listed.add(side)
    return frozenset(listed)


def _without_prepositions(text: str, cuts: list[tuple[int, int]],
                          sides: Sequence[tuple[int, int]],
                          is_party: Callable[[str], bool]) -> list[tuple[int, int]]:
    """``cuts`` less each word of :data:`_PREPOSITION_TOO` that stands before a side's
    name and after a word that names no side and no party."""
    starts = {start for start, _ in sides}
    ends = {end for _, end in sides}
    kept: list[tuple[int, int]] = []
    for start, end in sorted(cuts):
        word = text[start:end].strip().casefold()
        after = len(text) - len(text[end:].lstrip())
        before = _LAST_WORD.search(text, 0, start)
        if word in _PREPOSITION_TOO and after in starts and (
                before is not None and before.end() not in ends
                and not is_party(before.group(0))
                and not _ends_a_list(text, kept, before.start())):
            continue
        kept.append((start, end))
    return kept


def _ends_a_list(text: str, cuts: Sequence[tuple[int, int]], word_start: int) -> bool:
    """Whether the word at ``word_start`` follows a comma directly: the last member but
    one of a list ("olie, defensie en Afghanistan")."""
    return any(end == word_start and any(c in text[start:end] for c in ",،、，")
               for start, end in cuts)


_LAST_WORD = re.compile(r"\w+(?=\W*$)")


def _unslugged(text: str) -> str:
    """A URL slug's words apart: "lavrov-and-wang-yi-discuss-..." has no spaces."""
    stripped = text.strip()
    if " " not in stripped and stripped.count("-") >= 2:
        return stripped.replace("-", " ")
    return text


def _spans(text: str, hits: Sequence[str]) -> list[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    for hit in set(hits):
        found.update(m.span() for m in _hit_pattern(hit).finditer(text))
    return sorted(found)


@cache
def _hit_pattern(hit: str) -> re.Pattern[str]:
    literal = re.escape(unified_letters(hit))
    bounded = literal if _is_unspaced_script(hit) else r"(?<!\w)" + literal + r"(?!\w)"
    return re.compile(bounded, re.IGNORECASE)


def _is_listed(text: str, cuts: Sequence[tuple[int, int]], span: tuple[int, int],
               others: Sequence[tuple[int, int]],
               is_party: Callable[[str], bool], headline: bool) -> bool:
    start, end = _clause(text, span)
    pieces = _pieces(text, cuts, (start, end), span)
    own = next(i for i, (s, e) in enumerate(pieces) if s < span[1] and span[0] < e)
    if not headline and _names_other(pieces[own], others):
        # In a sentence the side's own clause naming the other side links them ("Russia
        # will supply Afghanistan with wheat, fuel and seed"); a headline is read by its
        # list alone ("relief for Afghanistan from Russia, China and India").
        return False
    members: list[tuple[int, int]] = []
    joined = False
    for step in (-1, 1):
        if not _faces(text, pieces[own], span, step, headline):
            continue
        index = own + step
        while 0 <= index < len(pieces):
            piece = pieces[index]
            conjunction = _is_conjunction(text, pieces[index - step], piece)
            joined |= conjunction
            if not _is_short(text[piece[0]:piece[1]]):
                # The end of the phrase the list sits in: only its word next to the list
                # is a member ("Putin savdo, energetika va Afg'oniston"); in a list
                # with no conjunction it is another clause. After the side it is the
                # rest of the clause ("Russia and the Taliban sign ..."); just before
                # it, two words ("the Russian envoy and the Taliban").
                nearest = (piece if step > 0 else
                           _nearest_words(text, piece, 1 if index != own + step else 2))
                if _names_other(nearest, others):
                    return False
                if joined:  # "A, B and C": A ends a longer phrase
                    members.append(nearest)
                break
            if _names_other(piece, others):
                return False
            members.append(piece)
            index += step
    if len(members) == 1 and is_party(text[members[0][0]:members[0][1]]):
        return False  # "Afghanistan and Pakistan": the two parties of one affair
    if _names_a_ministry(text, [pieces[own], *members]):
        return False  # "وزارت صنعت و تجارت روسیه": a ministry's name, not a list
    # "A and B" is a list; "A, B" alone may be two clauses, so commas need two members.
    return len(members) >= (1 if joined else 2)


_MINISTRY = re.compile(
    r"(?<!\w)(?:ministr(?:y|ies)|министерств\w*|міністерств\w*|وزار[تة]\w*|bakanlı[gğ]\w*"
    r"|vazirlig\w*|вазирлиг\w*|вазорат\w*|ministerium\w*|minist[eè]re\w*|ministero"
    r"|minist[eé]rio\w*|ministerio\w*|ministerstw\w*|मंत्रालय\w*)(?!\w)", re.IGNORECASE)
"""Words for a ministry, whose names list what it is for: "Ministry of Industry and
Trade of Russia", "Министерство промышленности и торговли России", "وزارت صنعت و تجارت
روسیه", "Afg'oniston kon va neft vazirligi"."""
MINISTRY_REACH = 2
"""Words before the list in which its ministry may stand ("the Ministry of ...")."""


def _names_a_ministry(text: str, parts: Sequence[tuple[int, int]]) -> bool:
    """Whether the list that ``parts`` (the side's piece and its members) make is a
    ministry's name: a word for a ministry in them, or just before them."""
    start, end = min(s for s, _ in parts), max(e for _, e in parts)
    before = text[:start].split()[-MINISTRY_REACH:]
    return _MINISTRY.search(" ".join([*before, text[start:end]])) is not None


def _faces(text: str, piece: tuple[int, int], span: tuple[int, int], step: int,
           headline: bool) -> bool:
    """Whether the side stands near the piece's edge toward ``step``, where the list is; a
    side deep in a clause the conjunction joins ("... in Kazan and met ...") is not a
    member of a list."""
    between = (text[piece[0]:span[0]] if step < 0 else text[span[1]:piece[1]]).split()
    if headline:
        return not between or (len(between) == 1 and len(between[0].strip("'’")) <= ARTICLE)
    return len(between) <= NEAR_EDGE


def _is_conjunction(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether the separator between two neighbouring pieces is a word, not a comma."""
    start, end = sorted((first, second))
    return any(ch.isalpha() or ch == "&" for ch in text[start[1]:end[0]])


def _clause(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start = max((m.end() for m in CLAUSE_END.finditer(text, 0, span[0])), default=0)
    after = CLAUSE_END.search(text, span[1])
    return start, after.start() if after else len(text)


def _pieces(text: str, separators: Sequence[tuple[int, int]], clause: tuple[int, int],
            span: tuple[int, int]) -> list[tuple[int, int]]:
    """The clause's non-empty pieces between separators, as spans."""
    start, end = clause
    cuts = [(s, e) for s, e in separators
            if start <= s and e <= end and not (s < span[1] and span[0] < e)]
    if text.startswith(_GLUED_AND, span[0]) and (span[0] == 0 or not text[span[0] - 1].isalpha()):
        cuts.append((span[0], span[0] + 1))
    pieces: list[tuple[int, int]] = []
    position = start
    for cut_start, cut_end in sorted(cuts):
        if text[position:cut_start].strip():
            pieces.append((position, cut_start))
        position = max(position, cut_end)
    if text[position:end].strip():
        pieces.append((position, end))
    return pieces


def _glued_before_places(text: str) -> list[tuple[int, int]]:
    """The glued "and" of Arabic-script words that are "and" and a country or city (وإيران,
    وقطر): the list "الصين وإيران وروسيا وقطر" has four members."""
    if _GLUED_AND not in text:
        return []
    return [(m.start(), m.start() + 1) for m in _GLUED_WORD.finditer(text)
            if PlaceIndex.build().find(m.group(1))]


def _names_other(piece: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    return any(s < piece[1] and piece[0] < e for s, e in others)


def _nearest_words(text: str, piece: tuple[int, int], count: int) -> tuple[int, int]:
    """The span of the piece's last ``count`` words, those next to the list after it."""
    spans = [m.span() for m in re.finditer(r"\S+", text[piece[0]:piece[1]])][-count:]
    return piece[0] + spans[0][0], piece[0] + spans[-1][1]


def _is_short(piece: str) -> bool:
    words = piece.split()
    if len(words) != 1:
        return False
    word = words[0]
    return word.isascii() or len(word) <= _SHORT_UNSPACED or not _is_unspaced_script(word)


def _is_unspaced_script(word: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" for ch in word)
