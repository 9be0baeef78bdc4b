"""Synthetic policy histories: texts derived from the latest real version, committed to git as editors would."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
"""This repository: the latest real texts and the project the histories are built with."""


SIZES = (10, 50, 200)


LANGUAGES = ("uz", "ky", "ru")


FIRST_DAY = dt.date(2020, 1, 6)


MATERIAL_EVERY = 12


NOTICE = dt.timedelta(days=40)


NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)(\.?\s)")


WORD = re.compile(r"\b[^\W\d_]{4,}\b")


SUMMARY = {
    "uz": "{clauses}-bandlar tahrir qilindi.",
    "ky": "{clauses}-пункттар оңдолду.",
    "ru": "Изменены пункты {clauses}.",
}


FIRST_SUMMARY = {"uz": "Siyosatning birinchi matni.", "ky": "Саясаттын биринчи тексти.", "ru": "Первый текст политики."}


@dataclass
class Text:
    """One language's text as a title and blocks (headings and clauses), each with its number."""

    title: str
    blocks: list[tuple[str, str]]  # (number, Markdown of the block)

    def markdown(self) -> str:
        return "\n\n".join([self.title, *(block for _, block in self.blocks)]) + "\n"


def latest_texts(source: Path) -> dict[str, str]:
    """The texts of the latest version of the policy at source, the model for every synthetic one."""
    from policy.sources.versions import load_policy

    latest = load_policy(source)[0].versions[-1]
    return {lang: latest.read_text(lang) for lang in LANGUAGES}


def parse_text(markdown: str) -> Text:
    from policy.sources.clauses import parse_blocks

    blocks = parse_blocks(markdown)
    return Text(blocks[0].text, [(block.number or "", block.text) for block in blocks[1:]])


class HistoryWriter:
    """Writes the versions of one synthetic policy, each changing a few clauses of the one before."""

    def __init__(self, texts: dict[str, str], seed: int) -> None:
        self.texts = {lang: parse_text(markdown) for lang, markdown in texts.items()}
        self.vocabulary = {lang: sorted(set(WORD.findall(markdown))) for lang, markdown in texts.items()}
        self.random = random.Random(seed)
        self.added: list[str] = []

    def clause_numbers(self) -> list[str]:
        """The numbers of the clauses (not the headings), the same in every language."""
        first = next(iter(self.texts.values()))
        return [number for number, block in first.blocks if number.count(".") and not block.startswith("#")]

    def next_version(self, index: int) -> list[str]:
        """Change the texts into the next version; return the clause numbers it changed."""
        changed = self.random.sample(self.clause_numbers(), self.random.randint(2, 4))
        for number in changed:
            for lang, text in self.texts.items():
                text.blocks = [(n, self.reword(block, lang) if n == number else block) for n, block in text.blocks]
        if index % 7 == 0:
            changed.append(self.add_clause())
        elif index % 7 == 4 and self.added:
            changed.append(self.remove_clause(self.added.pop()))
        return sorted(changed, key=lambda n: [int(p) for p in n.split(".")])

    def reword(self, block: str, lang: str) -> str:
        """Replace one to three words of a clause with other words of the same language."""
        match = NUMBERED.match(block)
        head, body = (block[: match.end()], block[match.end() :]) if match else ("", block)
        words = list(WORD.finditer(body))
        for found in sorted(
            self.random.sample(words, min(len(words), self.random.randint(1, 3))), key=lambda m: -m.start()
        ):
            body = body[: found.start()] + self.other_word(found.group(), lang) + body[found.end() :]
        return head + body

    def other_word(self, word: str, lang: str) -> str:
        """A word of the language that reads differently, however its apostrophes are typed."""
        from policy.sources.words import fold

        choice: str = self.random.choice(self.vocabulary[lang])
        while fold(choice) == fold(word):
            choice = self.random.choice(self.vocabulary[lang])
        return choice

    def add_clause(self) -> str:
        """Add a clause at the end of a section, in every language, copied from another clause."""
        sections = sorted({number.split(".")[0] for number in self.clause_numbers()}, key=int)
        section = self.random.choice(sections)
        model = self.random.choice(self.clause_numbers())
        for text in self.texts.values():
            numbers = [n for n, _ in text.blocks]
            last = max(
                (n for n in numbers if n.split(".")[0] == section and n.count(".") == 1),
                key=lambda n: int(n.split(".")[1]),
            )
            new = f"{section}.{int(last.split('.')[1]) + 1}"
            body = NUMBERED.sub("", dict(text.blocks)[model], count=1)
            text.blocks.insert(numbers.index(last) + 1 + self.children(numbers, last), (new, f"{new}. {body}"))
        self.added.append(new)
        return new

    @staticmethod
    def children(numbers: list[str], parent: str) -> int:
        return sum(1 for n in numbers if n.startswith(parent + "."))

    def remove_clause(self, number: str) -> str:
        for text in self.texts.values():
            text.blocks = [(n, block) for n, block in text.blocks if n != number]
        return number


def write_history(
    root: Path, count: int, seed: int = 1, material_every: int = MATERIAL_EVERY, source: Path = REPO
) -> dt.date:
    """A policy of `count` versions in a new git repository at root, modelled on the latest version
    of the policy at source (the real one by default); returns the as-of date to build."""
    copy_project(root, source)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "user.name", "Benchmark")
    git(root, "config", "user.email", "bench@qlever.invalid")
    writer = HistoryWriter(latest_texts(source), seed)
    effective, major, minor = FIRST_DAY, 1, 0
    for index in range(count):
        material = index > 0 and index % material_every == 0
        if index:
            changed = writer.next_version(index)
            effective += dt.timedelta(days=writer.random.randint(14, 45))
            major, minor = (major + 1, 0) if material else (major, minor + 1)
        else:
            changed = []
        version_id = f"{major}.{minor}"
        write_version(root / "versions" / version_id, writer, effective, material or index == 0, changed)
        commit(root, f"Version {version_id}", dt.datetime.combine(effective - NOTICE, dt.time(9), tzinfo=dt.UTC))
    return effective - dt.timedelta(days=1)


def copy_project(root: Path, source: Path) -> None:
    """The build's inputs besides the versions: settings (from source), MkDocs config, docs; the code, the
    clients' vectors and the browser libraries linked in, as a repository of the policy has them."""
    (root / "versions").mkdir(parents=True)
    shutil.copy(source / "versions" / "policy.toml", root / "versions" / "policy.toml")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    for linked in ("scripts", "clients", "node_modules"):
        (root / linked).symlink_to(REPO / linked)


def write_version(folder: Path, writer: HistoryWriter, effective: dt.date, material: bool, changed: list[str]) -> None:
    folder.mkdir()
    for lang, text in writer.texts.items():
        (folder / f"{lang}.md").write_text(text.markdown(), encoding="utf-8")
    summaries = (
        {lang: template.format(clauses=", ".join(changed)) for lang, template in SUMMARY.items()}
        if changed
        else FIRST_SUMMARY
    )
    summary = "\n".join(f'{lang} = "{text}"' for lang, text in summaries.items())
    metadata = f"effective = {effective.isoformat()}\nmaterial = {str(material).lower()}\n\n[summary]\n{summary}\n"
    (folder / "version.toml").write_text(metadata, encoding="utf-8")


def git(root: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, env={**os.environ, **(env or {})})


def commit(root: Path, message: str, when: dt.datetime) -> None:
    stamp = when.isoformat()
    git(root, "add", "--all")
    git(
        root,
        "-c",
        "commit.gpgsign=false",
        "commit",
        "--quiet",
        "--no-verify",
        "-m",
        message,
        env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
    )
