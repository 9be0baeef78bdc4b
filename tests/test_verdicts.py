"""Clean verdicts kept between runs (policy/verdicts.py): what was found clean in the same bytes is not judged
again (a version by the checker, a feed by its schema, a page by its Content-Security-Policy), what has a
problem always is, and the site is the same bytes whether the verdicts were kept or not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from policy import verdicts
from policy.api import feed, feed_v2, schemas
from policy.api.feed import render_fragments
from policy.commands import check
from policy.errors import PolicyError
from policy.publication.urls import FEED_FILE
from policy.site.csp import ContentSecurityPolicy, script_hash
from policy.site.plugin import refuse_blocked
from policy.sources import check as checker
from policy.sources.versions import load_policy, read_texts
from policy.verdicts import CACHE_DIR, RUNS_KEPT, CleanVerdicts, clean_verdicts, kept_under, verdicts_kept_under
from support import BEFORE_1_1, build, tree_bytes

SITE_URL = "https://policy.example.org/"


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The id of every version whose texts the checker's rules read, as they read them."""
    seen: list[str] = []
    rules = checker.check_texts

    def counting(policy: Any, version: Any, texts: Any) -> Any:
        seen.append(version.id)
        return rules(policy, version, texts)

    monkeypatch.setattr(checker, "check_texts", counting)
    return seen


def errors(root: Path) -> list[str]:
    return [p.describe(root) for p in check(load_policy(root), BEFORE_1_1).errors]


def test_a_version_found_clean_is_not_judged_again_in_the_same_bytes(
    policy_copy: Callable[[str], Path], judged: list[str]
) -> None:
    root = policy_copy("chain")
    assert errors(root) == []
    first = list(judged)
    assert first == ["1.0", "1.1", "2.0"]
    judged.clear()
    assert errors(root) == []
    assert judged == []


def test_a_changed_text_is_judged_again_with_the_version_after_it(
    policy_copy: Callable[[str], Path], judged: list[str]
) -> None:
    root = policy_copy("chain")
    check(load_policy(root), BEFORE_1_1)
    text = root / "versions/1.1/ky.md"
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    judged.clear()
    check(load_policy(root), BEFORE_1_1)
    assert judged == ["1.1", "2.0"]  # 2.0's translations are compared with 1.1's


def test_a_version_with_a_problem_is_judged_and_reported_on_every_run(
    policy_copy: Callable[[str], Path], judged: list[str]
) -> None:
    root = policy_copy("chain")
    text = root / "versions/2.0/ru.md"
    text.write_text(text.read_text(encoding="utf-8") + '\n<script>alert("x")</script>\n', encoding="utf-8")
    first = errors(root)
    assert any("2.0/ru.md" in line for line in first)
    judged.clear()
    assert errors(root) == first
    assert judged == ["2.0"]


