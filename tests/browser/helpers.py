"""What the browser tests do often: log in, wait for a report, keep a screenshot."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

ARTIFACTS = Path(__file__).parent / "artifacts"
PASSWORD = "browser-pass-1"


def login(page: Page, base: str, name: str, path: str = "/") -> None:
    """Open `path`, get sent to the login page, log in as `name` and come back."""
    page.goto(base + path)
    page.wait_for_url("**/login**")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def shot(page: Page, name: str) -> None:
    """Keep a full-page screenshot as a test artifact."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def wait_report(page: Page) -> None:
    """Wait until the report view has finished loading (chart or empty state shown)."""
    page.wait_for_function(
        "() => !document.body.classList.contains('is-loading') && "
        "!document.getElementById('status').classList.contains('loading')")


def wait_gaps(page: Page) -> None:
    """Wait until the knowledge-gaps page has (re)loaded its topics."""
    page.wait_for_function("() => ['done', 'error'].includes("
                           "document.getElementById('gaps').dataset.state)")


def wait_ai(page: Page) -> None:
    """Wait until the AI agent page has its figures and every chart (or their errors)."""
    page.wait_for_function(
        "() => ['done', 'error'].includes(document.getElementById('impact').dataset.state) && "
        "[...document.querySelectorAll('#ai-charts .tile')].every("
        "t => ['done', 'error'].includes(t.dataset.state))")
