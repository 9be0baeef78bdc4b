"""What the client's modules check alike: ids, instants, addresses, and JSON against a schema of api/v2."""

from __future__ import annotations

import datetime as dt
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
