"""The general subjects of news the vocabulary once lacked: telecommunications, labour,
water, construction, human rights, religion, culture (and near words of factories, which
the industry category reads).

Written by hand for these tests, blind to the evaluation items: for each subject one
invented headline in several languages and scripts that must find it, and sentences with
a word near one of its terms (another sense, another language's word, a longer word that
starts with it) that must not.
"""

from __future__ import annotations

import pytest

from tracker.analysis.categories import general_lexicon, vocabulary


def concepts(text: str) -> set[str]:
    return {c.id for c in general_lexicon().find(text)}


FOUND = [
    # Telecommunications: the internet, mobile networks, a ministry of communications.
    ("telecom", "en", "Operator to bring mobile internet to three mountain districts"),
    ("telecom", "ru", "Оператор проведёт мобильный интернет в три горных района"),
    ("telecom", "fa", "وزارت مخابرات شبکه فیبر نوری را به بدخشان می‌رساند"),
    ("telecom", "ps", "د مخابراتو وزارت بدخشان ته د انټرنیټ خدمات وغځول"),
    ("telecom", "tr", "Dağ köylerine uydu interneti geliyor"),
    ("telecom", "zh", "运营商将为山区三个县提供移动通信服务"),
    ("telecom", "ja", "山間部の三つの郡に携帯電話網を整備へ"),
    ("telecom", "ka", "მთიან სოფლებს ინტერნეტი მიეწოდება"),
    ("telecom", "hi", "पहाड़ी जिलों में दूरसंचार सेवाएं शुरू होंगी"),
    # Labour: workers abroad, jobs, work permits.
    ("labour", "en", "New rules for migrant workers take effect in March"),
    ("labour", "ru", "Для трудовых мигрантов вводятся новые правила"),
    ("labour", "uz", "Mehnat migrantlari uchun yangi qoidalar kuchga kiradi"),
    ("labour", "tg", "Барои муҳоҷирони меҳнатӣ қоидаҳои нав ҷорӣ мешаванд"),
    ("labour", "ar", "قواعد جديدة لتصاريح العمل تدخل حيز التنفيذ"),
    ("labour", "de", "Neue Regeln für Arbeitsmigranten treten in Kraft"),
    ("labour", "es", "Entran en vigor nuevas reglas sobre permisos de trabajo"),
    ("labour", "ko", "이주노동자에 대한 새 규정이 시행된다"),
    # Water: irrigation, canals, drinking water.
    ("water", "en", "Farmers wait for the new irrigation canal to reach their fields"),
    ("water", "fa", "کشاورزان منتظر رسیدن کانال آبیاری به زمین‌هایشان هستند"),
    ("water", "ps", "بزګران د اوبو کانال ته سترګې په لار دي"),
    ("water", "ru", "Фермеры ждут завершения оросительного канала"),
    ("water", "uz", "Fermerlar yangi sug‘orish kanalini kutmoqda"),
    ("water", "zh", "农民等待新的灌溉渠道通水"),
    ("water", "th", "เกษตรกรรอคลองชลประทานแห่งใหม่"),
    ("water", "fr", "Les agriculteurs attendent le nouveau canal d'irrigation"),
    # Construction: building works, infrastructure.
    ("construction", "en", "Construction of the new bridge begins in spring"),
    ("construction", "ru", "Строительство нового моста начнётся весной"),
    ("construction", "tr", "Yeni köprünün inşaatı baharda başlayacak"),
    ("construction", "pl", "Budowa nowego mostu ruszy wiosną"),
    ("construction", "ur", "نئے پل کی تعمیر موسم بہار میں شروع ہوگی"),
    ("construction", "ko", "새 다리 건설이 봄에 시작된다"),
    ("construction", "sr", "Изградња новог моста почиње на пролеће"),
    ("construction", "sr", "Izgradnja novog mosta počinje na proleće"),
    # Factories: a plant opened or built (the industry category).
    ("industry", "en", "A textile factory opens near the capital"),
    ("industry", "ru", "Под столицей открылась текстильная фабрика"),
    ("industry", "fa", "یک کارخانه نساجی در نزدیکی پایتخت افتتاح شد"),
    ("industry", "ar", "افتتاح مصنع للنسيج قرب العاصمة"),
    ("industry", "ja", "首都近郊に繊維工場が開業"),
    ("industry", "hu", "Textilgyár nyílt a főváros mellett"),
    ("industry", "he", "מפעל טקסטיל נפתח ליד הבירה"),
    # Human rights, women's rights, press freedom.
    ("rights", "en", "UN envoy raises women's rights in talks with the authorities"),
    ("rights", "fa", "فرستاده سازمان ملل موضوع حقوق زنان را مطرح کرد"),
    ("rights", "ps", "د ملګرو ملتونو استازي د ښځو حقونه مطرح کړل"),
    ("rights", "ru", "Спецдокладчик ООН поднял вопрос прав женщин"),
    ("rights", "fr", "L'envoyé de l'ONU évoque les droits des femmes"),
    ("rights", "zh", "联合国特使提及妇女权利问题"),
    ("rights", "de", "UN-Gesandter spricht Frauenrechte an"),
    ("rights", "tg", "Фиристодаи СММ масъалаи ҳуқуқи занонро матрҳ кард"),
    # Religion: mosques, clerics, pilgrimage.
    ("religion", "en", "Clerics gather at the main mosque before the pilgrimage season"),
    ("religion", "ar", "علماء الدين يجتمعون في المسجد الكبير قبل موسم الحج"),
    ("religion", "fa", "علما پیش از فصل حج در مسجد جامع گرد آمدند"),
    ("religion", "ru", "Духовенство собралось в главной мечети перед хаджем"),
    ("religion", "tr", "Din adamları hac mevsimi öncesi ana camide toplandı"),
    ("religion", "ja", "巡礼の季節を前に聖職者が集まった"),
    ("religion", "ko", "순례 철을 앞두고 성직자들이 모스크에 모였다"),
    ("religion", "hi", "हज से पहले मौलवी जामा मस्जिद में इकट्ठा हुए"),
    # Culture: museums, films, theatres, cultural ties.
    ("culture", "en", "The national museum reopens with a film festival"),
    ("culture", "ru", "Национальный музей вновь открылся кинофестивалем"),
    ("culture", "fa", "موزه ملی با جشنواره فیلم بازگشایی شد"),
    ("culture", "ar", "المتحف الوطني يعيد فتح أبوابه بمهرجان سينمائي"),
    ("culture", "tr", "Ulusal müze film festivaliyle yeniden açıldı"),
    ("culture", "zh", "国家博物馆以电影节重新开放"),
    ("culture", "cs", "Národní muzeum se znovu otevřelo filmovým festivalem"),
    ("culture", "sw", "Makumbusho ya taifa yamefunguliwa tena kwa tamasha la filamu"),
]


