"""Reports of one event written for the merge tests, in Russian, Arabic, English and
Persian: the first two share no event (one names the aircraft, the other the earthquake
and the aid), so each opens an update; the later ones make the two one development."""

from __future__ import annotations

QUAKE_AID = [
    ("ru", "МЧС России направило самолёт Ил-76 в Кабул",
     "Самолёт МЧС России вылетел в Кабул, сообщило министерство."),
    ("ar", "روسيا ترسل مساعدات لمنكوبي الزلزال في أفغانستان",
     "أرسلت روسيا مساعدات إنسانية إلى المتضررين من الزلزال في شرق أفغانستان."),
    ("en", "Russian emergencies ministry plane brings quake aid to Afghanistan",
     "A Russian emergencies ministry Il-76 landed in Kabul with aid for earthquake victims."),
    ("ru", "Ил-76 МЧС России с гуманитарной помощью приземлился в Кабуле",
     "Самолёт МЧС России доставил в Кабул гуманитарную помощь."),
]
LATER = ("fa", "هواپیمای وزارت حالات اضطراری روسیه با کمک برای زلزله زدگان در کابل فرود آمد",
         "هواپیمای روسیه با کمک های بشردوستانه برای زلزله زدگان افغانستان در کابل فرود آمد.")


def feed_items(entries: list[tuple[str, str, str]], first: int = 0) -> list[dict[str, str]]:
    return [{"title": title, "description": text, "guid": f"https://{lang}.test/{n}",
             "link": f"https://{lang}.test/{n}",
             "pubDate": f"Mon, 09 Mar 2026 {8 + n:02d}:00:00 GMT"}
            for n, (lang, title, text) in enumerate(entries, start=first)]
