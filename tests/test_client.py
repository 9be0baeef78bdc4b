"""The reference client against the written api folder, served over HTTP on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from policy.api.client import (
    FeedError,
    download_text,
    fetch_feed,
    main,
    must_accept,
    version_in_force,
)
from policy.api.feed import read_texts, render_fragments
from policy.site.outputs import write_api
from policy.sources.versions import Policy, load_policy
from support import BEFORE_1_1


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class Served:
    """The api folder written for a local server, and the feed's URL on it."""

    api: Path
    url: str

    def rewrite_feed(self, change: Callable[[dict[str, Any]], None]) -> None:
        feed = json.loads((self.api / "policy.json").read_text(encoding="utf-8"))
        change(feed)
        (self.api / "policy.json").write_text(json.dumps(feed), encoding="utf-8")


@pytest.fixture
def feed_policy(policy_copy: Callable[[str], Path]) -> Policy:
    """A copy of two-versions, loaded: 1.0 takes effect on 2026-11-24, 1.1 on 2026-12-15."""
    return load_policy(policy_copy("two-versions"))[0]


@pytest.fixture
def served(feed_policy: Policy, tmp_path: Path) -> Iterator[Served]:
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        site_url = f"http://127.0.0.1:{server.server_address[1]}/"
        texts = read_texts(feed_policy)
        api = write_api(feed_policy, BEFORE_1_1, site_url, site_dir, texts, render_fragments(feed_policy, texts))
        yield Served(api, site_url + "api/v1/policy.json")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def feed(served: Served) -> dict[str, Any]:
    return fetch_feed(served.url, timeout=5)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-23T23:59:59+06:00", None),
        ("2026-11-24T00:00:00+06:00", "1.0"),
        ("2026-12-14T23:59:59+06:00", "1.0"),
        ("2026-12-15T00:00:00+06:00", "1.1"),
        ("2026-12-14T17:59:59Z", "1.0"),
        ("2026-12-14T18:00:00Z", "1.1"),
        ("2026-12-14T18:00:00+00:00", "1.1"),
        ("2026-12-14T20:00:00+02:00", "1.1"),
    ],
)
def test_version_in_force_by_the_clients_own_clock(feed: dict[str, Any], moment: str, expected: str | None) -> None:
    shown = version_in_force(feed, at(moment))
    assert (shown["id"] if shown else None) == expected


def test_version_in_force_ignores_the_feeds_status(feed: dict[str, Any]) -> None:
    assert (feed["as_of"], feed["current"], feed["versions"][0]["status"]) == ("2026-11-25", "1.0", "upcoming")
    shown = version_in_force(feed, at("2026-12-15T00:00:00+06:00"))
    assert shown is not None and shown["id"] == "1.1"


def test_version_in_force_needs_an_aware_moment(feed: dict[str, Any]) -> None:
    with pytest.raises(
        ValueError,
        match=(
            r"^moment 2026-12-15T00:00:00 has no time zone: pass an aware datetime, e.g. "
            r"datetime.now\(timezone.utc\)$"
        ),
    ):
        version_in_force(feed, dt.datetime(2026, 12, 15))


@pytest.mark.parametrize(
    ("accepted", "moment", "expected"),
    [
        (None, "2026-11-23T23:59:59+06:00", False),
        (None, "2026-11-24T00:00:00+06:00", True),
        (None, "2026-12-15T00:00:00+06:00", True),
        ("1.0", "2026-11-25T12:00:00+06:00", False),
        ("1.0", "2026-12-15T00:00:00+06:00", False),
        ("1.1", "2026-12-15T00:00:00+06:00", False),
        ("1.1", "2026-12-01T00:00:00+06:00", False),
        ("0.9", "2026-12-15T00:00:00+06:00", True),
    ],
)
def test_must_accept(feed: dict[str, Any], accepted: str | None, moment: str, expected: bool) -> None:
    assert must_accept(feed, accepted, at(moment)) is expected


