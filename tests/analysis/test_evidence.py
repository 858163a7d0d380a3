"""tracker.analysis.evidence: the headline and lede an article's evidence is read from."""

from __future__ import annotations

from datetime import date

from conftest import SHIPPED_CONFIG

from tracker import config
from tracker.analysis.evidence import LEDE_MIN_CHARACTERS, Article, main_text, read
from tracker.analysis.reading import reader_for


def test_a_dateline_is_no_lede_the_sentence_after_it_is_part_of_it() -> None:
    body = ("Москва. 4 марта. INTERFAX.RU - Москва призывает Афганистан и Пакистан "
            "воздержаться от силовой конфронтации. Второе предложение.")
    headline, lede = main_text(Article("Москва призвала Кабул и Исламабад", body, None))
    assert headline == "Москва призвала Кабул и Исламабад"
    assert lede.startswith("Москва. 4 марта.") and "воздержаться" in lede
    assert "Второе" not in lede


def test_a_long_first_sentence_is_the_lede_alone() -> None:
    first = "Russia sent forty tonnes of aid to the earthquake zone in western Afghanistan."
    assert len(first) >= LEDE_MIN_CHARACTERS
    assert main_text(Article("Aid", f"{first} Officials said more would follow.", None)) == (
        "Aid", first)


def test_without_a_headline_the_lede_is_the_headline() -> None:
    body = "КАБУЛ, 5 сентября. Самолёт МЧС России доставил гуманитарную помощь в Кабул."
    headline, lede = main_text(Article("", body, None))
    assert headline == body and lede == ""


def test_a_sentence_that_repeats_the_headline_is_no_lede() -> None:
    # Many feeds make the headline of the text's first sentence; the second says who.
    cases = [
        ("Cooperation between the two countries has gained pace.",
         "Cooperation between the two countries has gained pace. The president said so at a "
         "ceremony where new ambassadors presented their credentials.",
         "The president said so at a ceremony"),
        ("Сотрудничество двух стран заметно ускорилось",
         "Сотрудничество двух стран заметно ускорилось. Об этом заявил президент на церемонии "
         "вручения верительных грамот новыми послами.",
         "Об этом заявил президент"),
        ("همکاری دو کشور شتاب گرفته است",
         "«همکاری دو کشور شتاب گرفته است.» رئیس جمهور این را در مراسم تقدیم اعتبارنامه "
         "سفیران جدید گفت.",
         "رئیس جمهور این را"),
    ]
    for title, body, second in cases:
        headline, lede = main_text(Article(title, body, None))
        assert headline == title
        assert lede.startswith(second), lede
    # A first sentence that only begins like the headline is the lede.
    body = "Cooperation between the two countries has gained pace in trade. More to follow."
    assert main_text(Article("Cooperation between the two countries has gained pace", body,
                             None))[1].startswith("Cooperation")


def test_the_actor_a_headline_quotes_is_its_speaker() -> None:
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    day = date(2026, 5, 3)
    quoted = read(reader, Article("Захарова: Россия не намерена отзывать признание талибов",
                                  "", day, day))
    assert quoted.speakers == {"zakharova"} and "zakharova" in quoted.actors
    acting = read(reader, Article("Lavrov arrives in Kabul for talks with Muttaqi", "", day, day))
    assert acting.speakers == frozenset() and "lavrov" in acting.actors


def test_a_speaker_is_read_wherever_a_headline_names_who_it_quotes() -> None:
    # After the quote, beside a reporting verb of any language the vocabulary reads, or
    # before one that opens the headline.
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    day = date(2026, 5, 3)
    for headline, speaker in [
        ("Zakharova says Russia keeps its recognition", "zakharova"),
        ("Russia keeps its recognition, Zakharova says", "zakharova"),
        ("Признание талибов остается в силе, заявил Лавров", "lavrov"),
        ("روس طالبان کو تسلیم کرتا رہے گا: کابلوف", "kabulov"),
        ("الاعتراف بطالبان باق - زاخاروفا", "zakharova"),
        ("扎哈罗娃表示，俄方不会撤回承认", "zakharova"),
        # Verb first, as Arabic puts it; the speaker's title may stand between.
        ("قال لافروف إن روسيا لن تسحب اعترافها بطالبان", "lavrov"),
        ("أعلن وزير الخارجية الروسي سيرغي لافروف أن الاعتراف باق", "lavrov"),
        ("قال لافروف إن متقي سيزور موسكو", "lavrov"),
    ]:
        found = read(reader, Article(headline, "", day, day)).speakers
        assert found == {speaker}, headline
    # Two people after a colon are who met, not who spoke.
    met = read(reader, Article("Talks in Moscow: Lavrov and Muttaqi", "", day, day))
    assert met.speakers == frozenset() and {"lavrov", "muttaqi"} <= met.actors


