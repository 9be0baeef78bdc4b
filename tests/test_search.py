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
    assert split["uz"]["config"]["lang"] == ["en"]
    assert split["uz"]["config"]["pipeline"] == []


def test_each_clause_is_an_entry_of_its_own_titled_with_its_number() -> None:
    section = {
        "location": "ru/versions/1.1/#5",
        "title": "5. Хранение",
        "text": "<p>Вводный текст.</p> <p>5.1. Данные хранятся <code>30</code> дней.</p> <p>5.2. Затем удаляются.</p>",
    }
    split = split_index({"docs": [section]}, ("uz", "ky", "ru"), "uz")["ru"]["docs"]
    assert split == [
        {"location": "versions/1.1/#5", "title": "5. Хранение", "text": "<p>Вводный текст.</p>"},
        {"location": "versions/1.1/#5-1", "title": "5.1", "text": "<p>Данные хранятся <code>30</code> дней.</p>"},
        {"location": "versions/1.1/#5-2", "title": "5.2", "text": "<p>Затем удаляются.</p>"},
    ]


def test_a_page_without_clauses_keeps_its_entry_as_it_is() -> None:
    doc = {"location": "changelog/#v1-1", "title": "Редакция 1.1", "text": "<p>вступит в силу</p>"}
    assert split_index({"docs": [doc]}, ("ru",), "ru")["ru"]["docs"] == [doc]
