from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policy.publication.search import SEPARATOR, search_facts, split_index
from policy.sources.versions import load_policy
from policy.sources.words import fold
from support import REPO, node_json, scenario

# (typed, folded) pairs that Python's fold and the browser's, in the search worker, both give.
FOLDING = json.loads((Path(__file__).parent / "folding.json").read_text(encoding="utf-8"))
WORKER = REPO / "scripts/policy/site/theme/assets/javascripts/workers/policy-search.js"


def run_worker_function(expression: str) -> object:
    """Evaluate an expression over the search worker's policySearch in Node, and return its JSON."""
    script = (
        "const vm = require('vm'); const fs = require('fs');"
        "const self = {location: {href: 'http://localhost/w.js?theme=t.js'}, addEventListener() {}, postMessage() {}};"
        "const context = vm.createContext({self, URL, MessageEvent: class {}});"
        f"const source = fs.readFileSync({json.dumps(str(WORKER))}, 'utf8');"
        "vm.runInContext(source + ';this.policySearch = policySearch', context);"
        f"process.stdout.write(JSON.stringify(vm.runInContext({json.dumps(expression)}, context)));"
    )
    return node_json(script)


@pytest.mark.parametrize(("typed", "folded"), FOLDING)
def test_python_folds_each_typed_form(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_the_browser_folds_each_typed_form_with_the_table_the_index_carries() -> None:
    table = json.dumps(search_facts("uz", None)["fold"], ensure_ascii=False)
    typed = json.dumps([pair[0] for pair in FOLDING], ensure_ascii=False)
    assert run_worker_function(f"{typed}.map(policySearch.folder({table}))") == [pair[1] for pair in FOLDING]


def test_results_name_their_version_and_status_on_the_readers_day_in_force_first() -> None:
    policy = load_policy(scenario("two-versions")).policy
    facts = json.dumps(search_facts("ru", policy), ensure_ascii=False)
    groups = json.dumps(
        [
            [{"location": "versions/1.1/", "title": "Политика"}, {"location": "versions/1.1/#2-1", "title": "2.1"}],
            [{"location": "versions/1.0/", "title": "Политика"}, {"location": "versions/1.0/#2-1", "title": "2.1"}],
        ],
        ensure_ascii=False,
    )

    def titles(day: str) -> object:
        now = f"Date.parse('{day}T12:00:00+06:00')"
        return run_worker_function(f"policySearch.label({groups}, {facts}, {now}).map(g => g.map(i => i.title))")

    assert titles("2026-11-25") == [
        ["Политика · Редакция 1.0 · действует", "2.1"],
        ["Политика · Редакция 1.1 · вступит в силу", "2.1"],
    ]
    assert titles("2026-12-15") == [
        ["Политика · Редакция 1.1 · действует", "2.1"],
        ["Политика · Редакция 1.0 · утратила силу", "2.1"],
    ]


def test_apostrophes_of_every_kind_fold_away() -> None:
    assert {fold(w) for w in ["ma’lumot", "maʼlumot", "ma'lumot", "ma‘lumot", "malumot"]} == {"malumot"}
    assert fold("oʻzgarish") == fold("o’zgarish") == "ozgarish"


def test_kyrgyz_letters_fold_to_their_plain_forms() -> None:
    assert fold("Теңдик") == "тендик"
    assert fold("өзгөртүү") == "озгортуу"


def test_separator_splits_punctuation_but_keeps_words_with_apostrophes_and_clause_numbers_whole() -> None:
    tokens = [t for t in re.split(SEPARATOR, "«Sayt» ma’lumotlar, 5.2. va (qqs) 2024") if t]
    assert tokens == ["Sayt", "ma’lumotlar", "5.2.", "va", "qqs", "2024"]


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
    assert split["ky"]["docs"][0]["text"] == "теңдик"
    assert split["ky"]["config"]["policy"]["fold"]["ң"] == "н"
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
