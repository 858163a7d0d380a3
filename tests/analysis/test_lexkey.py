"""tracker.analysis.lexkey: one spelling for many, line by line as for a whole text."""

from __future__ import annotations

from tracker.analysis.lexkey import key


def test_a_text_of_several_lines_keys_as_each_line_does() -> None:
    # Case folding (ß, final sigma), accents, Persian and Arabic digits and letter
    # variants, ligatures: a headline and a lede joined by a line end read the same as
    # each one alone, whichever of them is plain ASCII.
    lines = ["Ekim’de ۱۵ میزان", "ΣΟΦΊΑ Straße", "يوم الأحد ١٥", "Café", "İstanbul ﬁnal",
             "plain ascii", ""]
    for first in lines:
        for second in lines:
            assert key(f"{first}\n{second}") == f"{key(first)}\n{key(second)}"
    assert key("Ekim’de ۱۵ میزان\nΣΟΦΊΑ Straße") == "ekim’de 15 میزان\nσοφια strasse"
    assert key("Кабул, 5 марта\nيوم الأحد ١٥") == "кабул, 5 марта\nیوم الاحد 15"
    assert key("Ёлка\n\nİstanbul") == "елка\n\nistanbul"
