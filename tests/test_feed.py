"""The version feed: its schema, every field against the versions folder, the written files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from policy.api import feed as feed_module
from policy.api.feed import render_fragments
from policy.errors import PolicyError
from policy.sources.markup import audit
from policy.sources.versions import Policy, load_policy, read_texts
from site_checks import unsafe_in_fragments
from support import BEFORE_1_1, REPO, SITE_URL, Golden, build_feed, scenario, tree_bytes, write_api

SITE = SITE_URL
AS_OF = BEFORE_1_1
LANGS = ["uz", "ky", "ru"]


def write(policy: Policy, as_of: dt.date, site_dir: Path, site_url: str = SITE) -> Path:
    """The api folder of a policy, as the build writes it."""
    texts = read_texts(policy)
    return write_api(policy, as_of, site_url, site_dir, texts, render_fragments(policy, texts))


@pytest.fixture
def feed_policy(policy_copy: Callable[[str], Path]) -> Policy:
    """A copy of two-versions, loaded: 1.0 in force on 2026-11-25, 1.1 upcoming."""
    return load_policy(policy_copy("two-versions"))[0]


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def api(feed_policy: Policy, tmp_path: Path) -> Path:
    return write(feed_policy, AS_OF, tmp_path / "site")


@pytest.fixture
def feed(api: Path) -> Any:
    return read_json(api / "policy.json")


def test_the_schema_is_a_valid_draft_2020_12_schema_and_is_published_as_is(api: Path) -> None:
    package_schema = (REPO / "scripts/policy/api/feed.schema.json").read_bytes()
    Draft202012Validator.check_schema(json.loads(package_schema))
    assert (api / "policy.schema.json").read_bytes() == package_schema


def test_the_published_schema_validates_the_written_feed(api: Path, feed: Any) -> None:
    validator = Draft202012Validator(
        read_json(api / "policy.schema.json"), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert [error.message for error in validator.iter_errors(feed)] == []
    later = {**feed, "added_later": True, "policy": {**feed["policy"], "added_later": [1]}}
    assert [error.message for error in validator.iter_errors(later)] == []  # clients ignore what they do not know


def test_the_top_level_fields(feed: Any) -> None:
    assert {key: value for key, value in feed.items() if key != "versions"} == {
        "schema_version": 1,
        "policy": {
            "id": "qlever-privacy",
            "title": {"uz": "Konfidensiallik siyosati", "ky": "Купуялык саясаты", "ru": "Политика конфиденциальности"},
        },
        "languages": LANGS,
        "default_language": "uz",
        "authoritative_language": "uz",
        "timezone": "Asia/Bishkek",
        "as_of": "2026-11-25",
        "current": "1.0",
        "upcoming": ["1.1"],
    }


def test_each_version_as_stated_in_its_folder(feed: Any) -> None:
    without_texts = [
        {k: v for k, v in version.items() if k not in ("summary", "documents")} for version in feed["versions"]
    ]
    assert without_texts == [
        {
            "id": "1.1",
            "status": "upcoming",
            "effective_from": "2026-12-15T00:00:00+06:00",
            "effective_until": None,
            "material": False,
            "requires_consent": False,
            "consent_baseline": "1.0",
            "previous": "1.0",
        },
        {
            "id": "1.0",
            "status": "current",
            "effective_from": "2026-11-24T00:00:00+06:00",
            "effective_until": "2026-12-15T00:00:00+06:00",
            "material": True,
            "requires_consent": True,
            "consent_baseline": "1.0",
            "previous": None,
        },
    ]


def test_ids_material_flags_and_summaries_are_read_from_the_versions_folder(feed_policy: Policy, feed: Any) -> None:
    folders = sorted(
        (p for p in (feed_policy.root / "versions").iterdir() if p.is_dir()),
        key=lambda p: [int(n) for n in p.name.split(".")],
        reverse=True,
    )
    assert [v["id"] for v in feed["versions"]] == [folder.name for folder in folders]
    for version, folder in zip(feed["versions"], folders, strict=True):
        metadata = tomllib.loads((folder / "version.toml").read_text(encoding="utf-8"))
        assert version["material"] is metadata["material"]
        assert version["summary"] == {lang: metadata["summary"][lang].strip() for lang in LANGS}
        assert version["effective_from"] == f"{metadata['effective'].isoformat()}T00:00:00+06:00"


def test_the_feed_of_a_chain_of_versions(golden: Golden) -> None:
    policy = load_policy(scenario("chain"))[0]
    golden.check(
        "feed/chain-2027-01-20.json",
        json.dumps(build_feed(policy, dt.date(2027, 1, 20), SITE), ensure_ascii=False, indent=1) + "\n",
    )


@pytest.mark.parametrize(
    ("as_of", "current", "upcoming", "statuses"),
    [
        ("2026-11-23", None, ["1.0", "1.1"], {"1.1": "upcoming", "1.0": "upcoming"}),
        ("2026-11-24", "1.0", ["1.1"], {"1.1": "upcoming", "1.0": "current"}),
        ("2026-11-25", "1.0", ["1.1"], {"1.1": "upcoming", "1.0": "current"}),
        ("2026-12-14", "1.0", ["1.1"], {"1.1": "upcoming", "1.0": "current"}),
        ("2026-12-15", "1.1", [], {"1.1": "current", "1.0": "superseded"}),
    ],
)
def test_status_current_and_upcoming_as_of_a_date(
    feed_policy: Policy, as_of: str, current: str | None, upcoming: list[str], statuses: dict[str, str]
) -> None:
    feed = build_feed(feed_policy, dt.date.fromisoformat(as_of), SITE)
    assert (feed["as_of"], feed["current"], feed["upcoming"]) == (as_of, current, upcoming)
    assert {v["id"]: v["status"] for v in feed["versions"]} == statuses


def test_upcoming_lists_the_soonest_first_and_consent_baseline_follows_the_latest_material_version() -> None:
    feed = build_feed(load_policy(scenario("chain"))[0], AS_OF, SITE)
    assert feed["upcoming"] == ["1.1", "2.0"]
    assert [(v["id"], v["requires_consent"], v["consent_baseline"]) for v in feed["versions"]] == [
        ("2.0", True, "2.0"),
        ("1.1", False, "1.0"),
        ("1.0", True, "1.0"),
    ]


def test_document_urls_are_absolute_and_follow_the_site_conventions(feed: Any) -> None:
    newest, first = feed["versions"]
    assert {k: v for k, v in newest["documents"]["ru"].items() if k not in ("sha256", "bytes")} == {
        "page": "https://privacy.qlever.asia/ru/versions/1.1/",
        "markdown": "https://privacy.qlever.asia/api/v1/versions/1.1/ru.md",
        "html": "https://privacy.qlever.asia/api/v1/versions/1.1/ru.html",
        "changes": "https://privacy.qlever.asia/ru/changes/1.1/",
    }
    assert {k: v for k, v in first["documents"]["uz"].items() if k not in ("sha256", "bytes")} == {
        "page": "https://privacy.qlever.asia/versions/1.0/",
        "markdown": "https://privacy.qlever.asia/api/v1/versions/1.0/uz.md",
        "html": "https://privacy.qlever.asia/api/v1/versions/1.0/uz.html",
        "changes": None,
    }


def test_every_api_url_names_a_written_file(api: Path, feed: Any) -> None:
    for version in feed["versions"]:
        assert list(version["documents"]) == LANGS
        for document in version["documents"].values():
            for key in ("markdown", "html"):
                assert document[key].startswith(SITE + "api/v1/")
                assert (api / document[key].removeprefix(SITE + "api/v1/")).is_file()


def test_markdown_is_served_byte_for_byte_with_its_hash_and_size(feed_policy: Policy, api: Path, feed: Any) -> None:
    for version in feed["versions"]:
        for lang, document in version["documents"].items():
            source = feed_policy.version(version["id"]).text_path(lang).read_bytes()
            served = (api / "versions" / version["id"] / f"{lang}.md").read_bytes()
            assert served == source
            assert (document["sha256"], document["bytes"]) == (hashlib.sha256(served).hexdigest(), len(served))


def test_the_feed_is_compact_utf8_json_with_a_final_newline(api: Path, feed: Any) -> None:
    raw = (api / "policy.json").read_bytes()
    assert raw == (json.dumps(feed, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    assert "Купуялык саясаты".encode() in raw
    assert list(feed)[:2] == ["schema_version", "policy"]


def test_the_same_sources_and_date_give_identical_bytes(feed_policy: Policy, api: Path, tmp_path: Path) -> None:
    first = tree_bytes(api)
    again = write(feed_policy, AS_OF, tmp_path / "again")
    assert tree_bytes(again) == first
    assert tree_bytes(write(feed_policy, AS_OF, tmp_path / "site")) == first
    assert sorted(p.name for p in (tmp_path / "site" / "api").iterdir()) == ["v1"]


def test_an_invalid_feed_writes_nothing(feed_policy: Policy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feed_module, "SCHEMA_VERSION", 2)
    with pytest.raises(PolicyError) as refusal:
        write(feed_policy, AS_OF, tmp_path / "site")
    assert str(refusal.value) == (
        "the feed does not match feed.schema.json, so nothing was written: $.schema_version: 1 was expected. "
        "Fix feed.py or the schema, whichever is wrong; a change to the contract needs "
        "docs/decisions/0004-feed-contract.md"
    )
    assert not (tmp_path / "site").exists()


def test_an_invalid_feed_leaves_the_last_written_api_untouched(
    feed_policy: Policy, api: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree_bytes(api.parents[1])
    monkeypatch.setattr(feed_module, "describe_document", lambda *args: {"page": "not a url"})
    with pytest.raises(
        PolicyError,
        match=(
            r"^the feed does not match feed.schema.json, so nothing was written: \$.versions\[0\].documents.ky: "
            r"'markdown' is a required property; "
        ),
    ):
        write(feed_policy, AS_OF, api.parents[1])
    assert tree_bytes(api.parents[1]) == before


def test_a_missing_translation_is_named(feed_policy: Policy, tmp_path: Path) -> None:
    path = feed_policy.version("1.1").text_path("ky")
    path.unlink()
    with pytest.raises(PolicyError) as refusal:
        write(feed_policy, AS_OF, tmp_path / "site")
    assert str(refusal.value) == (
        "versions/1.1/ky.md: version 1.1 has no text in 'ky', so the feed cannot list it. "
        "Add ky.md, then run `policy check`"
    )
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "site_url", ["/", "privacy.qlever.asia", "ftp://privacy.qlever.asia/", "https://privacy.qlever.asia/?x=1"]
)
def test_site_url_must_be_absolute(feed_policy: Policy, site_url: str) -> None:
    with pytest.raises(PolicyError) as refusal:
        build_feed(feed_policy, AS_OF, site_url)
    assert str(refusal.value) == (
        f"site_url {site_url!r} is not an absolute http(s) address: the feed's URLs are absolute. Set site_url in "
        "mkdocs.yml, e.g. site_url: https://privacy.qlever.asia/"
    )


def test_site_url_gets_its_final_slash(feed_policy: Policy) -> None:
    feed = build_feed(feed_policy, AS_OF, "https://example.org/policy")
    assert feed["versions"][0]["documents"]["uz"]["markdown"] == "https://example.org/policy/api/v1/versions/1.1/uz.md"


def test_html_fragments_have_no_script_no_handlers_and_nothing_from_elsewhere(chain_after_2_0: Path) -> None:
    fragments = sorted((chain_after_2_0 / "api" / "v1" / "versions").glob("*/*.html"))
    assert len(fragments) == 9
    assert unsafe_in_fragments(chain_after_2_0) == []
    assert [audit(path.read_text(encoding="utf-8")) for path in fragments] == [[]] * 9


def test_the_safety_check_names_what_a_fragment_must_not_hold(tmp_path: Path) -> None:
    folder = tmp_path / "api" / "v1" / "versions" / "1.0"
    folder.mkdir(parents=True)
    (folder / "ru.html").write_text(
        '<article><img src="x.png"><a href="https://example.org" onclick="f()">x</a><a href="#5-2">5.2</a></article>',
        encoding="utf-8",
    )
    assert unsafe_in_fragments(tmp_path) == [
        "api/v1/versions/1.0/ru.html: <img>",
        "api/v1/versions/1.0/ru.html: src= on <img>",
        "api/v1/versions/1.0/ru.html: onclick= on <a>",
        "api/v1/versions/1.0/ru.html: a link to 'https://example.org'",
    ]


def test_html_fragments_anchor_every_clause_in_the_texts_language(api: Path) -> None:
    soup = BeautifulSoup((api / "versions/1.1/ru.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.article is not None
    assert soup.article["lang"] == "ru"
    clause = soup.find(id="2-2")
    assert clause is not None
    assert clause.name == "p"
    assert clause.get_text().startswith("2.2.")
    section = soup.find(id="2")
    assert section is not None
    assert section.name == "h2"


def test_raw_html_in_a_text_is_shown_as_text_never_run(feed_policy: Policy, tmp_path: Path) -> None:
    path = feed_policy.version("1.1").text_path("ru")
    path.write_text(
        path.read_text(encoding="utf-8") + '\n<script>alert(1)</script>\n\nA <b onclick="steal()">bold</b> move.\n',
        encoding="utf-8",
    )
    api = write(feed_policy, AS_OF, tmp_path / "site")
    fragment = (api / "versions/1.1/ru.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fragment
    assert "<script" not in fragment
    assert "<b " not in fragment
    assert (api / "versions/1.1/ru.md").read_bytes() == path.read_bytes()


def test_an_image_or_a_link_off_the_page_is_refused(feed_policy: Policy, tmp_path: Path) -> None:
    path = feed_policy.version("1.1").text_path("ru")
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n![logo](https://cdn.example.org/logo.png) and [site](https://example.org)\n",
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as refusal:
        write(feed_policy, AS_OF, tmp_path / "site")
    assert str(refusal.value) == (
        "versions/1.1/ru.md: the text would put <img>, alt= on <img>, src= on <img>, a link to 'https://example.org' "
        "into the app's HTML. Write plain text: no images, and web addresses as text rather than links"
    )
    assert not (tmp_path / "site").exists()


def test_a_field_the_schema_does_not_name_writes_nothing(
    feed_policy: Policy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fields = feed_module.policy_fields
    monkeypatch.setattr(feed_module, "policy_fields", lambda policy: {**fields(policy), "status": "current"})
    with pytest.raises(PolicyError) as refusal:
        write(feed_policy, AS_OF, tmp_path / "site")
    assert str(refusal.value).startswith(
        "the feed does not match feed.schema.json, so nothing was written: $: Additional properties are not allowed "
        "('status' was unexpected)"
    )
    assert not (tmp_path / "site").exists()
