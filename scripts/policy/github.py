"""The one place that talks to GitHub: its REST API, with the workflow's token, through urllib.

Everything else (the git work, the bodies of pull requests and comments) is done before a request is
made, so the tests replace only this boundary: they point GITHUB_API_URL at a server that records.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import PolicyError

API_VERSION = "2022-11-28"
COMMENT_LIMIT = 65_536
"""The most characters GitHub keeps in a comment or a pull request's body."""


@dataclass(frozen=True)
class Repository:
    """Where the repository is on GitHub, as a workflow's environment says."""

    server: str
    api: str
    name: str
    token: str | None
    run_id: str | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Repository:
        name = environ.get("GITHUB_REPOSITORY")
        if not name:
            raise PolicyError(
                "GITHUB_REPOSITORY is not set: this command runs in a GitHub workflow, which sets it "
                "(or set it to owner/name)"
            )
        return cls(
            server=environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/"),
            api=environ.get("GITHUB_API_URL", "https://api.github.com").rstrip("/"),
            name=name,
            token=environ.get("GITHUB_TOKEN") or None,
            run_id=environ.get("GITHUB_RUN_ID") or None,
        )

    def web(self, path: str) -> str:
        return f"{self.server}/{self.name}/{path}"

    def edit_url(self, branch: str, path: str) -> str:
        """GitHub's editor in the browser, open on a file of a branch."""
        return self.web(f"edit/{branch}/{path}")

    def run_url(self) -> str | None:
        return self.web(f"actions/runs/{self.run_id}") if self.run_id else None


class GitHub:
    """The few calls the workflows make, each a JSON request to the REST API."""

    def __init__(self, repository: Repository) -> None:
        if not repository.token:
            raise PolicyError(
                "GITHUB_TOKEN is not set, so nothing can be posted to GitHub: give the step "
                "`env: GITHUB_TOKEN: ${{ github.token }}` and the permission it needs"
            )
        self.repository = repository
        self.token = repository.token

    def open_draft_pull_request(self, head: str, base: str, title: str, body: str) -> dict[str, Any]:
        pull: dict[str, Any] = self.request(
            "POST",
            f"/repos/{self.repository.name}/pulls",
            {"title": title, "head": head, "base": base, "body": body, "draft": True},
        )
        return pull

    def upsert_comment(self, number: int, marker: str, body: str, create: bool = True) -> dict[str, Any] | None:
        """Edit the pull request's comment that starts with marker, or post it when there is none (if create)."""
        previous = next((c for c in self.comments(number) if str(c.get("body", "")).startswith(marker)), None)
        if previous is None and not create:
            return None
        where = (
            ("POST", f"/repos/{self.repository.name}/issues/{number}/comments")
            if previous is None
            else ("PATCH", f"/repos/{self.repository.name}/issues/comments/{previous['id']}")
        )
        comment: dict[str, Any] = self.request(*where, {"body": body})
        return comment

    def comments(self, number: int) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        page = 1
        while True:
            batch = self.request(
                "GET", f"/repos/{self.repository.name}/issues/{number}/comments?per_page=100&page={page}"
            )
            found += batch
            if len(batch) < 100:
                return found
            page += 1

    def request(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(
            self.repository.api + path,
            data=data,
            method=method,
            headers={
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self.token}",
                "X-GitHub-Api-Version": API_VERSION,
                **({"Content-Type": "application/json"} if data is not None else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as refused:
            raise PolicyError(
                f"GitHub refused {method} {path} ({refused.code}): {github_message(refused)}; check the workflow's "
                "permissions and the repository's settings (docs/editors-browser.md)"
            ) from None
        except urllib.error.URLError as unreachable:
            raise PolicyError(f"GitHub could not be reached at {self.repository.api}: {unreachable.reason}") from None


def github_message(refused: urllib.error.HTTPError) -> str:
    try:
        answer = json.load(refused)
    except ValueError:
        return refused.reason
    errors = "; ".join(str(e.get("message", e)) for e in answer.get("errors", []) if isinstance(e, dict))
    return str(answer.get("message", refused.reason)) + (f" ({errors})" if errors else "")


def append_summary(text: str, environ: Mapping[str, str] = os.environ) -> None:
    """Add Markdown to the workflow run's summary page, when running in a workflow."""
    path = environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(text.rstrip("\n") + "\n\n")