def test_must_accept_needs_a_version_id(feed: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"^'v1' is not a version id like 1.0$"):
        must_accept(feed, "v1", at("2026-12-15T00:00:00+06:00"))


def test_must_accept_after_a_material_version_takes_effect(feed: dict[str, Any]) -> None:
    # A material 2.0 after 1.1: consent_baseline moves to 2.0 the moment it takes effect.
    newest = {
        **feed["versions"][0],
        "id": "2.0",
        "effective_from": "2027-01-20T00:00:00+06:00",
        "material": True,
        "consent_baseline": "2.0",
    }
    feed = {**feed, "versions": [newest, *feed["versions"]]}
    before, after = at("2027-01-19T23:59:59+06:00"), at("2027-01-20T00:00:00+06:00")
    assert [must_accept(feed, accepted, before) for accepted in ("1.0", "1.1", "2.0")] == [False, False, False]
    assert [must_accept(feed, accepted, after) for accepted in ("1.0", "1.1", "2.0")] == [True, True, False]


def test_download_text_returns_the_verified_text(feed_policy: Policy, feed: dict[str, Any]) -> None:
    assert download_text(feed, "1.1", "ru", timeout=5) == feed_policy.version("1.1").read_text("ru")


def test_a_tampered_text_is_refused_by_its_hash(served: Served, feed: dict[str, Any]) -> None:
    path = served.api / "versions/1.1/ru.md"
    path.write_bytes(path.read_bytes().replace(b"1.1.", b"1.2.", 1))
    document = feed["versions"][0]["documents"]["ru"]
    with pytest.raises(FeedError) as refusal:
        download_text(feed, "1.1", "ru", timeout=5)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert str(refusal.value) == (
        f"the text at {document['markdown']} has sha256 {digest}, the feed says {document['sha256']}: do not show "
        "it; fetch the feed and the text again"
    )


def test_a_truncated_text_is_refused_by_its_size(served: Served, feed: dict[str, Any]) -> None:
    path = served.api / "versions/1.0/uz.md"
    path.write_bytes(path.read_bytes()[:100])
    document = feed["versions"][1]["documents"]["uz"]
    with pytest.raises(FeedError) as refusal:
        download_text(feed, "1.0", "uz", timeout=5)
    assert str(refusal.value) == (
        f"the text at {document['markdown']} is 100 bytes, the feed says {document['bytes']}: do not show it; "
        "fetch the feed and the text again"
    )


@pytest.mark.parametrize(
    ("version_id", "lang", "message"),
    [
        ("9.9", "ru", "the feed has no version '9.9' (versions: 1.1, 1.0)"),
        ("1.1", "de", "version 1.1 has no text in 'de' (languages: uz, ky, ru)"),
    ],
)
def test_download_text_names_what_exists(feed: dict[str, Any], version_id: str, lang: str, message: str) -> None:
    with pytest.raises(FeedError) as refusal:
        download_text(feed, version_id, lang, timeout=5)
    assert str(refusal.value) == message


