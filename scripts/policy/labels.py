"""The texts of the site's own interface, in every language of the policy, and dates as each writes them."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

LABELS: dict[str, dict[str, str]] = {
    "version": {"uz": "Versiya {id}", "ky": "{id} версиясы", "ru": "Версия {id}"},
    "in_force_since": {"uz": "Kuchga kirgan sana: {date}", "ky": "Күчүнө кирген күнү: {date}", "ru": "Действует с {date}"},
    "takes_effect_on": {"uz": "Kuchga kirish sanasi: {date}", "ky": "Күчүнө кирүү күнү: {date}", "ru": "Вступает в силу {date}"},
    "superseded_on": {"uz": "{date} sanasidan boshlab {next} bilan almashtirilgan", "ky": "{date} күнүнөн тартып {next} менен алмаштырылган", "ru": "С {date} заменена: {next}"},
    "next_takes_effect": {"uz": "{version} {date} sanasida kuchga kiradi", "ky": "{version} {date} күнү күчүнө кирет", "ru": "{version} вступает в силу {date}"},
    "not_current": {"uz": "Bu amaldagi matn emas.", "ky": "Бул колдонуудагы текст эмес.", "ru": "Это не действующая редакция."},
    "read_current": {"uz": "Amaldagi matnni o‘qing", "ky": "Колдонуудагы текстти окуңуз", "ru": "Читать действующую редакцию"},
    "not_yet": {"uz": "Bu matn hali kuchga kirmagan.", "ky": "Бул текст азырынча күчүнө кире элек.", "ru": "Эта редакция ещё не вступила в силу."},
    "status_current": {"uz": "amalda", "ky": "күчүндө", "ru": "действует"},
    "status_upcoming": {"uz": "kutilmoqda", "ky": "күтүлүүдө", "ru": "ожидается"},
    "status_superseded": {"uz": "eskirgan", "ky": "күчүн жоготкон", "ru": "утратила силу"},
    "material": {"uz": "Muhim o‘zgarish: foydalanuvchilar qayta rozilik beradi", "ky": "Маанилүү өзгөртүү: колдонуучулар кайра макулдук берет", "ru": "Существенное изменение: пользователи дают согласие заново"},
    "editorial": {"uz": "Tahririy o‘zgarish", "ky": "Редакциялык өзгөртүү", "ru": "Редакционное изменение"},
    "home_title": {"uz": "Amaldagi versiya", "ky": "Колдонуудагы версия", "ru": "Действующая версия"},
    "changelog_title": {"uz": "O‘zgarishlar tarixi", "ky": "Өзгөртүүлөрдүн тарыхы", "ru": "История изменений"},
    "changelog_intro": {"uz": "Siyosatning har bir versiyasi: qachon kuchga kirgani va nima o‘zgargani.", "ky": "Саясаттын ар бир версиясы: качан күчүнө киргени жана эмне өзгөргөнү.", "ru": "Каждая версия политики: когда вступила в силу и что изменилось."},
    "subscribe": {"uz": "O‘zgarishlarga obuna bo‘lish (Atom)", "ky": "Өзгөртүүлөргө жазылуу (Atom)", "ru": "Подписаться на изменения (Atom)"},
    "first_version": {"uz": "Birinchi versiya", "ky": "Биринчи версия", "ru": "Первая версия"},
    "versions_title": {"uz": "Barcha versiyalar", "ky": "Бардык версиялар", "ru": "Все версии"},
    "versions_intro": {"uz": "Siyosatning barcha versiyalari, eng yangisidan boshlab.", "ky": "Саясаттын бардык версиялары, эң жаңысынан баштап.", "ru": "Все версии политики, начиная с самой новой."},
    "col_version": {"uz": "Versiya", "ky": "Версия", "ru": "Версия"},
    "col_effective": {"uz": "Kuchga kirish sanasi", "ky": "Күчүнө кирүү күнү", "ru": "Дата вступления в силу"},
    "col_status": {"uz": "Holati", "ky": "Абалы", "ru": "Статус"},
    "col_summary": {"uz": "O‘zgarishlar", "ky": "Өзгөртүүлөр", "ru": "Изменения"},
    "read_text": {"uz": "Matn", "ky": "Текст", "ru": "Текст"},
    "what_changed": {"uz": "Nima o‘zgardi", "ky": "Эмне өзгөрдү", "ru": "Что изменилось"},
    "what_will_change": {"uz": "Nima o‘zgaradi", "ky": "Эмне өзгөрөт", "ru": "Что изменится"},
    "translation_note": {"uz": "Bu tarjima. {language} tilidagi matn ustun turadi: {link}.", "ky": "Бул котормо. Айырмачылык болсо, {language} тилиндеги текст негизги болуп саналат: {link}.", "ru": "Это перевод. При расхождениях преимущественную силу имеет текст на {language} языке: {link}."},
    "authoritative_link": {"uz": "asl matn", "ky": "түпнуска текст", "ru": "оригинальный текст"},
    "newer_in_force": {"uz": "Yangi versiya kuchga kirdi: {version}.", "ky": "Жаңы версия күчүнө кирди: {version}.", "ru": "Вступила в силу новая версия: {version}."},
    "provenance": {"uz": "Matn oxirgi marta o‘zgartirilgan: {date}, {commit} kommit", "ky": "Текст акыркы жолу өзгөртүлгөн: {date}, {commit} коммит", "ru": "Текст последний раз изменён {date}, коммит {commit}"},
    "changes_title": {"uz": "{id} versiyasidagi o‘zgarishlar", "ky": "{id} версиясындагы өзгөртүүлөр", "ru": "Изменения в версии {id}"},
    "compare_title": {"uz": "{old} va {new} solishtiruvi", "ky": "{old} менен {new} салыштыруу", "ru": "Сравнение: {old} и {new}"},
    "compares": {"uz": "Bu sahifa {old} ({old_date}) matnini {new} ({new_date}) matni bilan solishtiradi.", "ky": "Бул барак {old} ({old_date}) текстин {new} ({new_date}) тексти менен салыштырат.", "ru": "На этой странице текст: {old} ({old_date}) сравнивается с текстом: {new} ({new_date})."},
    "legend": {"uz": "O‘chirilgan so‘zlar ustidan chizilgan, qo‘shilgan so‘zlar tagiga chizilgan.", "ky": "Өчүрүлгөн сөздөр сызылган, кошулган сөздөрдүн асты сызылган.", "ru": "Удалённые слова зачёркнуты, добавленные — подчёркнуты."},
    "changed_clauses": {"uz": "O‘zgargan bandlar", "ky": "Өзгөргөн пункттар", "ru": "Изменённые пункты"},
    "added_clauses": {"uz": "Qo‘shilgan bandlar", "ky": "Кошулган пункттар", "ru": "Добавленные пункты"},
    "removed_clauses": {"uz": "Olib tashlangan bandlar", "ky": "Алынып салынган пункттар", "ru": "Исключённые пункты"},
    "renumbered_from": {"uz": "avval {number}", "ky": "мурда {number}", "ru": "ранее {number}"},
    "title_block": {"uz": "sarlavha", "ky": "аталышы", "ru": "заголовок"},
    "unnumbered_block": {"uz": "raqamsiz matn", "ky": "номерсиз текст", "ru": "текст без номера"},
    "no_changes": {"uz": "Bu tildagi matn o‘zgarmagan.", "ky": "Бул тилдеги текст өзгөргөн жок.", "ru": "Текст на этом языке не изменился."},
    "text_with_changes": {"uz": "O‘zgarishlar belgilangan matn", "ky": "Өзгөртүүлөр белгиленген текст", "ru": "Текст с отмеченными изменениями"},
    "unchanged_fold": {"uz": "O‘zgarishsiz: {clauses}", "ky": "Өзгөрүүсүз: {clauses}", "ru": "Без изменений: {clauses}"},
    "unchanged_fold_plain": {"uz": "O‘zgarishsiz matn", "ky": "Өзгөрүүсүз текст", "ru": "Текст без изменений"},
    "show_all": {"uz": "Butun matnni ko‘rsatish", "ky": "Бүт текстти көрсөтүү", "ru": "Показать весь текст"},
    "fold_unchanged": {"uz": "O‘zgarmagan qismlarni yig‘ish", "ky": "Өзгөрбөгөн бөлүктөрдү жыйноо", "ru": "Свернуть неизменённые части"},
    "deleted": {"uz": "o‘chirilgan:", "ky": "өчүрүлгөн:", "ru": "удалено:"},
    "inserted": {"uz": "qo‘shilgan:", "ky": "кошулган:", "ru": "добавлено:"},
    "compare_with_current": {"uz": "Amaldagi versiya bilan solishtirish", "ky": "Колдонуудагы версия менен салыштыруу", "ru": "Сравнить с действующей редакцией"},
    "full_text_of": {"uz": "{version} to‘liq matni", "ky": "{version}: толук текст", "ru": "{version}: полный текст"},
    "col_changes": {"uz": "Solishtirish", "ky": "Салыштыруу", "ru": "Сравнение"},
    "description": {"uz": "{title}, {version}: {status}", "ky": "{title}, {version}: {status}", "ru": "{title}, {version}: {status}"},
}

# The name of each language, as written in each language, for the translation note.
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "uz": {"uz": "o‘zbek", "ky": "өзбек", "ru": "узбекском"},
    "ky": {"uz": "qirg‘iz", "ky": "кыргыз", "ru": "кыргызском"},
    "ru": {"uz": "rus", "ky": "орус", "ru": "русском"},
}

BABEL_LOCALES = {"uz": "uz_Latn", "ky": "ky", "ru": "ru"}


def label(key: str, lang: str, **values: str) -> str:
    """An interface text in a language, with its {placeholders} filled in."""
    return LABELS[key][lang].format(**values)


def format_day(day: dt.date, lang: str) -> str:
    """A date written out as readers of that language write it (CLDR's long form)."""
    return format_date(day, "long", locale=BABEL_LOCALES.get(lang, lang))
