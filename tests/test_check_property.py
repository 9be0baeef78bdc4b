"""Whatever an editor does to a sound policy, `policy check` passes it or refuses it with lines naming
the file and what is wrong: it never crashes. Hypothesis breaks a copy of two-versions at random."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy.cli import main
from support import BEFORE_1_1, scenario

FILES = sorted(
    path.relative_to(scenario("two-versions")).as_posix()
    for path in (scenario("two-versions") / "versions").rglob("*")
    if path.is_file()
)
# What `policy check` may print: a problem, its last summary line, or a refusal of the whole folder.
LINE = re.compile(r"^(\S+?(:\d+)?: (error|warning): .+|policy check: .+|error: .+)$")


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str, bytes, float, float]:
    """A file, what is done to it, the bytes it may get, and where (fractions of its length)."""
    name = draw(st.sampled_from(FILES))
    action = draw(
        st.sampled_from(["insert", "delete", "replace", "truncate", "remove", "swap lines", "duplicate line"])
    )
    payload = draw(
        st.one_of(
            st.binary(max_size=12),
            st.text(alphabet='0123456789.,#[]()!<>"=\n \u02bc\u0422', max_size=12).map(str.encode),
        )
    )
    return name, action, payload, draw(st.floats(0, 1)), draw(st.floats(0, 1))


def mutate(root: Path, mutation: tuple[str, str, bytes, float, float]) -> None:
    name, action, payload, start, end = mutation
    path = root / name
    if action == "remove":
        path.unlink()
        return
    data = path.read_bytes()
    i, j = sorted((int(start * len(data)), int(end * len(data))))
    lines = data.split(b"\n")
    k, m = int(start * (len(lines) - 1)), int(end * (len(lines) - 1))
    changed = {
        "insert": data[:i] + payload + data[i:],
        "delete": data[:i] + data[j:],
        "replace": data[:i] + payload + data[j:],
        "truncate": data[:i],
        "swap lines": b"\n".join(swapped(lines, k, m)),
        "duplicate line": b"\n".join([*lines[: k + 1], lines[k], *lines[k + 1 :]]),
    }[action]
    path.write_bytes(changed)


def swapped(lines: list[bytes], k: int, m: int) -> list[bytes]:
    lines = list(lines)
    lines[k], lines[m] = lines[m], lines[k]
    return lines


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(first=mutations(), second=mutations())
def test_a_broken_policy_is_refused_with_file_error_lines_never_a_crash(
    tmp_path_factory: pytest.TempPathFactory,
    first: tuple[str, str, bytes, float, float],
    second: tuple[str, str, bytes, float, float],
) -> None:
    root = tmp_path_factory.mktemp("mutated")
    shutil.copytree(scenario("two-versions") / "versions", root / "versions")
    mutate(root, first)
    if second[0] != first[0] or first[1] != "remove":
        mutate(root, second)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-C", str(root), "check", "--as-of", BEFORE_1_1.isoformat()])
    assert code in (0, 1)
    printed = [line for line in (out.getvalue() + err.getvalue()).splitlines() if line]
    assert printed
    assert all(LINE.match(line) for line in printed), printed
    if code == 1:
        assert any(": error: " in line or line.startswith("error: ") for line in printed), printed