@pytest.mark.parametrize(("concept", "language", "line"), FOUND,
                         ids=[f"{c}-{lang}" for c, lang, _ in FOUND])
def test_a_headline_of_the_subject_finds_it(concept: str, language: str, line: str) -> None:
    assert concept in concepts(line), (language, concepts(line))


NOT_FOUND = [
    # Russian "связь": in connection with; Arabic المخابرات: an intelligence service;
    # a news agency's name holds 通信; a Telegram channel is no canal.
    ("telecom", "В связи с визитом министра перекрыли дороги"),
    ("telecom", "رئيس جهاز المخابرات يزور العاصمة"),
    ("telecom", "共同通信によると、会談は二時間続いた"),
    ("water", "Об этом сообщил Telegram-канал министерства"),
    ("water", "Il canale televisivo ha trasmesso l'intervista"),
    ("water", "Der Kanal berichtete über das Treffen"),
    # Aid workers and embassy staff are no labour news; "emploi de la force" is a use.
    ("labour", "Aid workers were evacuated from the district"),
    ("labour", "Le ministre a condamné l'emploi de la force"),
    ("labour", "Рабочий визит министра продлится два дня"),
    ("labour", "Рабочая группа соберётся в пятницу"),
    # "Constructive" talks build nothing; a building destroyed is no construction.
    ("construction", "The ministers held constructive talks"),
    ("construction", "双方举行了建设性对话"),
    ("construction", "両外相は建設的な協議を行った"),
    ("construction", "양국 장관은 건설적인 대화를 나눴다"),
    ("construction", "Miniștrii au avut discuții constructive"),
    ("construction", "Postavení Ruska se nezměnilo"),
    ("construction", "Россия выступает за построение многополярного мира"),
    ("construction", "بناءً على طلب الحكومة عقد الاجتماع"),
    ("construction", "המשרד דורש חינוך לבנות בכל המחוזות"),  # "for girls", not "to build"
    # Moscow begins with a mosque's letters in Japanese and Korean; an Arabic visit is
    # the Persian word for a pilgrimage; a Romanian "din" is "from".
    ("religion", "外相はモスクワで会談した"),
    ("religion", "장관은 모스크바에서 회담했다"),
    ("religion", "خلال زيارته إلى موسكو التقى الوزير نظيره"),
    ("religion", "Ministrul de externe din Afganistan a sosit la Moscova"),
    ("religion", "The Islamic Emirate's delegation arrived in Moscow"),
    ("religion", "Mullah Baradar met the delegation"),
    # Rights, women and freedom, each alone, are no human rights.
    ("rights", "The court ruled on the rights to the embassy building"),
    ("rights", "Women queued for flour in the capital"),
    ("rights", "Taliban take control of the road"),
    # A Vietnamese worker (công nhân) is folded as recognition (công nhận): not a term.
    ("labour", "Nga công nhận chính quyền mới"),
    # Hungarian "magyar" ends in the letters of a factory (gyár), after too short a start.
    ("industry", "A magyar kormány szóvivője nyilatkozott"),
    # Media and journalists are who reports; a French poppy crop is a "culture"; Czech
    # "muže" (men) folds to "muze"; Turkish "konserve" is canned food.
    ("culture", "The minister told journalists the talks went well"),
    ("culture", "Media reported that the delegation had left"),
    ("culture", "La culture du pavot a reculé dans le sud"),
    ("culture", "Policie zadržela dva muže na hranici"),
    ("culture", "Konserve ihracatı arttı"),
    ("culture", "The Heritage Foundation published a report"),
    ("culture", "El patrimonio del empresario creció"),
    # Croatian and Serbian "imam" is "I have"; Spanish "hija" a daughter.
    ("religion", "Imam pitanje za ministra, rekao je zastupnik"),
    ("religion", "Su hija llegó a Kabul"),
    # Russian "заводить" (to start), Croatian "zavod" (an institute), Polish "zawodowy"
    # (professional), Serbian "fabrikovane" (fabricated) are no factory.
    ("industry", "Он не хотел заводить новых друзей"),
    ("industry", "Hrvatski zavod za zapošljavanje objavio je podatke"),
    ("industry", "Polska ma zawodową armię"),
    ("industry", "Odbacio je fabrikovane optužbe"),
]


