"""The editors' command line: parse, call a command, print. `policy --help` lists the commands."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import commands, proposal
from .api.signing import (
    REPOSITORY_KEYS,
    SIGNING_ENVIRONMENT,
    SIGNING_KEY_VARIABLE,
    SigningKey,
    read_signing_keys,
)
from .errors import PolicyError, Problem, SourcesRefusedError
from .github import GitHub, Repository, append_summary
from .publication.redline_views import comparison_markdown, comparison_text
from .sources.versions import Loaded, Policy, find_root, load_policy, parse_date, resolve_as_of

EXIT_OK, EXIT_REFUSED = 0, 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        root = find_root(Path(args.directory))
        code: int = args.run(load_policy(root), args)
        return code
    except SourcesRefusedError as refusal:  # policy.toml or a text refused before any command could run
        print_problems(refusal.problems, root, getattr(args, "format", "text"))
        return EXIT_REFUSED
    except PolicyError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:  # the reader stopped early (`policy diff 1.0 1.1 | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policy", description="Work on the versioned policy texts in this repository."
    )
    parser.add_argument(
        "-C", dest="directory", default=".", metavar="DIR", help="run as if started in DIR (default: here)"
    )
    sub = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help="check every version; exit 1 if any error",
        description=(
            "Check the versions folder: metadata, translations, clause numbering, raw HTML, mixed alphabets, frozen "
            "texts. Prints every problem, then exits 1 if any is an error (warnings alone exit 0)."
        ),
    )
    add_as_of(check)
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text, or github: each problem as a GitHub annotation on its file and line",
    )
    check.add_argument(
        "--base",
        metavar="REF",
        help="git revision holding the published texts (default: origin/main, else main, else HEAD)",
    )
    check.set_defaults(run=run_check)

    new = sub.add_parser(
        "new",
        help="start the next version as a copy of the latest",
        description=(
            "Create the next version folder as a copy of the latest version's texts, with metadata to fill in. A "
            "material change opens the next major version (2.0); an editorial one the next minor (1.2)."
        ),
    )
    new.add_argument(
        "--effective",
        metavar="DATE",
        help=(
            "the date it takes effect, YYYY-MM-DD (default: tomorrow, or after the notice period for a material change)"
        ),
    )
    new.add_argument("--material", action="store_true", help="users must accept this version again")
    new.add_argument(
        "--branch", action="store_true", help="also create the git branch policy-ID for it and switch to it"
    )
    add_as_of(new)
    new.set_defaults(run=run_new)

    propose = sub.add_parser(
        "propose",
        help="start the next version on its branch and open its draft pull request (the browser's workflow)",
        description=(
            'What the workflow "Start a new version" runs: `policy new --branch`, then commit, push the branch '
            "policy-ID and open a draft pull request with the template filled in and a link to GitHub's editor for "
            "each text. Reads GITHUB_REPOSITORY and GITHUB_TOKEN (and GITHUB_SERVER_URL, GITHUB_API_URL); a refusal "
            "is also written to the run's summary (GITHUB_STEP_SUMMARY)."
        ),
    )
    propose.add_argument("--effective", metavar="DATE", help="the date it takes effect, YYYY-MM-DD (as for `new`)")
    propose.add_argument("--material", action="store_true", help="users must accept this version again")
    propose.add_argument("--remote", default="origin", help="the git remote to push to (default: origin)")
    add_as_of(propose)
    propose.set_defaults(run=run_propose)

    review = sub.add_parser(
        "review",
        help="the redline of every version a pull request adds or changes, as Markdown",
        description=(
            "Print, as Markdown, the redline of each version whose files differ between REF and HEAD against the "
            "version before it, in every language; with --comment, also post it as the pull request's comment, "
            "or update that comment in place."
        ),
    )
    review.add_argument("--base", required=True, metavar="REF", help="the pull request's base, e.g. origin/main")
    review.add_argument("--comment", type=int, metavar="NUMBER", help="the pull request to comment on")
    review.set_defaults(run=run_review)

    status = sub.add_parser(
        "status",
        help="which version is in force, and which are coming",
        description="Show each version's status on a date: in force, upcoming (with its start date) or superseded.",
    )
    add_as_of(status)
    status.set_defaults(run=run_status)

    diff = sub.add_parser(
        "diff",
        help="show what changed between two versions, word by word",
        description=(
            "Print the redline between two versions in one language, as the site's changes pages show it: changed "
            "clauses in full with [-deleted-] and {+inserted+} words (struck out and underlined in colour on a "
            "terminal), those whose typography alone changed (apostrophes, quotes, dashes, spaces, ellipses) marked ≈, "
            "unchanged paragraphs counted. Exit code 0."
        ),
    )
    diff.add_argument(
        "ids",
        nargs="+",
        metavar="A B",
        help="the earlier version and the later, e.g. 1.0 1.1; or the later alone, compared with the version before it",
    )
    diff.add_argument(
        "--lang", metavar="L", help="the language to compare (default: the authoritative one; with markdown, every one)"
    )
    diff.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="text for a terminal, or markdown for a pull request's summary (deletions and insertions as <del>, <ins>)",
    )
    diff.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the changes: auto (on a terminal, unless NO_COLOR is set), always or never",
    )
    diff.set_defaults(run=run_diff)

    build = sub.add_parser(
        "build",
        help="check the sources and build the site",
        description=(
            "Check the sources, then build the site into a staging folder and swap it into place: a failed build "
            "leaves the previous site untouched."
        ),
    )
    add_as_of(build)
    add_site_dir(build)
    build.set_defaults(run=run_build)

    sign = sub.add_parser(
        "sign",
        help="sign the app's feed of a site built without the key",
        description=(
            f"Sign api/v2 of a built site with the keys in {SIGNING_KEY_VARIABLE}, writing the bytes `policy build` "
            "writes when given them: publishing builds without the secret, then signs in a step of its own."
        ),
    )
    add_site_dir(sign)
    sign.set_defaults(run=run_sign)

    keygen = sub.add_parser(
        "keygen",
        help="make a key that signs the app's feed",
        description=(
            f"Make an Ed25519 key pair for signing api/v2: the private half into a new file outside the repository "
            f"(for the secret {SIGNING_KEY_VARIABLE} of the repository's environment {SIGNING_ENVIRONMENT}), the "
            f"public half added to {REPOSITORY_KEYS} (published as api/v2/keys.json)."
        ),
    )
    keygen.add_argument(
        "--private-key",
        required=True,
        metavar="FILE",
        type=Path,
        help="the new file for the private key, outside the repository, e.g. ~/qlever-policy-signing.pem",
    )
    keygen.set_defaults(run=run_keygen)
    return parser


def add_site_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--site-dir",
        metavar="DIR",
        default="site",
        help="where the site is, relative to the repository (default: site)",
    )


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help=(
            "decide what is in force on this date, YYYY-MM-DD (default: $POLICY_AS_OF, else today in the policy's "
            "time zone)"
        ),
    )


def as_of_date(policy: Policy, args: argparse.Namespace) -> dt.date:
    return resolve_as_of(os.environ, policy.settings, args.as_of)


def run_check(loaded: Loaded, args: argparse.Namespace) -> int:
    report = commands.check(loaded, as_of_date(loaded.policy, args), args.base)
    print_problems(report.problems, report.policy.root, args.format)
    versions = len(report.policy.versions)
    if report.errors:
        print(
            f"policy check: {len(report.errors)} error(s), {len(report.warnings)} warning(s) in {versions} "
            "version(s). Fix the errors above, then run `policy check` again.",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    print(f"policy check: {versions} version(s) sound ({len(report.warnings)} warning(s)).")
    return EXIT_OK


def print_problems(problems: Sequence[Problem], root: Path, style: str = "text") -> None:
    """Each problem on a line: errors to stderr, warnings to stdout; as GitHub annotations for `github`."""
    for problem in problems:
        line = annotation(problem, root) if style == "github" else problem.describe(root)
        print(line, file=sys.stderr if problem.severity == "error" and style != "github" else sys.stdout)


def annotation(problem: Problem, root: Path) -> str:
    """A GitHub workflow command, so that the problem shows on the line of the pull request."""
    file = problem.file(root)
    where = [f"file={escape_property(file)}"] if file else []
    where += [f"line={problem.line}"] if file and problem.line else []
    message = f"{problem.message}. {problem.fix}" if problem.fix else problem.message
    return f"::{problem.severity}{' ' + ','.join(where) if where else ''}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def run_new(loaded: Loaded, args: argparse.Namespace) -> int:
    policy = loaded.policy
    effective = parse_date(args.effective, "--effective") if args.effective else None
    created = commands.new_version(policy, as_of_date(policy, args), effective, args.material, args.branch)
    folder = created.folder.relative_to(policy.root)
    kind = "material: users must accept it again" if created.material else "editorial"
    print(f"Created version {created.id} in {folder}/ ({kind}), taking effect on {created.effective}.")
    if created.branch:
        print(f"Switched to the new git branch {created.branch}.")
    if created.copied_from:
        print(f"Its texts are copies of version {created.copied_from}. Next:")
    print(f"  1. Edit the texts in {folder}/ in every language, keeping the same clause numbers.")
    print(f"  2. Write the summary of the change in each language in {folder}/version.toml.")
    print("  3. Run `policy check`, then commit and open a pull request.")
    return EXIT_OK


def run_propose(loaded: Loaded, args: argparse.Namespace) -> int:
    policy = loaded.policy
    repository = Repository.from_environment(os.environ)
    github = GitHub(repository)
    try:
        effective = parse_date(args.effective, "the effective date") if args.effective else None
        started = proposal.propose(
            policy, as_of_date(policy, args), effective, args.material, repository, remote=args.remote
        )
    except PolicyError as refused:
        append_summary(
            f"## The new version was not started\n\n{sentence(str(refused))}\n\n"
            "Nothing was changed. Run the workflow again with another choice."
        )
        raise
    try:
        pull = github.open_draft_pull_request(started.branch, started.base, started.title, started.body)
    except PolicyError as refused:
        append_summary(
            f"## Version {started.version.id} was started, but its pull request could not be opened\n\n"
            f"{sentence(str(refused))}\n\nThe branch {started.branch} holds the new version: open its pull "
            f"request by hand (Pull requests, New pull request, compare: {started.branch})."
        )
        raise
    print(f"Started version {started.version.id} on the branch {started.branch}: {pull['html_url']}")
    append_summary(
        f"## Version {started.version.id} was started\n\n{started.title}. Its draft pull request is "
        f"[#{pull['number']}]({pull['html_url']}): open it and follow its links to edit each text."
    )
    return EXIT_OK


def sentence(message: str) -> str:
    """An error as a sentence for the run's summary page."""
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


