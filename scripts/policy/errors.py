"""The project's one error type, and the problems the checker reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """Something wrong in the sources: where, what, and how to fix it."""

    path: Path | None
    line: int | None
    message: str
    fix: str = ""
    severity: Severity = "error"

    def file(self, root: Path | None = None) -> str | None:
        """The file, relative to root when given and inside it; None for the policy as a whole."""
        if self.path is None:
            return None
        path = self.path
        if root is not None and path.is_absolute() and path.is_relative_to(root):
            path = path.relative_to(root)
        return path.as_posix()

    def where(self, root: Path | None = None) -> str:
        """The location as `file:line`, relative to root when given."""
        file = self.file(root) or "policy"
        return f"{file}:{self.line}" if self.line and self.path else file

    def describe(self, root: Path | None = None) -> str:
        """One line: `versions/1.0/ru.md:12: error: what is wrong. How to fix it.`"""
        text = f"{self.where(root)}: {self.severity}: {self.message}"
        return f"{text}. {self.fix}" if self.fix else text


class PolicyError(Exception):
    """An expected failure (bad input, bad arguments). The command line prints it as
    `error: ...` and exits non-zero; anything else is a bug and keeps its traceback."""


class SourcesRefusedError(PolicyError):
    """The checker found errors in the sources."""

    def __init__(self, problems: list[Problem], root: Path | None = None) -> None:
        self.problems = problems
        self.root = root
        errors = [p for p in problems if p.severity == "error"]
        lines = "\n".join(p.describe(root) for p in errors)
        super().__init__(f"the policy sources have {len(errors)} error(s):\n{lines}")

    def __reduce__(self) -> tuple[type[SourcesRefusedError], tuple[list[Problem], Path | None]]:
        # Rebuilt from its arguments, not its message, when it comes back from the build's worker.
        return (SourcesRefusedError, (self.problems, self.root))
