"""The redlines and feed fragments a worker process renders while MkDocs renders the pages."""

from __future__ import annotations

import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from policy.errors import PolicyError, Problem, SourcesRefusedError
from policy.publication import pages as site
from policy.publication.comparison_pages import render_changes
from policy.publication.context import Context
from policy.publication.urls import Page
from policy.site import plugin as mkdocs_plugin
from policy.site import worker as prerender
from policy.site.build import build_site
from policy.sources.versions import Version, load_policy
from support import BEFORE_1_1, CHAIN_AFTER_2_0, PUBLISHED, build, init_repo, tree_digest

pytestmark = pytest.mark.slow


def forcing(monkeypatch: pytest.MonkeyPatch, in_worker: bool) -> list[ProcessPoolExecutor]:
    """Make the next builds use a worker or not; the list gets each worker started."""
    started: list[ProcessPoolExecutor] = []
    original: Callable[[], ProcessPoolExecutor] = prerender.start_worker

    def start() -> ProcessPoolExecutor:
        started.append(original())
        return started[-1]

    monkeypatch.setattr(mkdocs_plugin, "can_fork_a_worker", lambda: in_worker)
    monkeypatch.setattr(prerender, "start_worker", start)
    return started


SiteCopy = Callable[[str], Path]


def published(site_copy: SiteCopy, name: str) -> Path:
    """A copy of a policy of tests/data committed as the built fixtures are, to build again."""
    root = site_copy(name)
    init_repo(root, PUBLISHED).close()
    return root


@pytest.mark.parametrize("in_worker", [True, False], ids=["worker", "in process"])
def test_a_worker_and_the_build_process_render_the_same_bytes(
    site_copy: SiteCopy, two_versions_before_1_1: Path, monkeypatch: pytest.MonkeyPatch, in_worker: bool
) -> None:
    started = forcing(monkeypatch, in_worker)
    built = build(published(site_copy, "two-versions"), BEFORE_1_1)
    assert len(started) == int(in_worker)
    assert tree_digest(built) == tree_digest(two_versions_before_1_1)


def test_every_redline_page_comes_from_the_worker_one_task_each(
    site_copy: SiteCopy, chain_after_2_0: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = published(site_copy, "chain")
    forcing(monkeypatch, in_worker=True)
    monkeypatch.setattr(prerender, "PAGES_PER_TASK", 1)
    in_process: list[str] = []

    def rendered_here(page: Page, ctx: Context) -> str:
        in_process.append(page.path)
        return site.render_page(page, ctx)

    monkeypatch.setattr(mkdocs_plugin, "render_page", rendered_here)
    built = build(root, CHAIN_AFTER_2_0)
    assert {"versions/2.0.md", "index.md"} <= set(in_process)
    assert not [path for path in in_process if path.startswith("changes/")]
    assert tree_digest(built) == tree_digest(chain_after_2_0)


@pytest.mark.parametrize("in_worker", [True, False], ids=["worker", "in process"])
def test_a_page_that_fails_is_the_page_named(
    site_copy: SiteCopy, monkeypatch: pytest.MonkeyPatch, in_worker: bool
) -> None:
    root = published(site_copy, "chain")
    forcing(monkeypatch, in_worker)
    original = render_changes

    def failing(base: Version, version: Version, path: str, ctx: Context) -> str:
        if path == "changes/2.0.md" and ctx.lang == "ky":
            raise PolicyError("this page cannot be rendered")
        return original(base, version, path, ctx)

    monkeypatch.setattr(site, "render_changes", failing)
    with pytest.raises(PolicyError) as refusal:
        build(root, CHAIN_AFTER_2_0)
    assert "Error reading page 'ky/changes/2.0.md': this page cannot be rendered" in str(refusal.value)


def test_a_worker_exits_when_the_build_is_killed() -> None:
    # The worker holds the build's output open: run() returns only once both have exited.
    code = (
        "import os, signal\n"
        "from policy.site import worker\n"
        "worker = worker.start_worker()\n"
        "print(os.getpid(), worker.submit(os.getpid).result(), flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    build_pid, worker_pid = map(int, killed.stdout.split())
    assert worker_pid != build_pid, "the work was not done in a worker process"


def test_a_refusal_of_the_sources_survives_the_way_back_from_the_worker() -> None:
    problems = [
        Problem(Path("versions/1.2/ky.md"), 3, "clause 4.1.9 is not in uz.md", "Use the clause numbers of uz.md")
    ]
    refusal = SourcesRefusedError(problems, Path("."))
    returned = pickle.loads(pickle.dumps(refusal))
    assert (str(returned), returned.problems) == (str(refusal), problems)


@pytest.mark.parametrize("in_worker", [True, False], ids=["worker", "in process"])
def test_a_text_refused_in_the_worker_is_refused_as_in_process(
    site_copy: SiteCopy, monkeypatch: pytest.MonkeyPatch, in_worker: bool
) -> None:
    root = site_copy("two-versions")
    built = build(root, BEFORE_1_1)
    before = tree_digest(built)
    started = forcing(monkeypatch, in_worker)
    path = root / "versions/1.1/ky.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n![logo](https://cdn.example.org/logo.png)\n", encoding="utf-8"
    )
    with pytest.raises(PolicyError) as refusal:  # the checker refuses it first; here the fragment's own guard
        build_site(load_policy(root)[0], BEFORE_1_1, built)
    assert "versions/1.1/ky.md: the text would put <img>" in str(refusal.value)
    assert len(started) == int(in_worker)
    assert tree_digest(built) == before
    for worker in started:
        with pytest.raises(RuntimeError, match="after shutdown"):
            worker.submit(int)


def test_no_worker_is_forked_beside_other_threads_or_on_one_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prerender, "available_cpus", lambda: 2)
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not prerender.can_fork_a_worker()
    finally:
        release.set()
        thread.join()
    monkeypatch.setattr(prerender, "available_cpus", lambda: 1)
    assert not prerender.can_fork_a_worker()


def test_a_single_threaded_build_on_two_cpus_forks_a_worker() -> None:
    # In a fresh process: this one may run test servers in threads.
    code = (
        "from policy.site import worker as prerender; prerender.available_cpus = lambda: 2; "
        "print(prerender.can_fork_a_worker())"
    )
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert answer.strip() == "True"
