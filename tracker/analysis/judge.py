"""Is an item about the story? A pure, explainable judgement over the item's text.

The story names two or more *sides* (for Russia–Taliban: Russia, and Afghanistan or the
Taliban), each a list of terms in any language. An item is about the story when it is
about the sides *together*, not merely when both happen to be mentioned. The score adds:

* 0.30 when every side is mentioned somewhere in the title or text;
* 0.50 when the title itself names every side (0.05 when it names only some);
* up to 0.50 for body sentences that link the sides: a sentence links them when it
  names a side and, with the sides the title names, covers every side. The lede (first
  sentence) counts 0.25, each later sentence 0.125; a sentence that also names two or
  more third parties (a list of countries) counts half;
* a sentence names a side the title does not only to recall the baseline's one-time
  event ("Die Taliban, deren Regierung bislang nur Russland anerkannt hat, …": see
  :mod:`tracker.analysis.recalled`) links nothing, unless the title names that event's
  concept too (an envoy presenting credentials, an anniversary of the recognition);
* -0.25 when the title names a third party (``others``, or any country CLDR names that
  is not one of the sides' places: Ukraine, Pakistan, ...) but not every side: the
  headline says the item is about someone else;
* -1 when the title's subject is one the story leaves out (``off_topic``: general
  categories such as ``sport`` or ``war_memory``) and it names no development of the
  sides' relations (no concept of diplomacy, economy, aid or law): a friendly match
  between national teams, an anniversary of the Soviet war, name both sides and are
  not about their relations.

Datelines and legal notes are taken out first (:mod:`tracker.analysis.asides`): a
report filed from Moscow, or one that notes the Taliban are banned in Russia, does not
name Russia as a party.

So a headline naming one side needs the other side in the lede or in a couple of
sentences, and a headline naming neither needs the sides linked in the lede.
The item is relevant when the score reaches the story's threshold (0.5 by default).
The reason records which sides were found where, so a decision can be audited.
The terms are matched by :class:`tracker.analysis.term_matcher.Matcher`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from tracker.analysis.asides import without_asides
from tracker.analysis.baseline import load_baseline
from tracker.analysis.categories import vocabulary
from tracker.analysis.concepts import Lexicon, build_lexicon
from tracker.analysis.coreference import Institution, institutions, sides_named_bare
from tracker.analysis.enumeration import listed_sides
from tracker.analysis.gathering import gathering_subjects
from tracker.analysis.lexicon import story_lexicon
from tracker.analysis.names import NameIndex
from tracker.analysis.recalled import once_events, only_recalls, unnamed
from tracker.analysis.script import letter_script, letter_scripts
from tracker.analysis.side_places import (
    checked_places,
    of_side,
    places_in,
    third_countries,
    third_parties,
)
from tracker.analysis.side_terms import side_names, with_actors
from tracker.analysis.term_matcher import Matcher
from tracker.analysis.text import stops
from tracker.analysis.venues import unvenued
from tracker.config.story import StorySettings, TermGroup
from tracker.errors import ConfigError

METHOD = "rules-v2"
NAMED_OTHERWISE_IN = 3
"""Body sentences in which a side may link by its places' names when its terms are
missing (the lede and two more: a side named only by a city, "Kaboul", "Cabul")."""
BODY_LIMIT = 20_000
RELATIONS_KINDS = frozenset({"diplomacy", "economy", "humanitarian", "legal"})
"""Kinds of development that make a headline about the sides' relations, whatever else
it speaks of (a match played to mark a recognition, a Soviet-built tunnel repaired)."""
AGREEMENT = "agreement"
"""The general concept of a signed agreement, of no kind of its own: one that names the
sides is between them, whatever its subject (a memorandum on fighting drug crime)."""
OFF_TOPIC_PENALTY = 1.0
"""More than any score can hold: a headline about a left-out subject is not the story."""


@dataclass(frozen=True)
class Judgement:
    relevant: bool
    score: float
    reason: str
    method: str = METHOD


@dataclass(frozen=True)
class CompiledStory:
    name: str
    sides: tuple[Matcher, ...]
    others: Matcher | None
    threshold: float
    cutoff: date | None = None
    """Developments dated before this are background (``story.cutoff``)."""
    language: str = "en"
    side_places: tuple[frozenset[str], ...] = ()
    """Each side's place ids: its name in every CLDR locale names it, and so do the
    first-level subdivisions and CLDR cities of the countries among them."""
    off_topic: Lexicon | None = None
    """The general categories whose headlines the story leaves out."""
    concepts: Lexicon | None = None
    """The story's whole vocabulary, to tell a headline of the sides' relations."""
    side_names: NameIndex | None = None
    """The sides' terms (``"0"``) and each of their actors' names (``"0:lavrov"``) by
    transliteration key, for scripts they are not spelled in."""
    scripts: frozenset[str] = frozenset()
    """The scripts every side's terms are written in: a Thai text may name Russia only
    by CLDR's name (รัสเซีย) though the Taliban have a Thai term."""
    name_scripts: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """The scripts each of :attr:`side_names`' entries is spelled in: a Hindi text names
    Overchuk (ओवरचुक) only by his key, though Russia's other names have Devanagari."""
    institutions: tuple[Institution, ...] = ()
    """The actors that are a ministry, an embassy, a minister: a headline may name them
    bare ("МИД призвал…") and the text in full."""
    general: Lexicon | None = None
    """The general vocabulary, to tell what a headline's bare institution is."""
    once_events: tuple[frozenset[str], ...] = ()
    """The concepts of each of the baseline's one-time events between the sides (the
    recognition): a side named only as their party is background."""
    reading: Lexicon | None = None
    """The story's vocabulary, to find :attr:`once_events` (None: no baseline)."""
    other_cities: frozenset[str] = frozenset()
    """The ``others`` terms of one word that name no country: cities (Doha, Kyiv), which
    a headline may name as a venue (:mod:`tracker.analysis.venues`)."""

    def uncovered(self, text: str) -> bool:
        """Whether ``text`` has letters of a script some side's terms are not written
        in."""
        scripts = self.scripts
        return any(ch.isalpha() and letter_script(ch) not in scripts for ch in text)

    @classmethod
    def compile(cls, story: StorySettings) -> CompiledStory:
        others = Matcher.compile(TermGroup("others", story.others)) if story.others else None
        sides = [with_actors(side, story) for side in story.sides]
        matchers = tuple(Matcher.compile(side) for side in sides)
        reading = story_lexicon(story) if story.baseline is not None else None
        events = (once_events(load_baseline(story.baseline).facts, reading, matchers)
                  if story.baseline is not None and reading is not None else ())
        return cls(
            name=story.name,
            sides=matchers,
            side_names=NameIndex.build(side_names(story)),
            name_scripts={key: letter_scripts(names) for key, names in side_names(story).items()},
            scripts=frozenset.intersection(*(letter_scripts(side.terms) for side in sides)),
            others=others,
            threshold=story.threshold,
            cutoff=story.cutoff,
            language=story.language,
            side_places=checked_places(story.sides),
            off_topic=_off_topic(story.off_topic),
            concepts=story_lexicon(story) if story.off_topic else None,
            institutions=institutions(story, story_lexicon(None), Matcher.compile),
            general=story_lexicon(None),
            once_events=events,
            reading=reading if events else None,
            other_cities=frozenset(t for t in story.others if t.isalpha() and t.islower()
                                   and not third_countries((), t.title())),
        )


