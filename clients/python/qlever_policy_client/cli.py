"""The command line: a demonstration, and a quick check of a deployed feed.

Run `python -m qlever_policy_client URL --keys keys.json --lang ru [--accepted 1.0] [--at 2026-12-15T00:00:00+06:00]`
(or `--insecure-accept-unsigned` instead of `--keys`, for a feed published before its first key).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from typing import Any

from ._checks import id_key, read_json
from .errors import FeedError
from .feed import fetch_feed, must_accept, next_change, version_in_force
from .signatures import _pinned_keys
from .texts import FORMATS, download_text

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the version in force, whether the user must accept it, and verify its texts."""
    args = _build_parser().parse_args(argv)
    try:
        moment = args.at or dt.datetime.now(dt.UTC)  # the device's own clock
        for line in _report(args.url, args.lang, args.accepted, moment, args.keys, args.insecure_accept_unsigned):
            print(line)
    except FeedError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


def _report(
    url: str,
    lang: str | None,
    accepted_id: str | None,
    moment: dt.datetime,
    keys: list[Any] | None = None,
    insecure_accept_unsigned: bool = False,
) -> list[str]:
    """The lines main() prints."""
    feed = fetch_feed(url, keys=keys, now=moment, insecure_accept_unsigned=insecure_accept_unsigned)
    shown = version_in_force(feed, moment)
    upcoming = next_change(feed, moment)
    decision = "yes" if must_accept(feed, accepted_id, moment) else "no"
    lines = [
        f"in force at {moment.isoformat()}: "
        + (f"{shown['id']} (since {shown['effective_from']})" if shown else "none"),
        f"next change: {upcoming.isoformat() if upcoming else 'none announced'}",
        f"must accept: {decision} (accepted: {accepted_id or 'nothing'})",
        f"signed by: {', '.join(feed.verified_by)}"
        if keys is not None
        else "signature: not checked (--insecure-accept-unsigned)",
    ]
    if shown is not None:
        for format in FORMATS:
            text = download_text(feed, shown["id"], lang, format)
            lines.append(f"{format}: {text.lang}, {len(text.text)} characters, {text.integrity} verified")
    return lines


def _build_parser() -> argparse.ArgumentParser:
    """The command line of `python -m qlever_policy_client`."""
    parser = argparse.ArgumentParser(
        prog="python -m qlever_policy_client",
        description=(
            "Fetch the policy's version feed (v2), say which version is in force and whether the user must accept "
            "it, and verify its texts."
        ),
    )
    parser.add_argument("url", help="the feed, e.g. https://privacy.qlever.asia/api/v2/policy.json")
    parser.add_argument("--lang", help="the user's language, e.g. ru or ru-KG (default: the feed's default_language)")
    parser.add_argument(
        "--accepted", type=_version_id_argument, metavar="ID", help="the version the user last accepted (default: none)"
    )
    parser.add_argument(
        "--keys",
        type=_key_set_argument,
        metavar="FILE",
        help="refuse the feed unless signed by a key of FILE, a key set as keys.json",
    )
    parser.add_argument(
        "--insecure-accept-unsigned",
        action="store_true",
        help="without --keys, read the feed without checking any signature (a feed published before its first key)",
    )
    parser.add_argument(
        "--at",
        type=_aware_moment,
        metavar="MOMENT",
        help=(
            "decide, and check the timestamp's expiry, at this instant, with its offset, e.g. "
            "2026-12-15T00:00:00+06:00 (default: now)"
        ),
    )
    return parser


def _version_id_argument(text: str) -> str:
    """--accepted: a version id, checked as the client compares ids."""
    try:
        id_key(text)
    except FeedError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return text


def _key_set_argument(path: str) -> list[Any]:
    """--keys: the keys of a key set file, as keys.json publishes them."""
    try:
        with open(path, encoding="utf-8") as file:
            keys = read_json(file.read())["keys"]
        _pinned_keys(keys)
    except (OSError, ValueError, KeyError, TypeError, FeedError) as err:
        raise argparse.ArgumentTypeError(f"{path}: not a key set like keys.json ({err})") from None
    assert isinstance(keys, list)
    return keys


def _aware_moment(text: str) -> dt.datetime:
    """--at: an ISO 8601 instant with its offset."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date and time like 2026-12-15T00:00:00+06:00") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no UTC offset: add one, e.g. 2026-12-15T00:00:00+06:00 or 2026-12-14T18:00:00Z"
        )
    return moment
