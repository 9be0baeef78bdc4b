"""A version from start to merge in the browser (docs/editors-browser.md).

`policy propose` starts it: the new version's folder on the branch policy-X.Y, committed and pushed, and the
body of its draft pull request, the template filled in with links to GitHub's editor for each text.
`policy review` writes the redline of every version a pull request adds or changes, for its comment.
The calls to GitHub itself are in github.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import git

from .commands import NewVersion, diff, new_version, next_version_id
from .errors import PolicyError
from .github import COMMENT_LIMIT, Repository
from .publication.redline_views import comparison_markdown
from .sources.history import open_repo
from .sources.versions import METADATA_FILE, VERSIONS_DIR, Policy

TEMPLATE = Path(".github/pull_request_template.md")
REDLINE_MARKER = "<!-- policy-redline -->"
# The template's fields, by the start of their line, and what the pull request of a new version fills in.
EditUrl = Callable[[str, str], str]
"""The address of GitHub's editor on a file (the second) of a branch (the first)."""
VERSION_FIELD = "- **Version:**"
MATERIAL_FIELD = "- **Material** (users must accept again)?"
EFFECTIVE_FIELD = "- **Takes effect on:**"


@dataclass(frozen=True)
class Proposal:
    version: NewVersion
    branch: str
    base: str
    title: str
    body: str


def branch_name(version_id: str) -> str:
    return f"policy-{version_id}"


def propose(
    policy: Policy,
    as_of: dt.date,
    effective: dt.date | None,
    material: bool,
    repository: Repository,
    remote: str = "origin",
) -> Proposal:
    """Start the next version on its own branch, pushed to remote, and write its pull request."""
    repo = git_repository(policy)
    base = repo.active_branch.name
    latest = policy.versions[-1].id if policy.versions else None
    branch = branch_name(next_version_id(latest, material))
    refuse_an_open_version(repo, remote, branch, repository.token)
    template = read_template(policy.root)
    created = new_version(policy, as_of, effective, material, branch=True)
    kind = "material" if material else "editorial"
    title = f"Version {created.id} ({kind}), taking effect on {created.effective}"
    repo.git.add(policy.relative(created.folder).as_posix())
    copied = f", a copy of version {created.copied_from}" if created.copied_from else ""
    repo.git.commit(m=f"Start version {created.id} ({kind}), taking effect on {created.effective}{copied}")
    push(repo, remote, branch, repository.token)
    body = pull_request_body(template, policy, created, repository.edit_url)
    return Proposal(created, branch, base, title, body)


def push(repo: git.Repo, remote: str, branch: str, token: str | None) -> None:
    try:
        with repo.git.custom_environment(**credentials(token)):
            repo.git.push("--set-upstream", remote, f"{branch}:{branch}")
    except git.GitCommandError as refused:
        raise PolicyError(f"the branch {branch} could not be pushed to {remote}: {refused.stderr.strip()}") from None


def credentials(token: str | None) -> dict[str, str]:
    """The token for one git command, in its environment: the checkout keeps no credentials, and an argument
    would show in the list of processes."""
    if not token:
        return {}
    header = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    return {
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "http.extraheader",
        "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {header}",
    }


def git_repository(policy: Policy) -> git.Repo:
    repo = open_repo(policy.root)
    if repo is None:
        raise PolicyError(f"{policy.root} is not a git repository: a new version is proposed from a clone")
    if repo.head.is_detached:
        raise PolicyError("the clone is on no branch: start the workflow from the main branch")
    return repo


def refuse_an_open_version(repo: git.Repo, remote: str, branch: str, token: str | None) -> None:
    version = branch.removeprefix("policy-")
    try:
        with repo.git.custom_environment(**credentials(token)):
            found = repo.git.ls_remote("--heads", remote, f"refs/heads/{branch}")
    except git.GitCommandError as failed:
        raise PolicyError(f"the repository's remote {remote!r} could not be read: {failed.stderr.strip()}") from None
    if found:
        raise PolicyError(
            f"version {version} is already open, on the branch {branch}. Continue it in its pull request (the "
            f"Pull requests tab), or, to start it again, close that pull request and delete the branch {branch} first."
        )


