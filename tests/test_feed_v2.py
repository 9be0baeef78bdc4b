"""The version feed v2 (api/v2): its schemas, every field against the versions folder, bytes that do
not depend on the day of the build, and the files beside it."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from policy.api import feed_v2
from policy.api.client import parse_feed
from policy.api.feed import read_texts, render_fragments
from policy.api.feed_v2 import integrity
from policy.errors import PolicyError
from policy.site.outputs import write_api_v2
from policy.sources.versions import Policy, load_policy
from support import CHAIN_BEFORE_2_0, REPO, SITE_URL, Golden, scenario

LANGS = ["uz", "ky", "ru"]


def write(policy: Policy, site_dir: Path, site_url: str = SITE_URL) -> Path:
    """The api/v2 folder of a policy, as the build writes it."""
    texts = read_texts(policy)
    return write_api_v2(policy, site_url, site_dir, texts, render_fragments(policy, texts))


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def feed_policy(policy_copy: Callable[[str], Path]) -> Policy:
    """A copy of two-versions, loaded: 1.0 from 2026-11-24 (material), 1.1 from 2026-12-15."""
    return load_policy(policy_copy("two-versions"))[0]


@pytest.fixture
def api(feed_policy: Policy, tmp_path: Path) -> Path:
    return write(feed_policy, tmp_path / "site")


@pytest.fixture
def feed(api: Path) -> Any:
    return read_json(api / "policy.json")


def test_the_schemas_are_valid_and_published_as_they_are(api: Path) -> None:
    for package_name, published in (
        ("feed_v2.schema.json", "policy.schema.json"),
        ("version_v2.schema.json", "version.schema.json"),
    ):
        content = (REPO / "scripts/policy/api" / package_name).read_bytes()
        Draft202012Validator.check_schema(json.loads(content))
        assert (api / published).read_bytes() == content


def test_the_published_schemas_validate_every_file_written(api: Path) -> None:
    feed_schema = Draft202012Validator(read_json(api / "policy.schema.json"))
    version_schema = Draft202012Validator(read_json(api / "version.schema.json"))
    assert [e.message for e in feed_schema.iter_errors(read_json(api / "policy.json"))] == []
    files = sorted((api / "versions").glob("*.json"))
    assert [path.name for path in files] == ["1.0.json", "1.1.json"]
    for path in files:
        assert [e.message for e in version_schema.iter_errors(read_json(path))] == []


def test_the_feed_holds_what_an_app_decides_with(feed: Any) -> None:
    assert {key: value for key, value in feed.items() if key != "versions"} == {
        "schema_version": 2,
        "policy": {
            "id": "qlever-privacy",
            "title": {"uz": "Konfidensiallik siyosati", "ky": "Купуялык саясаты", "ru": "Политика конфиденциальности"},
        },
        "languages": LANGS,
        "default_language": "uz",
        "authoritative_language": "uz",
        "timezone": "Asia/Bishkek",
    }
    assert [{k: v for k, v in version.items() if k != "documents"} for version in feed["versions"]] == [
        {"id": "1.1", "effective_from": "2026-12-15T00:00:00+06:00", "consent_baseline": "1.0"},
        {"id": "1.0", "effective_from": "2026-11-24T00:00:00+06:00", "consent_baseline": "1.0"},
    ]


def test_each_document_lists_the_size_and_sha256_of_its_markdown_and_html(
    feed_policy: Policy, api: Path, feed: Any
) -> None:
    for version in feed["versions"]:
        assert list(version["documents"]) == LANGS
        for lang, document in version["documents"].items():
            markdown = (api / "versions" / version["id"] / f"{lang}.md").read_bytes()
            html = (api / "versions" / version["id"] / f"{lang}.html").read_bytes()
            assert markdown == feed_policy.version(version["id"]).text_path(lang).read_bytes()
            assert html.startswith(f'<article lang="{lang}">'.encode())
            for listed, content in ((document["markdown"], markdown), (document["html"], html)):
                digest = base64.b64encode(hashlib.sha256(content).digest()).decode()
                assert listed == {"integrity": f"sha256-{digest}", "bytes": len(content)}


def test_each_version_file_holds_what_an_app_shows(feed_policy: Policy, api: Path) -> None:
    assert read_json(api / "versions/1.1.json") == {
        "schema_version": 2,
        "id": "1.1",
        "material": False,
        "previous": "1.0",
        "summary": {lang: feed_policy.version("1.1").summary[lang] for lang in LANGS},
        "documents": {
            "uz": {"page": f"{SITE_URL}versions/1.1/", "changes": f"{SITE_URL}changes/1.1/"},
            "ky": {"page": f"{SITE_URL}ky/versions/1.1/", "changes": f"{SITE_URL}ky/changes/1.1/"},
            "ru": {"page": f"{SITE_URL}ru/versions/1.1/", "changes": f"{SITE_URL}ru/changes/1.1/"},
        },
    }
    first = read_json(api / "versions/1.0.json")
    assert (first["material"], first["previous"], first["documents"]["ru"]["changes"]) == (True, None, None)
    assert first["summary"] == {lang: feed_policy.version("1.0").summary[lang] for lang in LANGS}


def test_the_reference_client_reads_the_feed(api: Path) -> None:
    feed = parse_feed((api / "policy.json").read_bytes(), SITE_URL + "api/v2/policy.json")
    assert [v["id"] for v in feed.versions] == ["1.1", "1.0"]


def test_the_vectors_are_published_as_they_are_kept(api: Path) -> None:
    kept = {path.name: path.read_bytes() for path in (REPO / "clients/vectors").glob("*.json")}
    assert len(kept) == 4
    assert {path.name: path.read_bytes() for path in (api / "vectors").iterdir()} == kept


def test_the_feed_of_a_chain_of_versions(golden: Golden) -> None:
    policy = load_policy(scenario("chain"))[0]
    texts = read_texts(policy)
    files = feed_v2.api_files(policy, SITE_URL, texts, render_fragments(policy, texts))
    for name, golden_name in (("policy.json", "chain-v2.json"), ("versions/2.0.json", "chain-v2-2.0.json")):
        golden.check(f"feed/{golden_name}", json.dumps(json.loads(files[name]), ensure_ascii=False, indent=1) + "\n")


def test_builds_of_the_same_sources_on_different_days_give_the_same_bytes(
    built: Callable[[str, dt.date], Path], chain_after_2_0: Path
) -> None:
    before = built("chain", CHAIN_BEFORE_2_0)
    assert (
        read_json(before / "api/v1/policy.json")["as_of"] != read_json(chain_after_2_0 / "api/v1/policy.json")["as_of"]
    )
    first, second = tree_bytes(before / "api/v2"), tree_bytes(chain_after_2_0 / "api/v2")
    assert len(first) == 1 + 2 + 4 + 3 + 3 * 3 * 2
    assert first == second


def test_a_field_the_schema_does_not_name_writes_nothing(
    feed_policy: Policy, api: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree_bytes(api.parents[1])
    describe = feed_v2.describe_version
    monkeypatch.setattr(feed_v2, "describe_version", lambda *args: {**describe(*args), "status": "current"})
    with pytest.raises(PolicyError) as refusal:
        write(feed_policy, api.parents[1])
    assert str(refusal.value) == (
        "api/v2/policy.json does not match feed_v2.schema.json, so nothing was written: $.versions[0]: Additional "
        "properties are not allowed ('status' was unexpected); $.versions[1]: Additional properties are not allowed "
        "('status' was unexpected). Fix feed_v2.py or the schema, whichever is wrong; a change to the contract needs "
        "docs/decisions/0007-feed-v2.md"
    )
    assert tree_bytes(api.parents[1]) == before


def test_missing_vectors_are_named(feed_policy: Policy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feed_v2, "VECTORS", tmp_path / "clients" / "vectors")
    with pytest.raises(PolicyError) as refusal:
        write(feed_policy, tmp_path / "site")
    assert str(refusal.value) == (
        f"{tmp_path}/clients/vectors: no test vectors (*.json) to publish with the feed. Restore clients/vectors/ from "
        "git"
    )
    assert not (tmp_path / "site").exists()


def test_integrity_is_the_subresource_integrity_value() -> None:
    assert feed_v2.integrity(b"abc") == "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="


def test_each_version_file_lists_its_pdfs_as_v2_recognises_every_file(chain_after_2_0: Path) -> None:
    for lang in ("uz", "ky", "ru"):
        pdf = read_json(chain_after_2_0 / "api/v2/versions/2.0.json")["documents"][lang]["pdf"]
        data = (chain_after_2_0 / f"api/v1/versions/2.0/{lang}.pdf").read_bytes()
        assert pdf == {
            "url": f"{SITE_URL}api/v1/versions/2.0/{lang}.pdf",
            "integrity": integrity(data),
            "bytes": len(data),
        }
