"""The version feed v2 (`api/v2/`): bytes that change only when the policy's sources do.

Nothing here takes a date: no field depends on the day of the build, so a host's ETag, and every
app's daily fetch, changes only when a version is merged (or the HTML rendering changes). The
daily-fetched `policy.json` holds what an app decides with; each version's summary and pages are
in `versions/<id>.json`. The contract is docs/decisions/0007-feed-v2.md; the schemas beside this
module state the shapes, and the test vectors of clients/vectors/ are published with them. With a
signing key, policy.json and each versions/<id>.json get an Ed25519 signature beside them
(docs/decisions/0009-signed-feed-and-consent.md); signatures are deterministic, so that holds signed.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import PolicyError
from ..publication.stored import StoredFile
from ..publication.urls import API_V2, FEED_FILE, changes_path, page_url, pdf_file, version_path
from ..sources.versions import Policy, Version
from ..verdicts import CleanVerdicts, clean_verdicts
from .feed import Fragments, Pdfs, Texts, encode_json, find_consent_baseline, normalize_site_url, policy_fields
from .schemas import closed_validator, new_schema_errors, schema_bytes
from .signing import SigningKey, read_key_set, signatures

SCHEMA_VERSION = 2
# Each schema, by the name it is kept and published under (api/schemas.py).
FEED_SCHEMA = "policy.schema.json"
VERSION_SCHEMA = "version.schema.json"
KEYS_SCHEMA = "keys.schema.json"
SIGNATURE_SCHEMA = "signature.schema.json"
RECORD_SCHEMA = "consent-record.schema.json"
TIMESTAMP_SCHEMA = "timestamp.schema.json"
TIMESTAMP_FILE = "timestamp.json"
"""How fresh the feed is: written by timestamp.py, the one file of api/v2 that depends on the build date."""
OPENAPI = "openapi.json"
"""The description of every file of api/v2 (OpenAPI 3.1), published as it is kept."""
SCHEMAS = (FEED_SCHEMA, VERSION_SCHEMA, KEYS_SCHEMA, SIGNATURE_SCHEMA, RECORD_SCHEMA, TIMESTAMP_SCHEMA)
"""Published as they are kept; openapi.json too, but for its first server, the site's own api/v2."""
KEYS_FILE = "keys.json"
VECTORS = "clients/vectors"
"""The clients' test vectors, kept beside the clients in the repository and published under api/v2/vectors/."""


def api_files(
    policy: Policy,
    site_url: str,
    texts: Texts,
    fragments: Fragments,
    pdfs: Pdfs | None = None,
    signing_keys: tuple[SigningKey, ...] = (),
) -> dict[str, bytes]:
    """Every file of api/v2, by path inside it, each validated before anything is written (or found valid in
    the same bytes by a build before: policy/verdicts.py).

    The feed and each version's file (with its PDFs, when pdfs are given), signed with signing_keys
    when there are any (a signature beside each, docs/decisions/0009-signed-feed-and-consent.md); each
    text and its HTML fragment (texts and fragments as versions.read_texts and feed.render_fragments give
    them); the public keys; the schemas, the OpenAPI description and the test vectors.
    """
    site_url = normalize_site_url(site_url)
    feed = assemble_feed(policy, texts, fragments)
    with clean_verdicts("api-v2") as clean:
        outputs = {FEED_FILE: validated(feed, FEED_SCHEMA, FEED_FILE, clean)}
        for version in policy.versions:
            details = describe_details(policy, version, site_url, pdfs)
            name = f"versions/{version.id}.json"
            outputs[name] = validated(details, VERSION_SCHEMA, name, clean)
    for version in policy.versions:
        for lang in policy.settings.languages:
            outputs[f"versions/{version.id}/{lang}.md"] = texts[version.id, lang]
            outputs[f"versions/{version.id}/{lang}.html"] = fragments[version.id, lang]
    key_set = read_key_set(policy.root)
    if signing_keys:
        outputs |= signatures(outputs, signed_files(outputs), signing_keys, key_set)
    outputs[KEYS_FILE] = encode_json(key_set)
    for schema in SCHEMAS:
        outputs[schema] = schema_bytes(schema)
    outputs[OPENAPI] = openapi_for(site_url)
    return outputs | read_vectors(policy.root)


