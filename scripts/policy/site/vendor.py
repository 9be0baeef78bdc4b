"""Browser libraries the site serves from its own host, never from a CDN: copied from node_modules,
where `npm ci` installs them as package-lock.json pins them (make site and make test run it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import PolicyError

REPO = Path(__file__).resolve().parents[3]
NODE_MODULES = REPO / "node_modules"
SCRIPTS = {
    "assets/javascripts/diff/base.js": "diff/libesm/diff/base.js",
    "assets/javascripts/diff/array.js": "diff/libesm/diff/array.js",
    "assets/javascripts/diff/LICENSE": "diff/LICENSE",
}
"""Where each goes in the site, and where npm puts it: jsdiff, for the comparison of any two versions
(theme/assets/compare.js). Only the ES modules of its array diff, a third of its whole bundle."""


def vendor_scripts() -> dict[str, Path]:
    """Each library by its place in the site; refused, naming what is missing, before a build starts."""
    found = {target: NODE_MODULES / source for target, source in SCRIPTS.items()}
    missing = [source for target, source in SCRIPTS.items() if not found[target].is_file()]
    if missing:
        raise PolicyError(
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing from node_modules/: run `npm ci` "
            "in the repository's folder (make site does), which installs the browser libraries package-lock.json pins"
        )
    return found


def copy_vendor_scripts(site_dir: Path) -> None:
    for target, source in vendor_scripts().items():
        (site_dir / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site_dir / target)
