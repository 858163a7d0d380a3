"""Where a headline names who it quotes: the speaker of a statement, in its usual places.

Pure. Headlines of what officials say name the speaker in a few ways in every language:
before a colon ("Захарова: …", "专家：…"), after the quote at the headline's end ("…:
کابلوف", "… - زاخاروفا"), or beside a reporting verb in a short clause ("…, Kabulov
says", "…, заявил Лавров", "Lavrov says …"), or after a reporting verb that opens a
verb-first headline ("قال لافروف إن …"). The reporting verbs are the general
vocabulary's ``statement`` words, so every language it covers is read alike.
:mod:`tracker.analysis.evidence` finds the actors these spans name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SPEAKER_WORDS = 4
"""The most words that name who is quoted ("Maria Zakharova:", "says Zamir Kabulov")."""
_SEPARATOR = re.compile(r":|\s[-–—]\s")
"""A colon, or a dash between spaces: what parts a quote from its speaker."""
_CLAUSE = re.compile(r"[,،，;]")


def opening(headline: str) -> str:
    """Who a headline opens by quoting, before its colon ("Захарова: Россия не намерена…",
    "专家：…"); empty when it quotes no one."""
    speaker, colon, said = headline.replace("\uff1a", ":").partition(":")
    if not colon or not said.strip() or len(speaker.split()) > SPEAKER_WORDS:
        return ""
    return speaker


def spans(headline: str, says: Callable[[str], bool]) -> list[str]:
    """The parts of ``headline`` that may name who it quotes: its opening (see
    :func:`opening`), its closing after the last colon or spaced dash, a short clause
    with a reporting verb (``says`` tells one: "Kabulov says", "заявил Лавров",
    "卡布洛夫表示，…"), and the words before a reporting verb that opens the headline
    ("Lavrov says Russia will …")."""
    text = headline.replace("\uff1a", ":")
    found = [opening(text)]
    parts = _SEPARATOR.split(text)
    if len(parts) > 1 and parts[0].strip() and 0 < len(parts[-1].split()) <= SPEAKER_WORDS:
        found.append(parts[-1])
    clauses = _CLAUSE.split(text)
    # The first clause too, when another follows: "卡布洛夫表示，俄方将…" (a script
    # without spaces is one word to split), "Лавров заявил, что …".
    found += [clause for clause in (clauses if len(clauses) > 1 else ())
              if len(clause.split()) <= SPEAKER_WORDS + 1 and says(clause)]
    words = clauses[0].split()
    for end in range(1, min(len(words), SPEAKER_WORDS + 1)):
        pair = words[end:end + 2]
        if says(words[end]) or (says(" ".join(pair)) and not says(pair[-1])):
            found.append(" ".join(words[:end]))
            break
    found += _after_opening_verb(words, says)
    return [span.strip() for span in found if span.strip()]


def _after_opening_verb(words: list[str], says: Callable[[str], bool]) -> list[str]:
    """The words after a reporting verb that opens the headline, as Arabic's verb-first
    sentences put the speaker ("قال لافروف إن …", "أعلن وزير الخارجية الروسي سيرغي
    لافروف أن …"): each run of one to :data:`SPEAKER_WORDS` + 1 of them, since where the
    speaker's name ends is not known here; a run that names two people names no speaker
    (:func:`tracker.analysis.evidence._speakers`), so the shortest that names one does."""
    if len(words) < 2 or not says(words[0]) or says(words[1]):
        return []
    return [" ".join(words[1:end]) for end in range(2, min(len(words), SPEAKER_WORDS + 2) + 1)]
