"""Browser libraries the site serves from its own host, never from a CDN: copied from node_modules/ in the
repository being built (the policy's root, beside versions/), where `npm ci` installs them as
package-lock.json pins them (make site and make test run it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import PolicyError

NODE_MODULES = "node_modules"
SCRIPTS = {
    "assets/javascripts/diff/base.js": "diff/libesm/diff/base.js",
    "assets/javascripts/diff/array.js": "diff/libesm/diff/array.js",
    "assets/javascripts/diff/LICENSE": "diff/LICENSE",
}
"""Where each goes in the site, and where npm puts it: jsdiff, for the comparison of any two versions
(theme/assets/redline-port.js). Only the ES modules of its array diff, a third of its whole bundle."""


def vendor_scripts(root: Path) -> dict[str, Path]:
    """Each library by its place in the site, from the repository at root; refused, naming what is missing,
    before a build starts."""
    found = {target: root / NODE_MODULES / source for target, source in SCRIPTS.items()}
    missing = [source for target, source in SCRIPTS.items() if not found[target].is_file()]
    if missing:
        raise PolicyError(
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing from {NODE_MODULES}/ beside "
            "versions/: run `npm ci` in that folder (make site does), which installs the browser libraries "
            "package-lock.json pins"
        )
    return found


def copy_vendor_scripts(root: Path, site_dir: Path) -> None:
    for target, source in vendor_scripts(root).items():
        (site_dir / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site_dir / target)
