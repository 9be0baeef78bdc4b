"""The Python client (qlever_policy_client) against the api/v2 folder written for two-versions, served on
127.0.0.1 as a host serves it: with ETags, and gzipped when asked. The test vectors it passes, shared
with the JavaScript client, are run by test_vectors.py."""

from __future__ import annotations

import base64
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
from policy.api.signing import SigningKey, new_signing_key, signatures
from policy.api.timestamp import timestamp_files
from policy.sources.settings import Settings
from policy.sources.versions import Policy, load_policy, read_texts
from qlever_policy_client import (
    MAX_BYTES,
    FeedError,
    check_consent_record,
    choose_document,
    consent_record,
    download_text,
    fetch_feed,
    must_accept,
    next_change,
    parse_feed,
    receive_consent_record,
    record_covers,
    version_in_force,
    withdraw_consent,
)
from qlever_policy_client._http import get
from qlever_policy_client.cli import main
from support import add_public_key, write_api_v2

SERVED_AS_OF = dt.date(2026, 12, 10)
"""The served api/v2's build date: its timestamp expires on 2026-12-17, after every instant the tests decide at."""
NOW = dt.datetime(2026, 12, 10, 12, 0, tzinfo=dt.UTC)
"""The device's clock in the tests that fetch."""


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
    settings: Settings

    def serve_feed(self, body: bytes, as_of: dt.date = SERVED_AS_OF, signed: bool = False) -> None:
        """Serve body as the feed, with a timestamp naming it as of a date, signed by the key: as a build would;
        the feed signed too when signed, else with the signature of the feed built."""
        keys = self.file("keys.json").read_bytes()
        files = {"policy.json": body, "keys.json": keys}
        served = timestamp_files(files, as_of, self.settings, (self.key,))
        if signed:
            served |= signatures(files, ["policy.json"], (self.key,), json.loads(keys))
        for name, content in served.items():
            self.host.overrides[f"/api/v2/{name}"] = content
        self.host.overrides["/api/v2/policy.json"] = body

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
        write_api_v2(
            feed_policy, site_url, host.root, texts, render_fragments(feed_policy, texts), (key,), SERVED_AS_OF
        )
        yield Served(host, site_url, key, feed_policy.settings)
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
    feed = fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW)
    assert [v["id"] for v in feed.versions] == ["1.1", "1.0"]
    assert feed.body == served.file("policy.json").read_bytes()
    assert feed.etag is not None
    assert feed.etag.startswith('"')
    assert served.host.requests[-1][1]["Accept-Encoding"] == "gzip"


def test_decisions_by_the_clients_own_clock(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW)
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
    feed = fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW)
    naive = refusal(lambda: version_in_force(feed, dt.datetime(2026, 12, 15)))
    bad_id = refusal(lambda: must_accept(feed, "01.2", at("2026-12-15T00:00:00+06:00")))
    assert (naive.kind, str(naive)) == (
        "instant",
        "datetime.datetime(2026, 12, 15, 0, 0) is not an instant with a time zone: pass e.g. "
        "datetime.now(timezone.utc)",
    )
    assert (bad_id.kind, str(bad_id)) == ("id", "'01.2' is not a version id: MAJOR.MINOR, like 1.0 or 1.10")


def test_every_text_is_verified_as_markdown_and_as_html(feed_policy: Policy, served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW)
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
    feed = fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW)
    document = choose_document(feed, "1.1", "ru-KG")
    assert (document.lang, document.markdown.url, document.html.url) == (
        "ru",
        served.site_url + "api/v2/versions/1.1/ru.md",
        served.site_url + "api/v2/versions/1.1/ru.html",
    )
    assert choose_document(feed, "1.1", "en").lang == "uz"


def test_the_copy_kept_is_returned_on_a_304(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW)
    assert fetch_feed(served.url, timeout=5, previous=feed, insecure_accept_unsigned=True, now=NOW) == feed
    assert served.host.requests[-1][1]["If-None-Match"] == feed.etag


