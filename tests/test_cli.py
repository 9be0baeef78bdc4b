"""The editors' command line, run in-process: output and exit codes scripts can rely on."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import git
import pytest
from bs4 import BeautifulSoup

from policy.api.signing import new_signing_key
from policy.cli import main
from qlever_policy_client import parse_signed_feed, verify_signature
from support import BISHKEK, Golden, commit_all, scenario, tree_digest

PolicyCopy = Callable[[str], Path]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_passes_on_sound_sources(policy_copy: PolicyCopy, capsys: pytest.CaptureFixture[str]) -> None:
    root = policy_copy("two-versions")
    code, out, err = run(capsys, "-C", str(root), "check")
    assert code == 0
    assert out.splitlines()[-1] == "policy check: 2 version(s) sound (2 warning(s))."
    assert err == ""


def test_check_fails_with_every_error_and_a_count(policy_copy: PolicyCopy, capsys: pytest.CaptureFixture[str]) -> None:
    root = policy_copy("two-versions")
    (root / "versions/1.1/ru.md").unlink()
    (root / "versions/1.1/ky.md").unlink()
    code, _, err = run(capsys, "-C", str(root), "check")
    assert code == 1
    assert err.splitlines() == [
        (
            "versions/1.1/ky.md: error: version 1.1 has no text in 'ky'. Add ky.md: a translation of the uz.md text, "
            "clause by clause"
        ),
        (
            "versions/1.1/ru.md: error: version 1.1 has no text in 'ru'. Add ru.md: a translation of the uz.md text, "
            "clause by clause"
        ),
        "policy check: 2 error(s), 2 warning(s) in 2 version(s). Fix the errors above, then run `policy check` again.",
    ]


def test_root_is_found_from_a_subfolder(
    policy_copy: PolicyCopy, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = policy_copy("two-versions")
    from_root = run(capsys, "-C", str(root), "status", "--as-of", "2026-12-14")
    monkeypatch.chdir(root / "versions" / "1.1")
    assert run(capsys, "status", "--as-of", "2026-12-14") == from_root
    assert from_root[0] == 0
    assert "1.1" in from_root[1]


def test_outside_a_policy_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "-C", str(tmp_path), "status")
    assert code == 1
    assert err.startswith(f"error: no policy found in {tmp_path} or above it")


def test_status_on_dates_around_1_1(capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy) -> None:
    root = policy_copy("two-versions")
    code, out, _ = run(capsys, "-C", str(root), "status", "--as-of", "2026-12-14")
    assert code == 0
    assert out.splitlines() == [
        "As of 2026-12-14:",
        "  1.1      upcoming    takes effect on 2026-12-15",
        "  1.0      current     in force since 2026-11-24, material",
    ]
    _, out, _ = run(capsys, "-C", str(root), "status", "--as-of", "2026-12-15")
    assert out.splitlines()[1:] == [
        "  1.1      current     in force since 2026-12-15",
        "  1.0      superseded  superseded; took effect on 2026-11-24, material",
    ]


def test_status_uses_policy_as_of(
    capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = policy_copy("two-versions")
    monkeypatch.setenv("POLICY_AS_OF", "2026-11-01")
    _, out, _ = run(capsys, "-C", str(root), "status")
    assert out.splitlines()[0] == "As of 2026-11-01:"
    assert out.splitlines()[-1] == "  No version is in force yet."


def test_bad_as_of_is_a_clear_error(capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy) -> None:
    root = policy_copy("two-versions")
    code, _, err = run(capsys, "-C", str(root), "status", "--as-of", "tomorrow")
    assert code == 1
    assert err == "error: --as-of 'tomorrow' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-15\n"


def test_new_editorial_version_copies_the_latest(capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy) -> None:
    root = policy_copy("two-versions")
    code, out, _ = run(capsys, "-C", str(root), "new", "--effective", "2027-01-10")
    assert code == 0
    assert out.splitlines()[0] == "Created version 1.2 in versions/1.2/ (editorial), taking effect on 2027-01-10."
    for lang in ("uz", "ky", "ru"):
        assert (root / f"versions/1.2/{lang}.md").read_bytes() == (root / f"versions/1.1/{lang}.md").read_bytes()
    metadata = tomllib.loads((root / "versions/1.2/version.toml").read_text(encoding="utf-8"))
    assert metadata == {"effective": dt.date(2027, 1, 10), "material": False, "summary": {"uz": "", "ky": "", "ru": ""}}


def test_a_new_version_is_refused_until_its_summaries_are_written(
    capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy
) -> None:
    root = policy_copy("two-versions")
    run(capsys, "-C", str(root), "new")
    code, _, err = run(capsys, "-C", str(root), "check")
    assert code == 1
    assert "versions/1.2/version.toml:8: error: the summary in 'uz' is missing or empty" in err


def test_new_material_version_opens_a_major_version_after_the_notice_period(
    capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy
) -> None:
    root = policy_copy("two-versions")
    code, out, _ = run(capsys, "-C", str(root), "new", "--material")
    assert code == 0
    # 30 days of notice from the as-of date, 2026-11-25.
    assert (
        out.splitlines()[0]
        == "Created version 2.0 in versions/2.0/ (material: users must accept it again), taking effect on 2026-12-25."
    )


def test_new_editorial_version_defaults_to_the_day_after_the_latest(
    capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy
) -> None:
    root = policy_copy("two-versions")
    _, out, _ = run(capsys, "-C", str(root), "new")
    assert out.splitlines()[0] == "Created version 1.2 in versions/1.2/ (editorial), taking effect on 2026-12-16."


def test_new_refuses_a_date_before_the_latest_version(
    capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy
) -> None:
    root = policy_copy("two-versions")
    code, _, err = run(capsys, "-C", str(root), "new", "--effective", "2026-12-01")
    assert code == 1
    assert err == (
        "error: the effective date 2026-12-01 is not after that of version 1.1 (2026-12-15): choose a later date\n"
    )
    assert not (root / "versions/1.2").exists()


def test_new_refuses_a_material_version_before_the_notice_period_ends(
    capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy
) -> None:
    root = policy_copy("two-versions")
    code, _, err = run(capsys, "-C", str(root), "new", "--material", "--effective", "2026-12-24")
    assert code == 1
    assert err == (
        "error: a material version needs 30 days' notice to users, counted from today (2026-11-25): it can take "
        "effect on 2026-12-25 at the earliest. Choose that date or a later one; or, if users need not accept it "
        "again, start an editorial version\n"
    )
    assert not (root / "versions/2.0").exists()


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    for command in ("check", "new", "propose", "review", "status", "diff", "build", "keygen"):
        assert f"    {command} " in out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["publish"])
    assert exit_info.value.code == 2
    assert "policy: error: argument COMMAND: invalid choice: 'publish'" in capsys.readouterr().err


def test_new_with_branch_switches_to_a_branch_for_the_version(
    capsys: pytest.CaptureFixture[str], git_policy: Callable[[str], git.Repo]
) -> None:
    repo = git_policy("two-versions")
    root = Path(str(repo.working_tree_dir))
    code, out, _ = run(capsys, "-C", str(root), "new", "--branch", "--effective", "2027-01-10")
    assert code == 0
    assert out.splitlines()[1] == "Switched to the new git branch policy-1.2."
    assert repo.active_branch.name == "policy-1.2"
    commit_all(repo, "Start version 1.2", dt.datetime(2026, 11, 26, 9, 0, tzinfo=BISHKEK))
    repo.git.switch("main")
    assert not (root / "versions/1.2").exists()
    code, _, err = run(capsys, "-C", str(root), "new", "--branch", "--effective", "2027-02-01")
    assert (code, err) == (
        1,
        "error: the branch 'policy-1.2' exists already: switch to it (git switch policy-1.2), or delete it first\n",
    )
    assert not (root / "versions/1.2").exists()


def test_new_with_branch_outside_git_is_refused(capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy) -> None:
    root = policy_copy("two-versions")
    code, _, err = run(capsys, "-C", str(root), "new", "--branch")
    assert code == 1
    assert err.startswith(f"error: {root} is not a git repository, so no branch was made")
    assert not (root / "versions/1.2").exists()


@pytest.mark.parametrize(
    ("name", "old", "new", "lang"),
    [
        ("two-versions", "1.0", "1.1", "uz"),
        ("chain", "1.1", "2.0", "uz"),
        ("chain", "1.1", "2.0", "ky"),
        ("chain", "1.1", "2.0", "ru"),
        ("chain", "1.0", "2.0", "ru"),
    ],
)
def test_diff_prints_the_redline_of_a_language(
    capsys: pytest.CaptureFixture[str], golden: Golden, name: str, old: str, new: str, lang: str
) -> None:
    code, out, err = run(capsys, "-C", str(scenario(name)), "diff", old, new, "--lang", lang, "--color", "never")
    assert (code, err) == (0, "")
    golden.check(f"diff/{name}-{old}-{new}-{lang}.txt", out)


def test_diff_colours_strike_and_underline_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys, "-C", str(scenario("two-versions")), "diff", "1.0", "1.1", "--lang", "ru", "--color", "always"
    )
    assert "~ \x1b[9;31m2.3.\x1b[0m\x1b[4;32m2.2.\x1b[0m Администрация" in out
    _, out, _ = run(
        capsys, "-C", str(scenario("two-versions")), "diff", "1.0", "1.1", "--lang", "ru"
    )  # captured: not a terminal
    assert "\x1b[" not in out


def test_diff_of_a_version_with_itself_shows_no_change(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "-C", str(scenario("two-versions")), "diff", "1.1", "1.1")
    assert out.splitlines()[:2] == [
        "Version 1.1 (2026-12-15) → version 1.1 (2026-12-15), uz:",
        "  no changes in this language.",
    ]
    assert not any(line.startswith(("~", "+", "-")) for line in out.splitlines())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1.0", "1.7"], "error: there is no version '1.7' (versions: 1.0, 1.1)\n"),
        (["1.0", "1.1", "--lang", "en"], "error: --lang 'en' is not one of the policy's languages: uz, ky, ru\n"),
    ],
)
def test_diff_names_what_exists(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, _, err = run(capsys, "-C", str(scenario("two-versions")), "diff", *args)
    assert (code, err) == (1, message)


@pytest.mark.parametrize(("lang", "prefix"), [("uz", ""), ("ky", "ky/"), ("ru", "ru/")])
def test_the_terminal_diff_marks_what_the_page_marks(
    capsys: pytest.CaptureFixture[str], chain_after_2_0: Path, lang: str, prefix: str
) -> None:
    _, out, _ = run(capsys, "-C", str(scenario("chain")), "diff", "1.0", "2.0", "--lang", lang, "--color", "never")
    terminal = [("del", d) if d else ("ins", i) for d, i in re.findall(r"\[-(.*?)-\]|\{\+(.*?)\+\}", out)]
    page = BeautifulSoup(
        (chain_after_2_0 / prefix / "changes/1.0-2.0/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    for spoken in page.select(".redline .policy-sr"):
        spoken.decompose()
    assert terminal == [(mark.name, mark.get_text()) for mark in page.select(".redline del, .redline ins")]
    assert len(terminal) > 2


def test_build_into_a_folder_outside_the_repository(
    capsys: pytest.CaptureFixture[str], site_copy: PolicyCopy, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere" / "site"
    code, out, _ = run(capsys, "-C", str(site_copy("two-versions")), "build", "--site-dir", str(target))
    assert (code, out) == (
        0,
        f"Built the site in {target}/.\nNot signed: POLICY_SIGNING_KEY is not set, so api/v2 has no signatures, and "
        "apps that pin a key will refuse this feed.\n",
    )
    assert (target / "ru/versions/1.1/index.html").is_file()
    assert not list((target / "api/v2").rglob("*.sig.json"))


def test_keygen_then_a_signed_build(
    capsys: pytest.CaptureFixture[str], site_copy: PolicyCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_copy("two-versions")
    private = tmp_path / "secrets" / "signing.pem"
    private.parent.mkdir()
    code, out, err = run(capsys, "-C", str(root), "keygen", "--private-key", str(private))
    key_set = json.loads((root / "signing-keys.json").read_text(encoding="utf-8"))
    [jwk] = key_set["keys"]
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Made the signing key {jwk['kid']}.",
        f"  Private half: {private} (readable by you only). It signs for the site: never commit it.",
        "    1. Store it as the secret POLICY_SIGNING_KEY of the repository's environment signing:",
        f"       gh secret set POLICY_SIGNING_KEY --env signing < {private}",
        "    2. Keep a copy offline, where only the people who publish can reach it; delete this file.",
        "  Public half: added to signing-keys.json, published as api/v2/keys.json.",
        '    3. Print it in docs/app-developers.md ("Signatures"), commit both, and give it to the app teams to pin:',
        f"       {json.dumps(jwk)}",
        "  While keys rotate, put both private keys in the secret, one after the other: each signs.",
    ]
    assert private.stat().st_mode & 0o777 == 0o600
    assert private.read_text(encoding="ascii").startswith("-----BEGIN PRIVATE KEY-----\n")

    monkeypatch.setenv("POLICY_SIGNING_KEY", private.read_text(encoding="ascii"))
    code, out, _ = run(capsys, "-C", str(root), "build")
    assert (code, out) == (
        0,
        f"Built the site in site/.\nSigned api/v2/policy.json and each api/v2/versions/<id>.json with {jwk['kid']}.\n",
    )
    api = root / "site/api/v2"
    assert json.loads((api / "keys.json").read_bytes()) == key_set
    url = "https://privacy.example.org/api/v2/policy.json"
    feed = parse_signed_feed((api / "policy.json").read_bytes(), (api / "policy.sig.json").read_bytes(), url, [jwk])
    assert feed.verified_by == (jwk["kid"],)
    for version in ("1.0", "1.1"):
        signature = (api / f"versions/{version}.sig.json").read_bytes()
        assert verify_signature((api / f"versions/{version}.json").read_bytes(), signature, [jwk]) == (jwk["kid"],)


def test_a_site_built_unsigned_then_signed_is_the_signed_build_byte_for_byte(
    capsys: pytest.CaptureFixture[str], site_copy: PolicyCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_copy("two-versions")
    private = tmp_path / "signing.pem"
    run(capsys, "-C", str(root), "keygen", "--private-key", str(private))
    [jwk] = json.loads((root / "signing-keys.json").read_text(encoding="utf-8"))["keys"]
    as_of = ("--as-of", "2026-11-25")
    monkeypatch.delenv("POLICY_SIGNING_KEY", raising=False)
    assert run(capsys, "-C", str(root), "build", *as_of, "--site-dir", "unsigned")[0] == 0
    monkeypatch.setenv("POLICY_SIGNING_KEY", private.read_text(encoding="ascii"))
    assert run(capsys, "-C", str(root), "build", *as_of, "--site-dir", "signed")[0] == 0

    code, out, err = run(capsys, "-C", str(root), "sign", "--site-dir", "unsigned")
    assert (code, out, err) == (
        0,
        f"Signed api/v2/policy.json and each api/v2/versions/<id>.json with {jwk['kid']}.\n",
        "",
    )
    assert tree_digest(root / "unsigned") == tree_digest(root / "signed")
    assert list((root / "signed/api/v2").rglob("*.sig.json"))
    assert run(capsys, "-C", str(root), "sign", "--site-dir", "unsigned")[0] == 0  # once more: the same bytes
    assert tree_digest(root / "unsigned") == tree_digest(root / "signed")


def test_sign_without_a_key_leaves_the_site_unsigned_and_says_so(
    capsys: pytest.CaptureFixture[str], site_copy: PolicyCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_copy("two-versions")
    monkeypatch.delenv("POLICY_SIGNING_KEY", raising=False)
    run(capsys, "-C", str(root), "build", "--as-of", "2026-11-25")
    built = tree_digest(root / "site")
    code, out, _ = run(capsys, "-C", str(root), "sign")
    assert (code, out) == (
        0,
        "Not signed: POLICY_SIGNING_KEY is not set, so api/v2 has no signatures, and apps that pin a key will "
        "refuse this feed.\n",
    )
    assert tree_digest(root / "site") == built


def test_sign_refuses_a_site_not_built_and_a_key_not_published(
    capsys: pytest.CaptureFixture[str], site_copy: PolicyCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_copy("two-versions")
    monkeypatch.setenv("POLICY_SIGNING_KEY", "")
    run(capsys, "-C", str(root), "build", "--as-of", "2026-11-25")
    built = tree_digest(root / "site")
    _, unpublished = new_signing_key()
    monkeypatch.setenv("POLICY_SIGNING_KEY", unpublished.decode("ascii"))

    code, out, err = run(capsys, "-C", str(root), "sign", "--site-dir", "nowhere")
    assert (code, out, err) == (
        1,
        "",
        "error: nowhere/api/v2/policy.json is missing: build the site first (`policy build`), then sign it\n",
    )
    code, out, err = run(capsys, "-C", str(root), "sign")
    assert (code, out) == (1, "")
    assert "is not in signing-keys.json, so apps could not verify what it signs" in err
    assert tree_digest(root / "site") == built


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (
            "inside",
            "is inside the repository, where it could be committed: write the private key outside it, e.g. "
            "--private-key ~/qlever-policy-signing.pem",
        ),
        ("existing", "exists already: name a new file, so that no key is overwritten"),
    ],
)
def test_keygen_writes_no_key_where_it_could_be_committed_or_lost(
    capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy, tmp_path: Path, where: str, message: str
) -> None:
    root = policy_copy("two-versions")
    private = root / "signing.pem" if where == "inside" else tmp_path / "signing.pem"
    if where == "existing":
        private.write_text("an older key\n", encoding="ascii")
    code, out, err = run(capsys, "-C", str(root), "keygen", "--private-key", str(private))
    assert (code, out, err) == (1, "", f"error: {private} {message}\n")
    assert not (root / "signing-keys.json").exists()
    assert private.exists() is (where == "existing")


def test_a_signing_key_that_is_not_one_fails_the_build_before_it_starts(
    capsys: pytest.CaptureFixture[str], site_copy: PolicyCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_copy("two-versions")
    monkeypatch.setenv("POLICY_SIGNING_KEY", "ghp_not-a-key")
    code, out, err = run(capsys, "-C", str(root), "build")
    assert (code, out) == (1, "")
    assert err == (
        "error: POLICY_SIGNING_KEY is set but is not one or more Ed25519 private keys in PEM, each from -----BEGIN "
        "PRIVATE KEY----- to -----END PRIVATE KEY-----: set it to the whole file `policy keygen` wrote, or unset it "
        "to build without signing\n"
    )
    assert not (root / "site").exists()


@pytest.mark.parametrize(("name", "ids"), [("chain", ["2.0"]), ("two-versions", ["1.0", "1.1"])])
def test_diff_as_markdown_for_a_pull_requests_summary(
    capsys: pytest.CaptureFixture[str], golden: Golden, name: str, ids: list[str]
) -> None:
    code, out, err = run(capsys, "-C", str(scenario(name)), "diff", *ids, "--format", "markdown")
    assert (code, err) == (0, "")
    golden.check(f"diff/{name}-{'-'.join(ids)}.md", out)


def test_diff_of_one_version_compares_it_with_the_one_before(capsys: pytest.CaptureFixture[str]) -> None:
    _, alone, _ = run(capsys, "-C", str(scenario("chain")), "diff", "2.0", "--color", "never")
    _, pair, _ = run(capsys, "-C", str(scenario("chain")), "diff", "1.1", "2.0", "--color", "never")
    assert alone == pair
    code, _, err = run(capsys, "-C", str(scenario("chain")), "diff", "1.0")
    assert (code, err) == (
        1,
        "error: version 1.0 is the first version: name another to compare it with, e.g. policy diff 1.0 B\n",
    )


def test_check_as_github_annotations_on_the_lines_of_a_pull_request(
    capsys: pytest.CaptureFixture[str], broken: Callable[[str], Path]
) -> None:
    root = broken("comma-in-a-number")
    code, out, err = run(capsys, "-C", str(root), "check", "--format", "github", "--as-of", "2026-11-25")
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("::error")] == [
        (
            "::error file=versions/1.1/ru.md::clause(s) 2.1 of uz.md are missing. Translate them, with the same "
            "numbers as in uz.md"
        ),
        "::error file=versions/1.1/ru.md,line=11::the number '2,1.' is written with a comma. Write it with dots: 2.1.",
    ]
    assert "::warning::the policy is not in a git repository" in out
    assert err.startswith("policy check: 2 error(s)")


def test_a_refused_policy_toml_is_named_relative_to_the_repository(
    capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy
) -> None:
    root = policy_copy("one-version")
    settings = root / "versions/policy.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("notice_days = 30", "notice_days = -3"), encoding="utf-8"
    )
    code, _, err = run(capsys, "-C", str(root), "status")
    assert (code, err.splitlines()) == (
        1,
        [
            (
                "versions/policy.toml:10: error: notice_days is -3, fewer than none. Write the days of notice before "
                "a material change takes effect, e.g. notice_days = 30"
            ),
        ],
    )


def test_keygen_refuses_a_broken_key_list_before_it_writes_the_private_key(
    capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy, tmp_path: Path
) -> None:
    root = policy_copy("two-versions")
    (root / "signing-keys.json").write_text("{keys: []}\n", encoding="utf-8")
    private = tmp_path / "signing.pem"
    code, out, err = run(capsys, "-C", str(root), "keygen", "--private-key", str(private))
    assert (code, out) == (1, "")
    assert err.startswith("error: signing-keys.json is not UTF-8 JSON (")
    assert err.endswith("): restore it from git, or run `policy keygen`\n")
    assert not private.exists()


def test_keygen_says_why_it_could_not_write_the_private_key(
    capsys: pytest.CaptureFixture[str], policy_copy: PolicyCopy
) -> None:
    root = policy_copy("two-versions")
    # /proc takes no new files, even from root, which may write anywhere else.
    code, out, err = run(capsys, "-C", str(root), "keygen", "--private-key", "/proc/signing.pem")
    assert (code, out) == (1, "")
    assert err == "error: /proc/signing.pem: No such file or directory: name a file in a folder you may write to\n"
    assert not (root / "signing-keys.json").exists()