def test_a_datelines_date_is_the_filing_not_the_event() -> None:
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    lede = ("МОСКВА, 14 января. /ТАСС/. Россия 3 июля 2025 года первой признала "
            "правительство талибов.")
    found = read(reader, Article("Россия остаётся единственной страной, признавшей талибов",
                                 lede, date(2026, 1, 14), date(2026, 1, 14)))
    assert found.dated_by == "published"
    # Without a publication date, a dateline with its year stands for it.
    undated = read(reader, Article("Талибы и Россия", "КАБУЛ, 3 июля 2026. /РИА/. Год назад "
                                   "Москва признала талибов.", None, date(2026, 12, 6)))
    assert undated.when == date(2026, 7, 3) and undated.dated_by == "published"


def test_a_month_alone_dates_a_report_by_its_publication_in_or_just_after_it() -> None:
    """"January–August 2025" is a figure's period, "in August" the event's month: the
    publication, in the month or within a month after it, says the day better than the
    month's first, so reports of one figure published the same day meet. A month long
    before the publication stays the month."""
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    published = date(2025, 9, 18)
    cases = [
        ("Товарооборот России и Афганистана вырос на 40%",
         "За январь–август 2025 года товарооборот двух стран достиг 1,4 млрд долларов."),
        ("روس افغانستان تجارت میں اضافہ",
         "جنوری سے اگست 2025 تک دونوں ممالک کی باہمی تجارت 1.4 ارب ڈالر رہی۔"),
        ("Russia sent wheat to Afghanistan", "Russia shipped wheat to Afghanistan in September."),
    ]
    for title, lede in cases:
        found = read(reader, Article(title, lede, published, published))
        assert (found.when, found.dated_by) == (published, "text"), (title, found.when)
    earlier = read(reader, Article("Russia sent wheat to Afghanistan",
                                   "Russia shipped wheat to Afghanistan in June 2025.",
                                   published, published))
    assert earlier.when == date(2025, 6, 1)


def test_a_periods_figure_released_weeks_after_it_ends_is_dated_by_its_publication() -> None:
    """Customs figures for a half-year or nine months come out five or six weeks after
    the period: its last month is when the figure's period ends, not when it was
    reported, so reports of one release meet on its day."""
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    cases = [
        (date(2026, 8, 6), "रूस-अफगानिस्तान व्यापार 35 प्रतिशत बढ़ा",
         "जनवरी से जून 2026 के बीच रूस और अफगानिस्तान का व्यापार 87 करोड़ डॉलर रहा।"),
        (date(2026, 8, 5), "Товарооборот России и Афганистана вырос на 35%",
         "В январе–июне 2026 года товарооборот составил 870 млн долларов."),
        (date(2026, 11, 11), "Russia-Afghanistan trade up 41 percent",
         "Trade between Russia and Afghanistan reached $1.32 billion in January–September"
         " 2026."),
    ]
    for published, title, lede in cases:
        found = read(reader, Article(title, lede, published, published))
        assert (found.when, found.dated_by) == (published, "text"), (title, found.when)
        assert found.since is not None and found.since < published


def test_an_analyst_or_expert_is_read_as_commentary_in_many_languages() -> None:
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    day = date(2026, 3, 1)
    for title in ("Experte: Moskau geht es bei den Taliban um Sicherheit",
                  "Политолог: признание талибов было ответом на угрозу ИГИЛ",
                  "专家：俄承认塔利班政府意在安全",
                  "تحلیلگر: روسیه به دنبال امنیت است",
                  "Analyst says Moscow's recognition of the Taliban is about security"):
        assert read(reader, Article(title, "", day, day)).commentary, title
    report = read(reader, Article("Russia ships wheat to Afghanistan", "", day, day))
    assert not report.commentary


