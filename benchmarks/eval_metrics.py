"""Pure figures over labelled items and what the tracker made of them.

Each item is an :class:`ItemResult`: its labels and the tracker's outcome read from the
store. Every function here takes a sequence of them and returns counts, so a slice (one
language, one language group, everything) is just the results of its items. B-cubed is
the exception: an item's score depends on the whole clustering, so it is computed once
over all items (:func:`bcubed_scores`) and averaged over a slice (:func:`bcubed_mean`).

Conventions:

* A *new-development item* is labelled relevant with ``baseline_only`` false and a
  development id.
* *Announced*: the item is in an update that is not background (what a digest sends).
* *Developments found*: of the distinct developments among a slice's new-development
  items, those where at least one of those items is in an update (background or not).
* *Baseline-only items announced*: of the items labelled ``baseline_only``, those in an
  announced update (opened or joined), counted per item.
* *Updates per development*: for each development with an announced update among the
  slice's items, the number of distinct announced updates among them; summed and divided
  by the number of such developments (a missed development is not counted here: it
  shows in *developments found*).
* *B-cubed* precision and recall of the item-to-update clustering against the
  development ids, over every new-development item; an item in no update (judged
  irrelevant, taken for the baseline, ...) is a singleton cluster of its own, so a miss
  lowers recall and leaves precision whole. Baseline-only and irrelevant items that
  share an update are left out (they show in *baseline-only items announced* and in
  relevance). Beside it, ``bcubed_placed`` is the same over only the items in an
  update: how well the updates the tracker made are grouped.
* *Background*: of the developments dated before the baseline (``event_predates_baseline``)
  that reached an update, those whose updates are all background; and, apart, the later
  developments with a background update (wrongly held back).
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

ENGLISH, CYRILLIC, ARABIC, OTHER = "English", "Cyrillic", "Arabic script", "other"
GROUPS = (ENGLISH, CYRILLIC, ARABIC, OTHER)


@dataclass(frozen=True)
class ItemLabel:
    item_id: str
    language: str
    group: str
    relevant: bool
    baseline_only: bool
    development_id: str | None
    predates_baseline: bool


@dataclass(frozen=True)
class ItemOutcome:
    judged_relevant: bool
    analysis: str | None = None  # the article's analysis outcome, when analysed
    update_id: str | None = None
    update_kind: str | None = None
    background: bool = False

    @property
    def announced(self) -> bool:
        return self.update_id is not None and not self.background


@dataclass(frozen=True)
class ItemResult:
    label: ItemLabel
    outcome: ItemOutcome

    @property
    def new_development(self) -> bool:
        lab = self.label
        return lab.relevant and not lab.baseline_only and lab.development_id is not None


@dataclass(frozen=True)
class Ratio:
    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class Relevance:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float | None:
        return Ratio(self.tp, self.tp + self.fp).value

    @property
    def recall(self) -> float | None:
        return Ratio(self.tp, self.tp + self.fn).value


@dataclass(frozen=True)
class BCubed:
    precision: float | None
    recall: float | None
    items: int


@dataclass(frozen=True)
class Figures:
    items: int
    relevance: Relevance
    developments_found: Ratio
    baseline_announced: Ratio
    updates_per_development: Ratio  # hits = updates, total = developments
    bcubed: BCubed  # items in no update as singletons
    bcubed_placed: BCubed  # items in an update only
    background: Ratio
    wrongly_background: int


def script_group(language: str, text: str) -> str:
    """The language group of an item: English by its label, else the script most of its
    letters are written in (Unicode character names), so that Uzbek or Kazakh in
    Cyrillic count with Russian and Urdu or Pashto with Arabic."""
    if language == "en":
        return ENGLISH
    scripts = Counter(unicodedata.name(c, "").split(" ", 1)[0] for c in text if c.isalpha())
    dominant = scripts.most_common(1)[0][0] if scripts else ""
    return {"CYRILLIC": CYRILLIC, "ARABIC": ARABIC}.get(dominant, OTHER)


def relevance(results: Iterable[ItemResult]) -> Relevance:
    counts = Counter((r.outcome.judged_relevant, r.label.relevant) for r in results)
    return Relevance(tp=counts[True, True], fp=counts[True, False],
                     fn=counts[False, True], tn=counts[False, False])


def _by_development(results: Iterable[ItemResult]) -> dict[str, list[ItemResult]]:
    grouped: dict[str, list[ItemResult]] = defaultdict(list)
    for r in results:
        if r.new_development and r.label.development_id is not None:
            grouped[r.label.development_id].append(r)
    return grouped


def developments_found(results: Iterable[ItemResult]) -> Ratio:
    grouped = _by_development(results)
    found = sum(any(r.outcome.update_id for r in rs) for rs in grouped.values())
    return Ratio(found, len(grouped))


def baseline_announced(results: Iterable[ItemResult]) -> Ratio:
    baseline = [r for r in results if r.label.relevant and r.label.baseline_only]
    return Ratio(sum(r.outcome.announced for r in baseline), len(baseline))


def announced_updates(results: Iterable[ItemResult]) -> dict[str, set[str]]:
    """Each development's distinct announced updates, for developments with one."""
    out: dict[str, set[str]] = {}
    for development, rs in _by_development(results).items():
        updates = {r.outcome.update_id for r in rs if r.outcome.announced}
        if updates:
            out[development] = {u for u in updates if u is not None}
    return out


