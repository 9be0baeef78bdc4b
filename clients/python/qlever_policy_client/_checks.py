"""What the client's modules check alike: ids, instants, addresses, and JSON against a schema of api/v2."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .errors import FeedError

VERSION_ID = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", re.ASCII)
MAX_DEPTH = 64
"""The deepest arrays and objects may nest in a file the client reads (the feed nests 6 deep). Deeper
JSON is refused before it is parsed: a parser recursing into it would run out of stack."""
_JSON_STRUCTURE = re.compile(r'[][{}"\\]')
MAX_BYTES = {"feed": 2_097_152, "version": 262_144, "signature": 16_384, "timestamp": 4_096}
"""The largest file of each kind a client reads, in bytes, after any Content-Encoding is undone: policy.json
(about 1.3 kB a version: room for some 1,500), versions/<id>.json, a signature file (about 140 bytes a key),
timestamp.json (about 230 bytes). Larger is refused (kind size) before it is parsed, and a download stops
reading there. A text may be no larger than the feed says."""
_MOMENT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})([+-])([0-9]{2}):([0-9]{2})")


def schema_validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((files("qlever_policy_client") / "schemas" / name).read_bytes()))


def pointer(error: ValidationError) -> str:
    """The JSON Pointer of the field an error is about: for a missing one, the field itself."""
    parts = [str(part) for part in error.absolute_path]
    if error.validator == "required":
        parts.append(next(name for name in error.validator_value if name not in error.instance))
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def id_key(version_id: str) -> tuple[int, int]:
    """A version id as the pair of integers it is compared by."""
    match = VERSION_ID.fullmatch(version_id) if isinstance(version_id, str) else None
    if match is None:
        raise FeedError("id", f"{version_id!r} is not a version id: MAJOR.MINOR, like 1.0 or 1.10")
    return int(match[1]), int(match[2])


def require_aware(moment: dt.datetime) -> None:
    if not isinstance(moment, dt.datetime) or moment.utcoffset() is None:
        raise FeedError(
            "instant", f"{moment!r} is not an instant with a time zone: pass e.g. datetime.now(timezone.utc)"
        )


def require_http_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedError(
            "url", f"{url!r} is not an absolute http(s) address, like https://privacy.qlever.asia/api/v2/policy.json"
        )


def read_json(text: str) -> Any:
    """JSON as the clients read it: without NaN or Infinity, nested at most MAX_DEPTH deep; ValueError otherwise."""
    if _nests_deeper(text, MAX_DEPTH):
        raise ValueError(f"arrays and objects nested deeper than the {MAX_DEPTH} levels a client reads")
    return json.loads(text, parse_constant=_refuse_constant)


def _nests_deeper(text: str, limit: int) -> bool:
    """Whether the arrays and objects of JSON text nest deeper than limit, read before it is parsed."""
    depth = 0
    in_string = False
    escaped = -1
    for match in _JSON_STRUCTURE.finditer(text):
        char, at = match[0], match.start()
        if in_string:
            if at == escaped:
                continue
            if char == "\\":
                escaped = at + 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def refuse_oversized(body: bytes, kind: str, what: str) -> None:
    """FeedError (kind size) for a file larger than MAX_BYTES allows its kind, before anything reads it."""
    if len(body) > MAX_BYTES[kind]:
        raise FeedError(
            "size", f"{what} is {len(body)} bytes, more than the {MAX_BYTES[kind]} a client reads: do not use it"
        )


def integrity(content: bytes) -> str:
    """The Subresource Integrity value of some bytes: `sha256-` and the base64 of their SHA-256."""
    return "sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode("ascii")


def parse_moment(text: str) -> dt.datetime | None:
    """An instant as the feed writes it (2026-12-15T00:00:00+06:00), or None when it is no real instant."""
    match = _MOMENT.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, sign, offset_hours, offset_minutes = match.groups()
    if int(offset_hours) > 23 or int(offset_minutes) > 59:
        return None
    offset = dt.timedelta(hours=int(offset_hours), minutes=int(offset_minutes)) * (-1 if sign == "-" else 1)
    try:
        return dt.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=dt.timezone(offset)
        )
    except ValueError:
        return None
