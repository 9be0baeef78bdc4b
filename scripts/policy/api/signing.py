"""Ed25519 signatures of the feed v2: the keys that sign it and the detached signature beside each file.

The private keys come from the environment ($POLICY_SIGNING_KEY, a repository secret in the publish
workflow), never from the repository; the public keys are in signing-keys.json at the repository's
root and are published as api/v2/keys.json, a JSON Web Key Set. Signatures are deterministic
(RFC 8032), so a signed build keeps v2's bytes the same across build dates. The contract is
docs/decisions/0009-signed-feed-and-consent.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)

from ..errors import PolicyError
from .feed import encode_json
from .schemas import closed_validator, schema_errors

SIGNING_KEY_VARIABLE = "POLICY_SIGNING_KEY"
"""The environment variable holding the private keys, as `policy keygen` writes them."""
SIGNING_ENVIRONMENT = "signing"
"""The repository's environment on GitHub that holds the secret: its rule gives it to runs on main alone."""
REPOSITORY_KEYS = "signing-keys.json"
"""The public keys, at the repository's root; published as api/v2/keys.json."""
PEM_BLOCK = re.compile(r"-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\s]*?-----END PRIVATE KEY-----")


@dataclass(frozen=True)
class SigningKey:
    """A private key that signs, and the public key an app pins, named by its kid."""

    private: Ed25519PrivateKey

    @property
    def jwk(self) -> dict[str, str]:
        return public_jwk(self.private.public_key())

    @property
    def kid(self) -> str:
        return self.jwk["kid"]

    def sign(self, content: bytes) -> str:
        """The base64 of the 64-byte Ed25519 signature of exactly these bytes."""
        return base64.b64encode(self.private.sign(content)).decode("ascii")


def read_signing_keys(value: str | None) -> tuple[SigningKey, ...]:
    """The private keys in the value of $POLICY_SIGNING_KEY: one PEM block (PKCS #8) or several, while keys
    rotate. No keys when the variable is unset or empty, as it is in a fork or on a developer's machine."""
    if value is None or not value.strip():
        return ()
    blocks = PEM_BLOCK.findall(value)
    if not blocks or PEM_BLOCK.sub("", value).strip():
        raise PolicyError(
            f"{SIGNING_KEY_VARIABLE} is set but is not one or more Ed25519 private keys in PEM, each from "
            "-----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----: set it to the whole file `policy keygen` "
            "wrote, or unset it to build without signing"
        )
    return tuple(SigningKey(load_private_key(block, index)) for index, block in enumerate(blocks, 1))


def load_private_key(block: str, index: int) -> Ed25519PrivateKey:
    try:
        key = load_pem_private_key(block.encode("ascii"), password=None)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise PolicyError(
            f"the private key number {index} in {SIGNING_KEY_VARIABLE} is not an unencrypted Ed25519 key: make one "
            "with `policy keygen`"
        )
    return key


def new_signing_key() -> tuple[SigningKey, bytes]:
    """A new key, and its private half in PEM (PKCS #8, unencrypted) for the repository's secret."""
    private = Ed25519PrivateKey.generate()
    return SigningKey(private), private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())


def public_jwk(public_key: Ed25519PublicKey) -> dict[str, str]:
    """A public key as keys.json lists it (RFC 8037), named by its RFC 7638 thumbprint."""
    x = base64url(public_key.public_bytes(Encoding.Raw, PublicFormat.Raw))
    return {"kid": thumbprint(x), "kty": "OKP", "crv": "Ed25519", "alg": "Ed25519", "use": "sig", "x": x}


def thumbprint(x: str) -> str:
    """The RFC 7638 thumbprint of an Ed25519 public key: SHA-256 over its required members, in order."""
    canonical = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":"))
    return base64url(hashlib.sha256(canonical.encode("ascii")).digest())


def base64url(content: bytes) -> str:
    return base64.urlsafe_b64encode(content).decode("ascii").rstrip("=")


# The published keys.


def read_key_set(root: Path) -> dict[str, Any]:
    """signing-keys.json at the repository's root, checked; no keys when there is no such file."""
    path = root / REPOSITORY_KEYS
    if not path.is_file():
        return {"keys": []}
    try:
        key_set = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise PolicyError(
            f"{REPOSITORY_KEYS} is not UTF-8 JSON ({err}): restore it from git, or run `policy keygen`"
        ) from None
    check_key_set(key_set)
    return {"keys": key_set["keys"]}


def check_key_set(key_set: Any) -> None:
    """Refuse a key set that breaks keys.schema.json, names a key by another key's thumbprint, or lists a key twice."""
    details = schema_errors(closed_validator("keys.schema.json"), key_set)
    if details:
        raise PolicyError(
            f"{REPOSITORY_KEYS} does not match keys.schema.json: {details}. Add keys with `policy keygen`"
        )
    kids = [key["kid"] for key in key_set["keys"]]
    for index, key in enumerate(key_set["keys"]):
        if key["kid"] != thumbprint(key["x"]):
            raise PolicyError(
                f"{REPOSITORY_KEYS}: $.keys[{index}].kid is {key['kid']}, but the thumbprint of its key is "
                f"{thumbprint(key['x'])}: a kid names exactly one key; copy the key again as `policy keygen` wrote it"
            )
        if kids.count(key["kid"]) > 1:
            raise PolicyError(f"{REPOSITORY_KEYS}: the key {key['kid']} is listed twice: remove one")


def key_set_with(root: Path, key: SigningKey) -> dict[str, Any]:
    """signing-keys.json's keys (none when it is missing) and this one, checked."""
    key_set = read_key_set(root)
    key_set["keys"].append(key.jwk)
    check_key_set(key_set)
    return key_set


def write_key_set(root: Path, key_set: dict[str, Any]) -> Path:
    path = root / REPOSITORY_KEYS
    path.write_text(json.dumps(key_set, indent=2) + "\n", encoding="utf-8")
    return path


# Signing.


def signature_name(name: str) -> str:
    """Where a file's signature is published: beside it, `.json` becoming `.sig.json`."""
    return name.removesuffix(".json") + ".sig.json"


def signatures(
    files: Mapping[str, bytes], names: Iterable[str], keys: tuple[SigningKey, ...], key_set: Mapping[str, Any]
) -> dict[str, bytes]:
    """The signature file of each file named, by its path; refused when a key is not published."""
    published = {key["kid"] for key in key_set["keys"]}
    for key in keys:
        if key.kid not in published:
            raise PolicyError(
                f"the signing key {key.kid} in {SIGNING_KEY_VARIABLE} is not in {REPOSITORY_KEYS}, so apps could not "
                f"verify what it signs: add its public key there (`policy keygen` does), or set "
                f"{SIGNING_KEY_VARIABLE} to a key that is listed"
            )
    return {
        signature_name(name): encode_json(
            {"signatures": [{"kid": key.kid, "signature": key.sign(files[name])} for key in keys]}
        )
        for name in names
    }
