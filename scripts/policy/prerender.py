"""The build's slowest work of our own, done in a worker process while MkDocs renders pages.

MkDocs renders one page after another, on one CPU. The "what changed" pages (two thirds of
the pages: one redline each) and the feed's HTML fragments depend on the texts alone, so a
worker process renders them meanwhile, in the order the build asks for them: the default
language's pages, then each other language's, then the fragments, which are written last.
The plugin waits only for what is not ready yet. The bytes are those the same functions give
in the build's own process, which is where they run on one CPU, or where a worker cannot be
forked safely. Even for two versions the worker costs nothing measurable.

The worker is forked: a spawned one would import the program's main script again, and a
script calling the build without an `if __name__ == "__main__"` guard would fail. A process
is forked only while it has a single thread (`mkdocs serve` runs its server in threads), as
a forked child can inherit a lock another thread held.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from .feed import Fragments, Texts, render_fragments
from .site import Context, Page, render_page

# Small enough that the first pages are ready soon, large enough that sending each costs little.
PAGES_PER_TASK = 25

T = TypeVar("T")


class Prerender:
    """Every language's redline pages and the feed's fragments, rendered ahead of their use."""

    def __init__(self, contexts: Sequence[Context], pages: Sequence[Page], texts: Texts, in_worker: bool) -> None:
        """contexts: one per language, the default language first, as the build renders them."""
        policy = contexts[0].policy
        redlines = [page for page in pages if page.base_id is not None]
        self.worker = start_worker() if in_worker else None
        self.texts = texts
        self.redline_pages: dict[tuple[str, str], Callable[[], dict[str, str]]] = {}
        for ctx in contexts:
            for chunk in chunks(redlines, PAGES_PER_TASK):
                rendered = self.ahead(render_pages, chunk, ctx)
                self.redline_pages.update({(ctx.lang, page.path): rendered for page in chunk})
        self.fragments: Callable[[], Fragments] = self.ahead(render_fragments, policy, texts)

    def ahead(self, function: Callable[..., T], *args: Any) -> Callable[[], T]:
        """function(*args) as a call that returns its result: sent to the worker now, else run on first call."""
        if self.worker is not None:
            return self.worker.submit(function, *args).result
        return functools.cache(functools.partial(function, *args))

    def page(self, page: Page, lang: str) -> str | None:
        """The Markdown of a page rendered ahead, or None for a page rendered as it is read."""
        rendered = self.redline_pages.get((lang, page.path))
        return rendered()[page.path] if rendered else None

    def close(self) -> None:
        """Stop the worker; what it has not started is dropped (after a failed build)."""
        if self.worker is not None:
            self.worker.shutdown(wait=True, cancel_futures=True)


def can_fork_a_worker() -> bool:
    return available_cpus() > 1 and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def available_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):  # the CPUs this process may use, not all the machine has
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def start_worker() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def render_pages(pages: Sequence[Page], ctx: Context) -> dict[str, str]:
    """Each page's Markdown in the context's language, by path."""
    return {page.path: render_page(page, ctx) for page in pages}
