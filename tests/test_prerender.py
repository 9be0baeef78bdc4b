"""The redlines and feed fragments a worker process renders while MkDocs renders the pages."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from conftest import AS_OF, tree_digest
from policy import mkdocs_plugin, prerender
from policy.build import build_site
from policy.errors import PolicyError


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


@pytest.mark.parametrize("in_worker", [True, False], ids=["worker", "in process"])
def test_a_worker_and_the_build_process_render_the_same_bytes(site_copy: Path, site_before_1_1: Path, monkeypatch: pytest.MonkeyPatch, in_worker: bool) -> None:
    started = forcing(monkeypatch, in_worker)
    site = build_site(site_copy, AS_OF, site_copy / "site")
    assert len(started) == int(in_worker)
    assert tree_digest(site) == tree_digest(site_before_1_1)


@pytest.mark.parametrize("in_worker", [True, False], ids=["worker", "in process"])
def test_a_text_refused_in_the_worker_is_refused_as_in_process(site_copy: Path, monkeypatch: pytest.MonkeyPatch, in_worker: bool) -> None:
    site = build_site(site_copy, AS_OF, site_copy / "site")
    before = tree_digest(site)
    started = forcing(monkeypatch, in_worker)
    path = site_copy / "versions/1.1/ky.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n![logo](https://cdn.example.org/logo.png)\n", encoding="utf-8")
    with pytest.raises(PolicyError) as refusal:
        build_site(site_copy, AS_OF, site)
    assert f"{path}: the text would put <img>" in str(refusal.value)
    assert len(started) == int(in_worker)
    assert tree_digest(site) == before
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
    code = "from policy import prerender; prerender.available_cpus = lambda: 2; print(prerender.can_fork_a_worker())"
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert answer.strip() == "True"
