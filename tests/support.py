"""What the tests are made of: small policies of their own (tests/data), git repositories made
from them, sites built from them, golden files, and the guard that keeps the tests of the code off
the live `versions/` folder, which legal editors change. The fixtures are in conftest.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import git
import pytest

import audit
from policy.api import feed, feed_v2
from policy.api.signing import SigningKey, key_set_with, write_key_set
from policy.api.timestamp import timestamp_files
from policy.publication.urls import API_V1, API_V2
from policy.site.outputs import write_folder
from policy.sources.versions import Policy, read_texts

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
BROKEN = DATA / "broken"
GOLDEN = REPO / "tests" / "golden"
LIVE_VERSIONS = REPO / "versions"
BISHKEK = dt.timezone(dt.timedelta(hours=6))
SITE_URL = "https://privacy.qlever.asia/"
LANGUAGES = ("uz", "ky", "ru")
LANG_PREFIXES = {"uz": "", "ky": "ky/", "ru": "ru/"}

# The scenarios' dates: in `two-versions`, 1.0 takes effect on 2026-11-24 and 1.1 on 2026-12-15;
# in `chain`, 1.0 on 2026-11-24, 1.1 on 2027-01-10 and the material 2.0 on 2027-03-01.
BEFORE_1_1 = dt.date(2026, 11, 25)
AFTER_1_1 = dt.date(2026, 12, 15)
CHAIN_BEFORE_2_0 = dt.date(2027, 1, 20)
CHAIN_AFTER_2_0 = dt.date(2027, 3, 1)
PUBLISHED = dt.datetime(2026, 11, 25, 9, 0, tzinfo=BISHKEK)
"""When the policies of tests/data are committed, in the tests that need git."""


class LiveFolderGuard:
    """Fails a test that opens anything in the live versions/ folder, unless it is allowed to."""

    def __init__(self) -> None:
        self.allowed = 0
        self.live = os.fsdecode(LIVE_VERSIONS) + os.sep

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if self.allowed or event not in ("open", "os.listdir", "os.scandir") or not args:
            return
        path = args[0]
        if path is None or isinstance(path, int):
            return
        # Relative paths are left alone: one relative to a directory descriptor (rmtree's) is not
        # relative to the working directory, and the code names every file from an absolute root.
        name = os.fsdecode(os.fspath(path))
        if os.path.isabs(name) and (os.path.normpath(name) + os.sep).startswith(self.live):
            raise AssertionError(f"a test of the code read the live {name}: use a policy of tests/data instead")

    @contextmanager
    def allowing(self) -> Iterator[None]:
        """Let a gate (tests/live/) read the live folder for the duration of a block."""
        self.allowed += 1
        try:
            yield
        finally:
            self.allowed -= 1


LIVE_FOLDER_GUARD = LiveFolderGuard()
sys.addaudithook(LIVE_FOLDER_GUARD)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Each file under a folder by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def tree_digest(folder: Path) -> dict[str, str]:
    """Each file under a folder by relative path, with the SHA-256 of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def scenario(name: str) -> Path:
    """A policy of tests/data, read in place: never write into it."""
    root = DATA / name
    assert (root / "versions" / "policy.toml").is_file(), f"no policy {name!r} in tests/data"
    return root


def copy_scenario(name: str, root: Path) -> Path:
    """A copy of a policy of tests/data in root, to change, with the repository's clients/ linked in beside
    it: the feed publishes the clients' test vectors of the repository it is built in."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(scenario(name) / "versions", root / "versions")
    (root / "clients").symlink_to(REPO / "clients")
    return root


def copy_site_sources(root: Path) -> Path:
    """Beside a policy's versions/, what a build reads: mkdocs.yml and docs/, the code and the browser
    libraries npm installed (node_modules/) linked in."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    (root / "scripts").symlink_to(REPO / "scripts")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    return root


def apply_case(case: dict[str, Any], root: Path) -> None:
    """Break a copied policy as a case of tests/data/broken says, in this order:
    remove = [paths] (files or folders); [[copy]] from, to (files or folders); [[replace]] path, old, new (once);
    [files] path = text; [[rewrite]] path, and any of: encoding (save the text in it), crlf = true,
    prefix_hex (bytes put before it), grow_to (bytes it is padded to); [[symlink]] path, target
    (relative to the link's folder), and content (written to the target, which may be outside root) unless
    the target is there already."""
    for relative in case.get("remove", []):
        path = root / relative
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    for copy in case.get("copy", []):
        source, target = root / copy["from"], root / copy["to"]
        shutil.copytree(source, target) if source.is_dir() else shutil.copy(source, target)
    for edit in case.get("replace", []):
        path = root / edit["path"]
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text, f"{edit['old']!r} is not in {edit['path']}"
        path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
    for relative, content in case.get("files", {}).items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(content, encoding="utf-8")
    for rewrite in case.get("rewrite", []):
        rewrite_bytes(root / rewrite["path"], rewrite)
    for link in case.get("symlink", []):
        path = root / link["path"]
        path.unlink(missing_ok=True)
        if "content" in link:
            (path.parent / link["target"]).write_text(link["content"], encoding="utf-8")
        path.symlink_to(link["target"])


