"""The version feed the mobile app fetches: `api/v1/policy.json`, its schema and every text.

The contract, the consent rule and the versioning promise are in
docs/decisions/0004-feed-contract.md; `feed.schema.json` beside this module states the shape.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator

from ..errors import PolicyError
from ..publication.markdown_ext import ClauseAnchorExtension
from ..publication.stored import StoredFile
from ..publication.urls import API_V1, FEED_FILE, changes_path, page_url, pdf_file, version_path
from ..sources.markup import FIX, audit, to_html
from ..sources.versions import Policy, Status, Version
from ..verdicts import CleanVerdicts, clean_verdicts
from .schemas import closed, new_schema_errors

SCHEMA_VERSION = 1
SCHEMA_FILE = "policy.schema.json"
SCHEMA_RESOURCE = "feed.schema.json"

Texts = Mapping[tuple[str, str], bytes]
"""Each text's bytes as read from versions/<id>/<lang>.md, by (version id, lang)."""
Fragments = Mapping[tuple[str, str], bytes]
"""Each text's HTML fragment (render_fragment), encoded, by (version id, lang)."""
Pdfs = Mapping[tuple[str, str], StoredFile]
"""Each text's PDF (publication/pdf.py), by (version id, lang)."""


def api_files(
    policy: Policy, as_of: dt.date, site_url: str, texts: Texts, fragments: Fragments, pdfs: Pdfs | None = None
) -> dict[str, bytes]:
    """Every file of api/v1 held in memory, by path inside it: the feed (validated), its schema, each text and
    fragment. The PDFs, listed in the feed when given, are copied from where they are (site/downloads.py).

    texts and fragments are what versions.read_texts and render_fragments return for the policy (the
    build renders them ahead, see site/worker.py). An invalid feed raises before anything is
    written (or found valid in the same bytes before: policy/verdicts.py).
    """
    feed = assemble_feed(policy, as_of, normalize_site_url(site_url), texts, pdfs)
    with clean_verdicts("api-v1") as clean:
        outputs = {FEED_FILE: validated_feed(feed, clean), SCHEMA_FILE: read_schema_bytes()}
    for (version_id, lang), markdown in texts.items():
        outputs[f"versions/{version_id}/{lang}.md"] = markdown
        outputs[f"versions/{version_id}/{lang}.html"] = fragments[version_id, lang]
    return outputs


def render_fragments(policy: Policy, texts: Texts) -> dict[tuple[str, str], bytes]:
    """Every text as the HTML fragment published beside it."""
    return {
        (version_id, lang): render_fragment(
            markdown, lang, policy.relative(policy.version(version_id).text_path(lang))
        ).encode("utf-8")
        for (version_id, lang), markdown in texts.items()
    }


def assemble_feed(
    policy: Policy, as_of: dt.date, site_url: str, texts: Texts, pdfs: Pdfs | None = None
) -> dict[str, Any]:
    """The feed's fields in their fixed order (see docs/decisions/0004-feed-contract.md)."""
    current = policy.current(as_of)
    statuses = policy.statuses(as_of)
    return {
        "schema_version": SCHEMA_VERSION,
        **policy_fields(policy),
        "as_of": as_of.isoformat(),
        "current": current.id if current else None,
        "upcoming": [v.id for v in sorted(policy.upcoming(as_of), key=lambda v: v.effective)],
        "versions": [
            describe_version(policy, v, statuses[v.id], site_url, texts, pdfs) for v in reversed(policy.versions)
        ],
    }


def policy_fields(policy: Policy) -> dict[str, Any]:
    """What both feeds say of the policy itself, in this order, after their schema_version."""
    settings = policy.settings
    return {
        "policy": {"id": settings.policy_id, "title": {lang: settings.title[lang] for lang in settings.languages}},
        "languages": list(settings.languages),
        "default_language": settings.default_language,
        "authoritative_language": settings.authoritative_language,
        "timezone": settings.timezone_name,
    }