@pytest.mark.parametrize(("concept", "line"), NOT_FOUND)
def test_a_near_word_is_not_the_subject(concept: str, line: str) -> None:
    assert concept not in concepts(line), concepts(line)


def test_the_new_subjects_are_in_every_language() -> None:
    from tracker.analysis.categories import LANGUAGES

    subjects = {c.id: c for c in vocabulary()}
    for subject in ("telecom", "labour", "water", "construction", "rights", "religion",
                    "culture"):
        assert set(LANGUAGES) <= set(subjects[subject].terms), subject


def test_construction_is_the_stage_of_a_project_not_which_project() -> None:
    # Two projects both "to be built" are no one development: below the weight of a
    # report's "what", which a factory, a canal and the internet have.
    weights = {c.id: c.weight for c in vocabulary()}
    assert weights["construction"] < 1.0
    assert min(weights[s] for s in ("telecom", "labour", "water", "industry", "rights",
                                    "religion", "culture")) >= 1.0


def test_a_labour_migrant_is_read_as_labour_and_a_refugee_stays_a_refugee() -> None:
    assert "labour" in concepts("Россия упростит правила для трудовых мигрантов")
    assert "refugees" in concepts("Россия примет беженцев из лагерей")
    assert "refugees" in concepts("Migrants crossed the border at night")
