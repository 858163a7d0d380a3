"""Relevance: about Russia and Afghanistan together, in any language; not merely both named.

The cases are written for these tests; none is taken from the evaluation sample.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from conftest import SHIPPED_CONFIG
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import config
from tracker.analysis.judge import CompiledStory, judge
from tracker.analysis.script import unaccented, unified_letters
from tracker.analysis.term_matcher import Matcher
from tracker.analysis.text import lowered, spellings
from tracker.analysis.word_forms import glued_forms
from tracker.config import StorySettings, TermGroup
from tracker.errors import ConfigError


@pytest.fixture(scope="module")
def story() -> CompiledStory:
    return CompiledStory.compile(config.load(SHIPPED_CONFIG).story)


RELEVANT = [
    ("Kremlin hosts Taliban trade delegation", "Officials discussed wheat and fuel supplies."),
    ("Moscow to expand flights to Kabul", ""),
    ("Lavrov and Muttaqi discuss security", "The ministers met on the sidelines of a forum."),
    ("Joint statement after regional talks",
     "Russia said it would keep working with the Islamic Emirate on counter-narcotics. "
     "Delegates from several countries attended."),
    ("Россия направила в Афганистан гуманитарный груз", "Самолёт МЧС доставил продовольствие."),
    ("Посол талибов вручил верительные грамоты", "Церемония прошла в Кремле в Москве."),
    ("МИД РФ прокомментировал ситуацию на афгано-таджикской границе", ""),
    ("Russland liefert Weizen an die Taliban", "Die Lieferung ging nach Kabul."),
    ("La Russie renforce ses liens avec les talibans", ""),
    ("La Russia apre un centro commerciale a Kabul", ""),
    ("Rusya ile Afganistan arasında yeni ticaret anlaşması", ""),
    ("रूस ने अफगानिस्तान को गेहूं भेजा", ""),
    ("روسیه و طالبان توافقنامه انرژی امضا کردند", ""),
    ("俄罗斯与塔利班签署能源协议", ""),
    ("IEA signs fuel deal with Russian firm", "The agreement covers diesel imports."),
    # The headline names one side; the lede names the other.
    ("Taliban envoy presents credentials", "The ceremony took place in the Kremlin."),
    # The Taliban's defence and interior ministers, named without their country.
    ("ملا محمد یعقوب د روسیې پوځي چارواکو سره په مسکو کې وکتل", ""),
    ("Шойгу обсудил с Хаккани борьбу с наркотиками", "Встреча прошла в Москве."),
    ("Mullah Yaqub in Moscow for defence talks", ""),
    # Ukrainian and Russian URL slugs, romanised.
    ("rosiia ta taliby pidpysaly uhodu pro postachannia zerna", ""),
    ("rossiya nachnet postavki dizelya talibam", ""),
]

NOT_RELEVANT = [
    # Russia and Ukraine, with Afghanistan only as a historical aside.
    ("Ukraine says drones hit Russian fuel depot",
     "Officials in Kyiv said the strike was the deepest yet. One analyst compared the "
     "conflict's length to the Soviet war in Afghanistan."),
    # The Taliban and Pakistan, with Russia only in a list of countries that reacted.
    ("Pakistan and Taliban agree to extend border truce",
     "Talks in Doha ended late on Sunday. Qatar, Turkey, China, Iran and Russia welcomed "
     "the truce between Afghanistan and Pakistan."),
    ("Kazakhstan drops Taliban from list of banned groups",
     "The decision follows a similar step taken by Russia earlier this year."),
    ("Earthquake kills hundreds in eastern Afghanistan", "Rescue teams dig through rubble."),
    # Russia only late, in a list of donors.
    ("Earthquake toll rises in eastern Afghanistan",
     "Rescue teams are still searching villages. Aid has arrived from Iran, China and Russia."),
    ("Putin meets Chinese leader in Beijing", "Trade and energy topped the agenda."),
    ("Taliban ban women from provincial universities", "UN officials condemned the move."),
    ("Russian court jails concert hall attackers", "The defendants were Tajik citizens."),
    ("Kabulov Street renamed in Tashkent", ""),
]


@pytest.mark.parametrize(("title", "body"), RELEVANT)
def test_relevant(story: CompiledStory, title: str, body: str):
    judgement = judge(story, title, body)
    assert judgement.relevant, judgement.reason
    assert judgement.score >= story.threshold


@pytest.mark.parametrize(("title", "body"), NOT_RELEVANT)
def test_not_relevant(story: CompiledStory, title: str, body: str):
    judgement = judge(story, title, body)
    assert not judgement.relevant, judgement.reason


def test_reason_explains_the_decision(story: CompiledStory):
    judgement = judge(story, "Taliban minister visits Moscow", "")
    assert "title names every side" in judgement.reason
    assert "moscow" in judgement.reason and "taliban" in judgement.reason
    missing = judge(story, "Moscow weather", "Snow is expected.")
    assert "no mention of Afghanistan" in missing.reason


def test_term_syntax():
    custom = CompiledStory.compile(StorySettings(
        name="t",
        sides=(TermGroup("A", ("kabul", "росси*", "IEA")), TermGroup("B", ("阿富汗", "x y*"))),
    ))
    a, b = custom.sides
    assert a.find("Kabul airport") == ["Kabul"]
    assert a.find("Kabulov said") == []  # whole word unless the term ends in *
    assert a.find("в России и российских") == ["России", "российских"]
    assert a.find("the IEA said") == ["IEA"] and a.find("an idea") == []  # capitals: exact case
    assert b.find("他说阿富汗局势") == ["阿富汗"]  # no word boundaries in unspaced scripts
    assert b.find("X-Yz and x   yes") == ["X-Yz", "x   yes"]


def unguarded(matcher: Matcher, text: str) -> list[str]:
    """What the matcher's expressions find with no literal check before them (place
    terms written as common words left out, as ``find`` leaves them), in the text
    unaccented and cut from it as written."""
    text = unified_letters(text)
    bare = unaccented(text)
    return [text[m.start():m.end()] for pattern in (matcher.folded, matcher.exact)
            if pattern is not None for m in pattern.finditer(bare)
            if pattern is matcher.exact or not matcher.is_common_word(bare, m)]


# Spellings re.IGNORECASE equates that lowercasing alone does not: dotless and dotted i,
# long s, final sigma, the Greek and old Cyrillic variants (not U+0345, a combining
# mark re equates with iota, which text.spellings leaves out).
VARIANTS = {"i": "ıİI", "s": "ſS", "σ": "ςΣ", "β": "ϐ", "θ": "ϑΘ", "в": "ᲀВ", "т": "ᲄᲅТ",
            "о": "ᲂО", "μ": "µΜ", "ι": "ιΙ"}


def spell(draw: Callable[..., Any], word: str) -> str:
    letters = []
    for ch in word:
        choice = draw(st.integers(0, 3))
        if choice == 1:
            ch = ch.upper()
        elif choice == 2 and ch in VARIANTS:
            ch = draw(st.sampled_from(VARIANTS[ch]))
        letters.append(ch)
    return "".join(letters)


@st.composite
def texts_and_terms(draw: Callable[..., Any]) -> tuple[list[str], str]:
    words = ["kabul", "russia", "σοσια", "θεός", "ривет", "istanbul", "sis", "IEA", "moscow's",
             "al-qaeda", "x y", "μιι", "阿富汗", "u.s.", "ab", "#tag"]
    terms = draw(st.lists(st.sampled_from(words).map(
        lambda w: w + draw(st.sampled_from(["", "*"]))), min_size=1, max_size=4))
    pieces = draw(st.lists(st.one_of(st.sampled_from(words), st.text(max_size=4)), max_size=8))
    text = draw(st.sampled_from([" ", "", "-", ". "])).join(spell(draw, p) for p in pieces)
    return terms, text


@given(texts_and_terms())
@settings(max_examples=400, deadline=None)
def test_the_literal_check_never_hides_a_match(case: tuple[list[str], str]):
    terms, text = case
    matcher = Matcher.compile(TermGroup("t", tuple(terms)))
    assert matcher.find(text) == unguarded(matcher, text)


def test_the_literal_check_rules_out_texts_without_a_term(story: CompiledStory):
    russia = story.sides[0]
    assert russia.find("Weather in Paris") == [] and "Moscow" not in "Weather in Paris"
    assert russia.find("ВИЗИТ В МОСКВУ") == unguarded(russia, "ВИЗИТ В МОСКВУ") != []
    assert lowered("İSTANBUL") == "istanbul" and "σος" in spellings("ΣΟΣ")


# Subjects the shipped story leaves out: sport and the memory of the Soviet war name both
# sides without being about their relations; naming a development of the relations too
# (a deal, aid, a recognition) keeps the item in.
OFF_TOPIC = [
    ("Afghanistan to play Russia in a friendly football match", "The national teams meet."),
    ("Сборная Афганистана сыграет товарищеский матч с Россией", "Матч пройдёт в Казани."),
    ("Rusya ile Afganistan milli takımları hazırlık maçında karşılaşacak", ""),
    ("Russland gedenkt der sowjetischen Soldaten in Afghanistan", "Veteranen legten Kränze."),
    ("В России отметят годовщину вывода войск из Афганистана", "Ветераны соберутся в Москве."),
    ("روسيا تحيي ذكرى انسحاب القوات السوفيتية من أفغانستان", ""),
    ("俄罗斯老兵纪念苏联从阿富汗撤军", ""),
    # Fighters recruited for a war name a state and the fighters' country.
    ("Russia offers Afghan ex-soldiers money to fight in Ukraine", "Dozens signed up."),
    ("Россия вербует бывших афганских военных", "Им обещают гражданство."),
    ("Des mercenaires afghans combattent pour la Russie", ""),
    ("روسیه از نظامیان سابق افغانستان سربازگیری می‌کند", ""),
    # Fighting for a side in another's war.
    ("Ex-Afghan commandos fighting for Russia in Ukraine", "Dozens were recruited."),
    ("Афганцы воюют за Россию на Донбассе", "Об этом сообщили в разведке."),
    ("Afghanische Ex-Soldaten kämpfen für Russland", ""),
    ("Exsoldados afganos luchan por Rusia en Ucrania", ""),
    ("Rússia recruta combatentes afegãos para a guerra na Ucrânia", ""),
]

ON_TOPIC_DESPITE_SUBJECT = [
    ("Russia to repair Soviet-built Salang tunnel for Afghan transit", "Engineers arrive."),
    ("Россия и Афганистан обсудили торговлю на полях футбольного турнира", ""),
    # Workers are no fighters: a labour deal is a development of the relations.
    ("Russia to recruit Afghan workers under a new labour agreement", ""),
    # Recruiting with no fighters named is of workers as often ("recrutamento" alone).
    ("Rússia abre recrutamento de enfermeiros afegãos", "Os talibãs aprovaram a lista."),
    ("Rusia buka perekrutan perawat dari Afghanistan", "Taliban menyetujui daftarnya."),
    ("Taliban fighting for recognition as Russia leads the way", ""),
]


@pytest.mark.parametrize(("title", "body"), OFF_TOPIC)
def test_a_headline_about_a_left_out_subject_is_not_the_story(story: CompiledStory,
                                                             title: str, body: str):
    judgement = judge(story, title, body)
    assert not judgement.relevant, judgement.reason
    assert "headline is about" in judgement.reason


@pytest.mark.parametrize(("title", "body"), ON_TOPIC_DESPITE_SUBJECT)
def test_a_development_keeps_a_left_out_subject_in(story: CompiledStory, title: str, body: str):
    judgement = judge(story, title, body)
    assert judgement.relevant, judgement.reason


def test_a_story_without_off_topic_keeps_sport(story: CompiledStory):
    settings = config.load(SHIPPED_CONFIG).story
    plain = CompiledStory.compile(replace(settings, off_topic=()))
    title = "Afghanistan to play Russia in a friendly football match"
    assert judge(plain, title, "").relevant
    assert not judge(story, title, "").relevant


def test_an_unknown_off_topic_category_names_the_key():
    settings = config.load(SHIPPED_CONFIG).story
    with pytest.raises(ConfigError) as error:
        CompiledStory.compile(replace(settings, off_topic=("gossip",)))
    assert error.value.key == "story.off_topic"


@pytest.mark.parametrize(("title", "body"), [
    # A dateline from Moscow on a Taliban–Pakistan report does not name Russia as a party.
    ("Талибы и Пакистан договорились о перемирии",
     "МОСКВА, 2 марта. /ТАСС/. Стороны обменялись пленными на границе."),
    # Nor does the legal note Russian media print beside the Taliban's name.
    ("Талибы* открыли новый рынок в Кабуле",
     "Талибы* (организация запрещена в России) заявили об открытии рынка."),
])
def test_datelines_and_legal_notes_name_no_party(story: CompiledStory, title: str, body: str):
    judgement = judge(story, title, body)
    assert not judgement.relevant, judgement.reason
    assert "no mention of Russia" in judgement.reason


@pytest.mark.parametrize("title", [
    # Bengali and Armenian: no side term is written in these scripts; CLDR names Russia,
    # the transliteration key finds the Taliban.
    "রাশিয়া তালেবান সরকারকে স্বীকৃতি দিল",
    "Ռուսաստան և Թալիբան. նոր համաձայնագիր",  # the names as CLDR writes them
])
def test_sides_are_found_in_scripts_their_terms_do_not_cover(story: CompiledStory, title: str):
    judgement = judge(story, title, "")
    assert judgement.relevant, judgement.reason


@pytest.mark.parametrize("title", [
    # A third country (CLDR, any language) leads a headline that names one side.
    "पाकिस्तान और तालिबान के बीच सीमा पर झड़पें",
    "Pakistán y los talibanes cierran la frontera",
])
def test_a_third_country_in_any_language_leads_away(story: CompiledStory, title: str):
    judgement = judge(story, title, "Россия призвала к сдержанности.")
    assert "headline leads with PK" in judgement.reason


@pytest.mark.parametrize("title", [
    # The sides' adjectives in languages the tracker now reads (CLDR has the countries'
    # names, not "Russian" or "Afghan").
    "Ռուս-աֆղանական բանակցությունները շարունակվում են",
    "რუსულ-ავღანური მოლაპარაკებები თბილისში არ გამართულა, შეხვედრა მოსკოვშია",
    "Orosz–afgán tárgyalások kezdődtek Moszkvában",
    "রুশ ও আফগান প্রতিনিধিদের বৈঠক কাবুলে",
    "Urusi na Taliban zasaini mkataba wa mafuta",
    "Руско-авганистанските преговори продолжуваат",  # Macedonian
])
def test_the_sides_are_named_in_the_added_languages(story: CompiledStory, title: str):
    judgement = judge(story, title, "")
    assert judgement.relevant, judgement.reason


def test_an_added_languages_adjective_alone_names_one_side(story: CompiledStory):
    judgement = judge(story, "Orosz–ukrán tárgyalások kezdődtek", "")
    assert not judgement.relevant and "no mention of Afghanistan" in judgement.reason


@pytest.mark.parametrize(("title", "body"), [
    ("МИД призвал Кабул и Исламабад к сдержанности",
     "В МИД РФ заявили, что Москва обеспокоена столкновениями на границе Афганистана и "
     "Пакистана."),
    ("Foreign Ministry urges Afghanistan and Pakistan to end border fighting",
     "Russia's Foreign Ministry said on Friday that Moscow was alarmed by the clashes and "
     "urged both sides to talk."),
    ("الخارجية تدعو أفغانستان وباكستان إلى الحوار",
     "قالت وزارة الخارجية الروسية إن موسكو قلقة من الاشتباكات على الحدود وتدعو الطرفين "
     "إلى الحوار."),
    # (Not "وزارت خارجه افغانستان…": that reads "Afghanistan's foreign ministry".)
    ("وزارت خارجه خواستار گفتگوی افغانستان و پاکستان شد",
     "وزارت خارجه روسیه گفت مسکو از درگیری‌های مرزی نگران است و از دو طرف خواست گفتگو کنند."),
    ("Dışişleri Bakanlığı Afganistan ve Pakistan'ı itidale çağırdı",
     "Rusya Dışişleri Bakanlığı, sınırdaki çatışmalardan endişe duyduğunu ve tarafları "
     "diyaloğa çağırdığını açıkladı."),
])
def test_a_headline_naming_a_side_only_by_its_bare_institution_names_it(
        story: CompiledStory, title: str, body: str) -> None:
    # The headline names Afghanistan and a third party; its subject, the ministry, is
    # the Russian one the text names in full.
    judgement = judge(story, title, body)
    assert judgement.relevant and "title names every side" in judgement.reason, judgement


@pytest.mark.parametrize(("title", "body"), [
    # The headline's ministry is someone else's: a place name stands beside it.
    ("Pakistan's Foreign Ministry accuses Afghanistan of cross-border attacks",
     "Islamabad said militants crossed from Afghanistan. Russia's Foreign Ministry has "
     "called for restraint."),
    ("МИД Пакистана обвинил Афганистан в обстрелах",
     "Исламабад заявил об обстрелах с территории Афганистана. МИД РФ ранее призвал к "
     "сдержанности."),
    ("Foreign Ministry of Pakistan accuses Afghanistan of attacks",
     "Islamabad said militants crossed from Afghanistan. Russia's Foreign Ministry has "
     "called for restraint."),
    # The text names two ministries: which one the headline means is not said.
    ("Foreign Ministry urges Afghanistan and Pakistan to end border fighting",
     "Pakistan's Foreign Ministry said Kabul must act. Russia's Foreign Ministry urged "
     "both sides to talk."),
])
def test_a_headline_naming_another_institution_of_the_kind_does_not_name_the_side(
        story: CompiledStory, title: str, body: str) -> None:
    assert not judge(story, title, body).relevant


def test_what_an_actor_is_comes_from_most_of_its_names(story: CompiledStory) -> None:
    ministries = [i for i in story.institutions if i.name == "Russian Foreign Ministry"]
    # One Turkish name also says "minister" (bakanlığı): most say only the ministry.
    assert [i.what for i in ministries] == [frozenset({"foreign_ministry"})]


@pytest.mark.parametrize(("term", "text"), [
    ("روسیه", "روسيه"),  # Persian yeh in the config, Arabic yeh in the text
    ("روسيې", "د روسیې د غنمو کاروان"),  # Pashto: the oblique with the other yeh
    ("كابل", "کابل"),  # Arabic kaf, Persian kaf
    ("موسكو", "مسکو و موسكو"),
    ("الروسية", "الروسيه"),  # teh marbuta written as heh
])
def test_arabic_script_letter_variants_meet(term: str, text: str) -> None:
    custom = CompiledStory.compile(StorySettings(
        name="t", sides=(TermGroup("A", (term,)), TermGroup("B", ("افغانستان",)))))
    judgement = judge(custom, f"{text} و افغانستان", "")
    assert "no mention" not in judgement.reason, judgement


def test_the_vocabulary_reads_words_typed_with_either_letters(story: CompiledStory) -> None:
    # A Dari site may type Persian with Arabic yeh and kaf: the left-out subject is
    # still told ("recruits former soldiers"), as with Persian letters.
    persian = "روسیه از نظامیان سابق افغانستان سربازگیری می‌کند"
    arabic_typed = persian.replace("ی", "ي").replace("ک", "ك")
    for title in (persian, arabic_typed):
        judgement = judge(story, title, "")
        assert not judgement.relevant and "headline is about" in judgement.reason, judgement


@pytest.mark.parametrize(("title", "body"), [
    ("阿富汗塔利班代表团访问北京", "双方还谈到了与俄罗斯和伊朗的关系。"),
    ("Taliban-Delegation besucht Peking", "Beide Seiten sprachen auch über Russland und Iran."),
    ("هیئت طالبان به اسلام‌آباد رفت", "دو طرف درباره روابط با روسیه نیز گفتگو کردند."),
])
def test_a_headline_naming_a_third_capital_is_about_that_government(
        story: CompiledStory, title: str, body: str) -> None:
    verdict = judge(story, title, body)
    assert not verdict.relevant, verdict.reason
    assert "headline leads with" in verdict.reason


def test_a_city_that_names_an_organisation_is_no_third_party(story: CompiledStory) -> None:
    verdict = judge(story, "Afghanistan to rejoin the Shanghai Cooperation Organisation",
                    "Russia backs Afghanistan's return, Shoigu said in Moscow.")
    assert verdict.relevant, verdict.reason


@pytest.mark.parametrize("title", [
    "وفد روسي يزور كابل",  # Arabic: the adjective, Russian
    "روسی وفد کابل پہنچ گیا",  # Urdu: روس is Russia, روسی Russian
    "هیئت روسی وارد کابل شد",  # Persian
    "اتفاق تجاري بين طالبان وروسيا",  # "and Russia", glued
    "د طالبانو او روسیې ترمنځ تړون",  # Pashto oblique plural
])
def test_arabic_script_sides_are_read_with_the_particles_glued_to_them(
        story: CompiledStory, title: str) -> None:
    verdict = judge(story, title, "")
    assert "title names every side" in verdict.reason, verdict.reason


def test_glued_forms_are_only_for_arabic_script_terms() -> None:
    assert glued_forms("kabul") == ["kabul"]
    assert "وروس" in glued_forms("روس") and "روسی" in glued_forms("روس")
    assert glued_forms("طالبان*") == ["طالبان*", "وطالبان*", "لطالبان*", "بطالبان*",
                                      "فطالبان*"]


def test_a_headline_listing_third_countries_needs_the_body_to_link_the_sides(
        story: CompiledStory) -> None:
    title = "Russia, China and Iran pledge aid to Afghanistan"
    assert not judge(story, title, "Donors met in Geneva on the crisis.").relevant
    assert judge(story, title, "Russia will fly 100 tonnes of flour to Kabul.").relevant


def test_a_body_sentence_listing_countries_links_the_sides_by_half(
        story: CompiledStory) -> None:
    verdict = judge(story, "BM, Afganistan için 2 milyar dolarlık yardım çağrısı yaptı",
                    "Bağışçılar arasında Rusya, Çin, Japonya ve Avrupa Birliği yer alıyor.")
    assert "body links the sides with weight 0.5" in verdict.reason


@pytest.mark.parametrize(("title", "body"), [
    ("د ډیورنډ کرښې پر سر نښتې",
     "د پاکستان او افغانستان ځواکونو ترمنځ نښته وشوه؛ روسیې او چین زغم ته بلنه ورکړه."),
    ("نشست سه جانبه در پکن", "روسیه، چین و هند درباره امنیت افغانستان گفتگو کردند."),
])
def test_three_letter_country_names_of_arabic_script_make_a_list(
        story: CompiledStory, title: str, body: str) -> None:
    # چین (China), هند (India): an abjad writes no short vowels, so three letters are a
    # whole name; the lede's list of countries links the sides by half.
    verdict = judge(story, title, body)
    assert not verdict.relevant and "weight 0.5" in verdict.reason


@pytest.mark.parametrize("title", [
    "Putin, Hindistan Başbakanı Modi'yi Kremlin'de kabul etti",  # received: no Kabul
    "Rusya, Ermenistan'ın barış önerisini kabul etmedi",  # did not accept
])
def test_a_place_term_written_as_a_common_word_names_no_side(
        story: CompiledStory, title: str) -> None:
    verdict = judge(story, title, "")
    assert not verdict.relevant and "no mention of Afghanistan" in verdict.reason


def test_a_lower_case_place_term_counts_where_the_text_has_no_capitals(
        story: CompiledStory) -> None:
    verdict = judge(story, "russia sends aid to kabul", "")  # a headline from a URL slug
    assert "title names every side" in verdict.reason


@pytest.mark.parametrize(("title", "body"), [
    ("La Russie envoie 40 tonnes d'aide humanitaire", "L'avion a atterri samedi à Kaboul."),
    ("Rússia envia ajuda humanitária", "O avião pousou no sábado em Cabul."),
    ("Rossiya insonparvarlik yordami yubordi", "Samolyot shanba kuni Kobulga qo'ndi."),
])
def test_a_body_sentence_links_a_side_named_only_by_its_city(
        story: CompiledStory, title: str, body: str) -> None:
    verdict = judge(story, title, body)
    assert verdict.relevant and "weight 1" in verdict.reason, verdict.reason


def test_a_headline_naming_one_side_needs_the_other_in_the_lede_or_two_sentences(
        story: CompiledStory) -> None:
    title = "Taliban open a copper mine in Logar"
    once = ("The mine is run by a local firm. Buyers from several countries, Russia among "
            "them, attended.")
    assert not judge(story, title, once).relevant
    lede = "Russian engineers will run the Taliban's new mine, Moscow said."
    assert judge(story, title, lede).relevant


def test_a_side_term_of_several_words_is_found_glued(story: CompiledStory) -> None:
    # "امارت اسلامی" printed without its zero-width non-joiner.
    verdict = judge(story, "روسیه با امارتاسلامی توافقنامه تجارتی امضا کرد", "")
    assert verdict.relevant and "title names every side" in verdict.reason


@pytest.mark.parametrize(("title", "body"), [
    ("Yekaterinburg-Kabil seferleri başladı",
     "Yeni hat haftada bir kez işletilecek. Rus havayolu şirketi ilk uçağı Kabil'e indirdi."),
    ("Kazan hosts a Taliban trade delegation",
     "The visitors toured a truck plant. Russian officials said more visits would follow."),
])
def test_a_headline_naming_one_side_by_its_terms_and_the_other_by_a_city_names_both(
        story: CompiledStory, title: str, body: str) -> None:
    """The other side, named by its terms only in the body's later sentences, is named
    in the headline by one of its cities (Yekaterinburg, Kazan)."""
    verdict = judge(story, title, body)
    assert verdict.relevant and "title names every side" in verdict.reason, verdict.reason


@pytest.mark.parametrize(("title", "body"), [
    ("Ширкати русӣ ба Кобул парвоз оғоз кард", ""),                  # Tajik
    ("Rossiya Kobulda savdo uyini ochdi", ""),                         # Uzbek, Latin
    ("Россия Кобулда савдо уйини очди", ""),                           # Uzbek, Cyrillic
])
def test_tajik_and_uzbek_name_kabul_and_russia_their_own_way(
        story: CompiledStory, title: str, body: str) -> None:
    verdict = judge(story, title, body)
    assert verdict.relevant and "title names every side" in verdict.reason, verdict.reason


def test_a_georgian_town_is_no_kabul(story: CompiledStory) -> None:
    assert judge(story, "Россия и Кобулети", "").reason.startswith("no mention of Afghanistan")


@pytest.mark.parametrize("title", [
    "РЖД профинансирует изыскания на Трансафганской магистрали",
    "Russland beteiligt sich an der Transafghanischen Bahn",
    "RZD to fund the Trans-Afghan railway survey",
])
def test_the_trans_afghan_railway_and_russian_railways_name_their_sides(
        story: CompiledStory, title: str) -> None:
    verdict = judge(story, title, "")
    assert verdict.relevant and "title names every side" in verdict.reason, verdict.reason


def test_a_tajik_body_naming_moscow_links_the_sides(story: CompiledStory) -> None:
    # Маскав is Moscow in Tajik: the sentence names Russia as "Москва" would.
    judgement = judge(story, "Русия ва Афғонистон созишномаи тиҷоратӣ имзо карданд",
                      "Созишнома дорӯз дар Маскав имзо шуд.")
    assert "links the sides with weight 1" in judgement.reason
    assert judgement.score == 1.0


@pytest.mark.parametrize("title", [
    "Shoygu Sirojiddin Haqqoniy bilan uchrashdi",
    "Шойгу бо Сироҷиддин Ҳаққонӣ вохӯрд",
    "Putin Hibatulloh Oxundzodaga maktub yubordi",
    "پوتین هبت الله اخوندزاده ته لیک ولیږه",
    "Лавров бо Забеҳуллоҳ Муҷоҳид суҳбат кард",
    "الملا عبد الغني برادر يستقبل أوفرتشوك",
    "Мулло Яъқуб ба Маскав рафт",
    # The Taliban and their emirate.
    "Rossiya va toliblar savdo kelishuvini imzoladi",
    "Россия ва толиблар савдо келишувини имзолади",
    "Rossiya Afg‘oniston Islom Amirligi bilan shartnoma imzoladi",
    "Русия ва Аморати исломӣ созишнома имзо карданд",
])
def test_uzbek_tajik_and_pashto_names_of_the_people_and_the_taliban(story: CompiledStory,
                                                                     title: str) -> None:
    assert judge(story, title, "").reason.startswith("title names every side")


def test_a_truthful_report_is_no_haqqani(story: CompiledStory) -> None:
    # Uzbek haqqoniy and Tajik ҳаққонӣ alone are "truthful", "fair".
    assert not judge(story, "Haqqoniy axborot Rossiya uchun muhim", "").relevant


@pytest.mark.parametrize(("title", "crowded"), [
    # One third country, named by a story's `others` term and by CLDR: one party.
    ("Russia, Uzbekistan and Afghanistan sign a rail transit memorandum", False),
    ("Россия, Узбекистан и Афганистан подписали меморандум о транзите", False),
    # Two third countries: a meeting's list, as before.
    ("Russia, Uzbekistan, Iran and Afghanistan sign a rail transit memorandum", True),
])
def test_a_third_country_named_twice_over_counts_once(
        story: CompiledStory, title: str, crowded: bool) -> None:
    verdict = judge(story, title, "The deputy ministers met in Tashkent on Monday.")
    assert verdict.relevant is not crowded, verdict.reason


@pytest.mark.parametrize(("title", "body"), [
    # Polish writes Afghan with ń (afgański, transafgańska): afgan*, transafgan* meet it.
    ("Rosja i afgańskie ministerstwo podpisały umowę", "Umowę podpisano w Moskwie."),
    ("Rosja zbuduje odcinek kolei transafgańskiej", "Prace rozpoczną się w przyszłym roku."),
])
def test_a_side_term_meets_a_word_that_differs_only_by_accents(
        story: CompiledStory, title: str, body: str) -> None:
    verdict = judge(story, title, body)
    assert verdict.relevant and "title names every side" in verdict.reason, verdict.reason
    assert any("ń" in term for term in verdict.reason.split("terms: ")[1].split(", "))


@pytest.mark.parametrize(("title", "body"), [
    # Kyrgyz news names Russia Орусия and Afghanistan Ооганстан (CLDR: Россия, Афганистан).
    ("Орусия Ооганстанга буудай жөнөттү", "Жүк Термез аркылуу жеткирилди."),
    ("Ооган делегациясы Орусияга келди", "Сүйлөшүүлөр Москвада өттү."),
])
def test_kyrgyz_names_of_the_sides(story: CompiledStory, title: str, body: str) -> None:
    verdict = judge(story, title, body)
    assert verdict.relevant and "title names every side" in verdict.reason, verdict.reason


@pytest.mark.parametrize("title", [
    "俄羅斯代表團抵達喀布爾",  # Traditional Chinese: 俄羅斯, 喀布爾
    "塔利班代表團訪問克里姆林宮",
    "俄國援助物資運抵喀布爾",  # 俄國, the Russian state
    "Ławrow spotkał się z Muttakim w Moskwie",  # the Polish instrumental of Muttaki
])
def test_traditional_chinese_and_inflected_spellings_name_the_sides(
        story: CompiledStory, title: str) -> None:
    verdict = judge(story, title, "")
    assert "title names every side" in verdict.reason, verdict.reason


def test_a_side_named_only_in_another_script_links_the_sides_in_the_lede(story: CompiledStory):
    # A headline rebuilt from a URL slug names nobody; the lede names the Russian deputy
    # prime minister in Bengali script, which no term of the story is spelled in, and
    # Afghanistan. That lede links the sides; a later sentence naming him does not.
    linked = judge(story, "Notun biniyog prokolpo niye alochona",
                   "ওভারচুক বলেছেন, আফগানিস্তানের সঙ্গে সহযোগিতা বাড়ানো হবে। আরও খবর আসছে।")
    assert linked.relevant, linked.reason
    apart = judge(story, "Notun biniyog prokolpo niye alochona",
                  "ওভারচুক বলেছেন, ভারতের সঙ্গে সহযোগিতা বাড়ানো হবে। আফগানিস্তানের খবর।")
    assert not apart.relevant, apart.reason


def test_a_recalled_side_is_placed_unaccented_as_it_is_found(story: CompiledStory) -> None:
    # Rússia is found by the term russia (unaccented); where it stands must be found the
    # same way, or the recall of the recognition is not seen as one.
    verdict = judge(story, "Talibãs fecham escolas de música em Cabul",
                    "O governo talibã, reconhecido pela Rússia em 2025, publicou o decreto.")
    assert not verdict.relevant, verdict.reason
    assert "only to recall the baseline" in verdict.reason


def test_an_agreement_between_the_sides_is_their_relations_whatever_its_subject(
        story: CompiledStory):
    # A memorandum on fighting drug crime is signed by the two sides: not a crime story.
    for title, lede in [
        ("МВД России и талибы подписали меморандум против наркотрафика",
         "Министерства внутренних дел России и Афганистана договорились обмениваться "
         "данными о наркотрафике."),
        ("Russian police and Taliban sign deal on drug seizures",
         "Russia's interior ministry and the Taliban agreed to share data on smuggling."),
    ]:
        verdict = judge(story, title, lede)
        assert verdict.relevant and "about crime" not in verdict.reason, verdict.reason
    # Police work with no agreement between them stays a crime story.
    raid = judge(story, "Russian police seize Afghan heroin in Moscow raid",
                 "Police in Moscow seized heroin smuggled from Afghanistan, Russia's "
                 "interior ministry said.")
    assert not raid.relevant and "about crime" in raid.reason, raid.reason


def test_a_place_an_actors_name_holds_does_not_name_a_side(story: CompiledStory):
    # "Кабулов" holds "Кабул": the envoy's name says nothing of Afghanistan, so a
    # headline of his remarks on a third country does not name every side.
    held = judge(story, "Кабулов прокомментировал выборы в Венесуэле",
                 "Дипломат ответил на вопросы журналистов. Ранее он работал в Афганистане.")
    assert "title names every side" not in held.reason
    placed = judge(story, "Лавров прилетел в Кабул", "")
    assert placed.relevant, placed.reason


@pytest.mark.parametrize(("title", "body"), [
    # Thai: the Taliban have a Thai term, Russia only CLDR's name.
    ("บริษัทรัสเซียเปิดโรงงานประกอบรถในคาบูล",
     "บริษัทของรัสเซียเปิดโรงงานประกอบรถบรรทุกในกรุงคาบูลของอัฟกานิสถานเมื่อวันพุธ"),
    ("รัสเซียส่งข้าวสาลีให้อัฟกานิสถาน",
     "รถไฟบรรทุกข้าวสาลีจากรัสเซียเดินทางถึงอัฟกานิสถานแล้ว"),
])
def test_a_script_only_one_side_has_terms_in_is_read_by_place_names(
        story: CompiledStory, title: str, body: str) -> None:
    assert "THAI" not in story.scripts
    assert judge(story, title, body).relevant


def test_a_thai_text_naming_one_side_by_its_place_name_is_not_relevant(
        story: CompiledStory) -> None:
    assert not judge(story, "รัสเซียเปิดสนามบินใหม่ในมอสโก",
                     "รัฐบาลรัสเซียเปิดสนามบินแห่งใหม่ใกล้กรุงมอสโกเมื่อวันจันทร์").relevant


@pytest.mark.parametrize(("title", "body"), [
    ("Оросын компани Кабулд үйлдвэр нээлээ",
     "Оросын компани Афганистаны нийслэл Кабул хотод үйлдвэр нээлээ."),
    ("Орос, Казахстан, Афганистан хэлэлцээрт гарын үсэг зурлаа",
     "Орос улс Афганистантай төмөр замын хэлэлцээр байгуулав."),
])
def test_a_mongolian_report_names_russia_by_its_mongolian_name(
        story: CompiledStory, title: str, body: str) -> None:
    assert judge(story, title, body).relevant


def test_russian_irrigation_is_no_mongolian_russia(story: CompiledStory) -> None:
    title = "В Афганистане построят оросительный канал"
    body = "Власти Афганистана начали строить оросительную систему на севере страны."
    assert not judge(story, title, body).relevant


@pytest.mark.parametrize(("title", "body"), [
    ("Первые составы с российской пшеницей прибыли в Хайратон",
     "Первые составы с российской пшеницей по контракту на 50 тыс. тонн с министерством "
     "торговли Афганистана прибыли на станцию Хайратон."),
    ("First Russian wheat trains arrive",
     "The first trains, i.e. the ones carrying the wheat, reached Afghanistan on Monday."),
    ("Перші потяги з російською пшеницею прибули до Хайратона",
     "Перші потяги з 50 тис. тонн російської пшениці прибули до Афганістану."),
])
def test_an_abbreviations_stop_does_not_end_the_lede(story: CompiledStory, title: str,
                                                      body: str) -> None:
    # The title names Russia; the lede, read whole, links Afghanistan to it.
    assert judge(story, title, body).relevant


def test_a_semicolons_clause_is_not_the_lede(story: CompiledStory) -> None:
    # The clause naming Afghanistan only says who claimed an attack in Moscow.
    judgement = judge(story, "Суд в Москве вынес приговор по делу о поджоге рынка",
                      "Обвиняемые, граждане Таджикистана, получили сроки; ответственность "
                      "взяла группировка, действующая в Афганистане.")
    assert not judgement.relevant


@pytest.mark.parametrize(("title", "body"), [
    ("Moskau sagt dem Gesandten Unterstützung zu",
     "Der russische Vizeaußenminister hat am 8. Oktober in Genf mit dem Gesandten der "
     "Taliban gesprochen."),
    ("Moskva slíbila vyslanci podporu",
     "Ruský náměstek ministra zahraničí jednal 8. října v Ženevě s vyslancem Tálibánu."),
    ("Moskva obećala podršku izaslaniku",
     "Ruski zamenik ministra razgovarao je 8. oktobra u Ženevi sa izaslanikom talibana."),
])
def test_a_day_numbers_stop_ends_no_sentence_of_the_lede(
        story: CompiledStory, title: str, body: str) -> None:
    # "am 8. Oktober": the lede is one sentence, which names both sides.
    verdict = judge(story, title, body)
    assert verdict.relevant and "weight 1" in verdict.reason, verdict.reason


def test_a_semicolon_still_ends_a_clause_the_judge_weighs_apart(story: CompiledStory) -> None:
    verdict = judge(story, "Суд в Москве вынес приговор поджигателям",
                    "Обвиняемые получили по десять лет; по данным следствия, их завербовали "
                    "в Афганистане.")
    assert "weight 0.5" in verdict.reason, verdict.reason


@pytest.mark.parametrize(("title", "body"), [
    ("Un premier vol cargo relie Novossibirsk à Kaboul",
     "L'avion de la compagnie russe transportait des pièces détachées. Il repartira avec "
     "des fruits secs afghans."),
    ("Z Novosibirsku přistál v Kábulu první nákladní let",
     "Letoun ruské společnosti přivezl náhradní díly. Zpět poletí se sušeným ovocem z "
     "Afghánistánu."),
    ("Primer vuelo de carga de Novosibirsk a Kabul",
     "El avión de la compañía rusa llevó repuestos. Volverá con fruta seca afgana."),
])
def test_a_title_naming_both_sides_by_cities_counts_when_the_body_names_them(
        story: CompiledStory, title: str, body: str) -> None:
    # Each body sentence names one side by its terms; the title names both by places.
    verdict = judge(story, title, body)
    assert verdict.relevant and "title names every side" in verdict.reason, verdict.reason


@pytest.mark.parametrize("title", [
    "俄与塔利班签署小麦供应协议",
    "俄外长会见阿富汗塔利班代理外长",
])
def test_a_chinese_headline_names_russia_by_its_first_character(
        story: CompiledStory, title: str) -> None:
    verdict = judge(story, title, "")
    assert verdict.relevant and "title names every side" in verdict.reason, verdict.reason

