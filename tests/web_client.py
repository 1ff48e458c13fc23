"""Logging in to the web app the way a browser does, for the web test modules: the
hand-built dataset's folder, the test password, the roles, a logged-in client and its
CSRF token."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

HANDBUILT = Path(__file__).parent / "handbuilt" / "data"
PASSWORD = "correct-horse-9"
ROLES = ("viewer", "editor", "admin")


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]*)"', html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def login(app: Any, name: str, password: str = PASSWORD) -> TestClient:
    """A browser-like client logged in as `name`; its CSRF token in .headers is NOT set."""
    client = TestClient(app, follow_redirects=False)
    form = client.get("/login")
    got = client.post("/login", data={"name": name, "password": password,
                                      "csrf": csrf_of(form.text), "next": "/"})
    assert got.status_code == 303, got.text
    return client


def csrf(client: TestClient) -> dict[str, str]:
    """The X-CSRF-Token header of the client's session (read from a page, as app.js does)."""
    page = client.get("/saved")
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert token
    return {"X-CSRF-Token": token.group(1)}
