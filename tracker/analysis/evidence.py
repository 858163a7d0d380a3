"""Read an article into language-independent evidence: who, where, what, how much, when.

Pure. A :class:`Reader` holds what the story and the general data give to read with
(the concept vocabulary, the actors' and places' name indexes, language
identification, quantities, dates); :func:`read` turns one article's headline and
lede into :class:`~tracker.analysis.grouping.Evidence`. The headline and lede are
where news writing states its development; later sentences are background.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Protocol

from tracker.analysis.asides import strip_dateline
from tracker.analysis.calendars import calendar_words
from tracker.analysis.cities import unspelt_cities
from tracker.analysis.concepts import Concept, Lexicon
from tracker.analysis.dates import EventDate, dates_of
from tracker.analysis.digests import story_part
from tracker.analysis.grouping import Evidence
from tracker.analysis.lexkey import word_key
from tracker.analysis.occasions import CALL, GATHERING, SIDELINE
from tracker.analysis.ordinals import ordinals_in
from tracker.analysis.places import territory_of
from tracker.analysis.proper_names import named_people, spelt_words
from tracker.analysis.speakers import opening as quoted
from tracker.analysis.speakers import spans as speaker_spans
from tracker.analysis.text import TOKEN, each_sentence
from tracker.analysis.timing import MONTH_REPORTED
from tracker.analysis.word_forms import UNSPACED

LEDE_CHARACTERS = 600
"""Enough of the text for a lede: a sentence splitter may miss an unfamiliar script's stops."""
LEDE_MIN_CHARACTERS = 60
"""Shorter than this, the first sentence is a dateline or a label, not the lede."""
STATEMENT = "statement"
"""The concept of a report in which no other is recognised: someone said something."""
STATEMENT_WEIGHT = 0.5
"""Below the weight that makes a concept news on its own."""
STANCE_KIND = "position"
"""The kind of concepts that state a position rather than report an event."""
VISIT = "visit"
"""A contact in person; a call (:data:`~tracker.analysis.occasions.CALL`) is one at a
distance, whose kind is :data:`DIPLOMACY`."""
DIPLOMACY = "diplomacy"
COMMENTARY = "commentary"
"""The concept of a commentator or an opinion genre: read only where a headline names
who speaks (see :func:`_commentary`), never as what happened."""
UNSPACED_OPENING = 4
"""The characters of a headline written without spaces ("专家表示…") that stand for its
first word."""


class Finder(Protocol):
    """Anything that finds ids (actors, places) named in a text."""

    def find(self, text: str) -> frozenset[str]: ...


@dataclass(frozen=True)
class Reader:
    """What an article is read with: the story's names and concepts, and general data."""

    lexicon: Lexicon
    actors: Finder
    places: Finder
    identify: Callable[[str], str | None]
    """The language of a text, or None when it cannot be told."""
    quantities: Callable[[str], Iterable[str]]
    """Normalised amounts in a text ("50 tonne", "3000000000 usd")."""
    readable: frozenset[str]
    """Languages the vocabulary covers well enough to judge a report in."""
    place_ids: frozenset[str] = frozenset()
    """The lexicon's concepts that are the story's places, not events."""
    ordinals: Callable[[str], Iterable[int]] = ordinals_in
    """Occurrence numbers in a text ("7th", "седьмой", "ششمین")."""
    institutions: frozenset[str] = frozenset()
    """The actors that are institutions (a ministry, an agency), not people."""
    story_terms: Callable[[str], bool] = lambda phrase: False
    """Whether a phrase is one of the story's sides' or third parties' terms."""
    countries: frozenset[str] = frozenset()
    """The countries of the story's sides."""
    known_words: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    """Memo of :func:`_known`: names come back in many reports."""
    reporting_words: dict[str, bool] = field(default_factory=dict, compare=False,
                                             repr=False)
    """Memo of whether a headline's word or words report speech (:func:`_speakers`
    asks it of each of a headline's first words, which come back in many reports)."""


@dataclass(frozen=True)
class Article:
    """One article as the analysis reads it."""

    title: str
    body: str
    published: date | None
    seen: date | None = None


def main_text(article: Article) -> tuple[str, str]:
    """The headline and the lede: the first sentence, with the next ones while it is
    shorter than :data:`LEDE_MIN_CHARACTERS` (a dateline, "Москва. 4 марта.", is no lede).
    A sentence that repeats the headline is no lede either: many feeds make the
    headline of the text's first sentence, and the second then says who and where."""
    lede = ""
    headline_words = _words(article.title)
    for sentence in each_sentence(article.body[: LEDE_CHARACTERS * 3]):
        if headline_words and _repeats(sentence, headline_words):
            continue
        lede = f"{lede} {sentence}" if lede else sentence
        if len(lede) >= LEDE_MIN_CHARACTERS:
            break
    lede = lede[:LEDE_CHARACTERS]
    headline = article.title.strip() or lede
    return headline, lede if article.title.strip() else ""


def event_day(article: Article) -> date | None:
    """The day the article says its event happened, or its publication day; None when
    it says neither (then only when it was seen is known)."""
    headline, lede = main_text(article)
    when, _, _ = _dates(article, headline, lede)
    return when.value if when is not None and when.source != "seen" else None


def _dates(article: Article, headline: str, lede: str
           ) -> tuple[EventDate | None, tuple[EventDate, ...], date | None]:
    """The event date and the dates the headline and lede print. A dateline ("МОСКВА,
    14 января. /ТАСС/.") says when the report was filed, not when its event happened:
    it dates nothing, but stands for the publication date an item lacks. Third, the
    first day of the month the text names when it names no day (see below)."""
    body = strip_dateline(lede)
    published = article.published
    if body != lede and published is None:
        _, filed = dates_of([lede[:len(lede) - len(body)]], None, seen=article.seen)
        published = next((d.value for d in filed if d.precision == "day"), None)
    when, printed = dates_of([headline, body], published, seen=article.seen)
    if when is not None and published is not None and _month_holding(when, published):
        # The text says only which month ("in August", "January–August 2025": a figure's
        # period); the publication, in it or just after it, says the day better than the
        # month's first, on which no report of the event is dated. The month stays as
        # the span the event may lie in (Evidence.since).
        return EventDate(published, "day", when.source), printed, when.value
    return when, printed, None


def _month_holding(when: EventDate, published: date) -> bool:
    """Whether ``when`` is a month that holds ``published`` or ends at most
    :data:`MONTH_REPORTED` before it."""
    if when.precision != "month" or when.source != "text":
        return False
    end = (when.value.replace(day=28) + timedelta(days=4)).replace(day=1)
    return when.value <= published < end + MONTH_REPORTED


def _words(text: str) -> tuple[str, ...]:
    """A text's words, case folded: the same sentence whatever its stop or quotes."""
    return tuple(TOKEN.findall(text.casefold()))


def _repeats(sentence: str, headline_words: tuple[str, ...]) -> bool:
    """Whether ``sentence`` has the headline's words (:func:`_words`). Perf only: a
    sentence whose case-folded text lacks the first or the last of them has not, and is
    not cut into words."""
    folded = sentence.casefold()
    if headline_words[0] not in folded or headline_words[-1] not in folded:
        return False
    return tuple(TOKEN.findall(folded)) == headline_words


def _add_category(lexicon: Lexicon, concept: Concept, concepts: dict[str, float],
                  kinds: dict[str, float]) -> None:
    """Count the category ``concept`` is one of (its ``is_a``), with the greater of the
    two weights: a summit says that talks were held as much as "talks" does."""
    category = lexicon.category_of(concept)
    if category is None:
        return
    weight = max(concept.weight, category.weight)
    if weight > concepts.get(category.id, 0.0):
        concepts[category.id] = weight
        if category.kind:
            kinds[category.kind] = kinds.get(category.kind, 0.0) + weight