def test_new_code_judges_anew(
    policy_copy: Callable[[str], Path], judged: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = policy_copy("chain")
    check(load_policy(root), BEFORE_1_1)
    monkeypatch.setattr(verdicts, "code_fingerprint", lambda: "another version of the rules")
    judged.clear()
    check(load_policy(root), BEFORE_1_1)
    assert judged == ["1.0", "1.1", "2.0"]


def test_nothing_is_kept_outside_a_run_that_keeps_verdicts(
    policy_copy: Callable[[str], Path], judged: list[str]
) -> None:
    root = policy_copy("chain")
    for _ in range(2):
        checker.check_policy(load_policy(root), BEFORE_1_1)
    assert judged == ["1.0", "1.1", "2.0"] * 2
    assert not (root / ".cache").exists()


def test_runs_that_alternate_each_find_their_own_verdicts(
    policy_copy: Callable[[str], Path], judged: list[str]
) -> None:
    root = policy_copy("chain")
    text = root / "versions/2.0/uz.md"
    original = text.read_text(encoding="utf-8")
    check(load_policy(root), BEFORE_1_1)
    text.write_text(original + "\n", encoding="utf-8")
    check(load_policy(root), BEFORE_1_1)
    judged.clear()
    for content in (original, original + "\n"):
        text.write_text(content, encoding="utf-8")
        check(load_policy(root), BEFORE_1_1)
    assert judged == []


def test_a_digest_unused_for_three_runs_in_a_row_is_dropped(policy_copy: Callable[[str], Path]) -> None:
    root = policy_copy("chain")
    kept = root / CACHE_DIR / "versions"
    check(load_policy(root), BEFORE_1_1)
    assert len(kept.read_text(encoding="ascii").splitlines()) == 3
    text = root / "versions/2.0/uz.md"
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    counts = []
    for _ in range(RUNS_KEPT):
        check(load_policy(root), BEFORE_1_1)
        counts.append(len(kept.read_text(encoding="ascii").splitlines()))
    assert counts == [4] * (RUNS_KEPT - 1) + [3]


def test_an_unwritable_cache_keeps_nothing_and_fails_nothing(tmp_path: Path) -> None:
    (tmp_path / ".cache").write_text("a file where the folder would be", encoding="utf-8")
    verdict = CleanVerdicts(tmp_path / CACHE_DIR / "versions")
    verdict.found_clean(verdict.digest(b"text"))
    verdict.save()
    assert (tmp_path / ".cache").is_file()


def test_the_parts_of_a_digest_cannot_run_into_each_other() -> None:
    verdict = CleanVerdicts(None)
    assert verdict.digest(b"ab", b"c") != verdict.digest(b"a", b"bc")
    assert verdict.digest(b"", None) != verdict.digest(None, b"")
    assert verdict.digest("uz") != verdict.digest(b"uz")


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every document the feeds' schemas validate."""
    seen: list[Any] = []
    validate = schemas.schema_errors

    def counting(validator: Any, document: Any) -> str:
        seen.append(document)
        return validate(validator, document)

    monkeypatch.setattr(schemas, "schema_errors", counting)
    return seen


def test_the_feeds_found_valid_are_not_validated_again_in_the_same_bytes(
    policy_copy: Callable[[str], Path], validations: list[Any]
) -> None:
    root = policy_copy("chain")
    policy = load_policy(root).policy
    texts = read_texts(policy)
    fragments = render_fragments(policy, texts)

    def both() -> tuple[dict[str, bytes], dict[str, bytes]]:
        with verdicts_kept_under(root):
            v1 = feed.api_files(policy, BEFORE_1_1, SITE_URL, texts, fragments)
            return v1, feed_v2.api_files(policy, SITE_URL, texts, fragments)

    first = both()
    assert len(validations) == 1 + 1 + len(policy.versions)  # v1's feed, v2's feed, each version's file
    validations.clear()
    assert both() == first
    assert validations == []
    with verdicts_kept_under(root):  # v1's feed says which version is in force: new bytes on another day
        feed.api_files(policy, BEFORE_1_1 + dt.timedelta(days=400), SITE_URL, texts, fragments)
    assert len(validations) == 1


def test_a_document_breaking_its_schema_is_refused_on_every_run(tmp_path: Path) -> None:
    for _ in range(2):
        with (
            verdicts_kept_under(tmp_path),
            clean_verdicts("api-v2") as clean,
            pytest.raises(PolicyError, match="does not match"),
        ):
            feed_v2.validated({"schema_version": 2}, feed_v2.FEED_SCHEMA, FEED_FILE, clean)
    assert not (tmp_path / CACHE_DIR / "api-v2").exists()


def test_the_site_is_the_same_bytes_with_the_verdicts_kept_or_not(site_copy: Callable[[str], Path]) -> None:
    root = site_copy("chain")
    as_of = dt.date(2026, 6, 1)
    first = tree_bytes(build(root, as_of, root / "first"))
    assert (root / CACHE_DIR / "versions").is_file()
    assert (root / CACHE_DIR / "api-v2").is_file()
    assert (root / CACHE_DIR / "pages").is_file()
    assert tree_bytes(build(root, as_of, root / "second")) == first


def page_under(policy: ContentSecurityPolicy, body: str) -> str:
    return f'<html><head><meta http-equiv="Content-Security-Policy" content="{policy.meta}"></head>{body}</html>'


def test_a_page_found_clean_is_not_looked_at_again_under_the_same_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked: list[str] = []
    look = ContentSecurityPolicy.blocked

    def looking(policy: ContentSecurityPolicy, html: str, encoded: bytes | None = None) -> list[str]:
        looked.append(html)
        return look(policy, html, encoded)

    monkeypatch.setattr(ContentSecurityPolicy, "blocked", looking)
    theme = ContentSecurityPolicy((script_hash("var a=1"),))
    clean_page = page_under(theme, "<p>Matn</p><script>var a=1</script>")
    first = kept_under(tmp_path, "pages")
    refuse_blocked(clean_page, "versions/1.0/index.html", theme, first)
    first.save()
    again = kept_under(tmp_path, "pages")
    refuse_blocked(clean_page, "versions/1.0/index.html", theme, again)
    assert looked == [clean_page]
    another_theme = ContentSecurityPolicy((script_hash("var a=1"), script_hash("var b=2")))
    refuse_blocked(page_under(another_theme, "<p>Matn</p><script>var a=1</script>"), "x.html", another_theme, again)
    assert len(looked) == 2


def test_a_page_with_what_its_policy_blocks_is_refused_on_every_build(tmp_path: Path) -> None:
    theme = ContentSecurityPolicy((script_hash("var a=1"),))
    page = page_under(theme, '<p onclick="steal()">Matn</p>')
    for _ in range(2):
        clean = kept_under(tmp_path, "pages")
        with pytest.raises(PluginError, match="inline event handler"):
            refuse_blocked(page, "versions/1.0/index.html", theme, clean)
        clean.save()
    assert not (tmp_path / CACHE_DIR / "pages").exists()
