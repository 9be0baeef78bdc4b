"""One plain function per editors' command; they return values and never print or exit."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .api.signing import SigningKey, key_set_with, new_signing_key, write_key_set
from .errors import PolicyError, SourcesRefusedError
from .publication.redline_views import Comparison
from .publication.urls import API_V2, FEED_FILE
from .site.build import build_site
from .site.languages import find_untranslated
from .site.outputs import sign_api
from .sources.check import CheckReport, check_policy
from .sources.history import open_repo
from .sources.redline import compare_texts
from .sources.versions import METADATA_FILE, VERSIONS_DIR, Loaded, Policy, Status, Version
from .verdicts import verdicts_kept_under


def check(loaded: Loaded, as_of: dt.date, base_ref: str | None = None) -> CheckReport:
    """Every rule over the versions folder, and whether the site's interface speaks each language."""
    report = check_sources(loaded, as_of, base_ref)
    return CheckReport(report.policy, report.problems + find_untranslated(report.policy.root, report.policy.settings))


def check_sources(loaded: Loaded, as_of: dt.date, base_ref: str | None = None) -> CheckReport:
    """Every rule over the versions folder; what was found clean is kept in the policy's cache (policy/verdicts.py)."""
    with verdicts_kept_under(loaded.policy.root):
        return check_policy(loaded, as_of, base_ref)


def build(loaded: Loaded, as_of: dt.date, site_dir: Path, signing_keys: tuple[SigningKey, ...] = ()) -> Path:
    """Check the sources, then build the site into site_dir; refused unless the checker finds no error (the
    build itself refuses a site that does not speak every language, from the configuration MkDocs reads).
    api/v2 is signed with signing_keys; with none, it is published without signatures."""
    return build_site(check_sources(loaded, as_of).sound_policy(), as_of, site_dir, signing_keys)


def sign(root: Path, site_dir: Path, signing_keys: tuple[SigningKey, ...]) -> Path:
    """Sign the api/v2 of a site built without keys, as a build with them would have: the same bytes.
    Publishing builds without the secret, then signs in a step of its own (.github/workflows/publish.yml)."""
    feed = site_dir / API_V2 / FEED_FILE
    if not feed.is_file():
        shown = feed.relative_to(root) if feed.is_relative_to(root) else feed
        raise PolicyError(f"{shown} is missing: build the site first (`policy build`), then sign it")
    return sign_api(site_dir, signing_keys) if signing_keys else site_dir


@dataclass(frozen=True)
class NewKey:
    kid: str
    jwk: dict[str, str]
    private_key: Path
    """Where the private half was written: for the repository's secret, never for the repository."""
    public_keys: Path
    """The file of public keys it was added to, published as api/v2/keys.json."""


def keygen(policy: Policy, private_key: Path) -> NewKey:
    """Make a signing key: its private half into a new file outside the repository, readable by its owner
    only; its public half added to signing-keys.json."""
    root = policy.root.resolve()
    target = private_key.resolve()
    if target.is_relative_to(root):
        raise PolicyError(
            f"{private_key} is inside the repository, where it could be committed: write the private key "
            "outside it, e.g. --private-key ~/qlever-policy-signing.pem"
        )
    if target.exists():
        raise PolicyError(f"{private_key} exists already: name a new file, so that no key is overwritten")
    if not target.parent.is_dir():
        raise PolicyError(f"{target.parent} is not a folder: create it first, or name a file in another")
    key, pem = new_signing_key()
    key_set = key_set_with(policy.root, key)  # a broken signing-keys.json is refused before anything is written
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(pem)
    except OSError as err:
        raise PolicyError(f"{private_key}: {err.strerror}: name a file in a folder you may write to") from None
    return NewKey(key.kid, key.jwk, target, write_key_set(policy.root, key_set))


@dataclass(frozen=True)
class StatusLine:
    version: Version
    status: Status


def status(policy: Policy, as_of: dt.date) -> list[StatusLine]:
    """Every version with its status on the as-of date, newest first."""
    statuses = policy.statuses(as_of)
    return [StatusLine(v, statuses[v.id]) for v in reversed(policy.versions)]


