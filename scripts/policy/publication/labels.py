"""The texts of the site's own interface, in every language of the policy, and dates as each writes them.

Each text is a whole sentence or phrase in which the words around a value agree with it: a
version is named inside each sentence (`Редакция {id}`, `редакцией {id}`), never passed in as a
ready-made name, and a Kyrgyz date takes the case its sentence needs (`{date:ablative} тартып`).
Words in `[brackets]({url})` are a link when the text goes into a page, and plain words elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import format_date

LABELS: dict[str, dict[str, str]] = {
    "version": {"uz": "{id} versiyasi", "ky": "{id} версиясы", "ru": "Редакция {id}"},
    "in_force_since": {"uz": "Kuchga kirgan sana: {date}", "ky": "Күчүнө кирген күнү: {date}", "ru": "Действует с {date}"},
    "takes_effect_on": {"uz": "Kuchga kirish sanasi: {date}", "ky": "Күчүнө кирүү күнү: {date}", "ru": "Вступит в силу {date}"},
    "superseded_on": {
        "uz": "{date} sanasidan boshlab [{id} versiyasi]({url}) bilan almashtirilgan",
        "ky": "{date:ablative} тартып [{id} версиясы]({url}) менен алмаштырылган",
        "ru": "С {date} заменена [редакцией {id}]({url})",
    },
    "next_takes_effect": {
        "uz": "[{id} versiyasi]({url}) {date} sanasida kuchga kiradi.",
        "ky": "[{id} версиясы]({url}) {date:locative} күчүнө кирет.",
        "ru": "[Редакция {id}]({url}) вступит в силу {date}",
    },
    "not_current": {"uz": "Bu amaldagi matn emas.", "ky": "Бул колдонуудагы текст эмес.", "ru": "Это не действующая редакция."},
    "read_current": {"uz": "Amaldagi matnni oʻqing", "ky": "Колдонуудагы текстти окуңуз", "ru": "Читать действующую редакцию"},
    "not_yet": {"uz": "Bu matn hali kuchga kirmagan.", "ky": "Бул текст азырынча күчүнө кире элек.", "ru": "Эта редакция ещё не вступила в силу."},
    "status_current": {"uz": "amalda", "ky": "күчүндө", "ru": "действует"},
    "status_upcoming": {"uz": "kutilmoqda", "ky": "күтүлүүдө", "ru": "вступит в силу"},
    "status_superseded": {"uz": "kuchini yoʻqotgan", "ky": "күчүн жоготкон", "ru": "утратила силу"},
    "material": {"uz": "Muhim oʻzgarish: foydalanuvchilar qayta rozilik beradi", "ky": "Олуттуу өзгөртүү: колдонуучулар кайра макулдук берет", "ru": "Существенное изменение: пользователи дают согласие заново"},
    "editorial": {"uz": "Tahririy oʻzgarish", "ky": "Редакциялык өзгөртүү", "ru": "Редакционное изменение"},
    "home_title": {"uz": "Amaldagi versiya", "ky": "Колдонуудагы версия", "ru": "Действующая редакция"},
    "changelog_title": {"uz": "Oʻzgarishlar tarixi", "ky": "Өзгөртүүлөрдүн тарыхы", "ru": "История изменений"},
    "changelog_intro": {"uz": "Siyosatning har bir versiyasi: qachon kuchga kirishi va nima oʻzgargani.", "ky": "Саясаттын ар бир версиясы: качан күчүнө кирери жана эмне өзгөргөнү.", "ru": "Каждая редакция политики: когда она вступает в силу и что в ней изменено."},
    "subscribe": {"uz": "Oʻzgarishlarga obuna boʻlish (Atom)", "ky": "Өзгөртүүлөргө жазылуу (Atom)", "ru": "Подписаться на изменения (Atom)"},
    "first_version": {"uz": "Birinchi versiya", "ky": "Биринчи версия", "ru": "Первая редакция"},
    "versions_title": {"uz": "Barcha versiyalar", "ky": "Бардык версиялар", "ru": "Все редакции"},
    "versions_intro": {"uz": "Siyosatning barcha versiyalari, eng yangisidan boshlab.", "ky": "Саясаттын бардык версиялары, эң жаңысынан баштап.", "ru": "Все редакции политики, начиная с самой новой."},
    "col_version": {"uz": "Versiya", "ky": "Версия", "ru": "Редакция"},
    "col_effective": {"uz": "Kuchga kirish sanasi", "ky": "Күчүнө кирүү күнү", "ru": "Дата вступления в силу"},
    "col_status": {"uz": "Holati", "ky": "Абалы", "ru": "Статус"},
    "col_summary": {"uz": "Oʻzgarishlar", "ky": "Өзгөртүүлөр", "ru": "Изменения"},
    "col_changes": {"uz": "Solishtirish", "ky": "Салыштыруу", "ru": "Сравнение"},
    "read_text": {"uz": "Matn", "ky": "Текст", "ru": "Текст"},
    "what_changed": {"uz": "Nima oʻzgardi", "ky": "Эмне өзгөрдү", "ru": "Что изменилось"},
    "what_will_change": {"uz": "Nima oʻzgaradi", "ky": "Эмне өзгөрөт", "ru": "Что изменится"},
    "translation_note": {
        "uz": "Bu tarjima. Farq boʻlsa, {language} tilidagi matn ustun turadi: [asl matn]({url}).",
        "ky": "Бул котормо. Айырмачылык болсо, {language} тилиндеги текст артыкчылыкка ээ: [түпнуска текст]({url}).",
        "ru": "Это перевод. При расхождениях преимущественную силу имеет текст на {language} языке: [оригинальный текст]({url}).",
    },
    "newer_in_force": {
        "uz": "Yangi versiya kuchga kirdi: [{id} versiyasi]({url}).",
        "ky": "Жаңы версия күчүнө кирди: [{id} версиясы]({url}).",
        "ru": "Вступила в силу [новая редакция {id}]({url}).",
    },
    "provenance": {"uz": "Matn oxirgi marta oʻzgartirilgan: {date}, {commit} kommiti", "ky": "Текст акыркы жолу өзгөртүлгөн: {date}, {commit} коммити", "ru": "Текст последний раз изменён {date}, коммит {commit}"},
    "changes_title": {"uz": "{id} versiyasidagi oʻzgarishlar", "ky": "{id} версиясындагы өзгөртүүлөр", "ru": "Изменения в редакции {id}"},
    "compare_title": {"uz": "{old} va {new} versiyalarini solishtirish", "ky": "Салыштыруу: {old} версиясы жана {new} версиясы", "ru": "Сравнение редакций {old} и {new}"},
    "compares": {
        "uz": "Bu sahifada ikki matn solishtiriladi: [{old} versiyasi]({old_url}) ({old_date}) va [{new} versiyasi]({new_url}) ({new_date}).",
        "ky": "Бул баракта эки текст салыштырылат: [{old} версиясы]({old_url}) ({old_date}) жана [{new} версиясы]({new_url}) ({new_date}).",
        "ru": "На этой странице сравниваются тексты: [редакция {old}]({old_url}) ({old_date}) и [редакция {new}]({new_url}) ({new_date}).",
    },
    "legend": {"uz": "Oʻchirilgan soʻzlar ustidan chizilgan, qoʻshilgan soʻzlar tagiga chizilgan.", "ky": "Өчүрүлгөн сөздөр сызылган, кошулган сөздөрдүн асты сызылган.", "ru": "Удалённые слова зачёркнуты, добавленные — подчёркнуты."},
    "changed_clauses": {"uz": "Oʻzgargan bandlar", "ky": "Өзгөргөн пункттар", "ru": "Изменённые пункты"},
    "added_clauses": {"uz": "Qoʻshilgan bandlar", "ky": "Кошулган пункттар", "ru": "Добавленные пункты"},
    "removed_clauses": {"uz": "Olib tashlangan bandlar", "ky": "Алынып салынган пункттар", "ru": "Исключённые пункты"},
    "renumbered_from": {"uz": "avval {number}", "ky": "мурда {number}", "ru": "ранее {number}"},
    "title_block": {"uz": "sarlavha", "ky": "аталышы", "ru": "заголовок"},
    "unnumbered_block": {"uz": "raqamsiz matn", "ky": "номерсиз текст", "ru": "текст без номера"},
    "no_changes": {"uz": "Bu tildagi matn oʻzgarmagan.", "ky": "Бул тилдеги текст өзгөргөн жок.", "ru": "Текст на этом языке не изменился."},
    "text_with_changes": {"uz": "Oʻzgarishlar belgilangan matn", "ky": "Өзгөртүүлөр белгиленген текст", "ru": "Текст с отмеченными изменениями"},
    "unchanged_fold": {"uz": "Oʻzgarishsiz: {clauses}", "ky": "Өзгөрүүсүз: {clauses}", "ru": "Без изменений: {clauses}"},
    "unchanged_fold_plain": {"uz": "Oʻzgarishsiz matn", "ky": "Өзгөрүүсүз текст", "ru": "Текст без изменений"},
    "show_all": {"uz": "Butun matnni koʻrsatish", "ky": "Бүт текстти көрсөтүү", "ru": "Показать весь текст"},
    "fold_unchanged": {"uz": "Oʻzgarmagan qismlarni yigʻish", "ky": "Өзгөрбөгөн бөлүктөрдү жыйноо", "ru": "Свернуть неизменённые части"},
    "deleted": {"uz": "oʻchirilgan:", "ky": "өчүрүлгөн:", "ru": "удалено:"},
    "inserted": {"uz": "qoʻshilgan:", "ky": "кошулган:", "ru": "добавлено:"},
    "compare_with_current": {"uz": "Amaldagi versiya bilan solishtirish", "ky": "Колдонуудагы версия менен салыштыруу", "ru": "Сравнить с действующей редакцией"},
    "full_text_of": {"uz": "{id} versiyasining toʻliq matni", "ky": "{id} версиясынын толук тексти", "ru": "Полный текст редакции {id}"},
    "description": {"uz": "{title}, {id} versiyasi. {status}", "ky": "{title}, {id} версиясы. {status}", "ru": "{title}, редакция {id}. {status}"},
}

# The name of each language, as written in each language, for the translation note.
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "uz": {"uz": "oʻzbek", "ky": "өзбек", "ru": "узбекском"},
    "ky": {"uz": "qirgʻiz", "ky": "кыргыз", "ru": "кыргызском"},
    "ru": {"uz": "rus", "ky": "орус", "ru": "русском"},
}

# Kyrgyz writes a date with the month in the possessive (`2026-жылдын 15-декабры`), so that it
# can take a case ending: `15-декабрынан тартып` (from), `15-декабрында` (on).
KYRGYZ_MONTHS = ("январы", "февралы", "марты", "апрели", "майы", "июну", "июлу", "августу", "сентябры", "октябры", "ноябры", "декабры")
KYRGYZ_CASES = {"": "", "ablative": "нан", "locative": "нда"}
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Day:
    """A date as a language writes it; in a label, `{date:ablative}` asks for a case (Kyrgyz only)."""

    day: dt.date
    lang: str

    def __format__(self, case: str) -> str:
        if self.lang == "ky":
            return kyrgyz_day(self.day, case)
        if case:
            raise ValueError(f"a date in {self.lang!r} has no case {case!r}")
        if self.lang == "uz":  # the official style: 2026-yil 15-dekabr
            return format_date(self.day, "y-'yil' d-MMMM", locale="uz_Latn")
        return format_date(self.day, "long", locale=self.lang)

    def __str__(self) -> str:
        return format(self, "")


def kyrgyz_day(day: dt.date, case: str) -> str:
    if case not in KYRGYZ_CASES:
        raise ValueError(f"a Kyrgyz date has no case {case!r}; the cases are: {', '.join(filter(None, KYRGYZ_CASES))}")
    month = KYRGYZ_MONTHS[day.month - 1]
    ending = KYRGYZ_CASES[case]
    if month.endswith("и"):  # a front vowel takes front endings: апрелинен, апрелинде
        ending = ending.replace("а", "е")
    return f"{day.year}-жылдын {day.day}-{month}{ending}"


def label(key: str, lang: str, **values: object) -> str:
    """An interface text in a language, with its {placeholders} filled in."""
    return LABELS[key][lang].format(**values)


def plain(text: str) -> str:
    """A label's text without its links, for where no link can go (a page's description, Atom)."""
    return MARKDOWN_LINK.sub(r"\1", text)


def format_day(day: dt.date, lang: str) -> str:
    """A date written out as readers of that language write it."""
    return str(Day(day, lang))
