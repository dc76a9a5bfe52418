"""What an install from the checkout (``pipx install .``) carries: every data file, the license."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_data_file_is_package_data() -> None:
    # An editable install reads the folder; a wheel carries only what these patterns match,
    # and a missing model file would change the findings without an error.
    patterns = _project()["tool"]["setuptools"]["package-data"]["reconcile"]
    data = ROOT / "reconcile" / "data"
    files = [p.relative_to(ROOT / "reconcile").as_posix() for p in data.iterdir() if p.is_file()]
    assert files
    missing = [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)]
    assert not missing


def test_license_is_an_spdx_string() -> None:
    assert _project()["project"]["license"] == "MIT"