def diff(policy: Policy, ids: Sequence[str], langs: Sequence[str]) -> list[Comparison]:
    """The redline between two versions, or one and the version before it, in each language asked for."""
    unknown = [lang for lang in langs if lang not in policy.settings.languages]
    if unknown:
        raise PolicyError(
            f"--lang {unknown[0]!r} is not one of the policy's languages: {', '.join(policy.settings.languages)}"
        )
    new = policy.version(ids[-1])
    old = policy.version(ids[0]) if len(ids) == 2 else policy.previous(new)
    if old is None:
        raise PolicyError(
            f"version {new.id} is the first version: name another to compare it with, e.g. policy diff {new.id} B"
        )
    try:
        return [Comparison(old, new, lang, compare_texts(old.read_text(lang), new.read_text(lang))) for lang in langs]
    except SourcesRefusedError as refusal:
        raise SourcesRefusedError(refusal.problems, policy.root) from None
    except FileNotFoundError as missing:
        path = policy.relative(Path(str(missing.filename)))
        raise PolicyError(f"{path}: there is no such text; run `policy check`") from None


def next_version_id(latest: str | None, material: bool) -> str:
    """A material change opens a new major version (2.0); an editorial one the next minor (1.2)."""
    if latest is None:
        return "1.0"
    major, *rest = (int(part) for part in latest.split("."))
    return f"{major + 1}.0" if material else f"{major}.{(rest[0] if rest else 0) + 1}"


@dataclass(frozen=True)
class NewVersion:
    id: str
    folder: Path
    effective: dt.date
    material: bool
    copied_from: str | None
    branch: str | None = None


def new_version(
    policy: Policy, as_of: dt.date, effective: dt.date | None, material: bool, branch: bool = False
) -> NewVersion:
    """Create the next version as a copy of the latest one's texts, with metadata to fill in."""
    root = policy.root
    latest = policy.versions[-1] if policy.versions else None
    version_id = next_version_id(latest.id if latest else None, material)
    folder = root / VERSIONS_DIR / version_id
    if folder.exists():
        shown = policy.relative(folder).as_posix()
        raise PolicyError(f"{shown}/ already exists: edit that version, or remove it first")
    notice = dt.timedelta(days=policy.settings.notice_days if material else 1)
    day = dt.timedelta(days=1)
    effective = effective or max(as_of + notice, latest.effective + day if latest else as_of)
    if latest and effective <= latest.effective:
        raise PolicyError(
            f"the effective date {effective} is not after that of version {latest.id} ({latest.effective}): "
            "choose a later date"
        )
    if latest and material and effective < as_of + notice:
        raise PolicyError(
            f"a material version needs {notice.days} days' notice to users, counted from today ({as_of}): it can "
            f"take effect on {as_of + notice} at the earliest. Choose that date or a later one; or, if users need "
            "not accept it again, start an editorial version"
        )
    branch_name = start_branch(root, f"policy-{version_id}") if branch else None
    folder.mkdir(parents=True)
    for lang in policy.settings.languages:
        if latest:
            shutil.copyfile(latest.text_path(lang), folder / f"{lang}.md")
        else:
            (folder / f"{lang}.md").write_text(f"# {policy.settings.title[lang]}\n", encoding="utf-8")
    (folder / METADATA_FILE).write_text(
        metadata_template(effective, material, policy.settings.languages), encoding="utf-8"
    )
    return NewVersion(version_id, folder, effective, material, latest.id if latest else None, branch_name)


def start_branch(root: Path, name: str) -> str:
    """Create a git branch for the new version from the current commit, and switch to it."""
    repo = open_repo(root)
    if repo is None:
        raise PolicyError(
            f"{root} is not a git repository, so no branch was made: run without --branch, or clone the "
            "repository first"
        )
    if name in repo.heads:
        raise PolicyError(f"the branch {name!r} exists already: switch to it (git switch {name}), or delete it first")
    repo.create_head(name).checkout()
    return name


def metadata_template(effective: dt.date, material: bool, languages: tuple[str, ...]) -> str:
    summaries = "".join(f'{lang} = ""\n' for lang in languages)
    return (
        f"# The date the version takes effect, at midnight in the policy's time zone.\n"
        f"effective = {effective.isoformat()}\n"
        f"# true when users must accept the policy again.\n"
        f"material = {'true' if material else 'false'}\n\n"
        f"# One sentence per language saying what changed.\n"
        f"[summary]\n{summaries}"
    )
