"""The whole archive as one download (`api/v1/archive.zip`): every version's texts, its version.toml and its
PDFs, the policy's policy.toml, and a SHA256SUMS file listing them all.

Reproducible: the members are in a fixed order (policy.toml, then each version by id, its version.toml,
then each language's text and PDF, SHA256SUMS last), each dated from the sources (a version's files on
the day it takes effect, the others on the latest version's day), with fixed permissions; texts are
deflated, PDFs, already compressed, are stored. Unpacked, `sha256sum -c SHA256SUMS` checks every file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sys
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..sources.settings import SETTINGS_FILE
from ..sources.versions import METADATA_FILE, VERSIONS_DIR, Policy
from .stored import StoredFile

SUMS_FILE = "SHA256SUMS"


@dataclass(frozen=True)
class Member:
    """One file of the archive: its name inside the archive's folder, its bytes or where they are, and its day."""

    name: str
    content: bytes | Path
    sha256: str
    day: dt.date

    def data(self) -> bytes:
        return self.content if isinstance(self.content, bytes) else self.content.read_bytes()


def archive_members(
    policy: Policy, texts: Mapping[tuple[str, str], bytes], pdfs: Mapping[tuple[str, str], StoredFile]
) -> list[Member]:
    """Every file of the archive but SHA256SUMS, in the archive's order."""
    latest = policy.versions[-1].effective
    settings_file = (policy.root / VERSIONS_DIR / SETTINGS_FILE).read_bytes()
    members = [in_memory(SETTINGS_FILE, settings_file, latest)]
    for version in policy.versions:
        members.append(
            in_memory(f"{version.id}/{METADATA_FILE}", (version.folder / METADATA_FILE).read_bytes(), version.effective)
        )
        for lang in policy.settings.languages:
            members.append(in_memory(f"{version.id}/{lang}.md", texts[version.id, lang], version.effective))
            pdf = pdfs[version.id, lang]
            members.append(Member(f"{version.id}/{lang}.pdf", pdf.path, pdf.sha256, version.effective))
    return members


def in_memory(name: str, data: bytes, day: dt.date) -> Member:
    return Member(name, data, hashlib.sha256(data).hexdigest(), day)


def sha256sums(members: list[Member]) -> bytes:
    """The SHA256SUMS file, as `sha256sum` writes and checks it: `<hash>  <name>` per line."""
    return "".join(f"{member.sha256}  {member.name}\n" for member in members).encode("utf-8")


def archive_key(members: list[Member]) -> str:
    """What the archive's bytes depend on: every member's name, hash and day, and how it is zipped."""
    facts = [f"{m.name} {m.sha256} {m.day.isoformat()}" for m in members]
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return hashlib.sha256("\n".join([code, zlib.ZLIB_RUNTIME_VERSION, sys.version, *facts]).encode()).hexdigest()


def build_archive(folder: str, members: list[Member]) -> bytes:
    """The zip of the members and their SHA256SUMS, all inside one folder (the policy's id)."""
    sums = in_memory(SUMS_FILE, sha256sums(members), max(member.day for member in members))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for member in [*members, sums]:
            info = zipfile.ZipInfo(f"{folder}/{member.name}", date_time=(*member.day.timetuple()[:3], 0, 0, 0))
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o100644 << 16
            stored = member.name.endswith(".pdf")
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, member.data(), compresslevel=None if stored else 9)
    return output.getvalue()
