"""tracker: follow one news story across RSS/Atom feeds, recording every judgement as an event."""

__version__ = "0.1.0"

__all__ = ["__version__"]
