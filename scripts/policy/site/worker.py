"""The build's slowest work of our own, done in a worker process while MkDocs renders pages.

MkDocs renders one page after another, on one CPU. The "what changed" pages (two thirds of
the pages: one redline each) and the feed's HTML fragments depend on the texts alone, so a
worker process renders them meanwhile, in the order the build asks for them: the default
language's pages, then each other language's, then the fragments, which are written last.
The PDFs missing from their cache (site/downloads.py), which the feed lists, are laid out
by typesetter processes of their own, started at the same time (site/typesetting.py).
The plugin waits only for what is not ready yet. The bytes are those the same functions give
in the build's own process, which is where they run on one CPU, or where a worker cannot be
forked safely. Even for two versions the worker costs nothing measurable.

The worker is forked: a spawned one would import the program's main script again, and a
script calling the build without an `if __name__ == "__main__"` guard would fail. A process
is forked only on Linux, and only while it has a single thread (`mkdocs serve` runs its
server in threads once its first build is done), as a forked child can inherit a lock
another thread held.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from ..api.feed import Fragments, Texts, render_fragments
from ..publication.context import Context
from ..publication.pages import render_page
from ..publication.pdf import pdf_inputs, renderer_fingerprint
from ..publication.stored import StoredFile
from ..publication.urls import Page
from .downloads import Downloads, cache_files, cached_archive
from .typesetting import Typesetters

# Small enough that the first pages are ready soon, large enough that sending each costs little.
PAGES_PER_TASK = 25

T = TypeVar("T")


class Prerender:
    """Every language's redline pages, the feed's fragments and the PDFs, rendered ahead of their use."""

    typesetters: Typesetters | None = None

    def __init__(
        self, contexts: Sequence[Context], pages: Sequence[Page], texts: Texts, in_worker: bool, pdf_cache: Path
    ) -> None:
        """contexts: one per language, the default language first, as the build renders them."""
        policy = contexts[0].policy
        redlines = [page for page in pages if page.base_id is not None]
        self.worker = start_worker() if in_worker else None
        self.texts = texts
        self.redline_pages: dict[tuple[str, str], Callable[[], dict[str, str | Exception]]] = {}
        for ctx in contexts:
            for chunk in chunks(redlines, PAGES_PER_TASK):
                rendered = self.ahead(render_pages, chunk, ctx)
                self.redline_pages.update({(ctx.lang, page.path): rendered for page in chunk})
        self.fragments: Callable[[], Fragments] = self.ahead(render_fragments, policy, texts)
        self.downloads: Callable[[], Downloads] = self.downloads_ahead(contexts[0], texts, pdf_cache)

    def ahead(self, function: Callable[..., T], *args: Any) -> Callable[[], T]:
        """function(*args) as a call that returns its result: sent to a worker now, else run on first call."""
        if self.worker is not None:
            return self.worker.submit(function, *args).result
        return functools.cache(functools.partial(function, *args))

    def downloads_ahead(self, ctx: Context, texts: Texts, cache: Path) -> Callable[[], Downloads]:
        """Every PDF, from the cache or laid out by typesetters starting now, then the archive."""
        since = time.time()
        paths, missing = cache_files(pdf_inputs(ctx.policy, texts), cache, renderer_fingerprint())
        typesetters = self.typesetters = Typesetters(missing, available_cpus())

        @functools.cache
        def downloads() -> Downloads:
            typesetters.wait()
            pdfs = {key: StoredFile.of(path) for key, path in paths.items()}
            return Downloads(pdfs, cached_archive(ctx.policy, texts, pdfs, cache), since)

        return downloads

    def page(self, page: Page, lang: str) -> str | None:
        """The Markdown of a page rendered ahead, or None for a page rendered as it is read.

        Raises what rendering the page raised, as the page is read, so MkDocs names that page.
        """
        rendered = self.redline_pages.get((lang, page.path))
        if rendered is None:
            return None
        markdown = rendered()[page.path]
        if isinstance(markdown, Exception):
            raise markdown
        return markdown

    def close(self) -> None:
        """Stop the worker and the typesetters; what they have not done is dropped (after a failed build)."""
        if self.worker is not None:
            self.worker.shutdown(wait=True, cancel_futures=True)
        if self.typesetters is not None:
            self.typesetters.stop()


def can_fork_a_worker() -> bool:
    # Linux only: macOS can fork, but its system libraries are not safe in a forked child.
    return sys.platform == "linux" and available_cpus() > 1 and threading.active_count() == 1


def available_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):  # the CPUs this process may use, not all the machine has
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def start_worker() -> ProcessPoolExecutor:
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=exit_with_parent, initargs=(os.getpid(),))


def exit_with_parent(parent: int) -> None:
    """Make the worker exit once the build's process is gone.

    A build killed outright (SIGKILL, the out-of-memory killer) cannot stop its worker, which
    would live on holding the build's output open: `policy build | tee log` would never end.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def render_pages(pages: Sequence[Page], ctx: Context) -> dict[str, str | Exception]:
    """Each page's Markdown in the context's language, by path; for a page that failed, its error."""
    rendered: dict[str, str | Exception] = {}
    for page in pages:
        try:
            rendered[page.path] = render_page(page, ctx)
        except Exception as err:  # kept for the page it belongs to, raised when it is read
            rendered[page.path] = err
    return rendered