def _off_topic(ids: tuple[str, ...]) -> Lexicon | None:
    """The lookup of the categories ``ids`` names; an id the vocabulary lacks is an error."""
    if not ids:
        return None
    known = {c.id: c for c in vocabulary()}
    for category_id in ids:
        if category_id not in known:
            raise ConfigError("story.off_topic", f"names no general category: {category_id!r}"
                                                 f" (see tracker/data/categories.toml)")
    return build_lexicon(known[i].concept_terms() for i in ids)


def _side_hits(story: CompiledStory, title: str, body: str
               ) -> tuple[list[list[str]], list[list[str]], frozenset[int]]:
    """Each side's terms found in the title and in the body.

    A side none of whose terms appear may still be named in a language its terms do not
    cover: then its places' names in every CLDR locale are looked for (and its countries'
    cities and first-level subdivisions: Tatarstan names Russia), and in a script
    none of the terms is written in, its terms' transliteration keys (তালেবান is
    Taliban). Only then, as they cost more than the terms; and when no side's terms
    appear at all, only for a headline in such a script (most items of a feed name no
    side in any language). Also returns the sides so looked for."""
    title_hits = [side.find(title) for side in story.sides]
    body_hits = [side.find(body) for side in story.sides]
    missing = [i for i, (t, b) in enumerate(zip(title_hits, body_hits, strict=True))
               if not t and not b]
    if not missing:
        return _titled_otherwise(story, title, title_hits, body_hits), body_hits, frozenset()
    if len(missing) == len(story.sides):
        if not story.uncovered(title):
            return title_hits, body_hits, frozenset()
        in_title = _named_otherwise(story, title)
        if not any(in_title):
            return title_hits, body_hits, frozenset()
    else:
        in_title = _named_otherwise(story, title)
    in_body = _named_otherwise(story, body)
    for i in missing:
        title_hits[i], body_hits[i] = sorted(in_title[i]), sorted(in_body[i])
    return title_hits, body_hits, frozenset(missing)


