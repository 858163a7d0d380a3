"""One development, one update, in every language; silence when nothing is new.

Every item here is written for these tests (none comes from the evaluation data), in
eleven languages and five scripts: Latin (English, French, German, Turkish, Spanish,
Vietnamese), Cyrillic (Russian), Arabic script (Arabic, Dari, Urdu) and Han (Chinese).
They are served as feeds from 127.0.0.1 and polled into a real store.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from conftest import FeedServer, Response, rss

from tracker.eventlog.store import EventStore
from tracker.poll.service import Tracker

WHEAT = [
    ("en", "Russia ships 30,000 tonnes of wheat to Afghanistan",
     "Russia has delivered 30,000 tonnes of wheat to Afghanistan by rail through "
     "Uzbekistan, the Taliban's commerce ministry said on Tuesday.",
     "Tue, 14 Oct 2025 09:00:00 GMT"),
    ("ru", "Россия поставила в Афганистан 30 тысяч тонн пшеницы",
     "Россия поставила в Афганистан 30 тысяч тонн пшеницы по железной дороге через "
     "Узбекистан, сообщило во вторник министерство торговли талибов.",
     "Tue, 14 Oct 2025 12:00:00 GMT"),
    ("fa", "روسیه ۳۰ هزار تن گندم به افغانستان فرستاد",
     "وزارت صنعت و تجارت طالبان روز سه‌شنبه اعلام کرد که روسیه ۳۰ هزار تن گندم را از "
     "طریق راه آهن ازبکستان به افغانستان انتقال داده است.",
     "Tue, 14 Oct 2025 13:30:00 GMT"),
    ("ar", "روسيا تشحن 30 ألف طن من القمح إلى أفغانستان",
     "أعلنت وزارة التجارة في حكومة طالبان يوم الثلاثاء أن روسيا سلمت 30 ألف طن من القمح "
     "إلى أفغانستان عبر السكك الحديدية في أوزبكستان.",
     "Wed, 15 Oct 2025 08:00:00 GMT"),
]

RESTATEMENTS = [
    ("fr", "La Russie, premier pays à reconnaître le gouvernement des talibans",
     "Moscou a reconnu officiellement l'Émirat islamique d'Afghanistan, devenant le premier "
     "État à le faire.", "Fri, 04 Jul 2025 08:00:00 GMT"),
    ("de", "Russland erkennt als erstes Land die Taliban-Regierung an",
     "Russland hat die Regierung der Taliban in Afghanistan offiziell anerkannt und ist "
     "damit das erste Land der Welt.", "Fri, 04 Jul 2025 09:00:00 GMT"),
    ("ru", "Россия первой в мире признала правительство талибов",
     "Россия официально признала Исламский Эмират Афганистан, став первой страной, "
     "сделавшей этот шаг.", "Thu, 03 Jul 2025 19:00:00 GMT"),
    ("tr", "Rusya, Taliban yönetimini tanıyan ilk ülke oldu",
     "Rusya, Afganistan'daki Taliban hükümetini resmen tanıyan dünyadaki ilk ülke oldu.",
     "Fri, 04 Jul 2025 10:00:00 GMT"),
    ("es", "Rusia, primer país en reconocer al gobierno talibán",
     "Rusia reconoció oficialmente al Emirato Islámico de Afganistán y se convirtió en el "
     "primer país en hacerlo.", "Fri, 04 Jul 2025 11:00:00 GMT"),
    ("ur", "روس طالبان حکومت کو تسلیم کرنے والا پہلا ملک بن گیا",
     "روس نے افغانستان میں طالبان کی حکومت کو باضابطہ طور پر تسلیم کر لیا ہے۔",
     "Fri, 04 Jul 2025 12:00:00 GMT"),
]

# A later meeting of two men the baseline already has meeting: the dated reports are news
# by their date; the undated ones, alone, restate the baseline, but are far more like
# the dated reports than like any baseline fact (Pashto, Dari).
ENVOY_MEETING = [
    ("en", "Russian envoy Kabulov meets Taliban deputy PM Baradar in Kabul",
     "Zamir Kabulov and Mullah Abdul Ghani Baradar discussed trade and the transit of goods "
     "through Afghanistan, the Taliban said on Thursday.", "Thu, 14 May 2026 10:00:00 GMT"),
    ("ru", "Замир Кабулов встретился в Кабуле с вице-премьером талибов Барадаром",
     "Стороны обсудили торговлю и транзит грузов через Афганистан, сообщили в четверг "
     "власти талибов.", "Thu, 14 May 2026 12:00:00 GMT"),
    ("ps", "د روسیې ځانګړی استازی ضمیر کابلوف په کابل کې له ملا برادر سره وکتل",
     "دواړو خواوو د افغانستان له لارې د سوداګرۍ او ترانزیټ په اړه خبرې وکړې.", ""),
    ("fa", "دیدار ضمیر کابلوف با ملا برادر در کابل",
     "دو طرف در مورد تجارت و ترانزیت کالا از طریق افغانستان گفتگو کردند.", ""),
]

# Kannada: a language the vocabulary has no words in (Vietnamese, this item's language
# before, now has them).
UNREADABLE = ("kn", "ರಷ್ಯಾ ಮತ್ತು ತಾಲಿಬಾನ್ ತೈಲ ಒಪ್ಪಂದಕ್ಕೆ ಸಹಿ",
              "ಕಾಬೂಲ್‌ನಲ್ಲಿ ತಾಲಿಬಾನ್ ಸರ್ಕಾರವು ರಷ್ಯಾದಿಂದ ತೈಲ ಮತ್ತು ಗೋಧಿ ಖರೀದಿಸುವ ಒಪ್ಪಂದಕ್ಕೆ ಸಹಿ "
              "ಹಾಕಿದೆ ಎಂದು ವಾಣಿಜ್ಯ ಸಚಿವಾಲಯದ ವಕ್ತಾರರು ತಿಳಿಸಿದ್ದಾರೆ.",
              "Mon, 20 Oct 2025 08:00:00 GMT")


def _item(index: int, language: str, title: str, text: str, published: str) -> dict[str, str]:
    link = f"https://{language}-news-{index}.test/story/{index}"
    item = {"title": title, "guid": link, "link": link, "description": text}
    if published:  # an empty date: the feed prints none
        item["pubDate"] = published
    return item


def _poll(feed_server: FeedServer, make_settings: Any, groups: list[list[tuple[str, ...]]]
          ) -> Any:
    urls = []
    for number, group in enumerate(groups):
        for index, entry in enumerate(group):
            item = _item(number * 100 + index, *entry)
            path = f"/{entry[0]}-{number}-{index}.xml"
            urls.append(feed_server.serve(path, Response(200, rss([item],
                                                                  title=f"{entry[0]} news")))
                        )
    settings = make_settings(urls)
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())
    return settings


def _poll_after(feed_server: FeedServer, make_settings: Any, first: list[tuple[str, ...]],
                later: list[tuple[str, ...]]) -> Any:
    """Poll ``first``, then ``first`` and ``later``: a poll analyses each feed as its
    fetch completes, and the first reports must have opened their updates before the
    later ones come."""
    _poll(feed_server, make_settings, [first])
    return _poll(feed_server, make_settings, [first, later])


def _rows(settings: Any, sql: str) -> list[dict[str, Any]]:
    with EventStore(settings.store_path) as store:
        return [dict(r) for r in store.db.query(sql)]


def test_one_development_in_four_languages_is_one_update(feed_server: FeedServer,
                                                           make_settings: Any) -> None:
    settings = _poll(feed_server, make_settings, [WHEAT])
    relevant = _rows(settings, "SELECT id FROM articles WHERE relevant = 1")
    assert len(relevant) == 4
    updates = _rows(settings, "SELECT id, summary, sources FROM updates")
    assert len(updates) == 1, updates
    assert updates[0]["sources"] == 4
    # The summary is the English source's headline: the story reads in English.
    assert updates[0]["summary"] == WHEAT[0][1]


def test_a_restatement_of_the_baseline_in_six_languages_opens_no_update(
        feed_server: FeedServer, make_settings: Any) -> None:
    settings = _poll(feed_server, make_settings, [RESTATEMENTS])
    outcomes = _rows(settings, "SELECT outcome FROM article_analysis")
    assert len(outcomes) == len(RESTATEMENTS)
    assert {o["outcome"] for o in outcomes} == {"baseline"}, outcomes
    assert _rows(settings, "SELECT * FROM updates") == []


# Restatements written months later: each recalls the month in its own way, and so is
# about the baseline's facts, not news of a later date.
LATE_RESTATEMENTS = [
    ("fa", "روسیه نخستین کشوری که حکومت طالبان را به رسمیت شناخت",
     "مسکو در سرطان ۱۴۰۴ امارت اسلامی افغانستان را به رسمیت شناخت.",
     "Fri, 13 Feb 2026 08:00:00 GMT"),  # a solar hijri month and year
    ("zh", "俄罗斯成为首个承认塔利班政府的国家",
     "2025年7月，俄罗斯正式承认阿富汗伊斯兰酋长国。", "Thu, 12 Feb 2026 08:00:00 GMT"),
    ("ko", "러시아, 탈레반 정부 세계 최초 승인",
     "러시아는 2025년 7월 아프가니스탄 탈레반 정부를 공식 승인했다.",
     "Thu, 12 Feb 2026 09:00:00 GMT"),
    ("el", "Η Ρωσία ήταν η πρώτη χώρα που αναγνώρισε την κυβέρνηση των Ταλιμπάν",
     "Τον Ιούλιο του 2025 η Μόσχα αναγνώρισε επίσημα το Ισλαμικό Εμιράτο του Αφγανιστάν.",
     "Wed, 11 Feb 2026 08:00:00 GMT"),
    ("ps", "روسیه لومړی هیواد دی چې د طالبانو حکومت یې په رسمیت وپېژانده",
     "مسکو د ۲۰۲۵ کال په جولای کې اسلامي امارت په رسمیت وپېژانده.",
     "Fri, 13 Feb 2026 09:00:00 GMT"),
    ("ru", "Россия стала первой страной, признавшей власть талибов",
     "Москва официально признала Исламский Эмират Афганистан в июле.",
     "Sat, 14 Feb 2026 08:00:00 GMT"),  # "in July", seven months before: last July
]


def test_a_late_restatement_that_recalls_the_month_opens_no_update(
        feed_server: FeedServer, make_settings: Any) -> None:
    settings = _poll(feed_server, make_settings, [LATE_RESTATEMENTS])
    outcomes = _rows(settings, "SELECT outcome FROM article_analysis")
    assert len(outcomes) == len(LATE_RESTATEMENTS)
    assert {o["outcome"] for o in outcomes} == {"baseline"}, outcomes
    assert _rows(settings, "SELECT * FROM updates") == []


def test_an_item_in_a_language_the_tracker_cannot_read_is_unreviewed(
        feed_server: FeedServer, make_settings: Any) -> None:
    settings = _poll(feed_server, make_settings, [[UNREADABLE]])
    outcomes = _rows(settings, "SELECT outcome FROM article_analysis")
    assert outcomes == [{"outcome": "unreviewed"}]
    assert _rows(settings, "SELECT * FROM updates") == []


def test_the_first_report_in_time_opens_the_update_whatever_the_feed_order(
        feed_server: FeedServer, make_settings: Any) -> None:
    """Feeds list the newest entry first; the update is opened by the earliest report,
    so its first date and its id do not depend on how a feed orders its entries."""
    from tracker.analysis.compare import update_id_for

    newest_first = [_item(index, *entry) for index, entry in reversed(list(enumerate(WHEAT)))]
    url = feed_server.serve("/one.xml", Response(200, rss(newest_first, title="wire")))
    settings = make_settings([url])
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())
    earliest = _rows(settings, "SELECT id FROM articles WHERE key = "
                               f"'guid:{newest_first[-1]['guid']}'")
    updates = _rows(settings, "SELECT id, sources FROM updates")
    assert [u["id"] for u in updates] == [update_id_for(earliest[0]["id"])]
    assert updates[0]["sources"] == len(WHEAT)
    # Re-judging reads the articles in the same order: the same update, nothing new.
    analysis = "SELECT article_id, outcome, update_id FROM article_analysis ORDER BY 1"
    polled = _rows(settings, analysis)
    with EventStore(settings.store_path) as store:
        before = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
        Tracker(settings, store).rejudge()
        appended = [r[0] for r in store.db.execute(
            "SELECT type FROM events WHERE rowid > ?", (before,))]
    assert "UpdateRecorded" not in appended and appended.count("ArticleAnalysed") == 4
    assert _rows(settings, analysis) == polled


def test_undated_reports_of_a_later_meeting_are_its_sources_not_restatements(
        feed_server: FeedServer, make_settings: Any) -> None:
    settings = _poll(feed_server, make_settings, [ENVOY_MEETING])
    outcomes = _rows(settings, "SELECT outcome FROM article_analysis ORDER BY outcome")
    assert [o["outcome"] for o in outcomes] == ["joined"] * 3 + ["new"], outcomes
    updates = _rows(settings, "SELECT id, sources, languages FROM updates")
    assert len(updates) == 1 and updates[0]["sources"] == 4, updates
    assert all(code in updates[0]["languages"] for code in ("en", "ru", "ps", "fa")), updates


# Two calls for restraint on the Afghan-Pakistani border, months apart; the March one
# names the spokeswoman, as the undated reports do. Their text still says when: "today,
# Monday" (13 October 2025 was one; 4 March 2026 a Wednesday), "the clashes of 10 and 11
# October" (Arabic, Urdu, Russian).
RESTRAINT_CALLS = [
    ("en", "Russia urges Afghanistan and Pakistan to show restraint after border clashes",
     "Moscow called on Kabul and Islamabad to settle their dispute through dialogue after "
     "deadly fighting on the border.", "Mon, 13 Oct 2025 15:00:00 GMT"),
    ("ru", "Захарова призвала Кабул и Исламабад к сдержанности на границе",
     "Официальный представитель МИД России Мария Захарова призвала Афганистан и Пакистан "
     "прекратить столкновения на границе и вернуться к диалогу.",
     "Wed, 04 Mar 2026 11:00:00 GMT"),
]
RESTRAINT_UNDATED = [
    ("ar", "زاخاروفا تدعو أفغانستان وباكستان إلى ضبط النفس على الحدود",
     "قالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا اليوم الإثنين إن موسكو تدعو كابول "
     "وإسلام آباد إلى وقف الاشتباكات على الحدود والعودة إلى الحوار.", ""),
    ("ur", "زاخارووا کا افغانستان اور پاکستان سے سرحد پر تحمل کا مطالبہ",
     "روسی وزارت خارجہ کی ترجمان ماریا زاخارووا نے ۱۰ اور ۱۱ اکتوبر کو سرحد پر ہونے والی "
     "جھڑپوں کے بعد کابل اور اسلام آباد سے بات چیت کی طرف لوٹنے کا مطالبہ کیا۔", ""),
]


def test_an_undated_report_joins_the_update_its_text_allows_by_day_not_year(
        feed_server: FeedServer, make_settings: Any) -> None:
    settings = _poll_after(feed_server, make_settings, RESTRAINT_CALLS, RESTRAINT_UNDATED)
    updates = _rows(settings, "SELECT id, sources, languages, event_date FROM updates "
                              "ORDER BY event_date")
    assert len(updates) == 2, updates
    october, march = updates
    assert october["event_date"].startswith("2025-10"), updates
    assert october["sources"] == 3 and march["sources"] == 1, updates
    # An update of one source says that source's language too.
    assert json.loads(march["languages"]) == ["ru"], updates
    assert all(code in october["languages"] for code in ("en", "ar", "ur")), updates


# A railway protocol reported on the day in English and Dari; undated in Russian, whose
# "Герат" is the province's name (the city's in no table) and which also names the line's
# other city; three weeks later a German explainer says only "im Februar".
RAIL_PROTOCOL = [
    ("en", "Russia and Afghanistan agree to study a railway to Herat",
     "Russian Railways and the Afghan railway authority signed a protocol in Kabul on "
     "Tuesday to study a 650-kilometre line to Herat.", "Tue, 10 Feb 2026 09:00:00 GMT"),
    ("fa", "توافق افغانستان و روسیه برای مطالعه خط آهن هرات",
     "شرکت راه آهن روسیه و اداره خط آهن افغانستان روز سه‌شنبه در کابل پروتکل مطالعه خط "
     "آهن ۶۵۰ کیلومتری تا هرات را امضا کردند.", "Tue, 10 Feb 2026 14:00:00 GMT"),
]
RAIL_LATER = [
    ("ru", "РЖД подготовят обоснование дороги до Герата",
     "Российские железные дороги и афганское железнодорожное ведомство подписали в Кабуле "
     "протокол об изучении линии длиной 650 км от Мазари-Шарифа до Герата.", ""),
    ("de", "Was das Bahnprotokoll mit Kabul bedeutet",
     "Das im Februar in Kabul unterzeichnete Protokoll sieht eine Studie für eine 650 "
     "Kilometer lange russische Bahnstrecke nach Herat vor.", "Mon, 02 Mar 2026 08:00:00 GMT"),
]


def test_later_reports_that_say_less_of_when_and_where_join_the_protocol(
        feed_server: FeedServer, make_settings: Any) -> None:
    settings = _poll_after(feed_server, make_settings, RAIL_PROTOCOL, RAIL_LATER)
    updates = _rows(settings, "SELECT id, sources, languages FROM updates")
    assert len(updates) == 1 and updates[0]["sources"] == 4, updates
    assert all(code in updates[0]["languages"] for code in ("en", "fa", "ru", "de")), updates
