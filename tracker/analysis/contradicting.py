"""Which baseline facts a text disputes, by the story's contradiction patterns.

Pure. A fact's patterns (in its baseline file) say what a report disputing it would
write ("another country recognised the Taliban first", "recognition withdrawn"), in the
lexicon's languages; a match denied by a negation in its clause ("has no plans to
revoke") disputes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from tracker.analysis.baseline import ContradictionPattern, TextScripts
from tracker.analysis.negation import negated
from tracker.analysis.text import fold


class KnownStatement(Protocol):
    @property
    def fact_id(self) -> str: ...

    @property
    def statement(self) -> str: ...


@dataclass(frozen=True)
class Contradiction:
    fact_id: str
    claim: str
    fact_statement: str
    description: str


def contradictions_in(text: str, patterns: Sequence[ContradictionPattern],
                      facts: Sequence[KnownStatement]) -> tuple[Contradiction, ...]:
    """The baseline facts ``text`` disputes, by the story's contradiction patterns."""
    folded = fold(text, transliterate=False)
    found = []
    # Folding keeps most text the same length; then the clause can be quoted as written.
    shown = text if len(text) == len(folded) else folded
    scripts = TextScripts(folded)
    for rule in patterns:
        # Perf only: a text without the literals every match of the pattern holds, or
        # without its script, has no match (see tracker.analysis.literals).
        if not rule.may_match(folded, scripts):
            continue
        for match in rule.pattern.finditer(folded):
            clause = _clause_around(folded, match.start())
            if rule.unless is not None and rule.unless.search(clause):
                continue
            # "has no plans to revoke its recognition" names a revocation and denies it.
            if negated(folded, match.start(), match.end(), rule.language):
                continue
            start = folded.index(clause, max(0, match.start() - len(clause)))
            found.append(Contradiction(rule.fact_id, shown[start:start + len(clause)][:300],
                                       _statement_of(rule.fact_id, facts), rule.description))
            break
    return tuple(found)


def _statement_of(fact_id: str, facts: Sequence[KnownStatement]) -> str:
    return next((f.statement for f in facts if f.fact_id == fact_id), "")


_CLAUSE_END = re.compile(r"[.;!?\n]")


def _clause_around(text: str, index: int) -> str:
    """The clause (between . ; ! ? or line ends) that holds position ``index``."""
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, index)), default=0)
    end_match = _CLAUSE_END.search(text, index)
    return text[start:end_match.start() if end_match else len(text)].strip()
