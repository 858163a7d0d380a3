"""The cities a headline names as the place where something happens: "in Tashkent".

A capital in a headline stands for its government ("Beijing urges restraint"), a third
party (:func:`tracker.analysis.side_places.third_countries`); the city where the sides
meet, sign or talk is only where they do it: "Lavrov, Muttaqi meet in Tashkent",
"拉夫罗夫在塔什干会见…", "ラブロフ氏、タシケントで会談", "타슈켄트서 회담", "bertemu … di
Doha", "دیدار … در دوحه", "Toshkentda uchrashdi". Languages mark the place before the
city (a preposition: in, at, в, di, tại, در, дар, 在, ที่), after it (a postposition:
में, میں, で) or on it (a case ending: 에서, -da, -де). Only a word that names a city and
no country is a venue: "in Pakistan" still names a third country, as "in Kyiv" does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Locative words, as a text's words are after casefolding: only "in" and "at", not "to"
# or "from" (a visit to Beijing is Beijing's too).
PREPOSITIONS = frozenset({
    "in", "at", "à", "en", "em", "a", "в", "во", "у", "w", "we", "v", "ve", "di", "tại",
    "ở", "در", "дар", "في", "په",
})
POSTPOSITIONS = frozenset({"में", "میں", "کې", "で"})
# Case endings of place: Korean, the Turkic locative (Toshkentda, Астанада, Taşkent'te,
# Daşkənddə), Bengali (তাশখন্দে, দোহায়) and Tamil (தாஷ்கண்டில்). The word must still
# name a city to be a venue.
ENDINGS = ("에서", "서", "da", "de", "ta", "te", "də", "tə", "да", "де", "та", "те", "дә",
           "тә", "ে", "য়", "য়", "তে", "ில்")
# Scripts without spaces: Chinese 在/于 before the city, Japanese で after it (the
# katakana or kanji run before it), Thai ที่/ใน before it (and กรุง, "the city of").
_BEFORE_UNSPACED = re.compile("(?:在|于|ที่|ใน)(?:กรุง)?")
_AFTER_UNSPACED = re.compile("([\u30a1-\u30fa\u30fc]+|[\u4e00-\u9fff]+)(?:で|にて)")
_LONGEST_UNSPACED = 12
_WORD = re.compile(r"[^\s,;:،؛.!?()«»\"“”…|/]+")


def without_venues(text: str, is_city: Callable[[str], bool]) -> str:
    """``text`` with the words that name a city as a venue (``is_city``: a city and no
    country) blanked out."""
    spans = _spaced(text, is_city) + _unspaced(text, is_city)
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _spaced(text: str, is_city: Callable[[str], bool]) -> list[tuple[int, int]]:
    words = list(_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    for index, word in enumerate(words):
        folded = word.group().casefold()
        after = words[index - 1].group().casefold() if index else ""
        before = words[index + 1].group().casefold() if index + 1 < len(words) else ""
        if after in PREPOSITIONS or before in POSTPOSITIONS or folded.endswith(ENDINGS):
            # A city of two words ("New Delhi", "Bắc Kinh") after a preposition too.
            two = words[index + 1].end() if index + 1 < len(words) else None
            if is_city(word.group()):
                spans.append(word.span())
            elif after in PREPOSITIONS and two is not None and is_city(text[word.start():two]):
                spans.append((word.start(), two))
    return spans


def _unspaced(text: str, is_city: Callable[[str], bool]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for marker in _BEFORE_UNSPACED.finditer(text):
        start = marker.end()
        for end in range(start + 2, min(len(text), start + _LONGEST_UNSPACED) + 1):
            if is_city(text[start:end]):
                spans.append((start, end))
                break
    spans += [m.span(1) for m in _AFTER_UNSPACED.finditer(text) if is_city(m.group(1))]
    return spans
