"""Fixtures shared by every test: copies of the real policy, and git repositories made from them."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import http.server
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import git
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from policy.sources.versions import Policy, load_policy

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "qlever-privacy-policy.uz.txt"
AS_OF = dt.date(2026, 11, 25)
AFTER_1_1 = dt.date(2026, 12, 15)
BISHKEK = dt.timezone(dt.timedelta(hours=6))
LANG_PREFIXES = {"uz": "", "ky": "ky/", "ru": "ru/"}
# Every kind of page a reader can land on, and the as-of date of a build that shows it.
PAGE_KINDS = {
    "home": (AS_OF, ""),
    "current version": (AS_OF, "versions/1.0/"),
    "upcoming version": (AS_OF, "versions/1.1/"),
    "superseded version": (AFTER_1_1, "versions/1.0/"),
    "versions list": (AS_OF, "versions/"),
    "changes": (AFTER_1_1, "changes/1.1/"),
    "changelog": (AS_OF, "changelog/"),
}
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium calls Google's hosts at start-up.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def tree_digest(folder: Path) -> dict[str, str]:
    """Each file under a folder by relative path, with the SHA-256 of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


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
    from policy.site.build import build_site

    root = copy_site_sources(tmp_path_factory.mktemp(f"site-{as_of}"))
    return build_site(root, as_of, root / "site")


@pytest.fixture(scope="session")
def site_before_1_1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built as of 2026-11-25: 1.0 in force, 1.1 upcoming."""
    return build_copy(tmp_path_factory, AS_OF)


@pytest.fixture(scope="session")
def site_after_1_1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built as of 2026-12-15: 1.1 in force, 1.0 superseded."""
    return build_copy(tmp_path_factory, AFTER_1_1)


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
    from policy.site.build import build_site

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


@pytest.fixture
def feed_policy(policy_copy: Path) -> Policy:
    """The copied policy, loaded."""
    return load_policy(policy_copy)[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass


@contextmanager
def serving(site: Path, port: int) -> Iterator[None]:
    """Serve a folder on loopback for the duration of a block."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def served_build(tmp_path_factory: pytest.TempPathFactory, as_of: dt.date) -> Iterator[str]:
    """The real site, built as of a date for a loopback address and served there; yields the address."""
    from policy.site.build import build_site, environment

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    root = copy_site_sources(tmp_path_factory.mktemp(f"served-{as_of}"))
    with environment(POLICY_SITE_URL=base):
        site = build_site(root, as_of, root / "site")
    with serving(site, port):
        yield base


@pytest.fixture(scope="session")
def served_builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[dt.date], str]]:
    """The address of the real site served as built on a date; each date is built once per session."""
    with ExitStack() as stack:
        bases: dict[dt.date, str] = {}

        def base_for(as_of: dt.date) -> str:
            if as_of not in bases:
                bases[as_of] = stack.enter_context(served_build(tmp_path_factory, as_of))
            return bases[as_of]

        yield base_for


@pytest.fixture(scope="session")
def served_site(served_builds: Callable[[dt.date], str]) -> str:
    """The real site, built as of 2026-11-25 for a loopback address, served there."""
    return served_builds(AS_OF)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh browser context: no cookies, storage or cache from other tests."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def search(page: Page, url: str, query: str) -> list[str]:
    """Open a page, type a query into the site's search box and return the result links."""
    page.goto(url)
    return run_search(page, query)


def run_search(page: Page, query: str) -> list[str]:
    """Type a query into the search box of the page open and return the result links."""
    page.fill("input.md-search__input", query)
    # The theme reads the query on a key-up (or once its index is ready), not on input.
    page.press("input.md-search__input", "End")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.match(/\\d/) !== null || document.querySelectorAll('.md-search-result__item').length > 0", timeout=10_000)
    return [str(a.get_attribute("href")) for a in page.locator(".md-search-result__item > a").all()]


def every_page() -> list[pytest.ParameterSet]:
    """Each kind of page in each language, and the 404 page (one for all languages)."""
    pages = [
        pytest.param(as_of, prefix + path, id=f"{kind} ({lang})")
        for kind, (as_of, path) in PAGE_KINDS.items()
        for lang, prefix in LANG_PREFIXES.items()
    ]
    return [*pages, pytest.param(AS_OF, "404.html", id="not found")]
