"""A feed summary without what sits around its news: credit lines before, a link after.

Feeds copy the top of the page into ``<description>``: a photo credit or a byline on a
line of its own before the lede ("Photo: Ministry of Mines", "عکس: وزارت خارجه",
"Фото: РЖД", "By Staff Reporter"), and a "read more" link after it ("Read more…",
"ادامه مطلب", "Подробнее", "阅读全文", "更多>>"). Neither is news, and both are read as
if they were: a credit line stands as the lede (so the dateline after it is not seen
as one, and the real lede is weighed as a later sentence), a link's words as the last
sentence. They are told by their shape, not their words, so every language's are:

* a **credit line** is the text's first line (the markup's line break or paragraph
  ended it) when more lines follow, it ends with no stop, and it is short: a label and
  its value ("Photo: …", at most :data:`CREDIT_WORDS` words, a colon or bar after the
  first word or two) or a few words alone (:data:`BARE_CREDIT_WORDS`: "By Staff
  Reporter");
* a **link** is a last fragment of at most :data:`LINK_WORDS` words after the lede's
  last stop or line, with no stop of its own ("Read more…" ends with an ellipsis,
  "Devamı için tıklayın »" with a guillemet), and no hashtag: a post's tags name its
  subjects.
"""

from __future__ import annotations

import re

CREDIT_WORDS = 6
BARE_CREDIT_WORDS = 3
LINK_WORDS = 3
LEDE_LEFT = 20
"""Characters of text that must remain: a short summary is all lede."""

_STOP = re.compile(r"[.!?。！？؟۔]$")
_LABEL = re.compile(r"^\s*[^\W\d_][\w'’-]*(?:\s+[\w'’-]+)?\s*[:|：]")
_BREAK = re.compile(r"(?:[.!?…。！？؟۔][\"'»”’)]?\s+|[。！？]|\n)")
LINK_CHARACTERS = 30
"""Most characters of a link's words: a script without spaces writes a sentence as one."""


def tidied(summary: str) -> str:
    """``summary`` without a credit line before its lede and a link after it."""
    return _without_link(_without_credit(summary))


def _without_credit(text: str) -> str:
    first, sep, rest = text.partition("\n")
    if not sep or len(rest.strip()) < LEDE_LEFT:
        return text
    line = first.strip()
    words = line.split()
    if not words or _STOP.search(line):
        return text
    labelled = len(words) <= CREDIT_WORDS and _LABEL.match(line) is not None
    if labelled or len(words) <= BARE_CREDIT_WORDS:
        return rest.lstrip()
    return text


def _without_link(text: str) -> str:
    # The last break: a link follows the lede's last stop (200 characters hold it).
    match = next(reversed(list(_BREAK.finditer(text, max(0, len(text) - 200)))), None)
    if match is None:
        return text
    head, tail = text[:match.end()], text[match.end():].strip()
    if (not tail or len(tail.split()) > LINK_WORDS or len(tail) > LINK_CHARACTERS
            or _STOP.search(tail) or "#" in tail):
        return text
    if len(head.strip()) < LEDE_LEFT:
        return text
    return head.rstrip()
