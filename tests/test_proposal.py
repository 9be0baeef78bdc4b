"""The browser's path (docs/editors-browser.md): `policy propose` and `policy review`, as the workflows run
them, in a clone of a policy whose remote is a bare repository. GitHub itself is the one thing replaced: its
REST API is a server on loopback that records each request and answers as GitHub does."""

from __future__ import annotations

import base64
import json
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import git
import pytest

from policy.cli import main
from policy.github import Repository
from policy.proposal import REDLINE_MARKER, redline_comment
from support import PUBLISHED, REPO, commit_all

TOKEN = "ghs_test-token"
SLUG = "qlever/privacy-policy"
EDIT = "https://github.com/qlever/privacy-policy/edit/policy-1.2/versions/1.2"


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class GitHubRecorder:
    """What GitHub's REST API was asked, and the answers it gives: a pull request, and issue comments it keeps."""

    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)
    refuse: int | None = None

    def answer(self, request: Recorded) -> tuple[int, Any]:
        if self.refuse:
            return self.refuse, {"message": "Validation Failed", "errors": [{"message": "a pull request exists"}]}
        if request.path == f"/repos/{SLUG}/pulls":
            return 201, {"number": 7, "html_url": f"https://github.com/{SLUG}/pull/7"}
        if request.method == "GET" and request.path.startswith(f"/repos/{SLUG}/issues/7/comments?"):
            return 200, self.comments
        if request.method == "POST" and request.path == f"/repos/{SLUG}/issues/7/comments":
            self.comments.append({"id": 90 + len(self.comments), "body": request.body["body"]})
            return 201, {**self.comments[-1], "html_url": f"https://github.com/{SLUG}/pull/7#issuecomment-90"}
        if request.method == "PATCH" and request.path.startswith(f"/repos/{SLUG}/issues/comments/"):
            comment = next(c for c in self.comments if request.path.endswith(f"/{c['id']}"))
            comment["body"] = request.body["body"]
            return 200, {**comment, "html_url": f"https://github.com/{SLUG}/pull/7#issuecomment-{comment['id']}"}
        return 404, {"message": "Not Found"}


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[GitHubRecorder]:
    recorder = GitHubRecorder()

    class Handler(BaseHTTPRequestHandler):
        def handle_one(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            headers = {k: v for k, v in self.headers.items() if k not in ("Host", "Content-Length", "Connection")}
            request = Recorded(self.command, self.path, headers, json.loads(raw) if raw else None)
            recorder.requests.append(request)
            status, answer = recorder.answer(request)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = handle_one  # noqa: N815 (the base class's names)

        def log_message(self, format: str, *args: object) -> None:  # the base class's name
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    recorder.url = f"http://127.0.0.1:{server.server_address[1]}"
    for name, value in {
        "GITHUB_API_URL": recorder.url,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": SLUG,
        "GITHUB_TOKEN": TOKEN,
        "GITHUB_RUN_ID": "4242",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }.items():
        monkeypatch.setenv(name, value)
    yield recorder
    server.shutdown()
    server.server_close()


@dataclass
class Clone:
    repo: git.Repo
    origin: git.Repo

    @property
    def root(self) -> Path:
        return Path(str(self.repo.working_tree_dir))

    def remote_branches(self) -> list[str]:
        return sorted(head.name for head in self.origin.heads)


@pytest.fixture
def clone(tmp_path: Path, git_policy: Callable[[str], git.Repo]) -> Iterator[Clone]:
    """two-versions, with the pull request template, pushed to a bare repository and cloned from it."""
    published = git_policy("two-versions")
    root = Path(str(published.working_tree_dir))
    (root / ".github").mkdir()
    shutil.copy(REPO / ".github/pull_request_template.md", root / ".github/pull_request_template.md")
    commit_all(published, "The pull request template", PUBLISHED)
    origin = git.Repo.init(tmp_path / "origin.git", bare=True, initial_branch="main")
    published.git.push(origin.git_dir, "main")
    repo = git.Repo.clone_from(origin.git_dir, tmp_path / "clone")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Legal Editor").set_value("user", "email", "legal@example.org")
    yield Clone(repo, origin)
    repo.close()
    origin.close()


def policy(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["-C", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def summary(tmp_path: Path) -> str:
    return (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_propose_pushes_the_version_s_branch_and_opens_its_draft_pull_request(
    capsys: pytest.CaptureFixture[str], clone: Clone, github: GitHubRecorder, tmp_path: Path
) -> None:
    code, out, err = policy(capsys, clone.root, "propose", "--effective", "2027-01-10")
    assert (code, err) == (0, "")
    assert out == "Started version 1.2 on the branch policy-1.2: https://github.com/qlever/privacy-policy/pull/7\n"

    assert clone.remote_branches() == ["main", "policy-1.2"]
    pushed = clone.origin.heads["policy-1.2"].commit
    assert pushed.message.strip() == (
        "Start version 1.2 (editorial), taking effect on 2027-01-10, a copy of version 1.1"
    )
    assert clone.origin.git.ls_tree("-r", "--name-only", "policy-1.2", "versions/1.2").splitlines() == [
        "versions/1.2/ky.md",
        "versions/1.2/ru.md",
        "versions/1.2/uz.md",
        "versions/1.2/version.toml",
    ]
    for lang in ("uz", "ky", "ru"):
        copy = pushed.tree[f"versions/1.2/{lang}.md"].data_stream.read()
        assert copy == pushed.tree[f"versions/1.1/{lang}.md"].data_stream.read()
    assert b"effective = 2027-01-10\n" in pushed.tree["versions/1.2/version.toml"].data_stream.read()

    [request] = github.requests
    headers = {name: value for name, value in request.headers.items() if name != "Authorization"}
    assert (request.method, request.path, request.headers["Authorization"]) == (
        "POST",
        "/repos/qlever/privacy-policy/pulls",
        f"Bearer {TOKEN}",
    )
    assert headers == {
        "Accept": "application/vnd.github+json",
        "X-Github-Api-Version": "2022-11-28",
        "Content-Type": "application/json",
        "Accept-Encoding": "identity",
        "User-Agent": headers["User-Agent"],
    }
    body = request.body.pop("body")
    assert request.body == {
        "title": "Version 1.2 (editorial), taking effect on 2027-01-10",
        "head": "policy-1.2",
        "base": "main",
        "draft": True,
    }
    template = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    fields = template.split("## Checklist")[0].splitlines()
    filled = body.split("## Edit the texts in the browser")[0].splitlines()
    assert [(a, b) for a, b in zip(fields, filled, strict=True) if a != b] == [
        ("- **Version:** <!-- e.g. 1.2 -->", "- **Version:** 1.2"),
        (
            "- **Material** (users must accept again)? <!-- yes / no; a material version needs 30 days' notice "
            "from merge -->",
            "- **Material** (users must accept again)? no: an editorial change",
        ),
        (
            "- **Takes effect on:** <!-- YYYY-MM-DD, at 00:00 Asia/Bishkek -->",
            "- **Takes effect on:** 2027-01-10, at 00:00 Asia/Bishkek",
        ),
    ]
    assert body.split("## Edit the texts in the browser")[1].split("## Checklist")[0] == (
        "\n\nEach link opens a text of this version in GitHub's editor, on this pull request's branch: edit it, "
        'then "Commit changes…" and "Commit directly to the policy-1.2 branch".\n\n'
        f"- [uz.md]({EDIT}/uz.md) (authoritative)\n"
        f"- [ky.md]({EDIT}/ky.md)\n"
        f"- [ru.md]({EDIT}/ru.md)\n"
        f"- [version.toml]({EDIT}/version.toml): one sentence per language saying what changed\n\n"
    )
    assert body.endswith("## Checklist" + template.split("## Checklist")[1])
    assert summary(tmp_path) == (
        "## Version 1.2 was started\n\nVersion 1.2 (editorial), taking effect on 2027-01-10. Its draft pull "
        "request is [#7](https://github.com/qlever/privacy-policy/pull/7): open it and follow its links to edit "
        "each text.\n\n"
    )


def test_a_material_version_too_soon_is_refused_in_plain_words(
    capsys: pytest.CaptureFixture[str], clone: Clone, github: GitHubRecorder, tmp_path: Path
) -> None:
    code, out, err = policy(capsys, clone.root, "propose", "--material", "--effective", "2026-12-20")
    refusal = (
        "a material version needs 30 days' notice to users, counted from today (2026-11-25): it can take effect on "
        "2026-12-25 at the earliest. Choose that date or a later one; or, if users need not accept it again, start "
        "an editorial version"
    )
    assert (code, out, err) == (1, "", f"error: {refusal}\n")
    assert summary(tmp_path) == (
        f"## The new version was not started\n\nA{refusal[1:]}.\n\n"
        "Nothing was changed. Run the workflow again with another choice.\n\n"
    )
    assert github.requests == []
    assert clone.remote_branches() == ["main"]
    assert not (clone.root / "versions/2.0").exists()


@pytest.mark.parametrize(
    ("effective", "refusal"),
    [
        (
            "2026-12-01",
            "the effective date 2026-12-01 is not after that of version 1.1 (2026-12-15): choose a later date",
        ),
        (
            "10.01.2027",
            "the effective date '10.01.2027' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-15",
        ),
    ],
)
def test_a_date_the_checker_refuses_is_said_on_the_run_s_page(
    capsys: pytest.CaptureFixture[str],
    clone: Clone,
    github: GitHubRecorder,
    tmp_path: Path,
    effective: str,
    refusal: str,
) -> None:
    code, _, err = policy(capsys, clone.root, "propose", "--effective", effective)
    assert (code, err) == (1, f"error: {refusal}\n")
    assert summary(tmp_path).startswith(f"## The new version was not started\n\nT{refusal[1:]}.\n\n")
    assert (github.requests, clone.remote_branches()) == ([], ["main"])


def test_a_version_already_open_is_refused(
    capsys: pytest.CaptureFixture[str], clone: Clone, github: GitHubRecorder, tmp_path: Path
) -> None:
    assert policy(capsys, clone.root, "propose")[0] == 0
    clone.repo.git.switch("main")
    (tmp_path / "summary.md").unlink()

    code, _, err = policy(capsys, clone.root, "propose", "--effective", "2027-02-01")
    refusal = (
        "version 1.2 is already open, on the branch policy-1.2. Continue it in its pull request (the Pull requests "
        "tab), or, to start it again, close that pull request and delete the branch policy-1.2 first."
    )
    assert (code, err) == (1, f"error: {refusal}\n")
    assert summary(tmp_path).startswith(f"## The new version was not started\n\nV{refusal[1:]}\n\n")
    assert len(github.requests) == 1
    assert (
        clone.origin.heads["policy-1.2"]
        .commit.tree["versions/1.2/version.toml"]
        .data_stream.read()
        .startswith(b"# The date")
    )
    assert (
        b"2027-02-01"
        not in clone.origin.heads["policy-1.2"].commit.tree["versions/1.2/version.toml"].data_stream.read()
    )


def test_a_refused_pull_request_leaves_the_branch_and_says_what_to_do(
    capsys: pytest.CaptureFixture[str], clone: Clone, github: GitHubRecorder, tmp_path: Path
) -> None:
    github.refuse = 422
    code, _, err = policy(capsys, clone.root, "propose")
    assert code == 1
    assert err.startswith(
        "error: GitHub refused POST /repos/qlever/privacy-policy/pulls (422): Validation Failed (a pull request exists)"
    )
    assert clone.remote_branches() == ["main", "policy-1.2"]
    assert "open its pull request by hand (Pull requests, New pull request, compare: policy-1.2)" in summary(tmp_path)


def edit_version_1_2(clone: Clone, words: str) -> None:
    metadata = clone.root / "versions/1.2/version.toml"
    summaries = {"uz": "Aniqlashtirildi.", "ky": "Такталды.", "ru": "Уточнено."}
    text = metadata.read_text(encoding="utf-8")
    for lang, summary in summaries.items():
        text = text.replace(f'{lang} = ""', f'{lang} = "{summary}"')
    metadata.write_text(text, encoding="utf-8")
    russian = clone.root / "versions/1.2/ru.md"
    russian.write_text(russian.read_text(encoding="utf-8").rstrip("\n") + f" {words}\n", encoding="utf-8")
    clone.repo.git.commit("-am", f"ru: {words}")


def test_review_keeps_one_comment_with_the_redline_updated_on_each_push(
    capsys: pytest.CaptureFixture[str], clone: Clone, github: GitHubRecorder
) -> None:
    assert policy(capsys, clone.root, "propose")[0] == 0
    edit_version_1_2(clone, "Первая правка.")
    code, markdown, _ = policy(capsys, clone.root, "review", "--base", "origin/main", "--comment", "7")
    assert code == 0
    assert markdown.startswith("### Version 1.2 (editorial), taking effect on 2026-12-16\n\nCompared with version 1.1")
    assert "<ins>Первая правка.</ins>" in markdown
    assert [(r.method, r.path) for r in github.requests[1:]] == [
        ("GET", "/repos/qlever/privacy-policy/issues/7/comments?per_page=100&page=1"),
        ("POST", "/repos/qlever/privacy-policy/issues/7/comments"),
    ]
    assert github.requests[-1].body == {
        "body": redline_comment(
            markdown, Repository.from_environment({"GITHUB_REPOSITORY": SLUG, "GITHUB_RUN_ID": "4242"})
        )
    }

    edit_version_1_2(clone, "Вторая правка.")
    code, markdown, _ = policy(capsys, clone.root, "review", "--base", "origin/main", "--comment", "7")
    assert [(r.method, r.path) for r in github.requests[3:]] == [
        ("GET", "/repos/qlever/privacy-policy/issues/7/comments?per_page=100&page=1"),
        ("PATCH", "/repos/qlever/privacy-policy/issues/comments/90"),
    ]
    [comment] = github.comments
    assert comment["body"].startswith(f"{REDLINE_MARKER}\n## What this pull request changes\n\n")
    assert (
        "The pages as readers will see them: the artifact **site** on [this run's page](https://github.com/"
        "qlever/privacy-policy/actions/runs/4242)" in comment["body"]
    )
    assert "<ins>Первая правка. Вторая правка.</ins>" in comment["body"]


def test_review_says_when_a_version_has_no_redline_yet(
    capsys: pytest.CaptureFixture[str], clone: Clone, github: GitHubRecorder
) -> None:
    assert policy(capsys, clone.root, "propose")[0] == 0
    code, markdown, _ = policy(capsys, clone.root, "review", "--base", "origin/main")
    assert (code, markdown) == (
        0,
        "### Version 1.2\n\nNo redline yet: its files do not pass the checker. The annotations on the pull "
        'request\'s "Files changed" tab say what to fix.\n',
    )


def test_review_without_a_pull_request_only_prints(
    capsys: pytest.CaptureFixture[str], clone: Clone, github: GitHubRecorder
) -> None:
    code, markdown, _ = policy(capsys, clone.root, "review", "--base", "origin/main")
    assert (code, markdown) == (0, "No version is added or changed.\n")
    assert github.requests == []


def test_a_pull_request_that_changes_no_version_gets_no_comment(
    capsys: pytest.CaptureFixture[str], clone: Clone, github: GitHubRecorder
) -> None:
    code, markdown, err = policy(capsys, clone.root, "review", "--base", "origin/main", "--comment", "7")
    assert (code, markdown, err) == (
        0,
        "No version is added or changed.\n",
        "The redline: no comment: no version changed\n",
    )
    assert [(r.method, r.path) for r in github.requests] == [
        ("GET", "/repos/qlever/privacy-policy/issues/7/comments?per_page=100&page=1")
    ]


def test_a_redline_too_long_for_a_comment_stops_with_a_link_to_the_whole() -> None:
    repository = Repository("https://github.com", "https://api.github.com", SLUG, None, "4242")
    comment = redline_comment("x" * 5000, repository, limit=1000)
    assert len(comment) == 1000
    assert comment.endswith(
        "**The redline is too long for a comment and stops here.** The whole of it is in the summary of "
        "[this run](https://github.com/qlever/privacy-policy/actions/runs/4242).\n"
    )
    assert redline_comment("x" * 500, repository, limit=1000).endswith("x" * 500)


def test_git_is_given_the_token_for_its_one_command_and_says_when_the_remote_cannot_be_read(
    capsys: pytest.CaptureFixture[str], clone: Clone, github: GitHubRecorder
) -> None:
    """The checkout keeps no credentials: git reaches GitHub with the token in a header of its own request."""
    clone.repo.create_remote("github", f"{github.url}/{SLUG}.git")
    code, _, err = policy(capsys, clone.root, "propose", "--remote", "github")
    assert code == 1
    assert err.startswith("error: the repository's remote 'github' could not be read: ")
    assert TOKEN not in err
    [request] = github.requests
    assert request.path == f"/{SLUG}.git/info/refs?service=git-upload-pack"
    assert request.headers["AUTHORIZATION"] == "basic " + base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    assert TOKEN not in (clone.root / ".git/config").read_text(encoding="utf-8")