def run_review(loaded: Loaded, args: argparse.Namespace) -> int:
    policy = loaded.policy
    changed = proposal.changed_versions(policy, args.base)
    markdown = proposal.redlines(policy, changed)
    print(markdown, end="")
    if args.comment is not None:
        # A pull request that changes no version gets no comment, unless one is there to be corrected.
        repository = Repository.from_environment(os.environ)
        body = proposal.redline_comment(markdown, repository)
        comment = GitHub(repository).upsert_comment(args.comment, proposal.REDLINE_MARKER, body, create=bool(changed))
        where = f"the pull request's comment {comment['html_url']}" if comment else "no comment: no version changed"
        print(f"The redline: {where}", file=sys.stderr)
    return EXIT_OK


def run_status(loaded: Loaded, args: argparse.Namespace) -> int:
    as_of = as_of_date(loaded.policy, args)
    lines = commands.status(loaded.policy, as_of)
    print(f"As of {as_of}:")
    for line in lines:
        verb = {"current": "in force since", "upcoming": "takes effect on", "superseded": "superseded; took effect on"}[
            line.status.value
        ]
        material = ", material" if line.version.material else ""
        print(f"  {line.version.id:<8} {line.status.value:<11} {verb} {line.version.effective}{material}")
    if not any(line.status.value == "current" for line in lines):
        print("  No version is in force yet.")
    return EXIT_OK


