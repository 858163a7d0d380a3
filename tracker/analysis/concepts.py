"""The concept lexicon: many languages' words for what a statement is about.

A concept is an id (``aid``, ``credentials``, ``putin``), a kind of update it points
to, and its terms. Two articles in different languages that share concepts are
comparable; the kinds of the concepts found decide the kind of an update. This module
is the lookup only; the words come from the general categories shipped with the package
(:mod:`tracker.analysis.categories`) and from the story's configuration (its actors,
places and concepts: :mod:`tracker.analysis.lexicon`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tracker.analysis.script import unified_letters
from tracker.analysis.text import TOKEN, fold, is_acronym, term_pattern
from tracker.analysis.word_forms import HEBREW_PREFIXES, joined_form

MEMO_SIZE = 256
"""Texts whose matches a lexicon remembers."""
CANDIDATES_SIZE = 1 << 14
"""Words whose candidate terms a lexicon remembers."""

KINDS = ("diplomacy", "security", "economy", "humanitarian", "legal", "international",
         "position")


@dataclass(frozen=True)
class Concept:
    id: str
    kind: str | None
    weight: float
    actor: str | None
    is_a: str | None = None
    """The general category this concept is one of, which it names too (a story's Moscow
    Format is a conference; a summit is talks)."""


@dataclass(frozen=True)
class _Term:
    words: tuple[str, ...]
    prefix: tuple[bool, ...]
    """For each word: may it continue (``word*``)?"""
    concept: str

    def matches_after_first(self, following: list[str]) -> bool:
        """Whether the words after the first meet the text's ``following`` words (the
        first is met by how the term was found: see :meth:`Lexicon._match_at`)."""
        if len(self.words) == 1:
            return True
        rest = len(self.words) - 1
        return len(following) >= rest and all(
            token == word or (prefix and token.startswith(word))
            for token, word, prefix in zip(following[:rest], self.words[1:], self.prefix[1:],
                                           strict=True))


@dataclass(frozen=True)
class Lexicon:
    """Concept lookup by words rather than one large regular expression.

    A regular expression of several hundred alternatives costs milliseconds per
    sentence; looking each word up costs microseconds. Terms in scripts written without
    spaces (Chinese, Japanese) and terms in capitals are few, and keep small regexes.
    """

    concepts: dict[str, Concept]
    by_first_word: dict[str, tuple[_Term, ...]]
    """Terms whose first word is whole, by that word."""
    by_first_prefix: dict[str, tuple[_Term, ...]]
    """Terms whose first word is a ``word*`` prefix, by that prefix."""
    longest_prefix: int
    unspaced: Mapping[str, tuple[tuple[str, str], ...]]
    """Terms in scripts written without spaces (Chinese, Japanese) as literals, by their
    first character, longest first: (literal, concept id)."""
    unspaced_starts: re.Pattern[str] | None
    """Finds the characters that open an unspaced term: most texts have none."""
    exact: Mapping[str, re.Pattern[str]]
    """Terms in capitals (acronyms), matched case-sensitively on the raw text, by their
    first word: only those whose first word the text holds are tried."""
    other: re.Pattern[str] | None = None
    """Terms the word lookup cannot express (a part of no word characters)."""
    _memo: dict[str, list[tuple[str, str]]] = field(
        default_factory=dict, compare=False, repr=False)
    longest_term: int = 1
    """The most words a term has."""
    _openers: dict[str, tuple[tuple[str, tuple[_Term, ...]], ...]] = field(
        default_factory=dict, compare=False, repr=False)
    compounds: Compounds | None = None
    """The parts of the compounds German and Dutch write as one word."""
    _compounds_seen: dict[str, str | None] = field(
        default_factory=dict, compare=False, repr=False)

    def category_of(self, concept: Concept) -> Concept | None:
        """The category a concept is one of (its ``is_a``: a summit's talks), if any."""
        return self.concepts.get(concept.is_a) if concept.is_a is not None else None

    def kind_of(self, concept: Concept) -> str | None:
        """A concept's kind, or that of the category it is one of (a summit: talks)."""
        category = self.category_of(concept) if concept.kind is None else None
        return category.kind if category is not None else concept.kind

    def find(self, text: str) -> list[Concept]:
        """Concepts mentioned in ``text``, once per mention, in no particular order."""
        return [self.concepts[c] for c, _ in self._matches(text)]

    def _matches(self, text: str) -> list[tuple[str, str]]:
        # Analysing one article asks about the same few texts a dozen times over.
        cached = self._memo.get(text)
        if cached is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            cached = self._memo[text] = self._match_all(text)
        return cached

    def _match_all(self, text: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        folded = _fold(text)
        tokens = TOKEN.findall(folded)
        index = 0
        remembered = self._openers
        while index < len(tokens):
            # Perf only: most words open no term, and are known not to without a call;
            # nor are most long enough to be a compound.
            if remembered.get(tokens[index], True) == ():
                if len(tokens[index]) >= MIN_COMPOUND:
                    found += self._compound(tokens[index])
                index += 1
                continue
            taken = self._match_at(tokens, index)
            if taken is None:
                found += self._compound(tokens[index])
                index += 1
                continue
            concept, length = taken
            found.append((concept, " ".join(tokens[index:index + length])))
            if length == 1:  # "handelsgesprache": a term met its first part only
                found += [part for part in self._compound(tokens[index]) if part[0] != concept]
            index += length
        found += self._unspaced(folded)
        # One expression of a hundred alternatives costs milliseconds a text; the words
        # that open an acronym are few, and a set lookup rules most texts out.
        for word in self.exact.keys() & set(TOKEN.findall(text)):
            found += [(_concept_of(m), m.group(0)) for m in self.exact[word].finditer(text)]
        if self.other is not None:
            found += [(_concept_of(m), m.group(0)) for m in self.other.finditer(folded)]
        return found

    def _compound(self, word: str) -> list[tuple[str, str]]:
        """The concept of the last part of a compound ("direktfluge", "noodhulp"), by
        the terms written ``*word`` (see :class:`Compounds`). Remembered."""
        if self.compounds is None or len(word) < MIN_COMPOUND:
            return []
        head = self._compounds_seen.get(word, "")
        if head == "":
            if len(self._compounds_seen) >= CANDIDATES_SIZE:
                self._compounds_seen.clear()
            head = self._compounds_seen[word] = self.compounds.head_of(word)
        return [(head, word)] if head is not None else []

    def _unspaced(self, folded: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        if self.unspaced_starts is None:
            return found
        end = 0
        for start in self.unspaced_starts.finditer(folded):
            at = start.start()
            if at < end:
                continue  # inside the term found just before
            for literal, concept in self.unspaced[folded[at]]:
                if folded.startswith(literal, at):
                    found.append((concept, literal))
                    end = at + len(literal)
                    break
        return found

    def _match_at(self, tokens: list[str], index: int) -> tuple[str, int] | None:
        openers = self._openers.get(tokens[index])
        if openers is None:
            openers = self._openers_of(tokens[index])
        if not openers:
            return None
        # Each form's candidates are the terms whose first word is that form, or a
        # prefix of it: only the words after it are left to compare.
        following = tokens[index + 1:index + self.longest_term]
        for _, candidates in openers:
            for term in candidates:
                if term.matches_after_first(following):
                    return term.concept, len(term.words)
        return None

    def _openers_of(self, word: str) -> tuple[tuple[str, tuple[_Term, ...]], ...]:
        """The forms of a text word that may open a term, each with its candidate terms in
        the order they are tried: the word as written, then, for an Arabic word, the word
        without each joined particle it may begin with (Arabic writes "the", "and",
        "with", "for" joined to the word: المفاوضات, وروسيا). Remembered, as the same
        words come back in every text."""
        # As Hebrew joins ו, ה, ב, ל, מ, ש, כ (בהסכם).
        prefixes = (ARABIC_PROCLITICS if _ARABIC_LETTER.match(word)
                    else HEBREW_PREFIXES if _HEBREW_LETTER.match(word) else ())
        forms = [word, *(word[len(prefix):] for prefix in prefixes
                         if word.startswith(prefix) and len(word) - len(prefix) >= 3)]
        openers = tuple((form, found) for form in forms if (found := self._candidates_of(form)))
        if len(self._openers) >= CANDIDATES_SIZE:
            self._openers.clear()
        self._openers[word] = openers
        return openers

    def _candidates_of(self, word: str) -> tuple[_Term, ...]:
        """The terms a word may open, in the order they are tried."""
        candidates = list(self.by_first_word.get(word, ()))
        for cut in range(min(len(word), self.longest_prefix), 0, -1):
            candidates += self.by_first_prefix.get(word[:cut], ())
        # The longest phrase wins, then the longest first word.
        candidates.sort(key=lambda t: (len(t.words), len(t.words[0])), reverse=True)
        return tuple(candidates)


MIN_COMPOUND = 8
"""The shortest word read as a compound of two parts."""
MIN_FIRST_PART = 3
"""The shortest first part a last part may follow ("Direkt|flüge", "nood|hulp")."""
NOUN_ENDINGS = frozenset({"", "e", "en", "n", "s", "es", "er", "ern"})
"""The endings a German or Dutch noun takes after a ``*stem*`` (Flüg|e, Gespräch|en):
a verb's ("fortgesetz|t") makes no compound of a noun."""
_ENDINGS_LONGEST_FIRST = sorted(NOUN_ENDINGS, key=len, reverse=True)
MIN_PART = 4
"""The shortest last part ("flug", "hulp")."""


@dataclass(frozen=True)
class Compounds:
    """The terms that may end a compound, written ``*word`` or ``*stem*`` in the
    vocabulary: German and Dutch join words into one (Direkt|flüge, Friedens|gespräche,
    Nood|hulp), and a compound says what its last part says. Only the words the
    vocabulary marks: a last part is a word of its own too often by chance
    (Regierungs|bildung is no education)."""

    words: Mapping[str, str]
    """A whole last part, and its concept."""
    stems: Mapping[str, str]
    """A last part's stem, and its concept."""

    def head_of(self, word: str) -> str | None:
        """The concept of the word's last part, the longest one known."""
        for start in range(MIN_FIRST_PART, len(word) - MIN_PART + 1):
            tail = word[start:]
            if tail in self.words:
                return self.words[tail]
            for ending in _ENDINGS_LONGEST_FIRST:
                if tail.endswith(ending) and tail[:len(tail) - len(ending)] in self.stems:
                    return self.stems[tail[:len(tail) - len(ending)]]
        return None


def is_head_term(term: str) -> bool:
    """Whether a term is a compound's last part (``*flüge``, ``*gespräch*``)."""
    return term.startswith("*")


def compounds_of(entries: Iterable[ConceptTerms]) -> Compounds | None:
    """The last parts among ``entries``' terms (see :class:`Compounds`); None if none."""
    words: dict[str, str] = {}
    stems: dict[str, str] = {}
    for concept, terms in entries:
        for term in filter(is_head_term, terms):
            folded = _fold(term[1:])
            (stems if folded.endswith("*") else words).setdefault(folded.rstrip("*"),
                                                                  concept.id)
    return Compounds(words, stems) if words or stems else None


ARABIC_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف")
"""Arabic's joined particles, longest first: and-the, with-the, so-the, like-the,
for-the, the, and, with, for, so."""
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a]")
_HEBREW_LETTER = re.compile(r"[\u05d0-\u05ea]")


def _concept_of(match: re.Match[str]) -> str:
    assert match.lastgroup is not None
    return match.lastgroup.removeprefix("c_").rsplit("__", 1)[0]


def _fold(text: str) -> str:
    # Arabic-script letters unified too: a Dari site may type Persian words with Arabic
    # yeh and kaf (سربازگيري), and the vocabulary holds them one way.
    return fold(unified_letters(text), transliterate=False)


ConceptTerms = tuple[Concept, Sequence[str]]
"""A concept and its terms, in the term syntax (``word``, ``word*``, phrases, ACRONYMS)."""


def build_lexicon(entries: Iterable[ConceptTerms]) -> Lexicon:
    """The lookup for ``entries``; a concept given twice keeps its last fields and all
    its terms (a story may add words to a general concept)."""
    concepts: dict[str, Concept] = {}
    terms: dict[str, list[str]] = {}
    for concept, concept_terms in entries:
        if concept.kind is not None and concept.kind not in KINDS:
            raise ValueError(f"concept {concept.id}: unknown kind {concept.kind!r}")
        concepts[concept.id] = concept
        terms.setdefault(concept.id, []).extend(concept_terms)
    index = _Index()
    for concept_id, concept_terms in terms.items():
        joined = (joined_form(t) for t in concept_terms)
        for number, term in enumerate(dict.fromkeys(
                [*concept_terms, *(j for j in joined if j is not None)])):
            if not is_head_term(term):
                index.add(f"c_{concept_id}__{number}", concept_id, term)
    return Lexicon(
        concepts=concepts,
        by_first_word={w: tuple(t) for w, t in index.by_first_word.items()},
        by_first_prefix={w: tuple(t) for w, t in index.by_first_prefix.items()},
        longest_prefix=max((len(p) for p in index.by_first_prefix), default=0),
        longest_term=max((len(t.words) for table in (index.by_first_word, index.by_first_prefix)
                          for terms in table.values() for t in terms), default=1),
        unspaced={first: tuple(sorted(literals, key=lambda t: len(t[0]), reverse=True))
                  for first, literals in index.unspaced.items()},
        unspaced_starts=(re.compile("[" + "".join(map(re.escape, index.unspaced)) + "]")
                         if index.unspaced else None),
        exact={word: _groups(parts) for word, parts in index.exact.items()},
        other=_groups(index.other) if index.other else None,
        compounds=compounds_of((concepts[i], t) for i, t in terms.items()),
    )


@dataclass
class _Index:
    by_first_word: dict[str, list[_Term]] = field(default_factory=dict)
    by_first_prefix: dict[str, list[_Term]] = field(default_factory=dict)
    unspaced: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    exact: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    other: list[tuple[str, str]] = field(default_factory=list)

    def add(self, name: str, concept_id: str, term: str) -> None:
        if is_acronym(term):
            first = TOKEN.findall(term)[0]
            self.exact.setdefault(first, []).append((name, term_pattern(term)))
            return
        folded = _fold(term)
        if any(_is_unspaced_char(ch) for ch in folded):
            literal = "".join(folded.rstrip("*").split())
            self.unspaced.setdefault(literal[0], []).append((literal, concept_id))
            return
        words = _term_words(folded)
        if words is None:
            self.other.append((name, term_pattern(folded)))
            return
        entry = _Term(tuple(w for w, _ in words), tuple(p for _, p in words), concept_id)
        index_by = self.by_first_prefix if entry.prefix[0] else self.by_first_word
        index_by.setdefault(entry.words[0], []).append(entry)


def _term_words(folded: str) -> list[tuple[str, bool]] | None:
    """The words of a folded term, each with whether it may continue (``word*``).

    A part that the text tokenizer splits (a zero-width non-joiner in Persian, an
    apostrophe) becomes several words, as it will in the text."""
    words: list[tuple[str, bool]] = []
    for part in (p for p in re.split(r"[\s\-]+", folded) if p):
        tokens = TOKEN.findall(part.rstrip("*"))
        if not tokens:
            return None
        words += [(token, False) for token in tokens[:-1]]
        words.append((tokens[-1], part.endswith("*")))
    return words or None


def _groups(parts: list[tuple[str, str]]) -> re.Pattern[str]:
    ordered = sorted(parts, key=lambda part: len(part[1]), reverse=True)
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in ordered))


def _is_unspaced_char(ch: str) -> bool:
    code = ord(ch)  # kana, CJK, and Thai: scripts written without spaces between words
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0x0E00 <= code <= 0x0E7F