def _recalls_call(reader: Reader, headline: str, lede: str,
                  concepts: dict[str, float]) -> bool:
    """Whether a report of a visit names a call only in its lede: "Overchuk, in Kabul
    a week after a phone call with Baradar, agreed ..." tells the visit and recalls the
    call that prepared it, so it is no report of a call (a call and a visit days apart
    are two occasions: :mod:`tracker.analysis.occasions`). A headline that names the
    call ("... discuss the visit by phone") tells the call."""
    return CALL in concepts and VISIT in concepts and bool(lede) and not any(
        c.id == CALL for c in reader.lexicon.find(headline))


def _recalls_sidelines(reader: Reader, headline: str, concepts: dict[str, float]) -> bool:
    """Whether a report names a meeting on a gathering's sidelines only in its lede while
    its headline names the gathering: "The conference ended with a joint statement ...
    On its sidelines, Lavrov met Muttaqi" tells the conference; "Lavrov and Muttaqi agree
    on a working group", whose lede says it was on the sidelines, tells that meeting."""
    if SIDELINE not in concepts:
        return False
    in_headline = {c.id for c in reader.lexicon.find(headline)}
    return SIDELINE not in in_headline and bool(in_headline & GATHERING)


def read(reader: Reader, article: Article) -> Evidence:
    """The evidence of one article's headline and lede."""
    headline, body = story_part(article.title, article.body,
                                lambda text: _names_story(reader, text))
    if headline != article.title:
        article = replace(article, title=headline, body=body)
    headline, lede = main_text(article)
    text = f"{headline}\n{lede}" if lede else headline
    concepts: dict[str, float] = {}
    kinds: dict[str, float] = {}
    stances: set[str] = set()
    actors = set(reader.actors.find(text))
    places, filed = _places(reader, headline, lede)
    for concept in reader.lexicon.find(text):
        if concept.id == COMMENTARY:
            continue
        if concept.actor:
            actors.add(concept.id)
            continue
        if concept.id in reader.place_ids:
            places.add(concept.id)
            continue
        concepts[concept.id] = max(concepts.get(concept.id, 0.0), concept.weight)
        if concept.is_a is not None:  # the Moscow Format is a conference, a summit talks
            _add_category(reader.lexicon, concept, concepts, kinds)
        if concept.kind:
            kinds[concept.kind] = kinds.get(concept.kind, 0.0) + concept.weight
        if concept.kind == STANCE_KIND:
            stances.add(concept.id)
    if _recalls_call(reader, headline, lede, concepts):
        kinds[DIPLOMACY] = kinds.get(DIPLOMACY, 0.0) - concepts.pop(CALL)
    if _recalls_sidelines(reader, headline, concepts):
        del concepts[SIDELINE]
    if not concepts:
        concepts[STATEMENT] = STATEMENT_WEIGHT
        kinds["position"] = STATEMENT_WEIGHT
    language = reader.identify(text)
    when, printed, month = _dates(article, headline, lede)
    names, people = _names(reader, [headline, strip_dateline(lede)], language)
    return Evidence(
        headline=headline, language=language, concepts=concepts, kinds=kinds,
        actors=frozenset(actors), places=frozenset(places | filed),
        quantities=frozenset(reader.quantities(text)),
        when=when.value if when else None, since=month,
        dated_by=when.source if when else "none", hint=when.hint if when else None,
        recalled=frozenset((d.value, d.precision == "month") for d in printed),
        readable=_readable(reader, language, concepts),
        stances=frozenset(stances), ordinals=frozenset(reader.ordinals(text)),
        speakers=_speakers(reader, headline), commentary=_commentary(reader, headline),
        filed=frozenset(filed - places), bodies=frozenset(actors & reader.institutions),
        names=names, people=people,
    )


