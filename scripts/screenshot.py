"""Render HTML reports in headless Chromium and save a PNG of each (``make screenshot``).

Uses Debian's ``chromium`` if it is installed and installs nothing: without it,
this says so and exits 1.  Nothing leaves the machine: the page loads nothing,
and Chromium's own network chatter (updates, sync) is switched off.

    python scripts/screenshot.py [--window 1280,2200] build/screenshots/seeds.html [more.html …]
    python scripts/screenshot.py --every-kind build/screenshots/every-kind.html

``--every-kind`` first writes the HTML of the tests' hand-built report (one finding of
every kind, an updated figure's chart among them) to the given path.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

WINDOW = "1280,2200"
TIMEOUT = 90


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(browser: str, page: Path, png: Path, *, window: str = WINDOW) -> None:
    """Save a PNG of ``page`` as a 1280-pixel-wide window shows it."""
    with tempfile.TemporaryDirectory(prefix="reconcile-chromium-") as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",  # root in a container has no user namespace for the sandbox
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--window-size={window}",
                f"--screenshot={png.resolve()}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=TIMEOUT,
        )


def write_every_kind(page: Path) -> None:
    """The HTML of ``tests/report_fixture.py``: a page that shows every kind of finding."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from report_fixture import build_report

    from reconcile.render import render_html

    page.write_text(render_html(build_report()), encoding="utf-8")


def main(args: list[str]) -> int:
    window = WINDOW
    if args[:1] == ["--window"]:
        window, args = args[1], args[2:]
    if args[:1] == ["--every-kind"]:
        args = args[1:]
        write_every_kind(Path(args[0]))
    browser = find_chromium()
    if browser is None:
        print("chromium not found; on Debian: apt-get install chromium", file=sys.stderr)
        return 1
    for name in args:
        page = Path(name)
        png = page.with_suffix(".png")
        screenshot(browser, page, png, window=window)
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