def describe_version(
    policy: Policy, version: Version, status: Status, site_url: str, texts: Texts, pdfs: Pdfs | None = None
) -> dict[str, Any]:
    """One entry of `versions`; each document lists its PDF when pdfs are given."""
    settings = policy.settings
    previous, successor = policy.previous(version), policy.next(version)
    return {
        "id": version.id,
        "status": status.value,
        "effective_from": version.effective_from(settings).isoformat(),
        "effective_until": successor.effective_from(settings).isoformat() if successor else None,
        "material": version.material,
        "requires_consent": version.material,
        "consent_baseline": find_consent_baseline(policy, version),
        "previous": previous.id if previous else None,
        "summary": {lang: version.summary[lang] for lang in settings.languages},
        "documents": {
            lang: describe_document(
                version.id, lang, previous is not None, site_url, settings.default_language, texts[version.id, lang]
            )
            | ({"pdf": describe_pdf(version.id, lang, site_url, pdfs[version.id, lang])} if pdfs else {})
            for lang in settings.languages
        },
    }


def describe_document(
    version_id: str, lang: str, has_previous: bool, site_url: str, default_lang: str, markdown: bytes
) -> dict[str, Any]:
    """Where one version's text in one language is, and how to recognise its exact bytes."""
    api = f"{site_url}{API_V1}/versions/{version_id}/{lang}"
    changes = site_url + page_url(changes_path(version_id), lang, default_lang) if has_previous else None
    return {
        "page": site_url + page_url(version_path(version_id), lang, default_lang),
        "markdown": f"{api}.md",
        "html": f"{api}.html",
        "sha256": hashlib.sha256(markdown).hexdigest(),
        "bytes": len(markdown),
        "changes": changes,
    }


def describe_pdf(version_id: str, lang: str, site_url: str, pdf: StoredFile) -> dict[str, Any]:
    """Where a version's PDF in a language is, and how to recognise its exact bytes (any feed may list it so)."""
    return {"url": site_url + pdf_file(version_id, lang), "sha256": pdf.sha256, "bytes": pdf.size}


def find_consent_baseline(policy: Policy, version: Version) -> str | None:
    """The latest material version at or before this one: acceptances older than it are void."""
    material = [v for v in policy.versions if v.material and v.key <= version.key]
    return material[-1].id if material else None


def normalize_site_url(site_url: str) -> str:
    """The site's absolute address, ending in `/`, which every URL of the feed starts with."""
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise PolicyError(
            f"site_url {site_url!r} is not an absolute http(s) address: the feed's URLs are absolute. Set "
            "site_url in mkdocs.yml, e.g. site_url: https://privacy.qlever.asia/"
        )
    return site_url if site_url.endswith("/") else site_url + "/"


def read_schema_bytes() -> bytes:
    """The feed's JSON Schema, published beside the feed as it is in the package."""
    return files("policy.api").joinpath(SCHEMA_RESOURCE).read_bytes()


def validated_feed(feed: Mapping[str, Any], clean: CleanVerdicts) -> bytes:
    """The feed as published; PolicyError naming every place where it breaks its schema, or holds a field it
    does not name. clean: the verdicts kept (policy/verdicts.py).

    The published schema lets unknown fields through, as clients must ignore them (decision 4); the build is
    stricter, so that a misspelt or undocumented field never reaches an app."""
    schema = read_schema_bytes()
    validator = Draft202012Validator(closed(json.loads(schema)), format_checker=Draft202012Validator.FORMAT_CHECKER)
    encoded = encode_json(feed)
    details = new_schema_errors(validator, schema, feed, encoded, clean)
    if details:
        raise PolicyError(
            f"the feed does not match {SCHEMA_RESOURCE}, so nothing was written: {details}. Fix feed.py or the "
            "schema, whichever is wrong; a change to the contract needs docs/decisions/0004-feed-contract.md"
        )
    return encoded


def encode_json(feed: Mapping[str, Any]) -> bytes:
    """Compact UTF-8 JSON in the feed's own key order, with a final newline: the same feed, the same bytes."""
    return (json.dumps(feed, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def render_fragment(markdown: bytes, lang: str, path: Path) -> str:
    """A text as a self-contained HTML fragment, clauses anchored as on the site (`id="5-2"`).

    Raw HTML is escaped rather than passed through, and the result is audited by the checker's own
    rule (sources/markup.py): no scripts, no event handlers, nothing loaded from anywhere, links
    only within the page or to e-mail. The checker refuses such a text first; this is the last guard.
    """
    body = to_html(markdown.decode("utf-8"), [ClauseAnchorExtension()])
    fragment = f'<article lang="{html.escape(lang)}">\n{body}\n</article>\n'
    refusals = audit(fragment)
    if refusals:
        raise PolicyError(f"{path.as_posix()}: the text would put {', '.join(refusals)} into the app's HTML. {FIX}")
    return fragment
