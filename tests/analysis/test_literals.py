"""literals: a pattern said not to match a text finds nothing in it."""

from __future__ import annotations

import random
import re

import pytest

from tracker.analysis.literals import may_match, needed


@pytest.mark.parametrize(("pattern", "needs"), [
    (r"recognition", {"recognition"}),
    (r"(?:revok\w*|withdr[ae]w) (?:its )?recognition", {"recognition"}),
    (r"(?:first|earliest) country", {" country"}),  # the longest needed literal
    (r"(?:first|earliest)\s(?:a|b)", {"first", "earliest"}),
    (r"(?:el )?primer (?:pais|estado)", {"primer "}),
    (r"(?:abc)+xy", {"abc"}),
    (r"(?>abcd)", {"abcd"}),
    (r"x\w+yz", None),  # no literal of three letters
    (r"(?:foo)?bar", {"bar"}),
    (r"(?:foo|)", None),  # an empty branch needs nothing
    (r"(?:foo)*", None),
    (r"(?i)recognition", None),  # case-insensitive: not a plain substring
    (r"(?i:recognition)", None),
    (r"(?=abcd)", None),
    (r"[a-z]+", None),
])
def test_the_literals_every_match_holds(pattern: str, needs: set[str] | None) -> None:
    assert needed(re.compile(pattern)) == (frozenset(needs) if needs else None)


def _random_pattern(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.randint(0, 7 if depth < 2 else 3)
        if kind <= 1:
            parts.append("".join(rng.choice("abc ") for _ in range(rng.randint(1, 4))))
        elif kind == 2:
            parts.append(rng.choice([r"\w", r"\s", "[ab]", ".", r"\b", "c?"]))
        elif kind == 3:
            parts.append(rng.choice(["a", "bc", "(?=a)", "(?<!b)"]))
        elif kind == 4:
            alternatives = [_random_pattern(rng, depth + 1) for _ in range(rng.randint(2, 3))]
            parts.append("(?:" + "|".join(alternatives) + ")")
        elif kind == 5:
            parts.append("(" + _random_pattern(rng, depth + 1) + ")")
        else:
            parts.append("(?:" + _random_pattern(rng, depth + 1) + ")"
                         + rng.choice(["*", "+", "?", "{2}", "{0,3}", "+?"]))
    return "".join(parts)


def test_a_text_ruled_out_holds_no_match() -> None:
    rng = random.Random(7)
    ruled_out = 0
    for _ in range(3000):
        pattern = re.compile(_random_pattern(rng))
        for _ in range(10):
            text = "".join(rng.choice("abc  x") for _ in range(rng.randint(0, 30)))
            if not may_match(pattern, text):
                ruled_out += 1
                assert pattern.search(text) is None, (pattern.pattern, text)
    assert ruled_out > 1000  # the test rules texts out, so it tests something
