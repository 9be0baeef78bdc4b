"""The version feed v2 (api/v2): its schemas, every field against the versions folder, bytes that do
not depend on the day of the build, and the files beside it."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate as validate_openapi
from openapi_spec_validator.readers import read_from_filename

from policy.api import feed_v2
from policy.api.feed import render_fragments
from policy.api.feed_v2 import integrity
from policy.api.signing import (
    SigningKey,
    check_key_set,
    new_signing_key,
    read_signing_keys,
    thumbprint,
)
from policy.errors import PolicyError
from policy.sources.versions import Policy, load_policy, read_texts
from qlever_policy_client import parse_feed, verify_signature
from support import CHAIN_BEFORE_2_0, REPO, SITE_URL, Golden, add_public_key, tree_bytes, write_api_v2

LANGS = ["uz", "ky", "ru"]
FORMATS = FormatChecker()
VECTOR_FILES = [
    "decisions.json",
    "feeds.json",
    "freshness.json",
    "ids.json",
    "records.json",
    "signatures.json",
    "texts.json",
]
CONTRACT = REPO / "clients/python/qlever_policy_client/schemas"
"""The schemas of api/v2, kept in the Python client's package."""


def write(policy: Policy, site_dir: Path, site_url: str = SITE_URL, keys: tuple[SigningKey, ...] = ()) -> Path:
    """The api/v2 folder of a policy, as the build writes it."""
    texts = read_texts(policy)
    return write_api_v2(policy, site_url, site_dir, texts, render_fragments(policy, texts), keys)


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
    for name in (
        "policy.schema.json",
        "version.schema.json",
        "keys.schema.json",
        "signature.schema.json",
        "consent-record.schema.json",
    ):
        content = (CONTRACT / name).read_bytes()
        Draft202012Validator.check_schema(json.loads(content))
        assert (api / name).read_bytes() == content


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
    assert sorted(kept) == VECTOR_FILES
    assert {path.name: path.read_bytes() for path in (api / "vectors").iterdir()} == kept


def test_the_feed_of_a_chain_of_versions(golden: Golden, policy_copy: Callable[[str], Path]) -> None:
    policy = load_policy(policy_copy("chain"))[0]
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
    assert sorted(name for name in first if "/" not in name) == [
        "consent-record.schema.json",
        "keys.json",
        "keys.schema.json",
        "openapi.json",
        "policy.json",
        "policy.schema.json",
        "signature.schema.json",
        "timestamp.json",
        "timestamp.schema.json",
        "version.schema.json",
    ]
    assert len(first) == 10 + len(VECTOR_FILES) + 3 + 3 * 3 * 2
    stamps = first.pop("timestamp.json"), second.pop("timestamp.json")
    assert first == second  # every file but the timestamp
    assert [json.loads(stamp) for stamp in stamps] == [
        {
            "schema_version": 2,
            "feed": {
                "path": "policy.json",
                "integrity": integrity(first["policy.json"]),
                "bytes": len(first["policy.json"]),
            },
            "issued": issued,
            "expires": expires,
        }
        for issued, expires in (
            ("2027-01-20T00:00:00+06:00", "2027-01-27T00:00:00+06:00"),
            ("2027-03-01T00:00:00+06:00", "2027-03-08T00:00:00+06:00"),
        )
    ]
    assert all(150 < len(stamp) < 400 for stamp in stamps)


