"""The Ed25519 signatures beside api/v2's JSON files, checked against the keys an app pins
(docs/decisions/0009-signed-feed-and-consent.md)."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from ._checks import pointer, read_json, refuse_oversized, require_http_url, schema_validator
from .errors import FeedError

__all__ = ["signature_url", "verify_signature"]


_KID = re.compile(r"[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]", re.ASCII)

_SIGNATURE_SCHEMA = schema_validator("signature.schema.json").schema
_ENVELOPE_VALIDATOR = Draft202012Validator(
    {**_SIGNATURE_SCHEMA, "properties": {"signatures": {"type": "array", "minItems": 1}}}
)
_ENTRY_VALIDATOR = Draft202012Validator({**_SIGNATURE_SCHEMA, **_SIGNATURE_SCHEMA["$defs"]["signature"]})


def verify_signature(
    body: bytes, signature: bytes | None, keys: Sequence[Any], what: str = "the file"
) -> tuple[str, ...]:
    """The kids of the pinned keys whose signatures in a signature file (policy.sig.json,
    versions/<id>.sig.json) match body; FeedError unless there is one, and every one matches.

    Signatures by keys not pinned are ignored, however malformed: a file carries one per signing key while
    keys rotate, and a second signer (a new key, a mirror) must never break an app that does not pin it.
    """
    pinned = _pinned_keys(keys)
    if signature is None:
        raise FeedError("signature", f"there is no signature of {what}, and keys are pinned: do not use it")
    refuse_oversized(signature, "signature", f"the signature file of {what}")
    by_pinned = _read_signature_file(signature, pinned)
    if not by_pinned:
        raise FeedError(
            "signature",
            f"no signature of {what} is by a pinned key (pinned: {', '.join(pinned)}): do not use it; keep the last "
            "good copy",
        )
    for entry in by_pinned:
        try:
            pinned[entry["kid"]].verify(base64.b64decode(entry["signature"]), body)
        except InvalidSignature:
            raise FeedError(
                "signature",
                f"the signature of {what} by key {entry['kid']} does not match its bytes: they are not what was "
                "published, or were changed on the way; do not use it, keep the last good copy",
            ) from None
    return tuple(dict.fromkeys(entry["kid"] for entry in by_pinned))


def signature_url(url: str) -> str:
    """Where a file's signature is: beside it, `.json` becoming `.sig.json` (policy.sig.json)."""
    require_http_url(url)
    bare = url.split("#")[0].split("?")[0]
    if not bare.endswith(".json"):
        raise FeedError("url", f"{url!r} does not end in .json, so it has no signature file beside it")
    return bare.removesuffix(".json") + ".sig.json"


def _pinned_keys(keys: Any) -> dict[str, Ed25519PublicKey]:
    """The keys an app pins, by kid; FeedError("key") for anything but Ed25519 public keys as keys.json lists them."""
    if not isinstance(keys, Sequence) or isinstance(keys, str | bytes) or not keys:
        raise FeedError("key", "keys: pass a non-empty list of the public keys you pin, as keys.json lists them")
    pinned = {}
    for index, key in enumerate(keys):
        problem = _key_problem(key)
        if problem:
            raise FeedError("key", f"pinned key {index} {problem}: pin the keys as keys.json lists them", f"/{index}")
        pinned[key["kid"]] = Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(key["x"] + "="))
    return pinned


def _key_problem(key: Any) -> str | None:
    if not isinstance(key, Mapping):
        return "is not an object"
    if "d" in key:
        return "is a private key: pin only the public half"
    if key.get("kty") != "OKP" or key.get("crv") != "Ed25519":
        return "is not an Ed25519 key (kty OKP, crv Ed25519)"
    if not isinstance(key.get("kid"), str) or not _KID.fullmatch(key["kid"]):
        return "has no kid like those of keys.json"
    if not isinstance(key.get("x"), str) or not _KID.fullmatch(key["x"]):
        return "has no x, the base64url of its 32 bytes"
    return None


def _read_signature_file(signature: bytes, pinned: Mapping[str, Any]) -> list[dict[str, str]]:
    """The signatures by pinned keys in a signature file: its envelope and those signatures checked against
    signature.schema.json, the others (whatever their shape) skipped."""
    try:
        data = read_json(signature.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, AttributeError) as err:
        raise FeedError("signature", f"the signature file is not UTF-8 JSON ({err})") from None
    _refuse_first(_ENVELOPE_VALIDATOR.iter_errors(data), "")
    by_pinned: list[dict[str, str]] = []
    for index, entry in enumerate(data["signatures"]):
        if isinstance(entry, dict) and isinstance(entry.get("kid"), str) and entry["kid"] in pinned:
            _refuse_first(_ENTRY_VALIDATOR.iter_errors(entry), f"/signatures/{index}")
            by_pinned.append(entry)
    return by_pinned


def _refuse_first(errors: Iterator[ValidationError], where: str) -> None:
    error = best_match(errors)
    if error is not None:
        at = where + pointer(error)
        raise FeedError("signature", f"the signature file is malformed at {at or '/'}: {error.message}", at)
