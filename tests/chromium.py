"""The headless browser the page tests drive, found the same way everywhere.

Debian's ``/usr/bin/chromium`` by default (no browser download); ``MASTERPLAN_CHROMIUM``
names another Chromium-based browser, e.g. ``/usr/bin/google-chrome`` on GitHub's Ubuntu
runners, where ``chromium`` is only a snap. ``scripts/setup.sh`` reads the same variable.
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("MASTERPLAN_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


def launch(playwright):
    """A headless browser from a ``sync_playwright()`` context."""
    from fixtures import tier_guard

    tier_guard.check("a headless browser", "browser")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def shoot(page, folder, name: str) -> None:
    """A screenshot for people to look at, only when MASTERPLAN_SCREENSHOTS is set (the guide's pictures, reviews)."""
    if os.environ.get("MASTERPLAN_SCREENSHOTS"):
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"))


def expand(page, summary: str) -> None:
    """Open a collapsed list item of the form editor (a programme, an indicator) by its summary line."""
    page.locator(f"xpath=//div[text()='{summary}']/preceding-sibling::div[1]//button[1]").first.click()