def rewrite_bytes(path: Path, how: dict[str, Any]) -> None:
    text = path.read_text(encoding="utf-8")
    if how.get("crlf"):
        text = text.replace("\n", "\r\n")
    data = bytes.fromhex(how.get("prefix_hex", "")) + text.encode(how.get("encoding", "utf-8"))
    if "grow_to" in how:
        data += b"\n" + b"x" * (how["grow_to"] - len(data) - 1)
    path.write_bytes(data)


def read_case(name: str) -> dict[str, Any]:
    with (BROKEN / name / "case.toml").open("rb") as handle:
        return tomllib.load(handle)


def broken_cases() -> list[str]:
    return sorted(path.parent.name for path in BROKEN.glob("*/case.toml"))


def commit_all(repo: git.Repo, message: str, when: dt.datetime) -> git.Commit:
    """Commit every change in the work tree at a chosen time, so history is reproducible."""
    repo.git.add(A=True)
    stamp = when.isoformat()
    with repo.git.custom_environment(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp):
        repo.git.commit(m=message, no_verify=True)
    return repo.head.commit


def init_repo(root: Path, when: dt.datetime) -> git.Repo:
    """Make root a git repository whose files were all committed at one time, on main."""
    repo = git.Repo.init(root, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test Editor").set_value("user", "email", "editor@example.org")
    commit_all(repo, "Publish the policy", when)
    return repo


def build(root: Path, as_of: dt.date, site_dir: Path | None = None) -> Path:
    """Check and build a policy's site as `policy build` does, into root/site unless told."""
    from policy.commands import build as build_command
    from policy.sources.versions import load_policy

    return build_command(load_policy(root), as_of, site_dir or root / "site")


def build_feed(policy: Policy, as_of: dt.date, site_url: str) -> dict[str, Any]:
    """api/v1's feed as of a date, every URL absolute under site_url (not yet validated)."""
    return feed.assemble_feed(policy, as_of, feed.normalize_site_url(site_url), read_texts(policy))


def add_public_key(root: Path, key: SigningKey) -> Path:
    """Add a key to a policy's signing-keys.json (made when missing), as `policy keygen` does."""
    return write_key_set(root, key_set_with(root, key))


def write_api(
    policy: Policy, as_of: dt.date, site_url: str, site_dir: Path, texts: feed.Texts, fragments: feed.Fragments
) -> Path:
    """api/v1 of a policy, without PDFs, written under site_dir as a build writes it."""
    files = feed.api_files(policy, as_of, site_url, texts, fragments)
    return write_folder(site_dir / API_V1, files)


def write_api_v2(  # noqa: PLR0913 (what a build is given)
    policy: Policy,
    site_url: str,
    site_dir: Path,
    texts: feed.Texts,
    fragments: feed.Fragments,
    signing_keys: tuple[SigningKey, ...] = (),
    as_of: dt.date = dt.date(2026, 12, 1),
) -> Path:
    """api/v2 of a policy, without PDFs, signed with signing_keys if any, written as a build as of a date writes it."""
    files = feed_v2.api_files(policy, site_url, texts, fragments, signing_keys=signing_keys)
    return write_folder(site_dir / API_V2, files | timestamp_files(files, as_of, policy.settings, signing_keys))


class Golden:
    """Compares output with a reviewed file in tests/golden/ (or elsewhere), or rewrites it with --update-golden."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, actual: str | bytes, folder: Path = GOLDEN) -> None:
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        path = folder / name
        shown = path.relative_to(REPO).as_posix()
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        assert path.is_file(), f"{shown} is missing: run `make golden`, review it, commit it"
        expected = path.read_bytes()
        if data != expected:
            pytest.fail(
                (
                    f"{shown} differs from what the code gives now. If the change is meant, run `make "
                    "golden` and review the diff:\n"
                )
                + unified(expected, data, shown),
                pytrace=False,
            )


def unified(expected: bytes, actual: bytes, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(),
        actual.decode("utf-8", "replace").splitlines(),
        name,
        "now",
        lineterm="",
        n=2,
    )
    return "\n".join(list(lines)[:80])


@dataclass(frozen=True)
class LiveSite:
    """The live policy's site, built as of a date for a loopback address and served there (tests/live)."""

    as_of: dt.date
    folder: Path
    url: str


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # the base class's name
        pass


def serving(site: Path, handler: type[QuietHandler] = QuietHandler) -> AbstractContextManager[str]:
    """Serve a folder on loopback, uncompressed, for the duration of a block; yields its address."""
    return audit.serving(site, handler)


def node_json(script: str) -> Any:
    """What a script run by Node writes to its standard output, read as JSON."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: run `make test`, which installs Debian's npm and with it Node.js")
    return json.loads(subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout)
