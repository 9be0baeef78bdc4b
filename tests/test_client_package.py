"""The Python client as a package an app's backend installs: what it needs, what it carries, what it offers,
and that the site's build shares only its schema files, never its code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import qlever_policy_client
from support import REPO

CLIENT = REPO / "clients" / "python"
SITE_PACKAGES = ("policy", "mkdocs", "material", "markdown", "typst", "git", "babel", "jinja2")


def run_python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_the_client_runs_without_anything_of_the_site() -> None:
    loaded = run_python(
        "import sys\n"
        "class Refuse:\n"
        f"    def find_spec(self, name, path=None, target=None):\n"
        f"        if name.split('.')[0] in {SITE_PACKAGES!r}: raise ImportError(name)\n"
        "sys.meta_path.insert(0, Refuse())\n"
        "import qlever_policy_client, qlever_policy_client.cli\n"
        "import json; print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    assert "qlever_policy_client" in loaded
    assert not set(SITE_PACKAGES) & set(json.loads(loaded))


def test_the_site_reads_the_clients_schemas_without_importing_it() -> None:
    loaded = run_python(
        "import sys\n"
        "from policy.api.schemas import schema_bytes\n"
        "assert schema_bytes('policy.schema.json').startswith(b'{')\n"
        "print('qlever_policy_client' in sys.modules)\n"
    )
    assert loaded == "False\n"


def test_the_wheel_carries_the_schemas_and_its_types(tmp_path: Path) -> None:
    source = shutil.copytree(CLIENT, tmp_path / "source", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*pip_wheel, "-w", str(tmp_path), str(source)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("qlever_policy_client-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    kept = {f"qlever_policy_client/schemas/{path.name}" for path in (CLIENT / "qlever_policy_client/schemas").iterdir()}
    assert len(kept) == 7
    assert kept <= names
    assert "qlever_policy_client/py.typed" in names
    assert not any(name.startswith(("policy/", "tests/")) for name in names)


def test_every_name_it_offers_is_listed_and_exists() -> None:
    offered = {name for name in vars(qlever_policy_client) if not name.startswith("_")}
    modules = {"cli", "consent", "errors", "feed", "freshness", "signatures", "texts"}
    assert offered - modules == set(qlever_policy_client.__all__)
    assert all(hasattr(qlever_policy_client, name) for name in qlever_policy_client.__all__)