def _titled_otherwise(story: CompiledStory, title: str, title_hits: list[list[str]],
                      body_hits: list[list[str]]) -> list[list[str]]:
    """The title's hits, with a side the body names by its terms found in a title that
    names it by its places and another side by its terms ("Yekaterinburg-Kabil ...")."""
    untitled = {i for i, (t, b) in enumerate(zip(title_hits, body_hits, strict=True))
                if b and not t}
    if not untitled:
        return title_hits
    named = _named_otherwise(story, title)
    return [sorted(named[i]) if i in untitled else hits for i, hits in enumerate(title_hits)]


def _named_otherwise(story: CompiledStory, text: str) -> list[set[str]]:
    """Per side, what names it in ``text`` beyond its terms: its CLDR place ids, a
    subdivision or CLDR city of its countries (Tatarstan, Kandahar, Yekaterinburg names
    Russia or Afghanistan), and its name when a word in a script its terms lack has one
    of their transliteration keys."""
    places = (places_in(story.side_places, text, held=_actor_spans(story, text))
              if any(story.side_places) else frozenset())
    scripts = letter_scripts([text])
    keyed = (story.side_names.find(text) if story.side_names is not None
             and any(scripts - covered for covered in story.name_scripts.values())
             else frozenset())
    named = {int(key.partition(":")[0]) for key in keyed if scripts - story.name_scripts[key]}
    return [set(of_side(story.side_places[i], places) if i < len(story.side_places) else ())
            | ({side.name} if i in named else set())
            for i, side in enumerate(story.sides)]


def _actor_spans(story: CompiledStory, text: str) -> list[tuple[int, int]]:
    """The word spans of the actors' names in ``text``: a place a name holds is none of
    the text's places ("Кабулов" names the envoy, not Kabul)."""
    if story.side_names is None:
        return []
    return [(start, end) for start, end, key in story.side_names.found(text)[0] if ":" in key]


def judge(story: CompiledStory, title: str, body: str) -> Judgement:
    """Judge one item by its ``title`` and ``body`` (summary and any article text)."""
    title, body = without_asides(title), without_asides(body[:BODY_LIMIT])
    title_hits, body_hits, otherwise = _side_hits(story, title, body)
    _add_bare_institutions(story, title, body, title_hits, body_hits)
    # A side the title names only in a list of other things, or only as a summit's
    # subject, is a topic, not a party.
    listed = listed_sides(title, title_hits, lambda text: _is_party(story, text),
                          headline=True) | gathering_subjects(title, title_hits, story.concepts)
    sides_in_title = [s.name for i, (s, hits) in enumerate(zip(story.sides, title_hits,
                                                                strict=True))
                      if hits and i not in listed]
    missing = [s.name for s, t, b in zip(story.sides, title_hits, body_hits, strict=True)
               if not t and not b]
    terms = sorted({h.lower() for hits in title_hits + body_hits for h in hits})
    if missing:
        present = [s.name for s in story.sides if s.name not in missing]
        score = 0.1 * len(present) / len(story.sides)
        why = f"no mention of {', '.join(missing)}"
        if present:
            why += f"; mentions {', '.join(present)} ({', '.join(terms[:6])})"
        return Judgement(False, round(score, 3), why)

    score = 0.30
    all_in_title = len(sides_in_title) == len(story.sides)
    crowded_title = all_in_title and len(_third_parties(story, title)) >= 2
    if all_in_title and not crowded_title:
        score += 0.50
    elif crowded_title:  # a meeting's list of countries: one sentence more may link
        score += 0.10
    elif sides_in_title:
        score += 0.05

    titled = set(sides_in_title)
    recalling = _recalling(story, title) if titled and not all_in_title else frozenset()
    recalled: set[str] = set()
    linked = 0.0
    # Not split after a day number's stop ("am 9. Februar"), which ends no sentence.
    sentences = stops(body)
    for index, sentence in enumerate(sentences):
        hits = [side.find(sentence) for side in story.sides]
        named = {side.name for side, found in zip(story.sides, hits, strict=True) if found}
        if ((titled or otherwise) and len(named | titled) < len(story.sides)
                and index < NAMED_OTHERWISE_IN):
            # "… a atterri samedi à Kaboul": a side named by its places, as in _side_hits;
            # "ओवरचुक ने कहा": a side named only in a script its terms lack.
            named |= {side.name for side, hits in zip(
                story.sides, _named_otherwise(story, sentence), strict=True) if hits}
        if recalling:
            only = _only_recalled(story, recalling, sentence, named - titled, titled)
            recalled |= only
            named -= only
        if not named or len(named | titled) < len(story.sides):
            continue
        weight = 1.0 if index == 0 else 0.5
        crowded = len(_third_parties(story, sentence)) >= 2 or listed_sides(
            sentence, hits, lambda text: _is_party(story, text)) or gathering_subjects(
            sentence, hits, story.concepts)
        linked += weight / 2 if crowded else weight
    score += 0.25 * min(linked, 2.0)

    others_in_title = [] if all(title_hits) else _third_parties(story, title)
    if others_in_title:
        # "… meet in Tashkent": the city where it happens is no party
        others_in_title = unvenued(others_in_title, title, sentences[0] if sentences else "",
                                   lambda text: _third_parties(story, text), story.other_cities)
    if others_in_title:
        score -= 0.25
    subject = _off_topic_subject(story, title)
    if subject:
        score -= OFF_TOPIC_PENALTY
    score = round(max(0.0, min(1.0, score)), 3)

    parts = [
        "title names " + ("every side" if all_in_title else
                          (", ".join(sides_in_title) if sides_in_title else "no side")),
        f"body links the sides with weight {linked:g}",
    ]
    if recalled:
        parts.append(f"body names {', '.join(sorted(recalled))} only to recall the baseline")
    if listed:
        parts.append("title lists " + ", ".join(story.sides[i].name for i in sorted(listed))
                     + " among others")
    if others_in_title:
        parts.append(f"headline leads with {', '.join(others_in_title[:3])}")
    if subject:
        parts.append(f"headline is about {subject}")
    parts.append(f"terms: {', '.join(terms[:8])}")
    return Judgement(score >= story.threshold, score, "; ".join(parts))