def test_hashes_are_of_the_body_with_its_content_encoding_undone(served: Served) -> None:
    served.host.gzip = False
    plain = fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW)
    served.host.gzip = True
    assert fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW) == plain
    served.host.encoding = "br"
    unasked = refusal(lambda: download_text(plain, "1.1", "ru", timeout=5))
    assert (unasked.kind, str(unasked)) == (
        "fetch",
        f"{served.site_url}api/v2/versions/1.1/ru.md sent Content-Encoding br, which this client did not ask for",
    )


def test_a_tampered_text_is_refused_by_its_hash(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW)
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
    feed = fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW)
    original = served.file("versions/1.0/uz.html").read_bytes()
    served.host.overrides["/api/v2/versions/1.0/uz.html"] = original[:100]
    error = refusal(lambda: download_text(feed, "1.0", "uz", "html", timeout=5))
    assert (error.kind, str(error)) == (
        "size",
        f"the text at {served.site_url}api/v2/versions/1.0/uz.html is 100 bytes, the feed says {len(original)}: do "
        "not show it; fetch the feed and the text again",
    )


def test_what_cannot_be_fetched_is_named(served: Served) -> None:
    missing = refusal(
        lambda: fetch_feed(served.site_url + "api/v3/policy.json", timeout=5, insecure_accept_unsigned=True, now=NOW)
    )
    relative = refusal(lambda: fetch_feed("/api/v2/policy.json", timeout=5, insecure_accept_unsigned=True, now=NOW))
    served.serve_feed(b"<html>maintenance</html>")
    page = refusal(lambda: fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW))
    assert (missing.kind, str(missing)) == (
        "timestamp",
        f"there is no timestamp.json beside the feed at {served.site_url}api/v3/policy.json: "
        f"{served.site_url}api/v3/timestamp.json answered HTTP 404 Not Found",
    )
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
    served.serve_feed(json.dumps(feed).encode())
    error = refusal(lambda: fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW))
    assert (error.kind, str(error)) == ("malformed", message)


def test_the_command_line(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            served.url,
            "--insecure-accept-unsigned",
            "--lang",
            "ru-KG",
            "--accepted",
            "1.0",
            "--at",
            "2026-12-14T23:59:59+06:00",
        ]
    )
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
        "signature: not checked (--insecure-accept-unsigned)",
        f"markdown: ru, {characters} characters, {files['markdown']['integrity']} verified",
        f"html: ru, {html_characters} characters, {files['html']['integrity']} verified",
    ]