def _names(reader: Reader, texts: list[str], language: str | None
           ) -> tuple[frozenset[str], frozenset[str]]:
    """The names the story does not know (capitalised ones, and the skeletons of the
    words of caseless scripts), and the capitalised ones that are people's full names
    (:mod:`tracker.analysis.proper_names`)."""
    names, people = named_people(texts, lambda phrase: _known(reader, phrase), language)
    return names | spelt_words(texts), people


KNOWN_MEMO = 1 << 14


def _remembered(memo: dict[str, bool], text: str, answer: Callable[[str], bool]) -> bool:
    """``answer(text)``, kept in ``memo`` (at most :data:`KNOWN_MEMO` texts): the words
    and names asked about come back in many reports."""
    found = memo.get(text)
    if found is None:
        if len(memo) >= KNOWN_MEMO:
            memo.clear()
        found = memo[text] = answer(text)
    return found


def _known(reader: Reader, phrase: str) -> bool:
    """Whether the tracker knows a capitalised word or run of words: an actor, a place,
    a concept's word, a month or a weekday."""
    def knows(phrase: str) -> bool:
        words = calendar_words()
        key = word_key(phrase)
        return bool(
            key in words.months or key in words.weekdays or reader.story_terms(phrase)
            or reader.lexicon.find(phrase)
            or reader.places.find(phrase) or reader.actors.find(phrase))

    return _remembered(reader.known_words, phrase, knows)


def _places(reader: Reader, headline: str, lede: str) -> tuple[set[str], set[str]]:
    """The places the headline and the lede name past its dateline, and those its
    dateline names. CLDR's numeric regions (the world, a continent) say nothing of
    where it happened."""
    body = strip_dateline(lede)
    dateline = lede[:len(lede) - len(body)]
    text = f"{headline}\n{body}" if body else headline
    found = reader.places.find(text)
    named = set(found - unspelt_cities(found, reader.countries, text, territory_of))
    named = {p for p in named if not p.isdigit()}
    filed = {p for p in reader.places.find(dateline) if not p.isdigit()} if dateline else set()
    return named, filed


def _names_story(reader: Reader, text: str) -> bool:
    """Whether ``text`` names one of the story's actors, or a place of its sides'
    countries (a digest's line on them)."""
    return bool(reader.actors.find(text)) or any(
        territory_of(place) in reader.countries for place in reader.places.find(text))


def _speakers(reader: Reader, headline: str) -> frozenset[str]:
    """The actors a headline quotes: "Захарова: …", "…: کابلوف", "…, Kabulov says". A
    part that names two people is who met, not who spoke ("Talks in Kabul: Lavrov and
    Muttaqi"); the institution a person speaks for may stand beside them."""
    def reports(text: str) -> bool:
        return any(c.id == STATEMENT for c in reader.lexicon.find(text))

    def says(text: str) -> bool:
        return _remembered(reader.reporting_words, text, reports)

    found: set[str] = set()
    for span in speaker_spans(headline, says):
        named = reader.actors.find(span)
        if len(named - reader.institutions) <= 1:
            found |= named
    return frozenset(found)


def _commentary(reader: Reader, headline: str) -> bool:
    """Whether a headline opens with a commentator or an opinion genre, before its colon
    ("Expert: …", "Политолог: …", "تحلیل: …", "专家：…") or as its first word ("Analyst
    says …", "Эксперт назвал …")."""
    opening = quoted(headline)
    if not opening:
        words = headline.split(maxsplit=1)
        if not words:
            return False
        opening = words[0][:UNSPACED_OPENING] if UNSPACED.search(words[0]) else words[0]
    return any(c.id == COMMENTARY for c in reader.lexicon.find(opening))


def _readable(reader: Reader, language: str | None, concepts: dict[str, float]) -> bool:
    """A language the vocabulary covers; or, when the language cannot be told (a short
    headline), a text in which the vocabulary recognised what happens."""
    if language is not None:
        return language in reader.readable
    return any(c != STATEMENT for c in concepts)
