from __future__ import annotations

import re

from policy.publication.search import SEPARATOR, folded_forms, split_index
from policy.sources.words import fold


def test_apostrophes_of_every_kind_fold_away() -> None:
    assert {fold(w) for w in ["ma’lumot", "maʼlumot", "ma'lumot", "ma‘lumot", "malumot"]} == {"malumot"}
    assert fold("oʻzgarish") == fold("o’zgarish") == "ozgarish"


def test_kyrgyz_letters_fold_to_their_plain_forms() -> None:
    assert fold("Теңдик") == "тендик"
    assert fold("өзгөртүү") == "озгортуу"


def test_only_forms_that_differ_are_added() -> None:
    assert folded_forms("<p>Shaxsiy ma’lumotlar <b>teңдик</b> va 5.2.</p>") == ["malumotlar", "teндик"]


def test_separator_splits_apostrophes_and_punctuation_but_keeps_clause_numbers() -> None:
    tokens = [t for t in re.split(SEPARATOR, "«Sayt» ma’lumotlar, 5.2. va (qqs) 2024") if t]
    assert tokens == ["Sayt", "ma", "lumotlar", "5.2.", "va", "qqs", "2024"]


def test_index_is_split_by_language_root() -> None:
    merged = {
        "config": {"lang": ["tr", "ru"]},
        "docs": [
            {"location": "", "title": "Bosh", "text": "ma’lumot"},
            {"location": "ky/versions/1.0/", "title": "Версия", "text": "теңдик"},
            {"location": "ru/", "title": "Главная", "text": "текст"},
        ],
    }
    split = split_index(merged, ("uz", "ky", "ru"), "uz")
    assert [d["location"] for d in split["ky"]["docs"]] == ["versions/1.0/"]
    assert split["ky"]["docs"][0]["text"] == "теңдик<span hidden> тендик</span>"
    assert split["ru"]["docs"] == [{"location": "", "title": "Главная", "text": "текст"}]
    assert split["uz"]["config"]["lang"] == ["en"] and split["uz"]["config"]["pipeline"] == []
