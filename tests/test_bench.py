"""The benchmark's inputs are sound: synthetic histories the checker accepts, texts that differ a little.

The benchmark itself runs only with `make bench`, on the real policy: no test here measures time,
and these build their histories from a policy of tests/data.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from bench.history import LANGUAGES, write_history
from bench.sizes import long_texts, same_but_the_timestamp
from policy.api.feed_v2 import read_vectors
from policy.site.vendor import vendor_scripts
from policy.sources.check import check_policy
from policy.sources.redline import Kind, compare_texts
from policy.sources.versions import load_policy
from support import scenario


def changed_clauses(old: str, new: str) -> list[str]:
    redline = compare_texts(old, new)
    return [f"{change.kind}:{change.number}" for change in redline.changes if change.kind is not Kind.UNCHANGED]


def test_a_synthetic_history_is_a_sound_policy_changing_a_few_clauses_per_version(tmp_path: Path) -> None:
    root = tmp_path / "policy"
    source = scenario("chain")
    as_of = write_history(root, 3, material_every=2, source=source)
    report = check_policy(load_policy(root), as_of)
    assert [problem.describe(root) for problem in report.problems] == []
    assert vendor_scripts(root)  # a build finds what the site serves and publishes in the repository
    assert read_vectors(root)
    versions = report.policy.versions
    assert [(v.id, v.material) for v in versions] == [("1.0", True), ("1.1", False), ("2.0", True)]
    assert as_of == versions[-1].effective - dt.timedelta(days=1)
    model = load_policy(source)[0].versions[-1]
    assert versions[0].read_text("ru") == model.read_text("ru")
    for older, newer in itertools.pairwise(versions):
        for lang in LANGUAGES:
            assert 2 <= len(changed_clauses(older.read_text(lang), newer.read_text(lang))) <= 5, (newer.id, lang)


def test_the_long_texts_are_100_kb_and_differ_in_seven_clauses() -> None:
    old, new = long_texts(source=scenario("two-versions"))
    assert len(old.encode()) >= 100_000
    assert len(changed_clauses(old, new)) == 7


def test_api_v2_on_two_days_is_the_same_but_for_its_timestamp(tmp_path: Path) -> None:
    def tree(name: str, files: dict[str, bytes]) -> Path:
        for path, content in files.items():
            (tmp_path / name / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / path).write_bytes(content)
        return tmp_path / name

    feed = {"policy.json": b"{}\n", "versions/1.0.json": b"{}\n"}
    monday = tree("monday", feed | {"timestamp.json": b'{"issued":"monday"}\n'})
    tuesday = tree("tuesday", feed | {"timestamp.json": b'{"issued":"tuesday"}\n'})
    frozen = tree("frozen", feed | {"timestamp.json": b'{"issued":"monday"}\n'})
    changed = tree("changed", feed | {"policy.json": b"[]\n", "timestamp.json": b'{"issued":"tuesday"}\n'})
    assert same_but_the_timestamp(monday, tuesday)
    assert not same_but_the_timestamp(monday, frozen)  # a timestamp that did not change is a bug too
    assert not same_but_the_timestamp(monday, changed)
