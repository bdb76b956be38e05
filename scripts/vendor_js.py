#!/usr/bin/env python3
"""Vendor the site's JavaScript dependencies into the package, from the npm registry, pinned.

usage: python scripts/vendor_js.py

Each dependency is downloaded at the pinned version, checked against the
registry's sha512 integrity recorded here, and the files the site uses are
written under src/papershelf/site/assets/vendor/<name>/ with the package's
licence.  An install of papershelf then needs no network and the site no CDN.
Run it again after changing a pin; commit what it writes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "src" / "papershelf" / "site" / "assets" / "vendor"
PACKAGES = {
    # name: (version, sha512 integrity from `npm view NAME@VERSION dist.integrity`, {file in the tarball: name})
    "minisearch": (
        "7.2.0",
        "sha512-dqT2XBYUOZOiC5t2HRnwADjhNS2cecp9u+TJRiJ1Qp/f5qjkeT5APcGPjHw+bz89Ms8Jp+cG4AlE+QZ/QnDglg==",
        {"package/dist/umd/index.js": "minisearch.js", "package/LICENSE.txt": "LICENSE.txt"},
    ),
    # The lineage page's graph: zoom, pan and layouts for hundreds of nodes (Mermaid stops near 55).
    "cytoscape": (
        "3.35.0",
        "sha512-sMvBIXiGMnhkCaWz2R06FwF/27MNlS+Tqvi17foO9UhnUg3XGZccKjxsvEqQFAQYMSSZmN5SxYzUYlQ0DOJJ3g==",
        {"package/dist/cytoscape.min.js": "cytoscape.min.js", "package/LICENSE": "LICENSE"},
    ),
}


def fetch(name: str, version: str, integrity: str) -> bytes:
    url = f"https://registry.npmjs.org/{name}/-/{name}-{version}.tgz"
    with urllib.request.urlopen(url, timeout=60) as response:
        data = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != integrity:
        raise SystemExit(f"{name}@{version}: integrity {digest} is not the pinned {integrity}")
    return data


def main() -> int:
    for name, (version, integrity, files) in PACKAGES.items():
        target = VENDOR / name
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(fetch(name, version, integrity)), mode="r:gz") as archive:
            for member, written in files.items():
                (target / written).write_bytes(archive.extractfile(member).read())
        (target / "VERSION").write_text(f"{name} {version} from the npm registry ({integrity})\n")
        print(f"vendored {name}@{version} into {target.relative_to(VENDOR.parents[3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
