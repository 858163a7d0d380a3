"""Hand-written reports of one meeting, shared by the backlog and settling tests: two
dated (English, Russian) and two that print no date (Pashto, Dari)."""

from __future__ import annotations

# One meeting: two dated reports, and two that print no date (Pashto, Dari).
DATED = [
    {"title": "Russian envoy Kabulov meets Taliban deputy PM Baradar in Kabul",
     "guid": "https://en.test/1", "link": "https://en.test/1",
     "description": "Zamir Kabulov and Mullah Baradar discussed trade and the transit of "
                    "goods through Afghanistan, the Taliban said on Thursday.",
     "pubDate": "Thu, 14 May 2026 10:00:00 GMT"},
    {"title": "Замир Кабулов встретился в Кабуле с вице-премьером талибов Барадаром",
     "guid": "https://ru.test/1", "link": "https://ru.test/1",
     "description": "Стороны обсудили торговлю и транзит грузов через Афганистан, сообщили "
                    "в четверг власти талибов.",
     "pubDate": "Thu, 14 May 2026 12:00:00 GMT"},
]
UNDATED = [
    {"title": "د روسیې ځانګړی استازی ضمیر کابلوف په کابل کې له ملا برادر سره وکتل",
     "guid": "https://ps.test/1", "link": "https://ps.test/1",
     "description": "دواړو خواوو د افغانستان له لارې د سوداګرۍ او ترانزیټ په اړه خبرې وکړې."},
    {"title": "دیدار ضمیر کابلوف با ملا برادر در کابل",
     "guid": "https://fa.test/1", "link": "https://fa.test/1",
     "description": "دو طرف در مورد تجارت و ترانزیت کالا از طریق افغانستان گفتگو کردند."},
]