def test_the_command_line_before_the_first_version(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([served.url, "--insecure-accept-unsigned", "--at", "2026-11-23T23:59:59+06:00"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "in force at 2026-11-23T23:59:59+06:00: none",
        "next change: 2026-11-24T00:00:00+06:00",
        "must accept: no (accepted: nothing)",
        "signature: not checked (--insecure-accept-unsigned)",
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
        f"error: no signature of the timestamp at {served.site_url}api/v2/timestamp.json is by a pinned key (pinned: "
        f"{json.loads(keys.read_text())['keys'][0]['kid']}): do not use it; keep the last good copy\n"
    )


def test_the_command_line_reports_a_tampered_text(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    served.host.overrides["/api/v2/versions/1.0/uz.md"] = b"# Something else\n"
    assert main([served.url, "--insecure-accept-unsigned", "--at", "2026-12-01T00:00:00+06:00"]) == 1
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
    feed = fetch_feed(served.url, timeout=5, keys=pinned(served), now=NOW)
    assert feed.verified_by == (served.key.kid,)
    assert feed.signature == served.file("policy.sig.json").read_bytes()
    assert [path for path, _ in served.host.requests] == [
        "/api/v2/timestamp.json",
        "/api/v2/timestamp.sig.json",
        "/api/v2/policy.json",
        "/api/v2/policy.sig.json",
    ]
    assert fetch_feed(served.url, timeout=5, keys=pinned(served), previous=feed, now=NOW) == feed
    assert served.host.requests[-1][1]["If-None-Match"] == feed.etag


def test_a_feed_changed_by_one_byte_is_refused_before_it_is_read(served: Served) -> None:
    body = bytearray(served.file("policy.json").read_bytes())
    body[body.index(b'"1.1"') + 3] ^= 1  # 1.1 becomes 1.0: still a well-formed feed, but not the one signed
    served.serve_feed(bytes(body))
    error = refusal(lambda: fetch_feed(served.url, timeout=5, keys=pinned(served), now=NOW))
    assert (error.kind, str(error)) == (
        "signature",
        f"the signature of the feed at {served.url} by key {served.key.kid} does not match its bytes: they are not "
        "what was published, or were changed on the way; do not use it, keep the last good copy",
    )


def test_a_feed_signed_by_another_key_or_unsigned_is_refused(served: Served) -> None:
    other = new_signing_key()[0]
    wrong = refusal(lambda: fetch_feed(served.url, timeout=5, keys=[other.jwk], now=NOW))
    served.host.overrides["/api/v2/policy.sig.json"] = 404
    unsigned = refusal(lambda: fetch_feed(served.url, timeout=5, keys=pinned(served), now=NOW))
    assert (wrong.kind, str(wrong)) == (
        "signature",
        f"no signature of the timestamp at {served.site_url}api/v2/timestamp.json is by a pinned key (pinned: "
        f"{other.kid}): do not use it; keep the last good copy",
    )
    assert (unsigned.kind, str(unsigned)) == (
        "signature",
        f"the feed at {served.url} is not signed: {served.site_url}api/v2/policy.sig.json answered HTTP 404 Not "
        "Found; do not use it, keep the last good copy",
    )
    assert fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW).verified_by == ()


def test_without_keys_the_feed_is_refused_unless_unsigned_feeds_are_accepted_explicitly(
    served: Served, capsys: pytest.CaptureFixture[str]
) -> None:
    before = len(served.host.requests)
    error = refusal(lambda: fetch_feed(served.url, timeout=5, now=NOW))
    assert (error.kind, str(error)) == (
        "signature",
        f"no keys are pinned, so the feed at {served.url} cannot be checked: pass keys (those of keys.json), or, "
        "while the feed is published unsigned, insecure_accept_unsigned=True",
    )
    assert len(served.host.requests) == before  # refused before anything is fetched
    assert main([served.url]) == 1
    assert "no keys are pinned" in capsys.readouterr().err
    assert fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW).verified_by == ()


def test_a_copy_fetched_without_keys_is_fetched_again_when_keys_are_pinned(served: Served) -> None:
    unchecked = fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW)
    checked = fetch_feed(served.url, timeout=5, keys=pinned(served), previous=unchecked, now=NOW)
    assert checked is not unchecked
    assert checked.verified_by == (served.key.kid,)
    assert "If-None-Match" not in served.host.requests[-2][1]


def test_a_private_key_is_not_pinned(served: Served) -> None:
    error = refusal(lambda: fetch_feed(served.url, timeout=5, keys=[{**served.key.jwk, "d": "secret"}], now=NOW))
    assert (error.kind, error.at, str(error)) == (
        "key",
        "/0",
        "pinned key 0 is a private key: pin only the public half: pin the keys as keys.json lists them",
    )
    assert served.host.requests == []


def test_a_consent_record_of_the_text_shown_covers_until_withdrawn(served: Served) -> None:
    feed = fetch_feed(served.url, timeout=5, keys=pinned(served), now=NOW)
    accepted = at("2026-12-20T12:30:00.123456+06:00")
    text = download_text(feed, "1.1", "ky-KG", "html", timeout=5)
    record = consent_record(
        feed, text, accepted, "button in the app", "user-7", record_id=uuid.uuid4, requested_language="ky-KG"
    )
    assert str(uuid.UUID(record["record_id"])) == record["record_id"]
    feed_integrity = (
        "sha256-" + base64.b64encode(hashlib.sha256(served.file("policy.json").read_bytes()).digest()).decode()
    )
    assert (record["schema_version"], record["requested_language"], record["feed"]) == (
        2,
        "ky-KG",
        {"integrity": feed_integrity, "kid": served.key.kid},
    )
    received = receive_consent_record(record, feed, at("2026-12-20T12:30:05+06:00"))
    assert received == {**record, "received_at": "2026-12-20T06:30:05.000Z"}
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


