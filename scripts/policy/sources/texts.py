"""A policy text as a file, before it is read as Markdown: a regular file of UTF-8 text, nothing else.

The app verifies the sha256 of each text's bytes, so what would change the bytes without changing
the words (a byte-order mark, Windows line endings) is refused with the fix, as is what is not
text at all (another encoding, NUL bytes, megabytes) or not the file itself (a symbolic link).
So are characters a reader cannot see: a zero-width joiner inside `3.2.` silently unnumbers the
clause, and a bidirectional control reorders what a reviewer reads from what the app shows.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..errors import Problem, SourcesRefusedError

MAX_BYTES = 1_000_000
"""A policy text is about 16 KB; a megabyte is not a policy text."""
BOM = b"\xef\xbb\xbf"
INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u061c\ufeff]"
)  # zero-width characters, and the marks, embeddings, overrides and isolates of bidirectional text


def read_text(path: Path, root: Path | None = None) -> str:
    """The text of a file the checker accepts as a policy text, or SourcesRefusedError naming why not
    (its files named relative to root)."""
    text, problems = read_checked(path)
    if text is None:
        raise SourcesRefusedError(problems, root)
    return text


def read_checked(path: Path) -> tuple[str | None, list[Problem]]:
    """The text of a policy text's file and the problems found reading it; no text when it is refused."""
    problems = file_problems(path)
    if problems:
        return None, problems
    data = path.read_bytes()
    problems = byte_problems(path, data)
    if problems:
        return None, problems
    text = data.decode("utf-8")
    problems = invisible_characters(path, text)
    return (None, problems) if problems else (text, [])


def file_problems(path: Path) -> list[Problem]:
    """A text that is a symbolic link, not a regular file, or too large to be a policy text."""
    if path.is_symlink():
        return [
            Problem(
                path,
                None,
                "the text is a symbolic link, not a file",
                "Put the text itself here: every text is a regular file inside the repository",
            )
        ]
    if not path.is_file():
        return [Problem(path, None, "the text is not a regular file", "Put a Markdown text here")]
    size = path.stat().st_size
    if size > MAX_BYTES:
        return [
            Problem(
                path,
                None,
                f"the text is {size / 1_000_000:.1f} MB, "
                f"more than the {MAX_BYTES // 1_000_000} MB a policy text may be",
                "Check that this file is the policy's text (a text is about 16 KB)",
            )
        ]
    return []


def byte_problems(path: Path, data: bytes) -> list[Problem]:
    """Bytes that are not plain UTF-8 text with LF line endings."""
    problems = encoding_problems(path, data)
    if b"\r" in data and not problems:
        problems.append(
            Problem(
                path,
                line_at(data, data.index(b"\r")),
                "the text has Windows (CR LF) line endings, which change the bytes the app verifies",
                "Save the file with LF (Unix) line endings",
            )
        )
    return problems


def encoding_problems(path: Path, data: bytes) -> list[Problem]:
    """Bytes that are not UTF-8 text: NUL bytes, another encoding, a byte-order mark."""
    if b"\x00" in data:
        line = line_at(data, data.index(b"\x00"))
        return [Problem(path, line, "the file holds a NUL byte: it is not a text file", "Save it as plain UTF-8 text")]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        byte = data[err.start]
        return [
            Problem(
                path,
                line_at(data, err.start),
                f"byte {err.start} (0x{byte:02X}) is not UTF-8",
                "Save the file as UTF-8",
            )
        ]
    if data.startswith(BOM):
        return [
            Problem(
                path,
                1,
                "the file starts with a byte-order mark, which changes the bytes the app verifies",
                "Save the file as UTF-8 without BOM",
            )
        ]
    return []


def invisible_characters(path: Path, text: str) -> list[Problem]:
    """Each character of a text that changes what it says without being seen, by line."""
    return [
        Problem(
            path,
            text.count("\n", 0, found.start()) + 1,
            f"the text holds U+{ord(found.group()):04X} {unicodedata.name(found.group())}, a character no reader "
            "can see, which can hide a clause number or reorder the words",
            "Delete it: retype the words around it, or paste them as plain text",
        )
        for found in INVISIBLE.finditer(text)
    ]


def line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
