"""The headless browser the page tests drive, found the same way everywhere.

Debian's ``/usr/bin/chromium`` by default (no browser download); ``MASTERPLAN_CHROMIUM``
names another Chromium-based browser, e.g. ``/usr/bin/google-chrome`` on GitHub's Ubuntu
runners, where ``chromium`` is only a snap. ``scripts/setup.sh`` reads the same variable.
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("MASTERPLAN_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]


def launch(playwright):
    """A headless browser from a ``sync_playwright()`` context."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