def test_a_visit_whose_lede_recalls_the_call_before_it_tells_no_call() -> None:
    # A deputy prime minister's visit, told by a report whose lede recalls the call a
    # week before; the call's own report names it in the headline, even when it
    # discusses a visit.
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    day = date(2026, 3, 10)
    visit = read(reader, Article(
        "Moscow and Kabul agree to swap grain for dried fruit",
        "The Russian deputy prime minister, visiting Kabul a week after a phone call with "
        "his Afghan counterpart, agreed a barter scheme for grain and dried fruit.", day, day))
    assert "visit" in visit.concepts and "phone_call" not in visit.concepts
    call = read(reader, Article(
        "Ministers discuss next month's visit by phone",
        "The Russian and Afghan foreign ministers spoke by telephone about a coming visit.",
        day, day))
    assert {"visit", "phone_call"} <= set(call.concepts)
    persian = read(reader, Article(
        "توافق دو کشور بر مبادله گندم با میوه خشک",
        "معاون نخست‌وزیر روسیه که یک هفته پس از گفتگوی تلفنی با همتای افغان خود به کابل "
        "سفر کرده است، بر مبادله گندم با میوه خشک توافق کرد.", day, day))
    assert "visit" in persian.concepts and "phone_call" not in persian.concepts


def test_a_meeting_on_the_sidelines_is_told_unless_the_headline_names_the_gathering() -> None:
    # The sidelines in a lede under a headline of the conference itself recall a side
    # meeting; under a headline of the two ministers they say where that meeting was.
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    day = date(2026, 5, 20)
    cases = [
        ("Ministers agree on a working group for migrant workers",
         "The Russian and Afghan foreign ministers met on the sidelines of a conference in "
         "Moscow and agreed to set up a working group on migrant workers.", True),
        ("Moscow conference ends with a joint statement",
         "The conference ended on Wednesday. On its sidelines, the Russian foreign minister "
         "met his Afghan counterpart.", False),
        ("Министры договорились о рабочей группе по мигрантам",
         "Министры иностранных дел России и Афганистана встретились на полях конференции в "
         "Москве и договорились создать рабочую группу.", True),
        ("دیدار وزیران خارجه در حاشیه کنفرانس مسکو",
         "وزیران خارجه دو کشور بر ایجاد گروه کاری مشترک توافق کردند.", True),
        # A "bilateral meeting" is the diplomats' word for a meeting at a multilateral one.
        ("Lavrov and Muttaqi hold a bilateral meeting in Moscow",
         "The two ministers spoke before the consultations on Afghanistan resumed.", True),
        ("Incontro bilaterale tra Lavrov e Muttaqi a Mosca", "", True),
        ("Лавров и Муттаки провели двустороннюю встречу", "", True),
        ("İkili görüşmede Lavrov ve Muttaki ticareti ele aldı", "", True),
        ("Lavrov and Muttaqi hold talks in Moscow", "", False),
        ("شويغو يلتقي وزير الداخلية الأفغاني",
         "التقى أمين مجلس الأمن الروسي وزير الداخلية الأفغاني على هامش المؤتمر في موسكو.", True),
    ]
    for title, lede, sidelines in cases:
        found = read(reader, Article(title, lede, day, day))
        assert ("sidelines" in found.concepts) is sidelines, title


def test_a_place_only_the_dateline_names_is_where_it_was_filed() -> None:
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    day = date(2026, 7, 3)
    filed = read(reader, Article("روس نے طالبان حکومت کو تسلیم کیا",
                                 "اسلام آباد (نمائندہ خصوصی) روس طالبان حکومت کو باضابطہ طور "
                                 "پر تسلیم کرنے والا پہلا ملک بنا۔", day, day))
    assert filed.filed == {"city:PK/Islamabad"}
    assert "city:PK/Islamabad" in filed.places  # it still tells developments apart
    named = read(reader, Article("اسلام آباد میں روسی سفیر کی ملاقات",
                                 "اسلام آباد (نمائندہ خصوصی) روسی سفیر نے اسلام آباد میں "
                                 "ملاقات کی۔", day, day))
    assert named.filed == frozenset()
