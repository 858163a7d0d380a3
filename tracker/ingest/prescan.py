"""A linear pre-scan that refuses documents whose parsing would cost far beyond their size.

feedparser's lenient parser expands entities without limit and its strict parser is
quadratic in the attributes of one element; deep nesting and huge item counts cost time
and memory in both. :func:`check_markup` measures all of these in one pass over the bytes
as feedparser will read them and raises :class:`ParseError` with a specific reason.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping

from tracker.errors import ParseError

# What the pre-scan lets through. Real feeds stay far below every limit: over the 2,800
# files of the shared corpus the most are 730 items, about 20,000 tags, 14 attributes on
# one element and 11 levels of nesting, and no entity adds more than a few characters.
MAX_ITEMS = 10_000
MAX_ELEMENTS = 1_000_000
"""Tags of the feed and of HTML embedded in it; each costs feedparser ~20 µs and ~100 bytes."""
MAX_ATTRIBUTES = 100
MAX_DEPTH = 1_000
MAX_ENTITIES = 1_000
"""Entity declarations in one document."""
ENTITY_BUDGET = 1_000_000
"""Characters that references to declared entities may add to the document, in all."""


# One token of markup per match: comments, CDATA sections and declarations are skipped
# whole (tags in them are text); a tag runs to ">" or to the next "<", as in feedparser's
# lenient parser, and a quoted attribute value may hold either. Possessive repeats and
# "or the end" alternatives keep every match linear, even for unterminated constructs.
_MARKUP = re.compile(rb"""
    <!--.*?(?:-->|\Z)
  | <!\[CDATA\[.*?(?:\]\]>|\Z)
  | <!DOCTYPE[^\[>]*+(?:\[.*?(?:\]\s*>|\Z)|>)
  | <[!?][^>]*+>?
  | <(/?)([A-Za-z_][^\s/<>]*+)((?:[^<>"']++|"[^"]*+"|'[^']*+'|["'])*+)>?
""", re.DOTALL | re.VERBOSE)
_ATTRIBUTE = re.compile(rb"""[^\s=/]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|\S*+))?+""")
_ITEM_TAGS = frozenset({b"item", b"entry"})
_ESCAPED_TAG = re.compile(rb"&(?:lt|#0*60|#x0*3c);", re.IGNORECASE)
_ENTITY_DECLARATION = re.compile(
    rb"""<!ENTITY\s++(%\s++)?([^\s"'%;<>]++)\s++(?:"([^"]*+)"|'([^']*+)')""", re.IGNORECASE)
_ENTITY_REFERENCE = re.compile(rb"([&%])([A-Za-z_:][\w.:-]*+);")


def check_markup(data: bytes) -> None:
    """Refuse a document whose parsing would cost far more than its size.

    ``data`` is the document as feedparser will read it. Raises :class:`ParseError`
    with reason ``too-many-elements``, ``entity-expansion``, ``too-many-attributes``,
    ``too-deep`` or ``too-many-items``. Linear in the size of ``data``.
    """
    # Embedded HTML counts too, escaped or not: the text extraction parses it as well.
    elements = data.count(b"<") + _ESCAPED_TAG.subn(b"", data)[1]
    if elements > MAX_ELEMENTS:
        raise ParseError(f"{elements} tags, more than {MAX_ELEMENTS}",
                         reason="too-many-elements")
    if re.search(rb"<!ENTITY", data, re.IGNORECASE):
        _check_entities(data)
    stack: list[bytes] = []
    open_tags: dict[bytes, int] = {}  # how many of each name the stack holds
    items = 0
    for match in _MARKUP.finditer(data):
        closing, name, rest = match.groups()
        if name is None:
            continue
        if closing:
            # Close up to the matching open tag, as a lenient parser does; a stray end
            # tag closes nothing. Each tag is popped at most once: linear.
            if name in open_tags:
                while True:
                    top = stack.pop()
                    open_tags[top] -= 1
                    if not open_tags[top]:
                        del open_tags[top]
                    if top == name:
                        break
            continue
        # An attribute takes two bytes at least: shorter tags need no counting.
        if len(rest) > 2 * MAX_ATTRIBUTES:
            _check_attributes(name, rest)
        if name.rpartition(b":")[2].lower() in _ITEM_TAGS:
            items += 1
            if items > MAX_ITEMS:
                raise ParseError(f"more than {MAX_ITEMS} items", reason="too-many-items")
        if rest.endswith(b"/"):
            continue
        stack.append(name)
        open_tags[name] = open_tags.get(name, 0) + 1
        if len(stack) > MAX_DEPTH:
            raise ParseError(f"elements nested more than {MAX_DEPTH} deep",
                             reason="too-deep")


def _check_attributes(name: bytes, rest: bytes) -> None:
    """Refuse an element with more than ``MAX_ATTRIBUTES`` attributes (``rest`` is what
    follows its name in the tag)."""
    found = sum(1 for _ in itertools.islice(_ATTRIBUTE.finditer(rest), MAX_ATTRIBUTES + 1))
    if found > MAX_ATTRIBUTES:
        raise ParseError(f"an element <{_shown(name)}> with more than {MAX_ATTRIBUTES}"
                         " attributes", reason="too-many-attributes")


def _check_entities(data: bytes) -> None:
    """Refuse entity declarations whose references would expand beyond the budget.

    Counts what every parser could make of them: all declarations anywhere in the
    document, general and parameter entities alike, and every reference outside the
    declarations, each at the full size of its expansion. A self-referring entity has
    no finite size. External entities are not counted: nothing here loads them.
    """
    values: dict[bytes, bytes] = {}
    inside: Counter[bytes] = Counter()
    declarations = 0
    for match in _ENTITY_DECLARATION.finditer(data):
        declarations += 1
        if declarations > MAX_ENTITIES:
            raise ParseError(f"more than {MAX_ENTITIES} entity declarations",
                             reason="entity-expansion")
        sigil = b"%" if match.group(1) else b"&"
        value = match.group(3) if match.group(3) is not None else match.group(4)
        values.setdefault(sigil + match.group(2), value)  # the first declaration binds
        inside.update(a + b for a, b in _ENTITY_REFERENCE.findall(value))
    if not values:
        return
    uses = {key: Counter(ref for a, b in _ENTITY_REFERENCE.findall(value)
                         if (ref := a + b) in values)
            for key, value in values.items()}
    sizes = _entity_sizes(values, uses)
    outside = Counter(a + b for a, b in _ENTITY_REFERENCE.findall(data)
                      if a + b in values)
    total = 0
    for key, count in outside.items():
        total += (count - inside[key]) * sizes[key]
        if total > ENTITY_BUDGET:
            raise ParseError(f"entity references expand to more than {ENTITY_BUDGET} "
                             f"characters ({_shown(key)}; and others)",
                             reason="entity-expansion")


def _entity_sizes(values: Mapping[bytes, bytes],
                  uses: Mapping[bytes, Counter[bytes]]) -> dict[bytes, int]:
    """The expanded length of each entity, capped just above the budget.

    Depth first without recursion, since a hostile chain of declarations can be longer
    than Python's stack; a cycle is refused as ``entity-expansion``.
    """
    cap = ENTITY_BUDGET + 1
    sizes: dict[bytes, int] = {}
    on_path: set[bytes] = set()
    for root in values:
        stack: list[tuple[bytes, bool]] = [(root, False)]
        while stack:
            key, children_done = stack.pop()
            if children_done:
                own = len(values[key]) - sum(
                    (len(ref) + 1) * n for ref, n in uses[key].items())
                sizes[key] = min(cap, own + sum(sizes[ref] * n
                                                for ref, n in uses[key].items()))
                on_path.discard(key)
            elif key in on_path:
                raise ParseError(f"entity {_shown(key)}; refers to itself",
                                 reason="entity-expansion")
            elif key not in sizes:
                on_path.add(key)
                stack.append((key, True))
                stack.extend((ref, False) for ref in uses[key] if ref not in sizes)
    return sizes


def _shown(name: bytes) -> str:
    return name[:40].decode("utf-8", "replace")