def read_template(root: Path) -> str:
    try:
        return (root / TEMPLATE).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(f"{TEMPLATE}: the pull request template is missing; restore it from git") from None


def pull_request_body(template: str, policy: Policy, created: NewVersion, edit_url: EditUrl) -> str:
    """The template with the version's fields filled in and, before the checklist, a link to each text."""
    folder = policy.relative(created.folder).as_posix()
    fields = {
        VERSION_FIELD: created.id,
        MATERIAL_FIELD: "yes: users must accept it again" if created.material else "no: an editorial change",
        EFFECTIVE_FIELD: f"{created.effective}, at 00:00 {policy.settings.timezone}",
    }
    lines = template.splitlines()
    for field, value in fields.items():
        index = next((i for i, line in enumerate(lines) if line.startswith(field)), None)
        if index is None:
            raise PolicyError(f"{TEMPLATE}: no line starts with {field!r}; put the field back, as in git's history")
        lines[index] = f"{field} {value}"
    assert created.branch is not None
    links = edit_links(policy, folder, created.branch, edit_url)
    checklist = next((i for i, line in enumerate(lines) if line.startswith("## Checklist")), len(lines))
    return "\n".join([*lines[:checklist], *links, "", *lines[checklist:]]) + "\n"


def edit_links(policy: Policy, folder: str, branch: str, edit_url: EditUrl) -> list[str]:
    settings = policy.settings
    texts = [
        f"- [{lang}.md]({edit_url(branch, f'{folder}/{lang}.md')})"
        + (" (authoritative)" if lang == settings.authoritative_language else "")
        for lang in settings.languages
    ]
    return [
        "## Edit the texts in the browser",
        "",
        "Each link opens a text of this version in GitHub's editor, on this pull request's branch: edit it, then "
        '"Commit changes…" and "Commit directly to the ' + branch + ' branch".',
        "",
        *texts,
        f"- [{METADATA_FILE}]({edit_url(branch, f'{folder}/{METADATA_FILE}')}): "
        "one sentence per language saying what changed",
    ]


def changed_versions(policy: Policy, base: str) -> list[str]:
    """The ids of the versions whose files differ between base and HEAD, in order."""
    repo = git_repository(policy)
    try:
        names = repo.git.diff("--name-only", f"{base}...HEAD", "--", VERSIONS_DIR).splitlines()
    except git.GitCommandError as failed:
        raise PolicyError(f"git could not compare with {base!r}: {failed.stderr.strip()}") from None
    found = {m.group(1) for name in names if (m := re.fullmatch(rf"{VERSIONS_DIR}/(\d+\.\d+)/[^/]+", name))}
    return sorted(found, key=lambda id: tuple(int(part) for part in id.split(".")))


def redlines(policy: Policy, ids: list[str]) -> str:
    """Each version's redline against the one before it, in every language, as Markdown."""
    parts = []
    loaded = {version.id for version in policy.versions}
    for version_id in ids:
        if version_id not in loaded:
            parts.append(
                f"### Version {version_id}\n\nNo redline yet: its files do not pass the checker. The annotations on "
                'the pull request\'s "Files changed" tab say what to fix.\n'
            )
            continue
        try:
            parts.append(comparison_markdown(diff(policy, [version_id], policy.settings.languages)))
        except PolicyError as refused:
            parts.append(f"### Version {version_id}\n\nNo redline: {refused}\n")
    return "\n".join(parts) if parts else "No version is added or changed.\n"


def redline_comment(markdown: str, repository: Repository, limit: int = COMMENT_LIMIT) -> str:
    """The pull request's comment: found again by its marker, within GitHub's limit, linking to the run."""
    run = repository.run_url()
    preview = (
        f"The pages as readers will see them: the artifact **site** on [this run's page]({run}), once the run "
        "has finished (download it, unzip it and open `index.html`)."
        if run
        else ""
    )
    head = f"{REDLINE_MARKER}\n## What this pull request changes\n\n{preview}\n\n"
    body = head + markdown
    if len(body) <= limit:
        return body
    note = (
        "\n\n**The redline is too long for a comment and stops here.** The whole of it is in the summary of "
        + (f"[this run]({run})." if run else "the workflow's run.")
        + "\n"
    )
    return body[: limit - len(note)] + note