def set_field(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to the feed at a dotted path (`versions.0.effective_from`); `...` deletes the field."""
    *parents, last = path.split(".")

    def change(feed: dict[str, Any]) -> None:
        target: Any = feed
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if value is ...:
            del target[last]
        else:
            target[last] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (set_field("schema_version", 2), "schema_version is 2, this client reads 1: fetch /api/v1/policy.json"),
        (set_field("schema_version", ...), "schema_version is missing"),
        (set_field("schema_version", "1"), 'schema_version is "1", not a number'),
        (set_field("versions", {}), "versions is {}, not a list"),
        (set_field("versions", []), "versions is empty: the feed lists no version"),
        (set_field("versions.0.effective_from", ...), "versions[0].effective_from is missing"),
        (set_field("versions.1.effective_from", 20261124), "versions[1].effective_from is 20261124, not a string"),
        (
            set_field("versions.0.effective_from", "15.12.2026"),
            "versions[0].effective_from is '15.12.2026', not a date and time like 2026-12-15T00:00:00+06:00",
        ),
        (
            set_field("versions.0.effective_from", "2026-12-15T00:00:00"),
            (
                "versions[0].effective_from is '2026-12-15T00:00:00', which has no UTC offset: expected e.g. "
                "2026-12-15T00:00:00+06:00"
            ),
        ),
        (set_field("versions.0.id", "v1.1"), "versions[0].id is 'v1.1', not a version id like 1.0"),
        (set_field("versions.0.consent_baseline", 1.0), "versions[0].consent_baseline is 1.0, not a string or null"),
        (
            set_field("versions.0.documents.ru.sha256", "ABC"),
            "versions[0].documents.ru.sha256 is 'ABC', not 64 lowercase hexadecimal digits",
        ),
        (set_field("versions.1.documents.ky.bytes", "757"), 'versions[1].documents.ky.bytes is "757", not a number'),
        (set_field("versions.1.documents.uz.markdown", ...), "versions[1].documents.uz.markdown is missing"),
    ],
)
def test_a_malformed_feed_is_refused_naming_the_field(
    served: Served, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    served.rewrite_feed(change)
    with pytest.raises(FeedError) as refusal:
        fetch_feed(served.url, timeout=5)
    assert str(refusal.value) == message


def test_unknown_fields_are_ignored(served: Served) -> None:
    served.rewrite_feed(set_field("versions.0.added_in_a_later_v1", {"anything": True}))
    assert fetch_feed(served.url, timeout=5)["versions"][0]["id"] == "1.1"


def test_a_feed_that_is_not_json(served: Served) -> None:
    (served.api / "policy.json").write_text("<html>maintenance</html>", encoding="utf-8")
    with pytest.raises(
        FeedError,
        match=(
            r"^the feed at http://127\.0\.0\.1:\d+/api/v1/policy\.json is not JSON \(Expecting value: line 1 column 1 "
            r"\(char 0\)\)$"
        ),
    ):
        fetch_feed(served.url, timeout=5)


def test_a_missing_feed(served: Served) -> None:
    url = served.url.replace("v1", "v2")
    with pytest.raises(FeedError) as refusal:
        fetch_feed(url, timeout=5)
    assert str(refusal.value) == f"{url} answered HTTP 404 File not found"


def test_the_command_line(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    code = main([served.url, "--lang", "ru", "--accepted", "1.0", "--at", "2026-12-15T00:00:00+06:00"])
    out, err = capsys.readouterr()
    document = json.loads((served.api / "policy.json").read_text(encoding="utf-8"))["versions"][0]["documents"]["ru"]
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        "in force at 2026-12-15T00:00:00+06:00: 1.1 (since 2026-12-15T00:00:00+06:00)",
        "must accept: no (accepted: 1.0)",
    ]
    assert out.splitlines()[2].endswith(f" characters, {document['bytes']} bytes, sha256 {document['sha256']} verified")


def test_the_command_line_before_the_first_version(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([served.url, "--at", "2026-11-23T23:59:59+06:00"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "in force at 2026-11-23T23:59:59+06:00: none yet",
        "must accept: no",
    ]


def test_the_command_line_reports_a_tampered_text(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    (served.api / "versions/1.0/uz.md").write_bytes(b"# Something else\n")
    assert main([served.url, "--at", "2026-12-01T00:00:00+06:00"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert (
        err.startswith("error: the text at http://127.0.0.1:")
        and "/api/v1/versions/1.0/uz.md is 17 bytes, the feed says " in err
    )


def test_the_command_line_needs_a_version_id(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([served.url, "--accepted", "latest"])
    assert exit_.value.code == 2
    assert (
        capsys.readouterr().err.splitlines()[-1]
        == "python -m policy.api.client: error: argument --accepted: 'latest' is not a version id like 1.0"
    )


def test_the_command_line_needs_an_offset(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([served.url, "--at", "2026-12-15T00:00:00"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m policy.api.client: error: argument --at: '2026-12-15T00:00:00' has no UTC offset: add one, "
        "e.g. 2026-12-15T00:00:00+06:00 or 2026-12-14T18:00:00Z"
    )
