"""Procedural news feeds for the benchmarks: realistic sizes, five languages, a few items
about the Russia–Taliban story.

Every item is a pure function of ``(feed, n)``, so the server and the benchmark agree on
the content without sharing state. A feed shows a window of ``ITEMS`` consecutive items;
``n`` grows when the feed gains an item. About 2 items in 100 report a development of the
story (in English, Russian, German or French, with the story's own terms), about 5 in 100
are near misses (one side only, or a side with a third party), the rest is ordinary local
news. One feed in six is Atom, the rest RSS 2.0 with ``content:encoded``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

ITEMS = 30
RELEVANT_SHARE = 0.02
NEAR_MISS_SHARE = 0.05
LANGUAGES = (("en", 45), ("ru", 25), ("de", 12), ("fr", 12), ("es", 6))

# -- ordinary news ------------------------------------------------------------------------

_GENERIC: dict[str, dict[str, list[str]]] = {
    "en": {
        "place": ["Leeds", "Porto", "Osaka", "Nairobi", "Calgary", "Lyon", "Bergen", "Tucson",
                  "Adelaide", "Gdansk", "Valparaiso", "Tampere", "Cork", "Halifax"],
        "org": ["the city council", "the transport authority", "the health board",
                "a regional court", "the football club", "the university", "the port operator",
                "the water utility", "the chamber of commerce", "the housing agency"],
        "thing": ["a new tram line", "the annual budget", "higher parking fees",
                  "a water treatment plant", "free school meals", "the bridge repair",
                  "the festival programme", "new flood defences", "night bus timetables",
                  "a social housing plan", "a cycling lane network", "the library merger"],
        "person": ["Mayor Ellen Price", "Dr Samuel Okafor", "coach Marta Silva",
                   "Judge Helen Ward", "councillor Tom Reyes", "chief engineer Ruth Adams"],
        "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "headline": [
            "{Org} approves {thing} for {place}",
            "{place} residents divided over {thing}",
            "{person} defends {thing} after weeks of criticism",
            "Storm brings {num} mm of rain to {place}",
            "{place} port handles a record {num},000 containers",
            "Shares in {place} software firm jump {num}% on strong results",
            "{place} marathon draws {num},000 runners despite the heat",
            "Delays expected as {org} starts work on {thing}",
        ],
        "sentence": [
            "{Org} said on {day} that {thing} would cost about {num} million.",
            "Residents of {place} have argued about {thing} for months.",
            "{person} told reporters that the decision was final.",
            "The plan still needs the approval of {org}.",
            "Critics say {thing} will mostly help visitors rather than people who live here.",
            "Work is due to begin in spring and should last about {num} weeks.",
            "Officials expect traffic in {place} to ease once the project is finished.",
            "A public consultation drew more than {num} written responses.",
            "The opposition called for an independent review of the costs.",
            "Local businesses welcomed the news but asked for clearer timelines.",
            "{Person} said the figures would be published before the end of the month.",
            "Similar schemes in other cities took years longer than planned.",
        ],
    },
    "ru": {
        "place": ["Казани", "Самаре", "Твери", "Перми", "Томске", "Ярославле", "Калуге",
                  "Иркутске", "Саратове", "Омске"],
        "org": ["городская дума", "транспортное управление", "областной суд",
                "футбольный клуб", "местный университет", "портовая компания",
                "водоканал", "торговая палата"],
        "thing": ["новую трамвайную линию", "городской бюджет", "платные парковки",
                  "ремонт моста", "программу фестиваля", "строительство очистных сооружений",
                  "расписание ночных автобусов", "сеть велодорожек"],
        "person": ["мэр Елена Прохорова", "главный врач Сергей Орлов",
                   "тренер Марина Сильвестрова", "судья Ольга Варламова",
                   "депутат Тимур Рейсов"],
        "day": ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу"],
        "headline": [
            "В {place} одобрили {thing}",
            "Жители спорят про {thing}",
            "Ливень: в {place} выпало {num} мм осадков за сутки",
            "Порт в {place} обработал рекордные {num} тысяч контейнеров",
            "{Person} защищает {thing} после критики",
            "В {place} прошёл марафон, в нём участвовали {num} тысяч человек",
        ],
        "sentence": [
            "Как сообщила {org} {day}, проект обойдётся примерно в {num} млн рублей.",
            "Жители в {place} уже несколько месяцев обсуждают {thing}.",
            "{Person} заявила журналистам, что решение окончательное.",
            "Работы должны начаться весной и продлиться около {num} недель.",
            "Критики считают, что {thing} выгоден прежде всего приезжим.",
            "В ходе общественных слушаний поступило более {num} письменных отзывов.",
            "Оппозиция потребовала независимой проверки расходов.",
            "Местный бизнес приветствовал новость, но попросил уточнить сроки.",
            "Подобные проекты в других городах затягивались на годы.",
            "Цифры обещают опубликовать до конца месяца.",
        ],
    },
    "de": {
        "place": ["Bremen", "Leipzig", "Graz", "Freiburg", "Kassel", "Rostock", "Basel",
                  "Augsburg", "Kiel"],
        "org": ["der Stadtrat", "die Verkehrsbetriebe", "das Landgericht", "der Fußballverein",
                "die Universität", "der Hafenbetreiber", "die Stadtwerke"],
        "thing": ["eine neue Straßenbahnlinie", "den Haushalt", "höhere Parkgebühren",
                  "die Brückensanierung", "ein Klärwerk", "das Festivalprogramm",
                  "neue Radwege", "den Hochwasserschutz"],
        "person": ["Bürgermeisterin Eva Preis", "Chefarzt Samuel Ober",
                   "Trainerin Marta Silber", "Richterin Helene Wart"],
        "day": ["am Montag", "am Dienstag", "am Mittwoch", "am Donnerstag", "am Freitag"],
        "headline": [
            "{Org} beschließt {thing} für {place}",
            "Streit in {place} über {thing}",
            "Unwetter: {num} Liter Regen pro Quadratmeter in {place}",
            "Hafen {place} meldet Rekord von {num}.000 Containern",
            "{Person} verteidigt {thing} nach Kritik",
        ],
        "sentence": [
            "{Org} teilte {day} mit, das Projekt koste rund {num} Millionen Euro.",
            "In {place} wird seit Monaten über {thing} gestritten.",
            "{Person} sagte, die Entscheidung sei endgültig.",
            "Die Arbeiten sollen im Frühjahr beginnen und etwa {num} Wochen dauern.",
            "Kritiker meinen, {thing} nütze vor allem Besuchern.",
            "Bei der Bürgerbeteiligung gingen mehr als {num} Stellungnahmen ein.",
            "Die Opposition fordert eine unabhängige Prüfung der Kosten.",
            "Der Einzelhandel begrüßte die Nachricht, wünscht sich aber klarere Fristen.",
        ],
    },
    "fr": {
        "place": ["Nantes", "Lille", "Rennes", "Grenoble", "Dijon", "Namur", "Brest",
                  "Limoges", "Tours"],
        "org": ["le conseil municipal", "la régie des transports", "le tribunal régional",
                "le club de football", "l'université", "le port autonome"],
        "thing": ["une nouvelle ligne de tramway", "le budget annuel",
                  "la hausse du stationnement", "la rénovation du pont",
                  "une station d'épuration", "le programme du festival",
                  "de nouvelles pistes cyclables"],
        "person": ["la maire Hélène Prieur", "le docteur Samuel Okoro",
                   "l'entraîneuse Marthe Silva", "la juge Hélène Vard"],
        "day": ["lundi", "mardi", "mercredi", "jeudi", "vendredi"],
        "headline": [
            "{Org} adopte {thing} à {place}",
            "À {place}, les habitants divisés sur {thing}",
            "Orages : {num} mm de pluie à {place}",
            "Le port de {place} traite un record de {num} 000 conteneurs",
            "{Person} défend {thing} après des semaines de critiques",
        ],
        "sentence": [
            "{Org} a indiqué {day} que le projet coûterait environ {num} millions d'euros.",
            "À {place}, {thing} fait débat depuis des mois.",
            "{Person} a assuré que la décision était définitive.",
            "Les travaux doivent commencer au printemps et durer environ {num} semaines.",
            "Les critiques estiment que {thing} profitera surtout aux visiteurs.",
            "La consultation publique a recueilli plus de {num} contributions.",
            "L'opposition réclame un audit indépendant des coûts.",
        ],
    },
    "es": {
        "place": ["Valencia", "Bilbao", "Córdoba", "Rosario", "Cusco", "Málaga", "Oviedo"],
        "org": ["el ayuntamiento", "la autoridad de transporte", "un tribunal regional",
                "el club de fútbol", "la universidad", "la empresa portuaria"],
        "thing": ["una nueva línea de tranvía", "el presupuesto anual",
                  "las tarifas de aparcamiento", "la reparación del puente",
                  "una depuradora", "el programa del festival"],
        "person": ["la alcaldesa Elena Prado", "el doctor Samuel Oca",
                   "la entrenadora Marta Silva"],
        "day": ["el lunes", "el martes", "el miércoles", "el jueves", "el viernes"],
        "headline": [
            "{Org} aprueba {thing} en {place}",
            "Vecinos de {place} divididos por {thing}",
            "Tormenta deja {num} litros por metro cuadrado en {place}",
            "{Person} defiende {thing} tras semanas de críticas",
        ],
        "sentence": [
            "{Org} informó {day} que el proyecto costará unos {num} millones de euros.",
            "En {place} se discute desde hace meses sobre {thing}.",
            "{Person} dijo que la decisión es definitiva.",
            "Las obras empezarán en primavera y durarán unas {num} semanas.",
            "Los críticos creen que {thing} beneficiará sobre todo a los turistas.",
            "La oposición pidió una auditoría independiente de los costes.",
        ],
    },
}

# -- the story ----------------------------------------------------------------------------

_STORY: dict[str, dict[str, list[str]]] = {
    "en": {
        "sector": ["wheat supplies", "fuel deliveries", "a rail corridor", "mining",
                   "power lines", "civil aviation", "banking links", "a gas hub"],
        "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        "headline": [
            "Russia and the Taliban sign deal on {sector} worth ${num} million",
            "Lavrov and Muttaqi discuss {sector} at talks in Moscow",
            "Taliban delegation in Kazan seeks Russian investment in {sector}",
            "Russia to ship {num},000 tonnes of wheat to Afghanistan",
            "Kremlin envoy Kabulov says Moscow will open a trade house in Kabul",
            "Russian and Afghan officials agree to expand cooperation on {sector}",
        ],
        "lede": [
            "Officials from Moscow and the Taliban administration in Kabul signed the "
            "agreement on {day}, both sides said.",
            "Russia and the Taliban government agreed on {day} to deepen ties in {sector}.",
            "Russian deputy foreign minister Andrei Rudenko and Taliban officials met in "
            "Moscow on {day}.",
        ],
        "sentence": [
            "Russia became the first country to formally recognise the Taliban government "
            "in July 2025.",
            "The Afghan side said the agreement covers {sector} and runs for {small} years.",
            "Taliban foreign minister Amir Khan Muttaqi called the deal a sign of growing "
            "trust with Russia.",
            "Moscow has described Afghanistan as a partner against drug trafficking.",
            "The Kremlin said further talks were planned in Kabul before the end of the year.",
        ],
        "miss": [
            "Russia and Ukraine exchange {num} prisoners near the border",
            "Taliban and Pakistan forces clash at the Torkham crossing",
            "Afghanistan earthquake: aid agencies appeal for ${num} million",
            "Russia's central bank keeps its key rate at {small}%",
            "China and the Taliban discuss copper mine in Logar",
        ],
    },
    "ru": {
        "sector": ["поставках пшеницы", "поставках топлива", "железнодорожном коридоре",
                   "добыче полезных ископаемых", "линиях электропередачи", "авиасообщении"],
        "day": ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу"],
        "headline": [
            "Россия и талибы подписали соглашение о {sector} на {num} млн долларов",
            "Лавров обсудил с Муттаки в Москве соглашение о {sector}",
            "Кабулов: Россия откроет торговый дом в Кабуле",
            "Россия поставит в Афганистан {num} тысяч тонн пшеницы",
            "Делегация талибов в Казани обсудила с российскими компаниями соглашение о {sector}",
        ],
        "lede": [
            "Соглашение {day} подписали представители Москвы и правительства талибов в Кабуле.",
            "Россия и власти Афганистана {day} договорились расширить сотрудничество.",
        ],
        "sentence": [
            "Россия первой официально признала правительство талибов в июле 2025 года.",
            "Афганская сторона сообщила, что договорённость рассчитана на {small} лет.",
            "Глава МИД талибов Амир Хан Муттаки назвал документ знаком доверия к России.",
            "В Кремле сообщили, что следующий раунд переговоров пройдёт в Кабуле.",
        ],
        "miss": [
            "Россия и Украина провели обмен {num} пленными",
            "Талибы и Пакистан договорились о перемирии на границе",
            "Землетрясение в Афганистане: ООН просит {num} млн долларов помощи",
        ],
    },
    "de": {
        "sector": ["Weizenlieferungen", "Treibstofflieferungen", "einen Bahnkorridor",
                   "den Bergbau"],
        "day": ["am Montag", "am Dienstag", "am Mittwoch", "am Donnerstag"],
        "headline": [
            "Russland und die Taliban vereinbaren Zusammenarbeit für {sector}",
            "Lawrow empfängt Taliban-Außenminister Muttaki in Moskau",
        ],
        "lede": [
            "Moskau und die Taliban-Regierung in Kabul unterzeichneten das Abkommen {day}.",
        ],
        "sentence": [
            "Russland hatte die Taliban-Regierung im Juli 2025 als erstes Land offiziell "
            "anerkannt.",
            "Die afghanische Seite sprach von einem Volumen von {num} Millionen Dollar.",
        ],
        "miss": ["Russland und die Ukraine tauschen {num} Gefangene aus"],
    },
    "fr": {
        "sector": ["les livraisons de blé", "un corridor ferroviaire", "l'exploitation minière",
                   "les livraisons de carburant"],
        "day": ["lundi", "mardi", "mercredi", "jeudi"],
        "headline": [
            "La Russie et les talibans signent un accord sur {sector}",
            "Lavrov reçoit le chef de la diplomatie talibane à Moscou",
        ],
        "lede": [
            "Moscou et le gouvernement taliban de Kaboul ont signé l'accord {day}.",
        ],
        "sentence": [
            "La Russie a été le premier pays à reconnaître officiellement le gouvernement "
            "taliban, en juillet 2025.",
            "La partie afghane évoque un montant de {num} millions de dollars.",
        ],
        "miss": ["La Russie et l'Ukraine échangent {num} prisonniers"],
    },
}


@dataclass(frozen=True)
class Item:
    feed: int
    n: int
    language: str
    kind: str
    """``story``, ``miss`` or ``news``."""
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    link: str
    guid: str
    permalink: bool
    published: datetime
    author: str | None


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _fill(rng: random.Random, template: str, words: dict[str, list[str]]) -> str:
    values: dict[str, str] = {"num": str(rng.randint(12, 950)), "small": str(rng.randint(2, 15))}
    for key, choices in words.items():
        if key not in ("headline", "sentence", "lede", "miss"):
            value = rng.choice(choices)
            values[key] = value
            values[key.capitalize()] = value[:1].upper() + value[1:]
    return template.format(**values)


def item(feed: int, n: int, base: datetime) -> Item:
    """Item ``n`` of feed ``feed``; ``base`` is the publication time of item 0."""
    rng = random.Random(f"{feed}:{n}")
    roll = rng.random()
    language = feed_language(feed)
    kind = ("story" if roll < RELEVANT_SHARE else
            "miss" if roll < RELEVANT_SHARE + NEAR_MISS_SHARE else "news")
    if kind != "news" and language not in _STORY:
        language = "en"
    generic = _GENERIC[language]
    picked = rng.sample(generic["sentence"], min(7, len(generic["sentence"])))
    filler = [_fill(rng, s, generic) for s in picked]
    if kind == "story":
        story = _STORY[language]
        title = _fill(rng, rng.choice(story["headline"]), story)
        lede = _fill(rng, rng.choice(story["lede"]), story)
        facts = [_fill(rng, s, story) for s in rng.sample(story["sentence"], 2)]
        sentences = [lede, *facts, *filler[:3]]
    else:
        if kind == "miss":
            story = _STORY[language]
            title = _fill(rng, rng.choice(story["miss"]), story)
        else:
            title = _fill(rng, rng.choice(generic["headline"]), generic)
        sentences = filler
    summary = " ".join(sentences[:2])
    paragraphs = tuple(" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2))
    host = f"www.outlet{feed % 250}.example"
    slug = "-".join(w for w in title.lower().split() if w.isascii() and w.isalnum())[:40]
    link = f"https://{host}/{language}/{feed}/{n}/{slug or 'item'}"
    permalink = feed % 2 == 0
    guid = link if permalink else f"tag:{host},2025:{feed}-{n}"
    author = rng.choice(generic["person"]) if rng.random() < 0.4 else None
    published = base + timedelta(minutes=17 * n + feed % 60)
    return Item(feed, n, language, kind, title, summary, paragraphs, link, guid, permalink,
                published, author)


def feed_language(feed: int) -> str:
    """Each feed writes in one language, as real outlets do."""
    return _pick(random.Random(f"language:{feed}"), LANGUAGES)


def rss(feed: int, items: list[Item]) -> bytes:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
        f"<title>Outlet {feed} news</title><link>https://www.outlet{feed % 250}.example/</link>",
        f"<description>Latest stories from outlet {feed}</description><language>"
        f"{items[0].language if items else 'en'}</language>",
    ]
    for it in reversed(items):
        html = "".join(f"<p>{escape(p)}</p>" for p in it.paragraphs)
        out.append(
            f"<item><title>{escape(it.title)}</title><link>{escape(it.link)}</link>"
            f'<guid isPermaLink="{"true" if it.permalink else "false"}">{escape(it.guid)}</guid>'
            f"<pubDate>{format_datetime(it.published, usegmt=True)}</pubDate>"
            + (f"<dc:creator>{escape(it.author)}</dc:creator>" if it.author else "")
            + f"<category>{it.kind}</category>"
            f"<description>{escape(it.summary)}</description>"
            f"<content:encoded><![CDATA[{html}]]></content:encoded></item>")
    out.append("</channel></rss>\n")
    return "".join(out).encode("utf-8")


def atom(feed: int, items: list[Item]) -> bytes:
    updated = (items[-1].published if items else datetime(2025, 1, 1, tzinfo=UTC)).isoformat()
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>Outlet {feed} news</title><id>tag:www.outlet{feed % 250}.example,2025:{feed}</id>"
        f'<link href="https://www.outlet{feed % 250}.example/"/><updated>{updated}</updated>',
    ]
    for it in reversed(items):
        html = "".join(f"<p>{escape(p)}</p>" for p in it.paragraphs)
        out.append(
            f"<entry><title>{escape(it.title)}</title>"
            f'<link rel="alternate" href="{escape(it.link)}"/><id>{escape(it.guid)}</id>'
            f"<updated>{it.published.isoformat()}</updated>"
            f"<published>{it.published.isoformat()}</published>"
            + (f"<author><name>{escape(it.author)}</name></author>" if it.author else "")
            + f"<summary>{escape(it.summary)}</summary>"
            f'<content type="html">{escape(html)}</content></entry>')
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")


def is_atom(feed: int) -> bool:
    return feed % 6 == 5


def document(feed: int, first: int, base: datetime) -> bytes:
    """Feed ``feed`` showing items ``first`` to ``first + ITEMS - 1``."""
    items = [item(feed, n, base) for n in range(first, first + ITEMS)]
    return atom(feed, items) if is_atom(feed) else rss(feed, items)
