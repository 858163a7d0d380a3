"""A city named as where the sides meet is no third party (hand-written headlines)."""

from __future__ import annotations

import pytest
from conftest import SHIPPED_CONFIG

from tracker import config
from tracker.analysis.judge import CompiledStory, judge
from tracker.analysis.side_places import third_countries, venue_country
from tracker.analysis.venues import without_venues

RUSSIA_AFGHANISTAN = (frozenset({"RU"}), frozenset({"AF"}))


def _without(title: str) -> str:
    return without_venues(title, venue_country)


@pytest.mark.parametrize("title", [
    "Lavrov and Muttaqi agree a transit working group at talks in Tashkent",
    "Лавров и Муттаки договорились о транзите на переговорах в Ташкенте",
    "拉夫罗夫在塔什干会见穆塔基",
    "ラブロフ氏、タシケントでムッタキ氏と会談",
    "라브로프, 타슈켄트서 무타키와 회담",
    "Lavrov va Muttaqiy Toshkentda uchrashdi",
    "Ngoại trưởng Lavrov gặp Muttaqi tại Tashkent",
    "ลาฟรอฟพบมุตตะกีที่กรุงทาชเคนต์",
    "Lavrov ve Muttaki Taşkent'te görüştü",
    "लावरोव और मुत्तकी ने ताशकंद में मुलाकात की",
    "لافروف ومتقي يلتقيان في طشقند",
    "লাভরভ ও মুত্তাকি তাশখন্দে বৈঠক করেছেন",
    "லாவ்ரோவ் மற்றும் முத்தகி தாஷ்கண்டில் சந்தித்தனர்",
])
def test_a_capital_where_the_sides_meet_names_no_third_country(title: str) -> None:
    assert third_countries(RUSSIA_AFGHANISTAN, title) == {"UZ"}
    assert third_countries(RUSSIA_AFGHANISTAN, _without(title)) == set()


@pytest.mark.parametrize("title", [
    "Beijing urges Taliban to cut ties with militants",
    "北京敦促塔利班打击恐怖组织",
    "Taliban delegation meets Pakistani officials in Pakistan",
    "Ташкент принимает делегацию талибов",
])
def test_a_capital_as_a_government_and_a_country_as_a_venue_stay_third_parties(
        title: str) -> None:
    assert third_countries(RUSSIA_AFGHANISTAN, _without(title)) == third_countries(
        RUSSIA_AFGHANISTAN, title) != set()


def test_a_venue_of_two_words_is_left_out_whole() -> None:
    assert third_countries(RUSSIA_AFGHANISTAN, _without(
        "Lavrov gặp Muttaqi tại Bắc Kinh")) == set()


@pytest.mark.parametrize(("title", "body"), [
    ("라브로프 러 외무장관, 베이징서 탈레반 정부 무타키 외무장관과 회담",
     "라브로프 러시아 외무장관과 무타키 아프가니스탄 외무장관 대행이 16일 베이징에서 만나"
     " 카불 방문 일정을 논의했다."),
    ("ラブロフ外相、北京でムッタキ氏と会談",
     "ロシアのラブロフ外相は16日、北京でタリバン暫定政権のムッタキ外相代行と会談した。"),
    ("Utusan Rusia bertemu pejabat Taliban di Doha",
     "Utusan khusus Rusia untuk Afghanistan bertemu kepala kantor politik Taliban di Doha"
     " dan mengundang mereka ke Moskow."),
    ("دیدار کابلوف با سهیل شاهین در دوحه",
     "ضمیر کابلوف نماینده ویژه روسیه با رئیس دفتر سیاسی امارت اسلامی در دوحه دیدار کرد."),
])
def test_a_meeting_in_a_third_capital_is_relevant(title: str, body: str) -> None:
    story = CompiledStory.compile(config.load(SHIPPED_CONFIG).story)
    assert judge(story, title, body).relevant


def test_a_third_capital_speaking_for_its_government_still_counts_against() -> None:
    story = CompiledStory.compile(config.load(SHIPPED_CONFIG).story)
    title = "Islamabad protests Taliban border posts"
    body = "Pakistan said the Taliban built posts on its side; Russia called for restraint."
    assert not judge(story, title, body).relevant


@pytest.mark.parametrize(("title", "body"), [
    ("Лавров провёл переговоры в Тегеране",
     "Глава МИД России обсудил в Тегеране с иранским коллегой ситуацию в Афганистане."),
    ("Lavrov holds talks in Islamabad",
     "Russian Foreign Minister Sergei Lavrov met Pakistani officials in Islamabad to discuss"
     " Afghanistan."),
])
def test_a_meeting_with_the_host_in_its_capital_is_no_meeting_of_the_sides(
        title: str, body: str) -> None:
    story = CompiledStory.compile(config.load(SHIPPED_CONFIG).story)
    assert not judge(story, title, body).relevant


@pytest.mark.parametrize(("title", "body"), [
    ("라브로프 외무장관, 타슈켄트서 탈레반 정부 외무장관과 회담",
     "라브로프 러시아 외무장관이 14일 우즈베키스탄 타슈켄트에서 무타키 아프가니스탄 외무장관"
     " 대행과 만났다."),
    ("ラブロフ外相、タシケントでムッタキ氏と会談",
     "ロシアのラブロフ外相は14日、ウズベキスタンの首都タシケントでタリバン暫定政権の"
     "ムッタキ外相代行と会談した。"),
    ("拉夫罗夫在塔什干会见塔利班政府外长",
     "俄罗斯外长拉夫罗夫14日在乌兹别克斯坦首都塔什干会见阿富汗临时政府外长穆塔基。"),
    ("Utusan Rusia Kabulov bertemu pejabat Taliban di Doha",
     "Utusan Rusia untuk Afghanistan bertemu pejabat Taliban di Doha, Qatar, pada Selasa."
     " Mereka membahas perundingan di Moskow."),
])
def test_the_venues_country_named_beside_it_says_where_not_who(title: str, body: str) -> None:
    story = CompiledStory.compile(config.load(SHIPPED_CONFIG).story)
    assert judge(story, title, body).relevant
