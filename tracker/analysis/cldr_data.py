"""The CLDR extract the date and quantity readers use, shipped with the package.

Reading names out of all of babel's ~1,100 locales takes seconds, too long for the
first article of every process (a daemon start, a CLI call). So the tables are
extracted once, stored as JSON in ``tracker/data/`` and read in milliseconds; a test
checks that the stored files equal a fresh extract from the installed babel. After
upgrading babel, or changing an extraction rule, regenerate them with::

    python -m tracker.analysis.cldr_export
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

CALENDAR_FILE = "cldr_calendar.json"
QUANTITY_FILE = "cldr_quantities.json"
ORDINAL_FILE = "cldr_ordinals.json"


def load(name: str) -> dict[str, Any]:
    """The stored extract ``name`` (one of the ``*_FILE`` names)."""
    text = resources.files("tracker").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def dump(data: dict[str, Any]) -> str:
    """The stored form: sorted keys, one entry a line, so a change reads as a diff."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


def extracted_with() -> str:
    """The babel version the stored extract was made with."""
    version: str = load(CALENDAR_FILE)["babel"]
    return version
