"""Fixtures shared by every test: copies of the real policy, and git repositories made from them."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import git
import pytest

from policy.versions import Policy, load_policy

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "qlever-privacy-policy.uz.txt"
AS_OF = dt.date(2026, 11, 25)
BISHKEK = dt.timezone(dt.timedelta(hours=6))


@pytest.fixture(autouse=True)
def fixed_as_of(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the clock: the as-of date is always explicit."""
    monkeypatch.setenv("POLICY_AS_OF", AS_OF.isoformat())


@pytest.fixture
def policy_copy(tmp_path: Path) -> Path:
    """A copy of the real policy sources, outside git, to break in one way per test."""
    root = tmp_path / "policy"
    root.mkdir()
    shutil.copytree(REPO / "versions", root / "versions")
    return root


def copy_site_sources(root: Path) -> Path:
    """Copy everything the site build reads into root, with the real code and theme linked in."""
    if not (root / "versions").exists():
        shutil.copytree(REPO / "versions", root / "versions")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    (root / "scripts").symlink_to(REPO / "scripts")
    return root


@pytest.fixture
def site_copy(policy_copy: Path) -> Path:
    """A copy of everything the site build reads, to break or rebuild."""
    return copy_site_sources(policy_copy)


def build_copy(tmp_path_factory: pytest.TempPathFactory, as_of: dt.date) -> Path:
    from policy.build import build_site

    root = copy_site_sources(tmp_path_factory.mktemp(f"site-{as_of}"))
    return build_site(root, as_of, root / "site")


@pytest.fixture(scope="session")
def site_before_1_1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built as of 2026-11-25: 1.0 in force, 1.1 upcoming."""
    return build_copy(tmp_path_factory, AS_OF)


@pytest.fixture(scope="session")
def site_after_1_1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built as of 2026-12-15: 1.1 in force, 1.0 superseded."""
    return build_copy(tmp_path_factory, dt.date(2026, 12, 15))


def add_version_1_2(root: Path) -> None:
    """An editorial version 1.2, effective 2027-01-15: 1.1 with a clause 4.1.7 added in every language."""
    added = {
        "uz": "4.1.7. Foydalanuvchiga buyurtma holati haqida xabar berish.",
        "ky": "4.1.7. Колдонуучуга буйрутманын абалы жөнүндө кабарлоо.",
        "ru": "4.1.7. Информирование Пользователя о статусе заказа.",
    }
    folder = root / "versions" / "1.2"
    shutil.copytree(root / "versions" / "1.1", folder)
    for lang, clause in added.items():
        text = (folder / f"{lang}.md").read_text(encoding="utf-8")
        head, sep, rest = text.partition("\n\n## 5.")
        (folder / f"{lang}.md").write_text(f"{head}\n\n{clause}{sep}{rest}", encoding="utf-8")
    (folder / "version.toml").write_text(
        'effective = 2027-01-15\nmaterial = false\n\n[summary]\n'
        'uz = "4.1.7-band qo‘shildi."\nky = "4.1.7-пункт кошулду."\nru = "Добавлен пункт 4.1.7."\n',
        encoding="utf-8",
    )


@pytest.fixture(scope="session")
def site_after_1_2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site with a version 1.2 added, built as of 2027-01-20: 1.0 and 1.1 superseded."""
    from policy.build import build_site

    root = tmp_path_factory.mktemp("site-1.2")
    shutil.copytree(REPO / "versions", root / "versions")
    add_version_1_2(root)
    copy_site_sources(root)
    return build_site(root, dt.date(2027, 1, 20), root / "site")


def commit_all(repo: git.Repo, message: str, when: dt.datetime) -> git.Commit:
    """Commit every change in the work tree at a chosen time, so history is reproducible."""
    repo.git.add(A=True)
    stamp = when.isoformat()
    env = {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    with repo.git.custom_environment(**env):
        repo.git.commit(m=message, no_verify=True)
    return repo.head.commit


@pytest.fixture
def git_policy(policy_copy: Path) -> Iterator[git.Repo]:
    """The policy copy as a git repository whose versions were committed on 2026-11-25."""
    repo = git.Repo.init(policy_copy, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test Editor")
        config.set_value("user", "email", "editor@example.org")
    commit_all(repo, "Publish the policy", dt.datetime(2026, 11, 25, 9, 0, tzinfo=BISHKEK))
    yield repo
    repo.close()


def env_without_as_of() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "POLICY_AS_OF"}


@pytest.fixture
def feed_policy(policy_copy: Path) -> Policy:
    """The copied policy, loaded."""
    return load_policy(policy_copy)[0]
