"""Browser tests: the web app served by uvicorn on generated data, driven by Playwright
through Debian's chromium (`apt-get install chromium`; `make test` installs it).

Screenshots go to tests/browser/artifacts/ (kept out of git) for a person to look at.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from supportlens.accounts import Accounts
from supportlens.api import Workspace
from supportlens.generate import generate
from supportlens.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")

if not CHROMIUM.exists():  # pragma: no cover - `make test` installs it first
    pytest.skip("Debian's chromium is not installed: run `apt-get install -y chromium` "
                "(make test does)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from .helpers import PASSWORD  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a small generated dataset, with an admin, an editor and a viewer."""
    import uvicorn

    data = tmp_path_factory.mktemp("data")
    generate(data, tickets=800, seed=11)
    db = tmp_path_factory.mktemp("store") / "browser.duckdb"
    Workspace.open(db).import_folder(data, tz="UTC")
    accounts = Accounts.for_store(db)
    for role in ("admin", "editor", "viewer"):
        accounts.create_user(role, role, PASSWORD)
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started:
        if time.time() > deadline:
            raise RuntimeError("the test server did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Any]:
    """Make pages in fresh browser contexts (separate cookies), closed after the test."""
    contexts = []

    def make(width: int = 1366, height: int = 860) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height},
                                      accept_downloads=True)
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for c in contexts:
        c.close()