def openapi_for(site_url: str) -> bytes:
    """openapi.json as it is kept, its first server the site's own api/v2 (a mirror's build names the mirror)."""
    spec = json.loads(schema_bytes(OPENAPI))
    spec["servers"][0]["url"] = site_url + API_V2
    return (json.dumps(spec, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def signed_files(outputs: Mapping[str, bytes]) -> list[str]:
    """What is signed: every JSON file an app fetches and acts on (timestamp.json too, when there is one). The
    texts are not: their size and SHA-256 are in the signed policy.json."""
    versions = (name for name in outputs if name.startswith("versions/") and name.endswith(".json"))
    return [FEED_FILE, *versions, *([TIMESTAMP_FILE] if TIMESTAMP_FILE in outputs else [])]


def assemble_feed(policy: Policy, texts: Texts, fragments: Fragments) -> dict[str, Any]:
    """policy.json's fields in their fixed order (docs/decisions/0007-feed-v2.md)."""
    return {
        "schema_version": SCHEMA_VERSION,
        **policy_fields(policy),
        "versions": [describe_version(policy, v, texts, fragments) for v in reversed(policy.versions)],
    }


def describe_version(policy: Policy, version: Version, texts: Texts, fragments: Fragments) -> dict[str, Any]:
    """One entry of policy.json's `versions`: when it takes effect, who must accept it, its files."""
    key = version.id
    return {
        "id": key,
        "effective_from": version.effective_from(policy.settings).isoformat(),
        "consent_baseline": find_consent_baseline(policy, version),
        "documents": {
            lang: {"markdown": describe_file(texts[key, lang]), "html": describe_file(fragments[key, lang])}
            for lang in policy.settings.languages
        },
    }


def describe_file(content: bytes) -> dict[str, Any]:
    """How an app recognises a file's exact bytes."""
    return {"integrity": integrity(content), "bytes": len(content)}


def integrity(content: bytes) -> str:
    """The Subresource Integrity value of some bytes: `sha256-` and the base64 of their SHA-256."""
    return "sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode("ascii")


def describe_details(policy: Policy, version: Version, site_url: str, pdfs: Pdfs | None = None) -> dict[str, Any]:
    """versions/<id>.json: what an app shows about a version besides its text, and its PDFs."""
    settings = policy.settings
    previous = policy.previous(version)
    return {
        "schema_version": SCHEMA_VERSION,
        "id": version.id,
        "material": version.material,
        "previous": previous.id if previous else None,
        "summary": {lang: version.summary[lang] for lang in settings.languages},
        "documents": {
            lang: {
                "page": site_url + page_url(version_path(version.id), lang, settings.default_language),
                "changes": site_url + page_url(changes_path(version.id), lang, settings.default_language)
                if previous
                else None,
            }
            | ({"pdf": describe_pdf(site_url, version.id, lang, pdfs[version.id, lang])} if pdfs else {})
            for lang in settings.languages
        },
    }


def describe_pdf(site_url: str, version_id: str, lang: str, pdf: StoredFile) -> dict[str, Any]:
    """Where a version's PDF is and how to recognise its bytes, as v2 recognises every file."""
    integrity_value = "sha256-" + base64.b64encode(bytes.fromhex(pdf.sha256)).decode("ascii")
    return {"url": site_url + pdf_file(version_id, lang), "integrity": integrity_value, "bytes": pdf.size}


def read_vectors(root: Path) -> dict[str, bytes]:
    """The clients' test vectors of the repository at root (the policy's), by their path under api/v2."""
    found = {f"vectors/{path.name}": path.read_bytes() for path in sorted((root / VECTORS).glob("*.json"))}
    if not found:
        raise PolicyError(
            f"{VECTORS}/ beside versions/ has no test vectors (*.json) to publish with the feed. Restore the folder "
            f"from git (git checkout -- {VECTORS}); a policy kept outside this repository needs its own copy"
        )
    return found


def validated(document: Mapping[str, Any], schema: str, name: str, clean: CleanVerdicts) -> bytes:
    """The document as published; PolicyError naming every place where it breaks its schema, or holds a field
    the schema does not name. clean: the verdicts kept (policy/verdicts.py).

    The published schemas let unknown fields through, as clients must ignore them; the build is
    stricter, so that a misspelt or undocumented field never reaches an app.
    """
    encoded = encode_json(document)
    details = new_schema_errors(closed_validator(schema), schema_bytes(schema), document, encoded, clean)
    if details:
        raise PolicyError(
            f"api/v2/{name} does not match {schema}, so nothing was written: {details}. Fix feed_v2.py or the "
            "schema, whichever is wrong; a change to the contract needs docs/decisions/0007-feed-v2.md"
        )
    return encoded
