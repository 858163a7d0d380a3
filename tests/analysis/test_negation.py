"""Contradictions that read negation: a denied revocation is no revocation, in 18 languages.

The patterns are the shipped story's (config/russia-taliban.baseline.toml), the negation
cues the package's general vocabulary (tracker/data/negation.toml).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.analysis.baseline import load_baseline
from tracker.analysis.compare import Knowledge, KnownFact
from tracker.analysis.contradicting import Contradiction, contradictions_in
from tracker.analysis.negation import cues, languages, negated, scope
from tracker.analysis.novelty import BaselineEvidence

BASELINE = Path(__file__).resolve().parents[2] / "config" / "russia-taliban.baseline.toml"

# language: (a revocation stated, the same revocation denied)
REVOCATIONS = {
    "en": ("Russia withdrew its recognition of the Taliban government on Monday",
           "Moscow has no plans to revoke its recognition, the ministry said"),
    "ru": ("Россия отозвала признание правительства талибов",
           "Россия не намерена отзывать признание талибов"),
    "uk": ("Росія відкликала визнання уряду талібів",
           "Росія не збирається відкликати визнання талібів"),
    "de": ("Russland nimmt die Anerkennung der Taliban zurück",
           "Russland will die Anerkennung nicht zurücknehmen"),
    "fr": ("La Russie retire sa reconnaissance du gouvernement taliban",
           "La Russie n'a pas l'intention de retirer sa reconnaissance des talibans"),
    "it": ("La Russia revoca il riconoscimento del governo talebano",
           "Mosca non revocherà il riconoscimento dei talebani"),
    "es": ("Rusia retira el reconocimiento al gobierno talibán",
           "Rusia no retirará su reconocimiento a los talibanes"),
    "pl": ("Rosja wycofała uznanie dla rządu talibów",
           "Rosja nie zamierza wycofać uznania dla talibów"),
    "tr": ("Rusya Taliban hükümetini tanıma kararını geri çekti",
           "Rusya Taliban hükümetini tanıma kararını geri çekmeyecek"),
    "fa": ("روسیه به رسمیت شناختن طالبان را لغو کرد",
           "روسیه قصد لغو به رسمیت شناختن را ندارد"),
    "ar": ("روسيا تسحب اعترافها بحكومة طالبان",
           "روسيا لن تسحب اعترافها بحكومة طالبان"),
    "ps": ("روسیې د طالبانو پېژندنه بېرته واخیسته",
           "روسیه نه غواړي چې د طالبانو پېژندنه بېرته واخلي"),
    "ur": ("روس نے طالبان حکومت کی تسلیم واپس لے لی",
           "روس کا طالبان حکومت کی تسلیم واپس لینے کا کوئی ارادہ نہیں"),
    "hi": ("रूस ने तालिबान सरकार की मान्यता वापस ले ली",
           "रूस का तालिबान सरकार की मान्यता वापस लेने का कोई इरादा नहीं है"),
    "zh": ("俄罗斯撤销对塔利班政府的承认",
           "俄罗斯无意撤销对塔利班政府的承认"),
    "uz": ("Rossiya Tolibon hukumatini tan olishni bekor qildi",
           "Rossiya Tolibon hukumatini tan olishni bekor qilmaydi"),
    "kk": ("Ресей талибтер үкіметін мойындауды қайтарып алды",
           "Ресей талибтер үкіметін мойындауды қайтарып алмайды"),
    "tg": ("Русия эътирофи ҳукумати Толибонро бекор кард",
           "Русия эътирофи ҳукумати Толибонро бекор намекунад"),
}


def disputed(text: str, knowledge: Knowledge) -> tuple[Contradiction, ...]:
    return contradictions_in(text, knowledge.contradictions, knowledge.facts)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    baseline = load_baseline(BASELINE)
    facts = tuple(KnownFact(f.fact_id, f.kind, f.date, f.statement, frozenset())
                  for f in baseline.facts)
    period = BaselineEvidence((), date(2025, 7, 1), date(2025, 7, 11))
    return Knowledge(facts=facts, baseline=period, cutoff=date(2025, 7, 1),
                     contradictions=baseline.contradictions)


@pytest.mark.parametrize("language", sorted(REVOCATIONS))
def test_a_stated_revocation_contradicts_the_recognition(knowledge: Knowledge, language: str):
    stated, _ = REVOCATIONS[language]
    found = disputed(stated, knowledge)
    assert [c.fact_id for c in found] == ["B01"], (language, stated)
    assert "withdrawn" in found[0].description


@pytest.mark.parametrize("language", sorted(REVOCATIONS))
def test_a_denied_revocation_is_no_contradiction(knowledge: Knowledge, language: str):
    _, denied = REVOCATIONS[language]
    assert disputed(denied, knowledge) == (), (language, denied)


def test_every_language_of_the_patterns_has_cues():
    assert set(REVOCATIONS) <= set(languages())


def test_a_denial_before_a_reported_clause_reaches_it(knowledge: Knowledge):
    for text in ("Песков опроверг сообщения, что Россия отозвала признание талибов",
                 "Der Kreml dementiert, dass Russland die Anerkennung zurückgezogen habe",
                 "The Kremlin denied reports that Russia had revoked its recognition"):
        assert disputed(text, knowledge) == (), text


def test_a_negation_in_another_clause_does_not_deny(knowledge: Knowledge):
    text = "Russia, which did not consult anyone, revoked its recognition of the Taliban"
    assert [c.fact_id for c in disputed(text, knowledge)] == ["B01"]


def test_the_scope_stops_at_punctuation():
    text = "No talks took place. Moscow revoked the recognition"
    start = text.index("revoked")
    assert scope(text, start, start + 7) == " Moscow revoked the recognition"
    assert not negated(text, start, start + 7, "en")


@pytest.mark.parametrize(("language", "clause", "denied"), [
    ("en", "they don't intend to", True),
    ("en", "they intend to", False),
    ("tr", "geri almayacak", True),
    ("tr", "geri aldı", False),
    ("kk", "қайтарып алмайды", True),
    ("zh", "俄方并非如此", True),
    ("fa", "نمی‌خواهد", True),
    ("de", "keine Absicht", True),
    ("de", "eine Absicht", False),
    # Languages added to the general vocabulary later.
    ("pt", "a Rússia não pretende retirar o reconhecimento", True),
    ("pt", "a Rússia pretende retirar o reconhecimento", False),
    ("bg", "Русия няма намерение да оттегли признаването", True),
    ("bg", "Москва не възнамерява да оттегли признаването", True),
    ("bg", "Русия оттегли признаването", False),
    ("nl", "Rusland is niet van plan de erkenning in te trekken", True),
    ("nl", "Rusland trekt de erkenning in", False),
    ("cs", "Rusko nehodlá uznání odvolat", True),
    ("cs", "Rusko odvolalo uznání", False),
    ("ro", "Rusia nu intenționează să retragă recunoașterea", True),
    ("ro", "Rusia și-a retras recunoașterea", False),
    ("el", "Η Ρωσία δεν σκοπεύει να ανακαλέσει την αναγνώριση", True),
    ("el", "Η Ρωσία ανακάλεσε την αναγνώριση", False),
    ("hu", "Oroszország nem vonja vissza az elismerést", True),
    ("hu", "Oroszország visszavonja az elismerést", False),
    ("sr", "Русија неће повући признање", True),
    ("sr", "Rusija neće povući priznanje", True),
    ("sr", "Rusija je povukla priznanje", False),
    ("hr", "Rusija nema namjeru povući priznanje", True),
    ("az", "Rusiya tanınmanı geri götürməyəcək", True),
    ("az", "Rusiya tanınmanı geri götürdü", False),
    ("hy", "Ռուսաստանը չի պատրաստվում հետ կանչել ճանաչումը", True),
    ("hy", "Ռուսաստանը հետ կանչեց ճանաչումը", False),
    ("ka", "რუსეთი აღიარებას არ გააუქმებს", True),
    ("ka", "რუსეთმა აღიარება გააუქმა", False),
    ("bn", "রাশিয়া স্বীকৃতি প্রত্যাহার করেনি", True),
    ("bn", "রাশিয়া স্বীকৃতি প্রত্যাহার করেছে", False),
    ("sw", "Urusi haitabatilisha utambuzi wake", True),
    ("sw", "Urusi imebatilisha utambuzi wake", False),
    ("id", "Rusia tidak akan mencabut pengakuannya", True),
    ("id", "Rusia mencabut pengakuannya", False),
    ("ja", "ロシアは承認を撤回しない", True),
    ("ja", "ロシアは承認を撤回した", False),
    ("ko", "러시아는 승인을 철회하지 않을 것이다", True),
    ("ko", "러시아는 승인을 철회했다", False),
    ("mk", "Русија нема да го повлече признавањето", True),
    ("mk", "Русија го повлече признавањето", False),
])
def test_cues(language: str, clause: str, denied: bool):
    assert cues(language).deny(clause) is denied


# language: (another country called the first, Russia called the first, the claim denied)
FIRSTS = {
    "en": ("Belarus became the first country to recognise the Taliban government",
           "Russia became the first country to recognise the Taliban government",
           "Belarus never became the first country to recognise the Taliban government"),
    "ru": ("Белоруссия стала первой страной, официально признавшей талибов",
           "Россия стала первой страной, официально признавшей талибов",
           "Белоруссия не стала первой страной, официально признавшей талибов"),
    "uk": ("Білорусь стала першою країною, яка визнала талібів",
           "Росія стала першою країною, яка визнала талібів",
           "Білорусь не стала першою країною, яка визнала талібів"),
    "de": ("Belarus ist das erste Land, das die Taliban anerkennt",
           "Russland ist das erste Land, das die Taliban anerkennt",
           "Belarus ist nicht das erste Land, das die Taliban anerkennt"),
    "fr": ("La Biélorussie est le premier pays à reconnaître les talibans",
           "La Russie est le premier pays à reconnaître les talibans",
           "La Biélorussie n'est pas le premier pays à reconnaître les talibans"),
    "es": ("Bielorrusia es el primer país en reconocer a los talibanes",
           "Rusia es el primer país en reconocer a los talibanes",
           "Bielorrusia no es el primer país en reconocer a los talibanes"),
    "it": ("La Bielorussia è il primo paese a riconoscere i talebani",
           "La Russia è il primo paese a riconoscere i talebani",
           "La Bielorussia non è il primo paese a riconoscere i talebani"),
    "tr": ("Belarus, Taliban yönetimini tanıyan ilk ülke oldu",
           "Rusya, Taliban yönetimini tanıyan ilk ülke oldu",
           "Belarus Taliban yönetimini tanıyan ilk ülke değil"),
    "fa": ("بلاروس نخستین کشوری است که طالبان را به رسمیت شناخت",
           "روسیه نخستین کشوری است که طالبان را به رسمیت شناخت",
           "بلاروس نخستین کشوری نیست که طالبان را به رسمیت شناخت"),
    "ar": ("أصبحت بيلاروسيا أول دولة تعترف بحكومة طالبان",
           "أصبحت روسيا أول دولة تعترف بحكومة طالبان",
           "لم تصبح بيلاروسيا أول دولة تعترف بحكومة طالبان"),
}


@pytest.mark.parametrize("language", sorted(FIRSTS))
def test_another_first_to_recognise_contradicts_unless_russia_or_denied(
        knowledge: Knowledge, language: str):
    other, russia, denied = FIRSTS[language]
    found = disputed(other, knowledge)
    assert [c.fact_id for c in found] == ["B01"], (language, other)
    assert "first" in found[0].description
    assert disputed(russia, knowledge) == (), (language, russia)
    assert disputed(denied, knowledge) == (), (language, denied)
