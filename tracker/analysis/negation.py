"""Negation cues: does a clause deny what it says?

Pure. "Moscow has no plans to revoke its recognition", "Россия не намерена отзывать
признание" and "Russland will die Anerkennung nicht zurücknehmen" name a revocation and
deny it in the same clause. The cues are general vocabulary per language, shipped in
``tracker/data/negation.toml``: whole words, ``word*`` prefixes, ``*ending`` suffixes
(negative verb endings of Turkish, Uzbek and Kazakh) and, for scripts written without
spaces, characters found anywhere. The clause is the text between punctuation around a
match (commas too: "Russia, which never consulted anyone, revoked ..." still revokes),
and the clause before it when the match's clause opens with a subordinator ("Moscow
denied reports, that it had revoked ...": the denial reaches the report).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tracker.analysis.text import TOKEN, fold

_APOSTROPHE = re.compile(r"(?<=\w)['’ʼʻ‘](?=\w)")
_SCOPE_END = re.compile(r"[.;!?\n,،؛:，。；！？、]")


@dataclass(frozen=True)
class Cues:
    """One language's negation cues (or every language's), ready for lookup."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    unspaced: tuple[str, ...]

    def deny(self, clause: str) -> bool:
        """Does ``clause`` (raw or folded text) hold a cue?"""
        folded = _APOSTROPHE.sub("", fold(clause, transliterate=False))
        if any(cue in folded for cue in self.unspaced):
            return True
        tokens = TOKEN.findall(folded)
        if any(_is_cue(token, self) for token in tokens):
            return True
        return any(_has_phrase(tokens, phrase) for phrase in self.phrases)


def _is_cue(token: str, cues: Cues) -> bool:
    return (token in cues.words or token.startswith(cues.prefixes)
            or (token.endswith(cues.suffixes) and len(token) > 4))


def _has_phrase(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(tokens[i:i + size]) == phrase for i in range(len(tokens) - size + 1))


@cache
def _tables() -> dict[str, dict[str, tuple[str, ...]]]:
    raw = resources.files("tracker").joinpath("data/negation.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return {table: {language: tuple(terms) for language, terms in data[table].items()}
            for table in ("cues", "subordinators")}


def languages() -> tuple[str, ...]:
    """The languages that have negation cues."""
    return tuple(_tables()["cues"])


@cache
def cues(language: str | None) -> Cues:
    """The cues of ``language``; of every language for None or a language without cues."""
    return _compile(_of_language(_tables()["cues"], language))


@cache
def subordinators(language: str | None) -> Cues:
    """Words that open a reported clause, as cues: ``that``, ``что``, ``dass``, ``که``."""
    return _compile(_of_language(_tables()["subordinators"], language))


def _of_language(table: dict[str, tuple[str, ...]], language: str | None) -> list[str]:
    if language in table:
        return list(table[language])
    return [term for terms in table.values() for term in terms]


def _compile(terms: Iterable[str]) -> Cues:
    words: set[str] = set()
    prefixes: list[str] = []
    suffixes: list[str] = []
    phrases: list[tuple[str, ...]] = []
    unspaced: list[str] = []
    for term in terms:
        folded = _APOSTROPHE.sub("", fold(term, transliterate=False))
        if any(_is_unspaced_char(ch) for ch in folded):
            unspaced.append(folded)
        elif folded.startswith("*"):
            suffixes.append(folded[1:])
        elif folded.endswith("*"):
            prefixes.append(folded[:-1])
        elif " " in folded:
            phrases.append(tuple(TOKEN.findall(folded)))
        else:
            words.add(folded)
    return Cues(frozenset(words), tuple(prefixes), tuple(suffixes), tuple(phrases),
                tuple(unspaced))


def scope(text: str, start: int, end: int, language: str | None = None) -> str:
    """The clause around ``text[start:end]``, from the punctuation before it to the one
    after; with the clause before too when this one opens with a subordinator ("...
    denied reports, that ..."), since a denial there still reaches the match."""
    bounds = [0, *(m.end() for m in _SCOPE_END.finditer(text, 0, start))]
    closing = _SCOPE_END.search(text, end)
    stop = closing.start() if closing else len(text)
    opening = bounds[-1]
    if len(bounds) > 1 and _opens_with_subordinator(text[opening:start], language):
        opening = bounds[-2]
    return text[opening:stop]


def _opens_with_subordinator(head: str, language: str | None) -> bool:
    words = TOKEN.findall(fold(head, transliterate=False))
    return bool(words) and subordinators(language).deny(words[0])


def negated(text: str, start: int, end: int, language: str | None) -> bool:
    """Does a negation of ``language`` deny the match ``text[start:end]``?"""
    return cues(language).deny(scope(text, start, end, language))


def _is_unspaced_char(ch: str) -> bool:
    code = ord(ch)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF
