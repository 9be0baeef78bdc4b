"""Every interface sentence, filled with real values, read as a whole in each language.

A template that reads well with `{x}` can read badly once a value fills it (a capitalised
«Редакция» in the middle of a Russian sentence, a Kyrgyz date that cannot take a case ending), so
each sentence is written out here in full, as a native speaker writes it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from policy.publication.labels import (
    Day,
    find_missing_texts,
    interface,
    label,
    language_name,
    plain,
)

LANGUAGES = ("uz", "ky", "ru")
KEYS_IN_ORDER = list(interface("uz")["labels"])
KEYS = sorted(KEYS_IN_ORDER)

OLD_DAY, NEW_DAY = dt.date(2026, 11, 24), dt.date(2026, 12, 15)
G = "\u202fг."  # CLDR puts a narrow no-break space between a Russian year and its г.


def values(lang: str) -> dict[str, object]:
    """Real values for every placeholder a label may have."""
    return {
        "id": "1.1",
        "date": Day(NEW_DAY, lang),
        "url": "../1.1/",
        "old": "1.0",
        "old_url": "../1.0/",
        "old_date": Day(OLD_DAY, lang),
        "new": "1.1",
        "new_url": "../1.1/",
        "new_date": Day(NEW_DAY, lang),
        "number": "4.1.6",
        "clauses": "2.1–2.4",
        "language": language_name("uz", lang),
        "title": "Купуялык саясаты"
        if lang == "ky"
        else "Политика конфиденциальности"
        if lang == "ru"
        else "Konfidensiallik siyosati",
        "status": label("in_force_since", lang, date=Day(NEW_DAY, lang)),
        "commit": "`0123456789`",
        "page": 3,
        "pages": 12,
        "asked": "2026-02-31",
    }


SENTENCES: dict[str, dict[str, str]] = {
    "version": {"uz": "1.1 tahriri", "ky": "1.1 редакциясы", "ru": "Редакция 1.1"},
    "in_force_since": {
        "uz": "Kuchga kirgan sana: 2026-yil 15-dekabr",
        "ky": "Күчүнө кирген күнү: 2026-жылдын 15-декабры",
        "ru": f"Действует с 15 декабря 2026{G}",
    },
    "takes_effect_on": {
        "uz": "Kuchga kirish sanasi: 2026-yil 15-dekabr",
        "ky": "Күчүнө кирүү күнү: 2026-жылдын 15-декабры",
        "ru": f"Вступит в силу 15 декабря 2026{G}",
    },
    "superseded_on": {
        "uz": "2026-yil 15-dekabr sanasidan boshlab [1.1 tahriri](../1.1/) bilan almashtirilgan",
        "ky": "2026-жылдын 15-декабрынан тартып [1.1 редакциясы](../1.1/) менен алмаштырылган",
        "ru": f"С 15 декабря 2026{G} заменена [редакцией 1.1](../1.1/)",
    },
    "next_takes_effect": {
        "uz": "[1.1 tahriri](../1.1/) 2026-yil 15-dekabr sanasida kuchga kiradi.",
        "ky": "[1.1 редакциясы](../1.1/) 2026-жылдын 15-декабрында күчүнө кирет.",
        "ru": f"[Редакция 1.1](../1.1/) вступит в силу 15 декабря 2026{G}",
    },
    "not_current": {
        "uz": "Bu amaldagi matn emas.",
        "ky": "Бул колдонуудагы текст эмес.",
        "ru": "Это не действующая редакция.",
    },
    "read_current": {
        "uz": "Amaldagi matnni oʻqing",
        "ky": "Колдонуудагы текстти окуңуз",
        "ru": "Читать действующую редакцию",
    },
    "not_yet": {
        "uz": "Bu matn hali kuchga kirmagan.",
        "ky": "Бул текст азырынча күчүнө кире элек.",
        "ru": "Эта редакция ещё не вступила в силу.",
    },
    "status_current": {"uz": "amalda", "ky": "күчүндө", "ru": "действует"},
    "status_upcoming": {"uz": "hali kuchga kirmagan", "ky": "күчүнө кире элек", "ru": "вступит в силу"},
    "status_superseded": {"uz": "kuchini yoʻqotgan", "ky": "күчүн жоготкон", "ru": "утратила силу"},
    "material": {
        "uz": "Muhim oʻzgarish: foydalanuvchilar qayta rozilik beradi",
        "ky": "Олуттуу өзгөртүү: колдонуучулар кайра макулдук берет",
        "ru": "Существенное изменение: пользователи дают согласие заново",
    },
    "editorial": {"uz": "Tahririy oʻzgarish", "ky": "Редакциялык өзгөртүү", "ru": "Редакционное изменение"},
    "home_title": {"uz": "Amaldagi tahrir", "ky": "Колдонуудагы редакция", "ru": "Действующая редакция"},
    "changelog_title": {"uz": "Oʻzgarishlar tarixi", "ky": "Өзгөртүүлөрдүн тарыхы", "ru": "История изменений"},
    "changelog_intro": {
        "uz": "Siyosatning har bir tahriri: qachon kuchga kirishi va nima oʻzgargani.",
        "ky": "Саясаттын ар бир редакциясы: качан күчүнө кирери жана эмне өзгөргөнү.",
        "ru": "Каждая редакция политики: когда она вступает в силу и что в ней изменено.",
    },
    "subscribe": {
        "uz": "Oʻzgarishlarga obuna boʻlish (Atom)",
        "ky": "Өзгөртүүлөргө жазылуу (Atom)",
        "ru": "Подписаться на изменения (Atom)",
    },
    "first_version": {"uz": "Birinchi tahrir", "ky": "Биринчи редакция", "ru": "Первая редакция"},
    "versions_title": {"uz": "Barcha tahrirlar", "ky": "Бардык редакциялар", "ru": "Все редакции"},
    "versions_intro": {
        "uz": "Siyosatning barcha tahrirlari, eng yangisidan boshlab.",
        "ky": "Саясаттын бардык редакциялары, эң жаңысынан баштап.",
        "ru": "Все редакции политики, начиная с самой новой.",
    },
    "col_version": {"uz": "Tahrir", "ky": "Редакция", "ru": "Редакция"},
    "col_effective": {"uz": "Kuchga kirish sanasi", "ky": "Күчүнө кирүү күнү", "ru": "Дата вступления в силу"},
    "col_status": {"uz": "Holati", "ky": "Абалы", "ru": "Статус"},
    "col_summary": {"uz": "Oʻzgarishlar", "ky": "Өзгөртүүлөр", "ru": "Изменения"},
    "col_changes": {"uz": "Solishtirish", "ky": "Салыштыруу", "ru": "Сравнение"},
    "read_text": {"uz": "Matn", "ky": "Текст", "ru": "Текст"},
    "what_changed": {"uz": "Nima oʻzgardi", "ky": "Эмне өзгөрдү", "ru": "Что изменилось"},
    "what_will_change": {"uz": "Nima oʻzgaradi", "ky": "Эмне өзгөрөт", "ru": "Что изменится"},
    "translation_note": {
        "uz": "Bu tarjima. Farq boʻlsa, oʻzbek tilidagi matn ustun turadi: [asl matn](../1.1/).",
        "ky": "Бул котормо. Айырмачылык болсо, өзбек тилиндеги текст артыкчылыкка ээ: [түпнуска текст](../1.1/).",
        "ru": (
            "Это перевод. При расхождениях преимущественную силу имеет текст на узбекском языке: [оригинальный "
            "текст](../1.1/)."
        ),
    },
    "newer_in_force": {
        "uz": "Yangi tahrir kuchga kirdi: [1.1 tahriri](../1.1/).",
        "ky": "Жаңы редакция күчүнө кирди: [1.1 редакциясы](../1.1/).",
        "ru": "Вступила в силу [новая редакция 1.1](../1.1/).",
    },
    "provenance": {
        "uz": "Matn repozitoriyda oxirgi marta oʻzgartirilgan: 2026-yil 15-dekabr, `0123456789` kommiti.",
        "ky": "Текст репозиторийде акыркы жолу өзгөртүлгөн: 2026-жылдын 15-декабры, `0123456789` коммити.",
        "ru": f"Текст последний раз изменён в репозитории 15 декабря 2026{G}, коммит `0123456789`.",
    },
    "provenance_before": {
        "uz": (
            "Matn repozitoriyda kuchga kirishidan oldin oxirgi marta oʻzgartirilgan: 2026-yil 15-dekabr, "
            "`0123456789` kommiti. Kuchga kirgan matn oʻzgartirilmaydi."
        ),
        "ky": (
            "Текст репозиторийде күчүнө киргенге чейин акыркы жолу өзгөртүлгөн: 2026-жылдын 15-декабры, "
            "`0123456789` коммити. Күчүнө кирген текст өзгөртүлбөйт."
        ),
        "ru": (
            f"Текст последний раз изменён в репозитории 15 декабря 2026{G}, до вступления в силу (коммит "
            "`0123456789`). Вступивший в силу текст не изменяется."
        ),
    },
    "provenance_after": {
        "uz": (
            "Matn repozitoriyga kuchga kirganidan keyin qoʻshilgan: 2026-yil 15-dekabr, `0123456789` kommiti. "
            "Kuchga kirgan matn oʻzgartirilmaydi."
        ),
        "ky": (
            "Текст репозиторийге күчүнө киргенден кийин кошулган: 2026-жылдын 15-декабры, `0123456789` коммити. "
            "Күчүнө кирген текст өзгөртүлбөйт."
        ),
        "ru": (
            f"Текст добавлен в репозиторий 15 декабря 2026{G}, после вступления в силу (коммит `0123456789`). "
            "Вступивший в силу текст не изменяется."
        ),
    },
    "changes_title": {
        "uz": "1.1 tahriridagi oʻzgarishlar",
        "ky": "1.1 редакциясындагы өзгөртүүлөр",
        "ru": "Изменения в редакции 1.1",
    },
    "compare_title": {
        "uz": "1.0 va 1.1 tahrirlarini solishtirish",
        "ky": "Салыштыруу: 1.0 редакциясы жана 1.1 редакциясы",
        "ru": "Сравнение редакций 1.0 и 1.1",
    },
    "compares": {
        "uz": (
            "Bu sahifada ikki matn solishtiriladi: [1.0 tahriri](../1.0/) (2026-yil 24-noyabr) va [1.1 "
            "tahriri](../1.1/) (2026-yil 15-dekabr)."
        ),
        "ky": (
            "Бул баракта эки текст салыштырылат: [1.0 редакциясы](../1.0/) (2026-жылдын 24-ноябры) жана [1.1 "
            "редакциясы](../1.1/) (2026-жылдын 15-декабры)."
        ),
        "ru": (
            f"На этой странице сравниваются тексты: [редакция 1.0](../1.0/) (24 ноября 2026{G}) и [редакция "
            f"1.1](../1.1/) (15 декабря 2026{G})."
        ),
    },
    "legend": {
        "uz": "Oʻchirilgan soʻzlar ustidan chizilgan, qoʻshilgan soʻzlar tagiga chizilgan.",
        "ky": "Өчүрүлгөн сөздөр сызылган, кошулган сөздөрдүн асты сызылган.",
        "ru": "Удалённые слова зачёркнуты, добавленные — подчёркнуты.",
    },
    "changed_clauses": {"uz": "Oʻzgargan bandlar", "ky": "Өзгөргөн пункттар", "ru": "Изменённые пункты"},
    "typography_clauses": {
        "uz": "Faqat belgilarning yozilishi oʻzgargan bandlar",
        "ky": "Белгилердин жазылышы гана өзгөргөн пункттар",
        "ru": "Пункты, где изменена только типографика",
    },
    "added_clauses": {"uz": "Qoʻshilgan bandlar", "ky": "Кошулган пункттар", "ru": "Добавленные пункты"},
    "removed_clauses": {"uz": "Olib tashlangan bandlar", "ky": "Алынып салынган пункттар", "ru": "Исключённые пункты"},
    "renumbered_from": {"uz": "avval 4.1.6", "ky": "мурда 4.1.6", "ru": "ранее 4.1.6"},
    "title_block": {"uz": "sarlavha", "ky": "аталышы", "ru": "заголовок"},
    "unnumbered_block": {"uz": "raqamsiz matn", "ky": "номерсиз текст", "ru": "текст без номера"},
    "no_changes": {
        "uz": "Bu tildagi matn oʻzgarmagan.",
        "ky": "Бул тилдеги текст өзгөргөн жок.",
        "ru": "Текст на этом языке не изменился.",
    },
    "text_with_changes": {
        "uz": "Oʻzgarishlar belgilangan matn",
        "ky": "Өзгөртүүлөр белгиленген текст",
        "ru": "Текст с отмеченными изменениями",
    },
    "unchanged_fold": {"uz": "Oʻzgarishsiz: 2.1–2.4", "ky": "Өзгөрүүсүз: 2.1–2.4", "ru": "Без изменений: 2.1–2.4"},
    "unchanged_fold_plain": {"uz": "Oʻzgarishsiz matn", "ky": "Өзгөрүүсүз текст", "ru": "Текст без изменений"},
    "typography_fold": {
        "uz": "Faqat belgilarning yozilishi oʻzgargan (apostrof, qoʻshtirnoq, tire, boʻshliq, koʻp nuqta): 2.1–2.4",
        "ky": "Белгилердин жазылышы гана өзгөргөн (апостроф, тырмакча, сызыкча, боштук, көп чекит): 2.1–2.4",
        "ru": "Изменена только типографика (апострофы, кавычки, тире, пробелы, многоточия): 2.1–2.4",
    },
    "typography_fold_plain": {
        "uz": "Faqat belgilarning yozilishi oʻzgargan (apostrof, qoʻshtirnoq, tire, boʻshliq, koʻp nuqta)",
        "ky": "Белгилердин жазылышы гана өзгөргөн (апостроф, тырмакча, сызыкча, боштук, көп чекит)",
        "ru": "Изменена только типографика (апострофы, кавычки, тире, пробелы, многоточия)",
    },
    "show_all": {"uz": "Butun matnni koʻrsatish", "ky": "Бүт текстти көрсөтүү", "ru": "Показать весь текст"},
    "fold_unchanged": {
        "uz": "Oʻzgarmagan qismlarni yigʻish",
        "ky": "Өзгөрбөгөн бөлүктөрдү жыйноо",
        "ru": "Свернуть неизменённые части",
    },
    "deleted": {"uz": "oʻchirilgan:", "ky": "өчүрүлгөн:", "ru": "удалено:"},
    "inserted": {"uz": "qoʻshilgan:", "ky": "кошулган:", "ru": "добавлено:"},
    "compare_with_current": {
        "uz": "Amaldagi tahrir bilan solishtirish",
        "ky": "Колдонуудагы редакция менен салыштыруу",
        "ru": "Сравнить с действующей редакцией",
    },
    "full_text_of": {
        "uz": "1.1 tahririning toʻliq matni",
        "ky": "1.1 редакциясынын толук тексти",
        "ru": "Полный текст редакции 1.1",
    },
    "not_found_title": {"uz": "Sahifa topilmadi", "ky": "Барак табылган жок", "ru": "Страница не найдена"},
    "not_found": {
        "uz": "Bu manzilda sahifa yoʻq: havola eskirgan yoki manzil xato yozilgan boʻlishi mumkin.",
        "ky": "Бул даректе барак жок: шилтеме эскирген же дарек туура эмес жазылган болушу мүмкүн.",
        "ru": "По этому адресу страницы нет: возможно, ссылка устарела или адрес набран с ошибкой.",
    },
    "not_found_link": {
        "uz": "Konfidensiallik siyosatining amaldagi matni",
        "ky": "Купуялык саясатынын колдонуудагы тексти",
        "ru": "Действующая редакция Политики конфиденциальности",
    },
    "description": {
        "uz": "Konfidensiallik siyosati, 1.1 tahriri. Kuchga kirgan sana: 2026-yil 15-dekabr",
        "ky": "Купуялык саясаты, 1.1 редакциясы. Күчүнө кирген күнү: 2026-жылдын 15-декабры",
        "ru": f"Политика конфиденциальности, редакция 1.1. Действует с 15 декабря 2026{G}",
    },
    "compare_any": {
        "uz": "Istalgan ikki tahrirni solishtirish",
        "ky": "Каалаган эки редакцияны салыштыруу",
        "ru": "Сравнить любые две редакции",
    },
    "compare_any_title": {
        "uz": "Ikki tahrirni solishtirish",
        "ky": "Эки редакцияны салыштыруу",
        "ru": "Сравнение двух редакций",
    },
    "compare_any_intro": {
        "uz": "Ikki tahrirni tanlang: sahifa qaysi soʻzlar oʻchirilgani va qaysilari qoʻshilganini koʻrsatadi.",
        "ky": "Эки редакцияны тандаңыз: баракта кайсы сөздөр өчүрүлгөнү жана кайсылары кошулганы көрсөтүлөт.",
        "ru": "Выберите две редакции: страница покажет, какие слова удалены и какие добавлены.",
    },
    # The two fields read as one sentence with the versions chosen: «Сравнить редакцию 1.0 с редакцией 1.1».
    "compare_from": {"uz": "Solishtiriladigan tahrir", "ky": "Салыштырылуучу редакция", "ru": "Сравнить редакцию"},
    "compare_to": {"uz": "Qaysi tahrir bilan", "ky": "Кайсы редакция менен", "ru": "с редакцией"},
    "compare_button": {"uz": "Solishtirish", "ky": "Салыштыруу", "ru": "Сравнить"},
    "compare_same": {
        "uz": "Ikki xil tahrirni tanlang.",
        "ky": "Эки башка редакцияны тандаңыз.",
        "ru": "Выберите две разные редакции.",
    },
    "compare_failed": {
        "uz": "Tahrirlar matnini yuklab boʻlmadi. Internetga ulanishni tekshirib, qaytadan urinib koʻring.",
        "ky": (
            "Редакциялардын тексттерин жүктөө мүмкүн болгон жок. Интернетке туташууну текшерип, кайра аракет кылыңыз."
        ),
        "ru": "Не удалось загрузить тексты редакций. Проверьте подключение к интернету и повторите попытку.",
    },
    "compare_unknown": {
        "uz": "1.1 tahriri yoʻq. Roʻyxatdan tahrirni tanlang.",
        "ky": "1.1 редакциясы жок. Тизмеден редакцияны тандаңыз.",
        "ru": "Редакции 1.1 нет. Выберите редакцию из списка.",
    },
    "compare_needs_js": {
        "uz": "Brauzerda solishtirish faqat JavaScript yoqilganda ishlaydi. Tayyor solishtirishlar:",
        "ky": "Браузерде салыштыруу JavaScript күйгүзүлгөндө гана иштейт. Даяр салыштыруулар:",
        "ru": "Сравнение в браузере работает только с включённым JavaScript. Готовые сравнения:",
    },
    "on_date_label": {
        "uz": "Tanlangan sanada qaysi tahrir amalda",
        "ky": "Тандалган күнү кайсы редакция күчүндө",
        "ru": "Какая редакция действует на выбранную дату",
    },
    "on_date_button": {"uz": "Koʻrsatish", "ky": "Көрсөтүү", "ru": "Показать"},
    "on_date_needs_js": {
        "uz": (
            "Tahrirni sana boʻyicha topish faqat JavaScript yoqilganda ishlaydi. Barcha tahrirlarning kuchga "
            "kirish sanalari quyida koʻrsatilgan."
        ),
        "ky": (
            "Редакцияны күн боюнча табуу JavaScript күйгүзүлгөндө гана иштейт. Бардык редакциялардын күчүнө кирүү "
            "күндөрү төмөндө көрсөтүлгөн."
        ),
        "ru": (
            "Поиск редакции по дате работает только с включённым JavaScript. Даты вступления в силу всех редакций "
            "указаны ниже."
        ),
    },
    "on_date_version": {
        "uz": "Bu sanada [1.1 tahriri](../1.1/) amalda (2026-yil 15-dekabr sanasidan boshlab).",
        "ky": "Бул күнү [1.1 редакциясы](../1.1/) күчүндө (2026-жылдын 15-декабрынан тартып).",
        "ru": f"На эту дату действует [редакция 1.1](../1.1/) (с 15 декабря 2026{G}).",
    },
    "on_date_none": {
        "uz": "Bu sanada hech bir tahrir amalda emas: birinchisi 2026-yil 15-dekabr sanasidan boshlab amalda.",
        "ky": "Бул күнү бир да редакция күчүндө эмес: биринчиси 2026-жылдын 15-декабрынан тартып күчүндө.",
        "ru": f"На эту дату не действует ни одна редакция: первая действует с 15 декабря 2026{G}",
    },
    "on_date_impossible": {
        "uz": "Bunday sana yoʻq: 2026-02-31. Boshqa sanani tanlang.",
        "ky": "Мындай күн жок: 2026-02-31. Башка күндү тандаңыз.",
        "ru": "Такой даты нет: 2026-02-31. Выберите другую дату.",
    },
    "effective_date": {
        "uz": "Kuchga kirish sanasi: 2026-yil 15-dekabr",
        "ky": "Күчүнө кирүү күнү: 2026-жылдын 15-декабры",
        "ru": f"Дата вступления в силу: 15 декабря 2026{G}",
    },
    "translation_prevails": {
        "uz": "Bu tarjima. Farq boʻlsa, oʻzbek tilidagi matn ustun turadi.",
        "ky": "Бул котормо. Айырмачылык болсо, өзбек тилиндеги текст артыкчылыкка ээ.",
        "ru": "Это перевод. При расхождениях преимущественную силу имеет текст на узбекском языке.",
    },
    "document_title": {
        "uz": "Konfidensiallik siyosati, 1.1 tahriri",
        "ky": "Купуялык саясаты, 1.1 редакциясы",
        "ru": "Политика конфиденциальности, редакция 1.1",
    },
    "pdf_footer": {
        "uz": "1.1 tahriri · kuchga kirish sanasi: 2026-yil 15-dekabr · 12 sahifadan 3-sahifa",
        "ky": "1.1 редакциясы · күчүнө кирүү күнү: 2026-жылдын 15-декабры · 12 барактын 3-барагы",
        "ru": f"Редакция 1.1 · дата вступления в силу: 15 декабря 2026{G} · страница 3 из 12",
    },
    "pdf_source": {
        "uz": "1.1 tahririning manba matni (Markdown)",
        "ky": "1.1 редакциясынын булак тексти (Markdown)",
        "ru": "Исходный текст редакции 1.1 в формате Markdown",
    },
    "download_pdf": {
        "uz": "PDF shaklida yuklab olish",
        "ky": "PDF түрүндө жүктөп алуу",
        "ru": "Скачать в формате PDF",
    },
    "col_pdf": {"uz": "Arxiv nusxasi", "ky": "Архивдик нуска", "ru": "Архивная копия"},
    "download_archive": {
        "uz": ("Barcha tahrirlarni bitta arxivda yuklab olish (ZIP): matnlar, PDF fayllar va nazorat yigʻindilari"),
        "ky": "Бардык редакцияларды бир архивде жүктөп алуу (ZIP): тексттер, PDF файлдар жана текшерүү суммалары",
        "ru": "Скачать все редакции одним архивом (ZIP): тексты, PDF-файлы и контрольные суммы",
    },
    "to_dark_scheme": {"uz": "Tungi rejimga oʻtish", "ky": "Караңгы темага өтүү", "ru": "Включить тёмную тему"},
    "to_light_scheme": {"uz": "Kunduzgi rejimga oʻtish", "ky": "Жарык темага өтүү", "ru": "Включить светлую тему"},
    "to_system_scheme": {
        "uz": "Qurilmadagi rejimga oʻtish",
        "ky": "Түзмөктүн темасына өтүү",
        "ru": "Включить системную тему",
    },
}


@pytest.mark.parametrize("lang", ["uz", "ky", "ru"])
@pytest.mark.parametrize("key", KEYS)
def test_each_sentence_reads_whole_with_real_values(key: str, lang: str) -> None:
    assert label(key, lang, **values(lang)) == SENTENCES[key][lang]


def test_every_label_has_its_sentence_written_out_here() -> None:
    assert sorted(SENTENCES) == KEYS
    assert find_missing_texts(LANGUAGES, "uz") == {}


def test_uzbek_letters_and_the_tutuq_belgisi_are_typed_as_the_policy_types_them() -> None:
    texts = [text for lang in LANGUAGES for table in interface(lang).values() for text in table.values()]
    assert [text for text in texts if any(mark in text for mark in "‘’'`")] == []


@pytest.mark.parametrize(
    ("month", "nominative", "ablative", "locative"),
    [
        (1, "2027-жылдын 1-январы", "2027-жылдын 1-январынан", "2027-жылдын 1-январында"),
        (2, "2027-жылдын 1-февралы", "2027-жылдын 1-февралынан", "2027-жылдын 1-февралында"),
        (3, "2027-жылдын 1-марты", "2027-жылдын 1-мартынан", "2027-жылдын 1-мартында"),
        (4, "2027-жылдын 1-апрели", "2027-жылдын 1-апрелинен", "2027-жылдын 1-апрелинде"),
        (5, "2027-жылдын 1-майы", "2027-жылдын 1-майынан", "2027-жылдын 1-майында"),
        (6, "2027-жылдын 1-июну", "2027-жылдын 1-июнунан", "2027-жылдын 1-июнунда"),
        (7, "2027-жылдын 1-июлу", "2027-жылдын 1-июлунан", "2027-жылдын 1-июлунда"),
        (8, "2027-жылдын 1-августу", "2027-жылдын 1-августунан", "2027-жылдын 1-августунда"),
        (9, "2027-жылдын 1-сентябры", "2027-жылдын 1-сентябрынан", "2027-жылдын 1-сентябрында"),
        (10, "2027-жылдын 1-октябры", "2027-жылдын 1-октябрынан", "2027-жылдын 1-октябрында"),
        (11, "2027-жылдын 1-ноябры", "2027-жылдын 1-ноябрынан", "2027-жылдын 1-ноябрында"),
        (12, "2027-жылдын 1-декабры", "2027-жылдын 1-декабрынан", "2027-жылдын 1-декабрында"),
    ],
)
def test_a_kyrgyz_date_takes_the_case_its_sentence_needs_in_every_month(
    month: int, nominative: str, ablative: str, locative: str
) -> None:
    day = Day(dt.date(2027, month, 1), "ky")
    assert (f"{day}", f"{day:ablative}", f"{day:locative}") == (nominative, ablative, locative)


@pytest.mark.parametrize(("lang", "written"), [("uz", "2027-yil 1-iyun"), ("ru", f"1 июня 2027{G}")])
def test_dates_in_uzbek_and_russian_need_no_case(lang: str, written: str) -> None:
    day = Day(dt.date(2027, 6, 1), lang)
    assert str(day) == written
    with pytest.raises(ValueError, match="has no case 'ablative'"):
        format(day, "ablative")


def test_links_become_plain_words_where_no_link_can_go() -> None:
    text = label("superseded_on", "ru", date=Day(NEW_DAY, "ru"), id="1.1", url="../1.1/")
    assert plain(text) == f"С 15 декабря 2026{G} заменена редакцией 1.1"


def test_a_language_without_its_file_lacks_every_text_and_its_name_in_the_others() -> None:
    missing = find_missing_texts((*LANGUAGES, "tg"), "uz")
    assert missing["tg"] == {"labels": KEYS_IN_ORDER, "language_names": ["uz", "ky", "ru", "tg"]}
    assert missing["uz"] == missing["ky"] == missing["ru"] == {"labels": [], "language_names": ["tg"]}