def updates_per_development(results: Iterable[ItemResult]) -> Ratio:
    per = announced_updates(results)
    return Ratio(sum(len(u) for u in per.values()), len(per))


def background(results: Iterable[ItemResult]) -> tuple[Ratio, int]:
    """Pre-baseline developments all of whose updates are background, of those that got
    an update; and later developments with a background update."""
    marked = early = wrong = 0
    for rs in _by_development(results).values():
        placed = [r for r in rs if r.outcome.update_id]
        if not placed:
            continue
        if rs[0].label.predates_baseline:
            early += 1
            marked += all(r.outcome.background for r in placed)
        else:
            wrong += any(r.outcome.background for r in placed)
    return Ratio(marked, early), wrong


def bcubed_scores(assignment: Mapping[str, tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Per-item B-cubed precision and recall: ``assignment`` maps an item to its (gold
    cluster, predicted cluster). An item's precision is the share of its predicted
    cluster that shares its gold cluster; its recall, the share of its gold cluster that
    shares its predicted cluster (each item counts itself)."""
    gold_size = Counter(g for g, _ in assignment.values())
    pred_size = Counter(p for _, p in assignment.values())
    both = Counter(assignment.values())
    return {item: (both[g, p] / pred_size[p], both[g, p] / gold_size[g])
            for item, (g, p) in assignment.items()}


def bcubed_mean(scores: Mapping[str, tuple[float, float]], items: Iterable[str]) -> BCubed:
    chosen = [scores[i] for i in items if i in scores]
    if not chosen:
        return BCubed(None, None, 0)
    return BCubed(sum(p for p, _ in chosen) / len(chosen),
                  sum(r for _, r in chosen) / len(chosen), len(chosen))


def clustering(results: Iterable[ItemResult], *, singletons: bool
               ) -> dict[str, tuple[str, str]]:
    """New-development items as (development, update); with ``singletons`` the items in
    no update are kept, each its own cluster, else they are left out."""
    out: dict[str, tuple[str, str]] = {}
    for r in results:
        development, update = r.label.development_id, r.outcome.update_id
        if not r.new_development or development is None:
            continue
        if update is not None:
            out[r.label.item_id] = (development, "update:" + update)
        elif singletons:
            out[r.label.item_id] = (development, "alone:" + r.label.item_id)
    return out


@dataclass(frozen=True)
class Scores:
    """B-cubed per-item scores over the whole set, both conventions."""

    singletons: dict[str, tuple[float, float]]
    placed: dict[str, tuple[float, float]]

    @classmethod
    def of(cls, results: Sequence[ItemResult]) -> Scores:
        return cls(bcubed_scores(clustering(results, singletons=True)),
                   bcubed_scores(clustering(results, singletons=False)))


def figures(results: Sequence[ItemResult], scores: Scores) -> Figures:
    """Every figure for ``results`` (one slice), B-cubed from the whole set's ``scores``."""
    ids = [r.label.item_id for r in results]
    marked, wrong = background(results)
    return Figures(
        items=len(results), relevance=relevance(results),
        developments_found=developments_found(results),
        baseline_announced=baseline_announced(results),
        updates_per_development=updates_per_development(results),
        bcubed=bcubed_mean(scores.singletons, ids),
        bcubed_placed=bcubed_mean(scores.placed, ids),
        background=marked, wrongly_background=wrong)


def sliced(results: Sequence[ItemResult], key: Callable[[ItemResult], str]
           ) -> dict[str, list[ItemResult]]:
    out: dict[str, list[ItemResult]] = defaultdict(list)
    for r in results:
        out[key(r)].append(r)
    return dict(out)


def by_language(results: Sequence[ItemResult]) -> dict[str, Figures]:
    """Figures per language label, most items first."""
    scores = Scores.of(results)
    languages = sliced(results, lambda r: r.label.language)
    order = sorted(languages, key=lambda lang: (-len(languages[lang]), lang))
    return {lang: figures(languages[lang], scores) for lang in order}


def by_group(results: Sequence[ItemResult]) -> dict[str, Figures]:
    """Figures per language group, then over ``all`` items."""
    scores = Scores.of(results)
    groups = sliced(results, lambda r: r.label.group)
    out = {g: figures(groups[g], scores) for g in GROUPS if g in groups}
    out["all"] = figures(results, scores)
    return out


@dataclass(frozen=True)
class Separation:
    """How well update confidence tells right announcements from wrong ones."""

    right: int
    wrong: int
    mean_right: float
    mean_wrong: float
    auc: float
    """The chance that a right update is more confident than a wrong one (ties count half)."""


def _reversed(text: str) -> str:
    """A key that sorts ``text`` in reverse order (the smaller item id ranks higher)."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)


def confidence_separation(results: Sequence[ItemResult], confidence: Mapping[str, float]
                          ) -> Separation:
    """Each announced update is *right* when it is the first (largest) announced update of
    a real development, *wrong* when it announces a restatement, an item not about the
    story, or a development already announced by a larger update (a split)."""
    members: dict[str, list[ItemResult]] = {}
    for r in results:
        update_id = r.outcome.update_id
        if update_id is not None and update_id in confidence and not r.outcome.background:
            members.setdefault(update_id, []).append(r)
    primary: dict[str, tuple[int, str, str]] = {}
    for update_id, items in members.items():
        for development in {r.label.development_id for r in items if r.label.development_id}:
            mine = [r.label.item_id for r in items if r.label.development_id == development]
            # Between updates of one size, the one holding the development's first item
            # in the file (update ids come from article ids, which differ run to run).
            rank = (len(mine), _reversed(min(mine)), update_id)
            if development not in primary or rank[:2] > primary[development][:2]:
                primary[development] = rank
    firsts = {update_id for _, _, update_id in primary.values()}
    right = [confidence[u] for u in members if u in firsts]
    wrong = [confidence[u] for u in members if u not in firsts]
    pairs = [(1.0 if a > b else 0.5 if a == b else 0.0) for a in right for b in wrong]
    return Separation(len(right), len(wrong), sum(right) / len(right) if right else 0.0,
                      sum(wrong) / len(wrong) if wrong else 0.0,
                      sum(pairs) / len(pairs) if pairs else 0.0)