def test_a_field_the_schema_does_not_name_writes_nothing(
    feed_policy: Policy, api: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree_bytes(api.parents[1])
    describe = feed_v2.describe_version
    monkeypatch.setattr(feed_v2, "describe_version", lambda *args: {**describe(*args), "status": "current"})
    with pytest.raises(PolicyError) as refusal:
        write(feed_policy, api.parents[1])
    assert str(refusal.value) == (
        "api/v2/policy.json does not match policy.schema.json, so nothing was written: $.versions[0]: Additional "
        "properties are not allowed ('status' was unexpected); $.versions[1]: Additional properties are not allowed "
        "('status' was unexpected). Fix feed_v2.py or the schema, whichever is wrong; a change to the contract needs "
        "docs/decisions/0007-feed-v2.md"
    )
    assert tree_bytes(api.parents[1]) == before


def test_missing_vectors_are_named(feed_policy: Policy, tmp_path: Path) -> None:
    (feed_policy.root / "clients").unlink()
    with pytest.raises(PolicyError) as refusal:
        write(feed_policy, tmp_path / "site")
    assert str(refusal.value) == (
        "clients/vectors/ beside versions/ has no test vectors (*.json) to publish with the feed. Restore the folder "
        "from git (git checkout -- clients/vectors); a policy kept outside this repository needs its own copy"
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


# Signatures (docs/decisions/0009-signed-feed-and-consent.md).


def signed_api(policy: Policy, keys: tuple[SigningKey, ...]) -> dict[str, bytes]:
    texts = read_texts(policy)
    return feed_v2.api_files(policy, SITE_URL, texts, render_fragments(policy, texts), signing_keys=keys)


def test_without_a_key_nothing_is_signed_and_keys_json_lists_no_key(api: Path) -> None:
    assert not list(api.rglob("*.sig.json"))
    assert read_json(api / "keys.json") == {"keys": []}


def test_the_feed_and_each_version_file_are_signed_the_same_way_every_time(feed_policy: Policy) -> None:
    key = new_signing_key()[0]
    add_public_key(feed_policy.root, key)
    files = signed_api(feed_policy, (key,))
    signed = sorted(name.removesuffix(".sig.json") + ".json" for name in files if name.endswith(".sig.json"))
    assert signed == ["policy.json", "versions/1.0.json", "versions/1.1.json"]
    for name in signed:
        signature = files[name.removesuffix(".json") + ".sig.json"]
        Draft202012Validator(read_json(CONTRACT / "signature.schema.json")).validate(json.loads(signature))
        assert verify_signature(files[name], signature, [key.jwk]) == (key.kid,)
    assert json.loads(files["keys.json"]) == {"keys": [key.jwk]}
    assert signed_api(feed_policy, (key,)) == files  # Ed25519 is deterministic: no date, no randomness


def test_while_keys_rotate_each_signs(feed_policy: Policy) -> None:
    old, new = new_signing_key()[0], new_signing_key()[0]
    add_public_key(feed_policy.root, old)
    add_public_key(feed_policy.root, new)
    files = signed_api(feed_policy, (old, new))
    assert [entry["kid"] for entry in json.loads(files["policy.sig.json"])["signatures"]] == [old.kid, new.kid]
    for pinned in (old, new):
        assert verify_signature(files["policy.json"], files["policy.sig.json"], [pinned.jwk]) == (pinned.kid,)


def test_a_key_that_is_not_published_signs_nothing(feed_policy: Policy, tmp_path: Path) -> None:
    key = new_signing_key()[0]
    with pytest.raises(PolicyError) as refusal:
        write(feed_policy, tmp_path / "site", keys=(key,))
    assert str(refusal.value) == (
        f"the signing key {key.kid} in POLICY_SIGNING_KEY is not in signing-keys.json, so apps could not verify what "
        "it signs: add its public key there (`policy keygen` does), or set POLICY_SIGNING_KEY to a key that is listed"
    )
    assert not (tmp_path / "site").exists()


def test_a_published_key_named_by_another_kid_is_refused(feed_policy: Policy, tmp_path: Path) -> None:
    jwk = new_signing_key()[0].jwk
    other = new_signing_key()[0].kid
    (feed_policy.root / "signing-keys.json").write_text(json.dumps({"keys": [{**jwk, "kid": other}]}), "utf-8")
    with pytest.raises(PolicyError) as refusal:
        write(feed_policy, tmp_path / "site")
    assert str(refusal.value) == (
        f"signing-keys.json: $.keys[0].kid is {other}, but the thumbprint of its key is {jwk['kid']}: a kid names "
        "exactly one key; copy the key again as `policy keygen` wrote it"
    )


def test_the_kid_is_the_rfc_7638_thumbprint() -> None:
    # RFC 8037, appendix A.3: the thumbprint of its example Ed25519 key.
    assert thumbprint("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo") == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"


def test_the_signing_keys_of_the_environment(tmp_path: Path) -> None:
    first, first_pem = new_signing_key()
    second, second_pem = new_signing_key()
    both = read_signing_keys(first_pem.decode() + "\n" + second_pem.decode())
    assert [key.kid for key in both] == [first.kid, second.kid]
    assert read_signing_keys(None) == read_signing_keys("  \n") == ()
    with pytest.raises(PolicyError) as refusal:
        read_signing_keys(first_pem.decode() + "and a stray line\n")
    assert str(refusal.value).startswith("POLICY_SIGNING_KEY is set but is not one or more Ed25519 private keys")


# The OpenAPI description.


def test_the_openapi_description_is_valid_and_names_every_file(api: Path) -> None:
    spec, _ = read_from_filename(str(api / "openapi.json"))
    validate_openapi(spec, base_uri=(api / "openapi.json").as_uri())
    assert spec["openapi"] == "3.1.0"
    assert [server["url"] for server in spec["servers"]] == [SITE_URL + "api/v2", "."]
    templates = [re.compile("^" + re.sub(r"\\{\w+\\}", "[^/]+", re.escape(path)) + "$") for path in spec["paths"]]
    published = [*tree_bytes(api), "policy.sig.json", "versions/1.0.sig.json"]
    assert [name for name in published if not any(t.match("/" + name) for t in templates)] == []


def test_the_openapi_examples_match_their_schemas(api: Path) -> None:
    spec = read_json(api / "openapi.json")
    checked = []
    for path, item in spec["paths"].items():
        for response in item["get"]["responses"].values():
            for content in response.get("content", {}).values():
                if "example" in content and "$ref" in content["schema"]:
                    schema = read_json(api / content["schema"]["$ref"])
                    Draft202012Validator(schema, format_checker=FORMATS).validate(content["example"])
                    checked.append(path)
    record = spec["components"]["schemas"]["ConsentRecord"]
    for example in record["examples"]:
        Draft202012Validator(read_json(api / record["$ref"])).validate(example)
    assert checked == [
        "/policy.json",
        "/policy.sig.json",
        "/timestamp.json",
        "/timestamp.sig.json",
        "/versions/{id}.json",
        "/keys.json",
    ]
    example_feed = spec["paths"]["/policy.json"]["get"]["responses"]["200"]["content"]["application/json"]["example"]
    assert parse_feed(json.dumps(example_feed).encode(), SITE_URL + "api/v2/policy.json").versions


def test_the_app_developers_guide_prints_the_keys_that_sign() -> None:
    guide = (REPO / "docs" / "app-developers.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Signatures") :]
    block = section[section.index("```json\n") + len("```json\n") : section.index("\n```", section.index("```json"))]
    published = read_json(REPO / "signing-keys.json")
    assert json.loads(block) == published
    check_key_set(published)


def test_the_openapi_description_names_the_site_it_is_built_for(feed_policy: Policy) -> None:
    texts = read_texts(feed_policy)
    files = feed_v2.api_files(
        feed_policy, "https://mirror.example.org/qlever", texts, render_fragments(feed_policy, texts)
    )
    servers = json.loads(files["openapi.json"])["servers"]
    assert [server["url"] for server in servers] == ["https://mirror.example.org/qlever/api/v2", "."]
