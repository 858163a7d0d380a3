"""matching: the forms a token stands for, and phrase lookup over them."""

from __future__ import annotations

import pytest

from tracker.analysis.matching import PhraseIndex
from tracker.analysis.script import normalise
from tracker.analysis.word_forms import forms, name_forms, tokens


@pytest.mark.parametrize(("token", "stem"), [
    ("кабулова", "кабулов"),  # Russian genitive
    ("лавровым", "лавров"),  # Russian instrumental
    ("лавровтың", "лавров"),  # Kazakh genitive
    ("лавровро", "лавров"),  # Tajik object marker
    ("putinning", "putin"),  # Uzbek genitive
    ("putin'in", "putin"),  # Turkish, after the apostrophe
    ("l'afghanistan", "afghanistan"),  # French elided article
    ("ławrowem", "ławrow"),  # Polish instrumental (before normalise)
    ("ولافروف", "لافروف"),  # Arabic "and"
    ("بالامم", "امم"),  # Arabic "with the"
    ("لاوروفي", "لاوروف"),  # Persian suffix
    ("روسيهها", "روسيه"),  # Persian plural written without a space
])
def test_inflected_tokens_give_their_stem(token: str, stem: str) -> None:
    assert stem in forms(token)
    assert forms(token)[0] == token.replace("'", "")


@pytest.mark.parametrize("token", ["мали", "того", "kabul", "بتن", "ali"])
def test_short_words_are_not_cut_into_other_words(token: str) -> None:
    assert all(len(form) >= 3 for form in forms(token))
    assert name_forms(token) == {token}


def test_names_lose_only_their_inflected_ending() -> None:
    assert name_forms("москва") == {"москва", "москв"}
    assert name_forms("соединенные") == {"соединенные", "соединенны", "соединенн"}
    assert name_forms("кабулов") == {"кабулов"}


def test_tokens_keep_apostrophes_inside_words() -> None:
    assert tokens(normalise("O‘zbekiston va Afg‘oniston, Putin’in kararı")) == [
        "o'zbekiston", "va", "afg'oniston", "putin'in", "karari"]
    assert tokens("विदेश मंत्री") == ["विदेश", "मंत्री"]


def test_phrases_longest_first_and_unspaced_scripts() -> None:
    index = PhraseIndex({
        "asia": ["Asia", "亚洲"], "central-asia": ["Central Asia", "中亚"],
        "india": ["印度"], "indonesia": ["印度尼西亚"],
    })
    assert index.find("Central Asia and Asia") == {"central-asia", "asia"}
    assert index.find("in Central Asia") == {"central-asia"}
    assert index.find("印度尼西亚总统") == {"indonesia"}
    assert index.find("印度和印度尼西亚") == {"india", "indonesia"}
    assert index.find("中亚国家") == {"central-asia"}
    assert index.find("") == frozenset()


def test_a_phrase_needs_all_its_words_in_order() -> None:
    index = PhraseIndex({"uae": ["Объединённые Арабские Эмираты"]})
    assert index.find("в Объединенных Арабских Эмиратах") == {"uae"}
    assert index.find("Арабские Эмираты объединённые") == frozenset()
    assert index.find("Объединённые нации") == frozenset()
