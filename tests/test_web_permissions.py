"""Roles in the web app, checked on the server: the permission matrix of every
state-changing endpoint (anonymous, viewer, editor, admin), the CSRF token they all need,
reading needs only a login but users need an admin, and the last admin stays."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supportlens.accounts import Accounts
from supportlens.web.saved import SavedStore
from tests.web_client import PASSWORD, csrf, login

# -- the permission matrix ------------------------------------------------------------------
Case = Callable[[Path], tuple[str, str, dict[str, Any] | None]]


def _report(db: Path) -> int:
    return int(SavedStore.for_store(db).save_report("r", "csat", "by=month", "t")["id"])


def _dashboard(db: Path) -> int:
    return int(SavedStore.for_store(db).create_dashboard("d", "t")["id"])


def _user(db: Path) -> str:
    name = f"u{len(Accounts.for_store(db).users())}x"
    Accounts.for_store(db).create_user(name, "viewer", PASSWORD)
    return name


def _on_dashboard(db: Path) -> str:
    d, r = _dashboard(db), _report(db)
    SavedStore.for_store(db).add_to_dashboard(d, r)
    return f"/api/dashboards/{d}/reports/{r}"


def _layout(db: Path) -> tuple[str, str, dict[str, Any]]:
    d, r1, r2 = _dashboard(db), _report(db), _report(db)
    for r in (r1, r2):
        SavedStore.for_store(db).add_to_dashboard(d, r)
    return ("PUT", f"/api/dashboards/{d}/layout",
            {"tiles": [{"report_id": r2, "width": "full"}, {"report_id": r1, "width": "half"}]})


# Every state-changing endpoint: (method, path, JSON body) built fresh per request.
STATE_CHANGING: dict[str, tuple[str, Case]] = {
    "save report": ("editor", lambda db: ("POST", "/api/saved-reports",
                                          {"name": "x", "metric": "csat", "query": "by=week"})),
    "delete report": ("editor", lambda db: ("DELETE", f"/api/saved-reports/{_report(db)}",
                                            None)),
    "create dashboard": ("editor", lambda db: ("POST", "/api/dashboards", {"name": "x"})),
    "delete dashboard": ("editor", lambda db: ("DELETE", f"/api/dashboards/{_dashboard(db)}",
                                               None)),
    "add to dashboard": ("editor", lambda db: (
        "POST", f"/api/dashboards/{_dashboard(db)}/reports", {"report_id": _report(db)})),
    "remove from dashboard": ("editor", lambda db: ("DELETE", _on_dashboard(db), None)),
    "change report": ("editor", lambda db: ("PATCH", f"/api/saved-reports/{_report(db)}",
                                            {"name": "renamed", "query": "by=week"})),
    "rename dashboard": ("editor", lambda db: ("PATCH", f"/api/dashboards/{_dashboard(db)}",
                                               {"name": "renamed"})),
    "set layout": ("editor", lambda db: _layout(db)),
    "create user": ("admin", lambda db: ("POST", "/api/users", {
        "name": f"n{len(Accounts.for_store(db).users())}", "role": "viewer",
        "password": PASSWORD})),
    "change user": ("admin", lambda db: ("PATCH", f"/api/users/{_user(db)}",
                                         {"role": "editor"})),
    "delete user": ("admin", lambda db: ("DELETE", f"/api/users/{_user(db)}", None)),
    "change own password": ("viewer", lambda db: ("POST", "/api/me/password", {
        "current_password": PASSWORD, "new_password": PASSWORD})),
    "make token": ("viewer", lambda db: ("POST", "/api/tokens", {"label": "x"})),
    "revoke token": ("viewer", lambda db: ("DELETE", "/api/tokens/{own}", None)),
    "log out": ("viewer", lambda db: ("POST", "/logout", None)),
}
RANK = {"anonymous": 0, "viewer": 1, "editor": 2, "admin": 3}


def _send(client: TestClient, db: Path, who: str, case: Case,
          headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    method, path, body = case(db)
    if "{own}" in path:
        owner = who if who != "anonymous" else "viewer"
        Accounts.for_store(db).create_token(owner, "to revoke")
        path = path.replace("{own}", str(Accounts.for_store(db).tokens(owner)[-1]["id"]))
    got = client.request(method, path, json=body, headers=headers)
    if got.status_code == 303:  # logging out sends the browser to the login page
        return 303, {"location": got.headers["location"]}
    return got.status_code, got.json()


@pytest.mark.parametrize("who", list(RANK))
@pytest.mark.parametrize("endpoint", list(STATE_CHANGING))
def test_permission_matrix(app: Any, db: Path, who: str, endpoint: str) -> None:
    needed, case = STATE_CHANGING[endpoint]
    client = TestClient(app) if who == "anonymous" else login(app, who)
    headers = csrf(client) if who != "anonymous" else {}
    status, body = _send(client, db, who, case, headers)
    if who == "anonymous":
        assert status == 401 and "log in" in body["error"]
    elif RANK[who] < RANK[needed]:
        assert status == 403 and list(body) == ["error"] and who in body["error"]
    else:
        assert status in (200, 201) or body == {"location": "/login"}, body


@pytest.mark.parametrize("endpoint", list(STATE_CHANGING))
def test_csrf_refused_on_every_state_changing_endpoint(app: Any, db: Path,
                                                       endpoint: str) -> None:
    admin = login(app, "admin")
    _, case = STATE_CHANGING[endpoint]
    for headers in ({}, {"X-CSRF-Token": "forged"}):
        status, body = _send(admin, db, "admin", case, headers)
        assert status == 403 and "reload the page" in body["error"]


def test_reading_needs_only_a_login_but_users_need_an_admin(app: Any, db: Path,
                                                            viewer: TestClient) -> None:
    dashboard = _dashboard(db)
    for path in ("/api/metrics", "/api/saved-reports", "/api/dashboards",
                 f"/api/dashboards/{dashboard}", "/api/tokens", "/api/me", "/saved",
                 "/dashboards", f"/dashboards/{dashboard}", "/account", "/docs"):
        assert viewer.get(path).status_code == 200, path
    assert viewer.get("/api/users").status_code == 403
    assert viewer.get("/users", headers={"accept": "text/html"}).status_code == 403
    admin = login(app, "admin")
    assert {"viewer", "editor", "admin"} <= {u["name"] for u in admin.get("/api/users").json()}
    assert "Add a user" in admin.get("/users").text


def test_last_admin_stays(app: Any, db: Path) -> None:
    admin = login(app, "admin")
    got = admin.delete("/api/users/admin", headers=csrf(admin))
    assert got.status_code == 400 and "only admin" in got.json()["error"]