def test_an_expired_timestamp_is_refused_unless_within_the_grace_allowed(served: Served) -> None:
    a_week_later = dt.datetime(2026, 12, 17, 0, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=6)))
    expired = refusal(lambda: fetch_feed(served.url, timeout=5, keys=pinned(served), now=a_week_later))
    assert (expired.kind, str(expired)) == (
        "expired",
        "timestamp.json expired at 2026-12-17T00:00:00+06:00: the feed may be frozen by a stale cache or replayed; "
        "keep the last good copy, and try again later",
    )
    grace = dt.timedelta(days=1)
    assert fetch_feed(served.url, timeout=5, keys=pinned(served), now=a_week_later, grace=grace).timestamp


def test_a_replayed_older_feed_is_refused_against_the_newer_one_kept(served: Served) -> None:
    kept = fetch_feed(served.url, timeout=5, keys=pinned(served), now=NOW)
    assert kept.timestamp is not None
    assert kept.timestamp.data["issued"] == "2026-12-10T00:00:00+06:00"
    older = json.loads(served.file("policy.json").read_bytes())
    older["versions"] = older["versions"][1:]  # as published before 1.1 was merged, and signed then
    served.serve_feed(json.dumps(older).encode(), SERVED_AS_OF - dt.timedelta(days=1), signed=True)
    replayed = refusal(lambda: fetch_feed(served.url, timeout=5, keys=pinned(served), previous=kept, now=NOW))
    assert (replayed.kind, str(replayed)) == (
        "rollback",
        "timestamp.json was issued at 2026-12-09T00:00:00+06:00, before the one held (2026-12-10T00:00:00+06:00): an "
        "older feed replayed; keep the last good copy",
    )
    served.serve_feed(json.dumps(older).encode(), SERVED_AS_OF + dt.timedelta(days=1), signed=True)  # a newer stamp
    after_1_1 = dt.datetime(2026, 12, 15, tzinfo=dt.timezone(dt.timedelta(hours=6)))
    dropped = refusal(lambda: fetch_feed(served.url, timeout=5, keys=pinned(served), previous=kept, now=after_1_1))
    assert (dropped.kind, dropped.at) == ("rollback", "/versions/0")


def test_an_oversized_feed_is_refused_before_it_is_parsed(served: Served) -> None:
    served.serve_feed(b" " * (MAX_BYTES["feed"] + 1))  # 2 kB gzipped: the limit is of the body once decoded
    error = refusal(lambda: fetch_feed(served.url, timeout=5, insecure_accept_unsigned=True, now=NOW))
    assert (error.kind, str(error)) == (
        "size",
        f"{served.url} sent more than the {MAX_BYTES['feed']} bytes a client reads of it: do not use it",
    )


def test_a_small_body_gzipped_larger_than_itself_is_read_whole(served: Served) -> None:
    served.host.overrides["/api/v2/tiny.txt"] = b"x"  # gzipped, 21 bytes: more than the 1 it may be
    assert get(served.site_url + "api/v2/tiny.txt", 5, None, max_bytes=1)[1] == b"x"
    served.host.overrides["/api/v2/tiny.txt"] = b"xy"
    error = refusal(lambda: get(served.site_url + "api/v2/tiny.txt", 5, None, max_bytes=1))
    assert (error.kind, str(error)) == (
        "size",
        f"{served.site_url}api/v2/tiny.txt sent more than the 1 bytes a client reads of it: do not use it",
    )