def run_diff(loaded: Loaded, args: argparse.Namespace) -> int:
    policy = loaded.policy
    every = args.format == "markdown" and not args.lang
    langs = list(policy.settings.languages) if every else [args.lang or policy.settings.authoritative_language]
    comparisons = commands.diff(policy, args.ids, langs)
    if args.format == "markdown":
        print(comparison_markdown(comparisons), end="")
        return EXIT_OK
    for comparison in comparisons:
        for line in comparison_text(comparison, use_color(args.color)):
            print(line)
    return EXIT_OK


def use_color(when: str) -> bool:
    if when == "auto":
        return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return when == "always"


def run_build(loaded: Loaded, args: argparse.Namespace) -> int:
    root = loaded.policy.root
    keys = read_signing_keys(os.environ.get(SIGNING_KEY_VARIABLE))
    site = commands.build(loaded, as_of_date(loaded.policy, args), root / args.site_dir, keys)
    print(f"Built the site in {site.relative_to(root) if site.is_relative_to(root) else site}/.")
    print(signing_report(keys))
    return EXIT_OK


def run_sign(loaded: Loaded, args: argparse.Namespace) -> int:
    keys = read_signing_keys(os.environ.get(SIGNING_KEY_VARIABLE))
    root = loaded[0].root
    commands.sign(root, root / args.site_dir, keys)
    print(signing_report(keys))
    return EXIT_OK


def signing_report(keys: tuple[SigningKey, ...]) -> str:
    if not keys:
        return (
            f"Not signed: {SIGNING_KEY_VARIABLE} is not set, so api/v2 has no signatures, and apps that pin a key "
            "will refuse this feed."
        )
    names = ", ".join(key.kid for key in keys)
    return f"Signed api/v2/policy.json and each api/v2/versions/<id>.json with {names}."


def run_keygen(loaded: Loaded, args: argparse.Namespace) -> int:
    root = loaded.policy.root
    key = commands.keygen(loaded.policy, args.private_key.expanduser())
    print(f"Made the signing key {key.kid}.")
    print(f"  Private half: {key.private_key} (readable by you only). It signs for the site: never commit it.")
    print(
        f"    1. Store it as the secret {SIGNING_KEY_VARIABLE} of the repository's environment {SIGNING_ENVIRONMENT}:"
    )
    print(f"       gh secret set {SIGNING_KEY_VARIABLE} --env {SIGNING_ENVIRONMENT} < {key.private_key}")
    print("    2. Keep a copy offline, where only the people who publish can reach it; delete this file.")
    print(f"  Public half: added to {key.public_keys.relative_to(root)}, published as api/v2/keys.json.")
    print('    3. Print it in docs/app-developers.md ("Signatures"), commit both, and give it to the app teams to pin:')
    print(f"       {json.dumps(key.jwk)}")
    print("  While keys rotate, put both private keys in the secret, one after the other: each signs.")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
