"""The Python client (qlever_policy_client) against the api/v2 folder written for two-versions, served on
127.0.0.1 as a host serves it: with ETags, and gzipped when asked. The test vectors it passes, shared
with the JavaScript client, are run by test_vectors.py."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from policy.api.feed import render_fragments
from policy.api.signing import SigningKey, new_signing_key
from policy.sources.versions import Policy, load_policy, read_texts
from qlever_policy_client import (
    FeedError,
    check_consent_record,
    choose_document,
    consent_record,
    download_text,
    fetch_feed,
    must_accept,
    next_change,
    parse_feed,
    record_covers,
    version_in_force,
    withdraw_consent,
)
from qlever_policy_client.cli import main
from support import add_public_key, write_api_v2


@dataclass
class Host:
    """What the server serves (the files of a folder, unless overridden) and what it was asked."""

    root: Path
    gzip: bool = True
    overrides: dict[str, bytes | int] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    encoding: str = "gzip"


def handler_for(host: Host) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # the base class's name
            pass

        def do_GET(self) -> None:
            host.requests.append((self.path, dict(self.headers)))
            body = host.overrides.get(self.path)
            if body is None:
                path = host.root / self.path.lstrip("/")
                body = path.read_bytes() if path.is_file() else 404
            if isinstance(body, int):
                self.send_error(body)
                return
            etag = f'"{hashlib.sha256(body).hexdigest()[:20]}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", etag)
            if host.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
                self.send_header("Content-Encoding", host.encoding)
                body = gzip.compress(body, mtime=0) if host.encoding == "gzip" else body
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@dataclass(frozen=True)
class Served:
    host: Host
    site_url: str
    key: SigningKey
    """The key the served api/v2 is signed with; its public half is in keys.json."""

    @property
    def url(self) -> str:
        return self.site_url + "api/v2/policy.json"

    def file(self, name: str) -> Path:
        return self.host.root / "api" / "v2" / name


@pytest.fixture
def feed_policy(policy_copy: Callable[[str], Path]) -> Policy:
    """A copy of two-versions, loaded: 1.0 takes effect on 2026-11-24, 1.1 on 2026-12-15."""
    return load_policy(policy_copy("two-versions"))[0]


@pytest.fixture
def served(feed_policy: Policy, tmp_path: Path) -> Iterator[Served]:
    key = new_signing_key()[0]
    add_public_key(feed_policy.root, key)
    host = Host(tmp_path / "site")
    host.root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(host))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        site_url = f"http://127.0.0.1:{server.server_address[1]}/"
        texts = read_texts(feed_policy)
        write_api_v2(feed_policy, site_url, host.root, texts, render_fragments(feed_policy, texts), (key,))
        yield Served(host, site_url, key)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def refusal(attempt: Callable[[], Any]) -> FeedError:
    with pytest.raises(FeedError) as raised:
        attempt()
    return raised.value


def test_the_feed_is_fetched_gzipped_and_kept_as_served(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5)
    assert [v["id"] for v in feed.versions] == ["1.1", "1.0"]
    assert feed.body == served.file("policy.json").read_bytes()
    assert feed.etag is not None
    assert feed.etag.startswith('"')
    assert served.host.requests[-1][1]["Accept-Encoding"] == "gzip"


def test_decisions_by_the_clients_own_clock(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5)
    before, midnight = at("2026-12-14T17:59:59Z"), at("2026-12-15T00:00:00+06:00")
    assert [(v or {}).get("id") for v in (version_in_force(feed, before), version_in_force(feed, midnight))] == [
        "1.0",
        "1.1",
    ]
    assert next_change(feed, before) == midnight
    assert next_change(feed, midnight) is None
    assert [must_accept(feed, accepted, midnight) for accepted in (None, "0.9", "1.0", "1.1")] == [
        True,
        True,
        False,
        False,
    ]
    assert must_accept(feed, None, at("2026-11-23T23:59:59+06:00")) is False


def test_an_instant_without_a_zone_and_an_id_that_is_none_are_feed_errors(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5)
    naive = refusal(lambda: version_in_force(feed, dt.datetime(2026, 12, 15)))
    bad_id = refusal(lambda: must_accept(feed, "01.2", at("2026-12-15T00:00:00+06:00")))
    assert (naive.kind, str(naive)) == (
        "instant",
        "datetime.datetime(2026, 12, 15, 0, 0) is not an instant with a time zone: pass e.g. "
        "datetime.now(timezone.utc)",
    )
    assert (bad_id.kind, str(bad_id)) == ("id", "'01.2' is not a version id: MAJOR.MINOR, like 1.0 or 1.10")


def test_every_text_is_verified_as_markdown_and_as_html(feed_policy: Policy, served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5)
    for version in feed.versions:
        for lang in feed.data["languages"]:
            markdown = download_text(feed, version["id"], lang, timeout=5)
            html = download_text(feed, version["id"], lang, "html", timeout=5)
            assert markdown.text == feed_policy.version(version["id"]).read_text(lang)
            assert html.text == served.file(f"versions/{version['id']}/{lang}.html").read_text(encoding="utf-8")
            assert (markdown.lang, html.lang) == (lang, lang)
            assert (markdown.integrity, html.integrity) == (
                version["documents"][lang]["markdown"]["integrity"],
                version["documents"][lang]["html"]["integrity"],
            )


def test_texts_are_found_beside_the_feed_in_the_language_chosen(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5)
    document = choose_document(feed, "1.1", "ru-KG")
    assert (document.lang, document.markdown.url, document.html.url) == (
        "ru",
        served.site_url + "api/v2/versions/1.1/ru.md",
        served.site_url + "api/v2/versions/1.1/ru.html",
    )
    assert choose_document(feed, "1.1", "en").lang == "uz"


def test_the_copy_kept_is_returned_on_a_304(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5)
    assert fetch_feed(served.url, timeout=5, previous=feed) is feed
    assert served.host.requests[-1][1]["If-None-Match"] == feed.etag


def test_hashes_are_of_the_body_with_its_content_encoding_undone(served: Served) -> None:
    served.host.gzip = False
    plain = fetch_feed(served.url, timeout=5)
    served.host.gzip = True
    assert fetch_feed(served.url, timeout=5) == plain
    served.host.encoding = "br"
    unasked = refusal(lambda: download_text(plain, "1.1", "ru", timeout=5))
    assert (unasked.kind, str(unasked)) == (
        "fetch",
        f"{served.site_url}api/v2/versions/1.1/ru.md sent Content-Encoding br, which this client did not ask for",
    )


def test_a_tampered_text_is_refused_by_its_hash(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5)
    original = served.file("versions/1.1/ru.md").read_bytes()
    served.host.overrides["/api/v2/versions/1.1/ru.md"] = original.replace(b"1.1.", b"1.2.", 1)
    document = feed.versions[0]["documents"]["ru"]["markdown"]
    error = refusal(lambda: download_text(feed, "1.1", "ru", timeout=5))
    assert error.kind == "integrity"
    assert str(error).startswith(f"the text at {served.site_url}api/v2/versions/1.1/ru.md has integrity sha256-")
    assert str(error).endswith(
        f", the feed says {document['integrity']}: do not show it; fetch the feed and the text again"
    )


def test_a_truncated_text_is_refused_by_its_size(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5)
    original = served.file("versions/1.0/uz.html").read_bytes()
    served.host.overrides["/api/v2/versions/1.0/uz.html"] = original[:100]
    error = refusal(lambda: download_text(feed, "1.0", "uz", "html", timeout=5))
    assert (error.kind, str(error)) == (
        "size",
        f"the text at {served.site_url}api/v2/versions/1.0/uz.html is 100 bytes, the feed says {len(original)}: do "
        "not show it; fetch the feed and the text again",
    )


def test_what_cannot_be_fetched_is_named(served: Served) -> None:
    missing = refusal(lambda: fetch_feed(served.site_url + "api/v3/policy.json", timeout=5))
    relative = refusal(lambda: fetch_feed("/api/v2/policy.json", timeout=5))
    served.host.overrides["/api/v2/policy.json"] = b"<html>maintenance</html>"
    page = refusal(lambda: fetch_feed(served.url, timeout=5))
    assert (missing.kind, str(missing)) == ("fetch", f"{served.site_url}api/v3/policy.json answered HTTP 404 Not Found")
    assert (relative.kind, str(relative)) == (
        "url",
        "'/api/v2/policy.json' is not an absolute http(s) address, like https://privacy.qlever.asia/api/v2/policy.json",
    )
    assert (page.kind, str(page)) == (
        "json",
        f"the feed at {served.url} is not UTF-8 JSON (Expecting value: line 1 column 1 (char 0))",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda feed: feed["versions"][0].update(id="01.2"),
            "the feed is malformed at /versions/0/id: '01.2' does not match '^(0|[1-9][0-9]*)\\\\.(0|[1-9][0-9]*)$'",
        ),
        (lambda feed: feed.pop("timezone"), "the feed is malformed at /timezone: 'timezone' is a required property"),
        (
            lambda feed: feed["versions"][1].update(effective_from="2026-12-15T00:00:00+06:00"),
            "the feed is malformed at /versions/1/effective_from: 2026-12-15T00:00:00+06:00 is not before "
            "2026-12-15T00:00:00+06:00, when 1.1 takes effect",
        ),
        (
            lambda feed: feed["versions"][0].update(consent_baseline="1.5"),
            "the feed is malformed at /versions/0/consent_baseline: 1.5 is not a version listed at or before 1.1",
        ),
    ],
)
def test_a_malformed_feed_is_refused_naming_the_field(
    served: Served, change: Callable[[dict[str, Any]], Any], message: str
) -> None:
    feed = json.loads(served.file("policy.json").read_bytes())
    change(feed)
    served.host.overrides["/api/v2/policy.json"] = json.dumps(feed).encode()
    error = refusal(lambda: fetch_feed(served.url, timeout=5))
    assert (error.kind, str(error)) == ("malformed", message)


def test_the_command_line(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    code = main([served.url, "--lang", "ru-KG", "--accepted", "1.0", "--at", "2026-12-14T23:59:59+06:00"])
    out, err = capsys.readouterr()
    feed = json.loads(served.file("policy.json").read_bytes())
    files = feed["versions"][1]["documents"]["ru"]
    characters = len(served.file("versions/1.0/ru.md").read_text(encoding="utf-8"))
    html_characters = len(served.file("versions/1.0/ru.html").read_text(encoding="utf-8"))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "in force at 2026-12-14T23:59:59+06:00: 1.0 (since 2026-11-24T00:00:00+06:00)",
        "next change: 2026-12-15T00:00:00+06:00",
        "must accept: no (accepted: 1.0)",
        "signature: not checked (no --keys)",
        f"markdown: ru, {characters} characters, {files['markdown']['integrity']} verified",
        f"html: ru, {html_characters} characters, {files['html']['integrity']} verified",
    ]


def test_the_command_line_before_the_first_version(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([served.url, "--at", "2026-11-23T23:59:59+06:00"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "in force at 2026-11-23T23:59:59+06:00: none",
        "next change: 2026-11-24T00:00:00+06:00",
        "must accept: no (accepted: nothing)",
        "signature: not checked (no --keys)",
    ]


def test_the_command_line_checks_the_signature_with_the_keys_given(
    served: Served, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    keys = tmp_path / "keys.json"
    keys.write_bytes(served.file("keys.json").read_bytes())
    assert main([served.url, "--keys", str(keys), "--at", "2026-11-23T23:59:59+06:00"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"signed by: {served.key.kid}"
    keys.write_text(json.dumps({"keys": [new_signing_key()[0].jwk]}), encoding="utf-8")
    assert main([served.url, "--keys", str(keys)]) == 1
    assert capsys.readouterr().err == (
        f"error: no signature of the feed at {served.url} is by a pinned key (pinned: "
        f"{json.loads(keys.read_text())['keys'][0]['kid']}): do not use it; keep the last good copy\n"
    )


def test_the_command_line_reports_a_tampered_text(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    served.host.overrides["/api/v2/versions/1.0/uz.md"] = b"# Something else\n"
    assert main([served.url, "--at", "2026-12-01T00:00:00+06:00"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"error: the text at {served.site_url}api/v2/versions/1.0/uz.md is 17 bytes, the feed says ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--accepted", "1"],
            "argument --accepted: '1' is not a version id: MAJOR.MINOR, like 1.0 or 1.10",
        ),
        (
            ["--at", "2026-12-15T00:00:00"],
            "argument --at: '2026-12-15T00:00:00' has no UTC offset: add one, e.g. 2026-12-15T00:00:00+06:00 or "
            "2026-12-14T18:00:00Z",
        ),
    ],
)
def test_the_command_line_refuses_a_bad_argument(
    served: Served, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([served.url, *argv])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"python -m qlever_policy_client: error: {message}"


# Signatures: the served api/v2 is signed with a key made by the test.


def pinned(served: Served) -> list[dict[str, str]]:
    keys: list[dict[str, str]] = json.loads(served.file("keys.json").read_bytes())["keys"]
    return keys


def test_a_signed_feed_is_verified_with_the_keys_pinned(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5, keys=pinned(served))
    assert feed.verified_by == (served.key.kid,)
    assert feed.signature == served.file("policy.sig.json").read_bytes()
    assert [path for path, _ in served.host.requests] == ["/api/v2/policy.json", "/api/v2/policy.sig.json"]
    assert fetch_feed(served.url, timeout=5, keys=pinned(served), previous=feed) is feed
    assert served.host.requests[-1][1]["If-None-Match"] == feed.etag


def test_a_feed_changed_by_one_byte_is_refused_before_it_is_read(served: Served) -> None:
    body = bytearray(served.file("policy.json").read_bytes())
    body[body.index(b'"1.1"') + 3] ^= 1  # 1.1 becomes 1.0: still a well-formed feed, but not the one signed
    served.host.overrides["/api/v2/policy.json"] = bytes(body)
    error = refusal(lambda: fetch_feed(served.url, timeout=5, keys=pinned(served)))
    assert (error.kind, str(error)) == (
        "signature",
        f"the signature of the feed at {served.url} by key {served.key.kid} does not match its bytes: they are not "
        "what was published, or were changed on the way; do not use it, keep the last good copy",
    )


def test_a_feed_signed_by_another_key_or_unsigned_is_refused(served: Served) -> None:
    other = new_signing_key()[0]
    wrong = refusal(lambda: fetch_feed(served.url, timeout=5, keys=[other.jwk]))
    served.host.overrides["/api/v2/policy.sig.json"] = 404
    unsigned = refusal(lambda: fetch_feed(served.url, timeout=5, keys=pinned(served)))
    assert (wrong.kind, str(wrong)) == (
        "signature",
        f"no signature of the feed at {served.url} is by a pinned key (pinned: {other.kid}): do not use it; keep the "
        "last good copy",
    )
    assert (unsigned.kind, str(unsigned)) == (
        "signature",
        f"the feed at {served.url} is not signed: {served.site_url}api/v2/policy.sig.json answered HTTP 404 Not "
        "Found; do not use it, keep the last good copy",
    )
    assert fetch_feed(served.url, timeout=5).verified_by == ()  # without keys, nothing is checked


def test_a_copy_fetched_without_keys_is_fetched_again_when_keys_are_pinned(served: Served) -> None:
    unchecked = fetch_feed(served.url, timeout=5)
    checked = fetch_feed(served.url, timeout=5, keys=pinned(served), previous=unchecked)
    assert checked is not unchecked
    assert checked.verified_by == (served.key.kid,)
    assert "If-None-Match" not in served.host.requests[-2][1]


def test_a_private_key_is_not_pinned(served: Served) -> None:
    error = refusal(lambda: fetch_feed(served.url, timeout=5, keys=[{**served.key.jwk, "d": "secret"}]))
    assert (error.kind, error.at, str(error)) == (
        "key",
        "/0",
        "pinned key 0 is a private key: pin only the public half: pin the keys as keys.json lists them",
    )
    assert served.host.requests == []


def test_a_consent_record_of_the_text_shown_covers_until_withdrawn(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5, keys=pinned(served))
    accepted = at("2026-12-20T12:30:00.123456+06:00")
    text = download_text(feed, "1.1", "ky-KG", "html", timeout=5)
    record = consent_record(feed, text, accepted, "button in the app", "user-7", record_id=uuid.uuid4)
    assert str(uuid.UUID(record["record_id"])) == record["record_id"]
    assert (record["privacy_notice"], record["language"], record["events"][0]["event_time"]) == (
        {
            "policy_id": "qlever-privacy",
            "version": "1.1",
            "format": "html",
            "url": served.site_url + "api/v2/versions/1.1/ky.html",
            "integrity": feed.versions[0]["documents"]["ky"]["html"]["integrity"],
        },
        "ky",
        "2026-12-20T06:30:00.123Z",
    )
    assert check_consent_record(json.loads(json.dumps(record)), feed) == record
    assert record_covers(feed, record, at("2027-06-01T00:00:00+06:00")) is True
    withdrawn = withdraw_consent(record, at("2027-01-05T09:00:00+06:00"), "settings screen")
    assert [
        record_covers(feed, withdrawn, at(moment)) for moment in ("2027-01-05T02:59:59Z", "2027-01-05T03:00:00Z")
    ] == [
        True,
        False,
    ]


DEEP = 100_000


@pytest.mark.parametrize("body", ["[" * DEEP + "]" * DEEP, '{"a":' * DEEP + "1" + "}" * DEEP, "[" * DEEP])
def test_json_nested_past_any_stack_is_a_feed_error(body: str) -> None:
    refused = refusal(lambda: parse_feed(body.encode(), "https://privacy.example.org/api/v2/policy.json"))
    assert refused.kind == "json"
    assert "nested deeper than the 64 levels a client reads" in str(refused)
