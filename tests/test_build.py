"""The site build end to end: gated by the checker, atomic, reproducible, speaking every language."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from policy.errors import PolicyError
from policy.site import plugin, vendor
from policy.site.build import environment, last_commit_epoch
from policy.site.outputs import write_outputs
from support import BEFORE_1_1, PUBLISHED, build, copy_site_sources, init_repo, scenario, tree_digest

pytestmark = pytest.mark.slow

SiteCopy = Callable[[str], Path]


def test_a_failed_build_leaves_the_last_good_site_untouched(site_copy: SiteCopy) -> None:
    root = site_copy("two-versions")
    site = build(root, BEFORE_1_1)
    before = tree_digest(site)
    (root / "versions/1.1/ru.md").unlink()
    with pytest.raises(PolicyError) as refusal:
        build(root, BEFORE_1_1)
    assert str(refusal.value).startswith(
        "the policy sources have 1 error(s):\nversions/1.1/ru.md: error: version 1.1 has no text in 'ru'"
    )
    assert tree_digest(site) == before
    # No staging folder is left behind; the PDFs' cache (.cache/pdf) is kept on purpose.
    assert sorted(p.name for p in root.iterdir()) == [
        ".cache",
        "clients",
        "docs",
        "mkdocs.yml",
        "node_modules",
        "scripts",
        "site",
        "versions",
    ]


def test_a_build_mkdocs_refuses_names_the_problem_and_the_site_folder_relative_to_the_repository(
    site_copy: SiteCopy,
) -> None:
    root = site_copy("two-versions")
    (root / "docs" / "ru" / "versions").mkdir(parents=True)
    (root / "docs" / "ru" / "versions" / "1.0.md").write_text("# A page in the way\n", encoding="utf-8")
    with pytest.raises(PolicyError) as refusal:
        build(root, BEFORE_1_1)
    assert str(refusal.value) == (
        "the site was not built, site/ is unchanged:\npolicy: docs/ru/versions/1.0.md is generated from "
        "versions/; remove it from docs/"
    )
    assert not (root / "site").exists()


def test_the_same_sources_build_byte_identical_sites(site_copy: SiteCopy, two_versions_before_1_1: Path) -> None:
    root = site_copy("two-versions")
    init_repo(root, PUBLISHED).close()
    assert tree_digest(build(root, BEFORE_1_1)) == tree_digest(two_versions_before_1_1)


def test_the_outputs_are_written_once_per_build_not_once_per_language(
    site_copy: SiteCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []

    def counted(*args: Any) -> None:
        calls.append(args[3])
        write_outputs(*args)

    monkeypatch.setattr(plugin, "write_outputs", counted)
    site = build(site_copy("two-versions"), BEFORE_1_1)
    assert len(calls) == 1
    assert (site / "api/v1/policy.json").is_file()
    assert (site / "ru/changelog.xml").is_file()


def test_mkdocs_alone_builds_the_same_site(site_copy: SiteCopy, two_versions_before_1_1: Path) -> None:
    root = site_copy("two-versions")
    init_repo(root, PUBLISHED).close()
    with environment(SOURCE_DATE_EPOCH=str(last_commit_epoch(root)), POLICY_AS_OF=BEFORE_1_1.isoformat()):
        mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "plain"), strict=True))
    assert tree_digest(root / "plain") == tree_digest(two_versions_before_1_1)


def test_a_build_without_the_browser_libraries_is_refused_and_says_how_to_install_them(site_copy: SiteCopy) -> None:
    root = site_copy("two-versions")
    init_repo(root, PUBLISHED).close()
    site = build(root, BEFORE_1_1)
    before = tree_digest(site)
    (root / "node_modules").unlink()
    with pytest.raises(PolicyError) as refusal:
        build(root, BEFORE_1_1)
    assert str(refusal.value) == (
        "the site was not built, site/ is unchanged:\npolicy: diff/libesm/diff/base.js, diff/libesm/diff/array.js, "
        "diff/LICENSE are missing from node_modules/ beside versions/: run `npm ci` in that folder (make site does), "
        "which installs the browser libraries package-lock.json pins"
    )
    assert tree_digest(site) == before


def test_a_policy_outside_this_repository_is_built_from_its_own_repository(tmp_path: Path) -> None:
    """The repository is the policy's root: its clients' vectors and its browser libraries, not this one's."""
    root = tmp_path / "elsewhere"
    shutil.copytree(scenario("two-versions") / "versions", root / "versions")
    copy_site_sources(root)
    (root / "node_modules").unlink()
    own = {name: f"// {name}, of the policy's own repository\n".encode() for name in vendor.SCRIPTS.values()}
    for name, content in own.items():
        (root / "node_modules" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "node_modules" / name).write_bytes(content)
    (root / "clients/vectors").mkdir(parents=True)
    (root / "clients/vectors/ids.json").write_bytes(b'{"description": "its own"}\n')
    site = build(root, BEFORE_1_1)
    assert tree_digest(site / "api/v2/vectors") == tree_digest(root / "clients/vectors")
    assert {name: (site / target).read_bytes() for target, name in vendor.SCRIPTS.items()} == own


def test_mkdocs_alone_names_refused_sources_relative_to_the_repository(
    site_copy: SiteCopy, caplog: pytest.LogCaptureFixture
) -> None:
    root = site_copy("two-versions")
    settings = root / "versions/policy.toml"
    settings.write_text("colour = 'blue'\n" + settings.read_text(encoding="utf-8"), encoding="utf-8")
    with environment(POLICY_AS_OF=BEFORE_1_1.isoformat()), pytest.raises(Abort):
        mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "plain"), strict=True))
    assert [record.getMessage().splitlines() for record in caplog.records if record.levelname == "ERROR"] == [
        [
            "policy: the policy sources have 1 error(s):",
            "versions/policy.toml:1: error: unknown setting 'colour'. Remove it; the settings are: id, languages, "
            "authoritative_language, timezone, notice_days, title",
        ]
    ]
