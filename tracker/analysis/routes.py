"""The countries a text names as a route: "via Kazakhstan and Turkmenistan".

A train "from Russia via Kazakhstan and Turkmenistan" reaches Afghanistan: the
countries it crosses are no parties to the news, as a third country in a headline
otherwise is (:func:`tracker.analysis.side_places.third_countries`). Languages put the
route word before the countries (a preposition: via, через, عبر, از مسیر, тавассути) or
after them (a postposition: له لارې, کے راستے, orqali, üzerinden); the route is the
few words on that side, up to a punctuation mark or a word that names a destination.
"""

from __future__ import annotations

import re
from functools import cache

# Route words, written as a text's words are after casefolding. Only words that say
# "by way of" a place: not "from" or "to", and not the words for "route" itself.
PREPOSITIONS = (
    "via", "through", "transiting", "через", "транзитом через", "عبر", "مرورا ب",
    "از مسیر", "از راه", "از طریق", "با عبور از", "тавассути", "аз роҳи", "арқылы",
    "melalui",  # Indonesian, Malay
)
POSTPOSITIONS = (
    "له لارې", "له لاري", "د لارې", "کے راستے", "کے راستہ", "سے ہوتے ہوئے",
    "orqali", "орқали", "üzerinden", "arqyly",
    # Hindi, Bengali, Tamil, Korean
    "के रास्ते", "के रास्ते से", "হয়ে", "வழியாக", "경유해", "경유하여", "거쳐",
)
# A route names a few places joined by "and": "Kazakhstan and Turkmenistan", "د
# قزاقستان او ترکمنستان". Words that turn to the destination end it ("via X to Y").
ROUTE_WORDS = 4
DESTINATIONS = frozenset({"to", "into", "в", "во", "на", "до", "به", "الى", "إلى", "ба", "ته",
                          "ke"})
_WORD = r"[^\s,;:،؛.!?()«»\"“”]+"


@cache
def _pattern() -> re.Pattern[str]:
    def alternatives(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                             reverse=True))
    after = rf"(?:{alternatives(PREPOSITIONS)})(?P<after>(?:\s+{_WORD}){{1,{ROUTE_WORDS}}})"
    before = rf"(?P<before>(?:{_WORD}\s+){{1,{ROUTE_WORDS}}})(?:{alternatives(POSTPOSITIONS)})"
    return re.compile(rf"(?<!\w)(?:{after}|{before})(?!\w)", re.IGNORECASE)


def without_routes(text: str) -> str:
    """``text`` with the places it names as a route left out (see the module's doc)."""
    folded = text.casefold()
    if not any(w in folded for w in PREPOSITIONS + POSTPOSITIONS):
        return text  # most texts name no route: no need to run the expression
    return _pattern().sub(_keep_destination, text)


def _keep_destination(match: re.Match[str]) -> str:
    """The route's words dropped; from a destination word on ("to China"), kept."""
    if match["before"] is not None:
        return " "
    words = match["after"].split()
    for index, word in enumerate(words):
        if word.casefold() in DESTINATIONS:
            return " " + " ".join(words[index:])
    return " "