def _add_bare_institutions(story: CompiledStory, title: str, body: str,
                           title_hits: list[list[str]], body_hits: list[list[str]]) -> None:
    """A side the title names only by a bare institution the body names in full
    (:mod:`tracker.analysis.coreference`) is named in the title."""
    if story.general is None or not story.institutions:
        return
    missing = {i for i, (t, b) in enumerate(zip(title_hits, body_hits, strict=True))
               if b and not t}
    if not missing:
        return
    for side, actor in sides_named_bare(story.institutions, story.general, title, body,
                                        missing).items():
        title_hits[side] = [actor]


def _recalling(story: CompiledStory, title: str) -> frozenset[str]:
    """The baseline's one-time events a sentence may name a side only to recall: those
    the title does not name (a headline on an envoy's credentials reads a sentence on
    credentials as news, not as the baseline's)."""
    reading = story.reading
    if reading is None:
        return frozenset()
    return unnamed(story.once_events, (c.id for c in reading.find(title)))


def _only_recalled(story: CompiledStory, events: frozenset[str], sentence: str,
                   untitled: set[str], titled: set[str]) -> set[str]:
    """The ``untitled`` sides ``sentence`` names only as parties of ``events`` (the
    ``titled`` ones are those the headline names)."""
    reading = story.reading
    if not untitled or reading is None or events.isdisjoint(
            c.id for c in reading.find(sentence)):
        return set()
    headline_sides = [side for side in story.sides if side.name in titled]
    return {side.name for side in story.sides if side.name in untitled
            and only_recalls(sentence, side, events, reading, headline_sides)}


def _is_party(story: CompiledStory, text: str) -> bool:
    """Whether ``text`` names a third party or a side by its places (Tatarstan)."""
    return bool(_third_parties(story, text)) or any(_named_otherwise(story, text))


def _third_parties(story: CompiledStory, title: str) -> list[str]:
    """Third parties the title names: the story's ``others`` and :func:`third_countries`."""
    found = story.others.find(title) if story.others else []
    return third_parties(story.side_places, found, title)


def _off_topic_subject(story: CompiledStory, title: str) -> str | None:
    """The off-topic category the title is about, unless it also names a development of
    the sides' relations."""
    if story.off_topic is None or story.concepts is None:
        return None
    subjects = sorted(c.id for c in story.off_topic.find(title))
    if not subjects:
        return None
    concepts = story.concepts
    if any(c.id == AGREEMENT or concepts.kind_of(c) in RELATIONS_KINDS
           for c in concepts.find(title)):
        return None
    return subjects[0]
