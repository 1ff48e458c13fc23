"""Logging in to the web app and who you are: every endpoint needs a login, the login
form (its redirect, CSRF token, wrong passwords, lock-out), logging out, API tokens, the
`users` CLI and the demo login."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from supportlens.accounts import Accounts
from supportlens.cli.main import app as cli_app
from supportlens.web import ai, auth, dashboards, gaps, reports
from supportlens.web.app import create_app
from tests.web_client import PASSWORD, csrf_of, login


# -- logging in ---------------------------------------------------------------------------
def test_everything_needs_a_login(app: Any) -> None:
    anonymous = TestClient(app, follow_redirects=False)
    page = anonymous.get("/report/csat?by=month", headers={"accept": "text/html"})
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Freport%2Fcsat%3Fby%3Dmonth"
    public = {"/login", "/static/plotly.min.js", "/static/{name}"}
    checked = 0
    seen: set[tuple[str, str]] = set()
    routes = [*auth.router.routes, *reports.router.routes, *dashboards.router.routes,
              *ai.router.routes, *gaps.router.routes, *app.routes]
    for route in routes:  # every endpoint the app has, whatever its method
        if not isinstance(route, APIRoute) or route.path in public:
            continue
        path = re.sub(r"\{[^}]+\}", "1", route.path)
        for method in route.methods:
            got = anonymous.request(method, path, json={})
            assert got.status_code == 401 and "log in" in got.json()["error"], (method, path)
            checked += 1
            seen.add((method, route.path))
    assert checked >= 25
    for new in (("GET", "/ai"), ("GET", "/gaps"), ("GET", "/gaps/answers"),
                ("GET", "/api/gaps"), ("GET", "/api/gaps/{topic_id}"),
                ("POST", "/api/gaps/preview"), ("POST", "/api/gaps/answers"),
                ("GET", "/api/gaps/answers"), ("PUT", "/api/gaps/answers/{answer_id}"),
                ("PATCH", "/api/gaps/answers/{answer_id}"),
                ("DELETE", "/api/gaps/answers/{answer_id}"),
                ("GET", "/api/gaps/answers/export"), ("POST", "/api/gaps/dismiss"),
                ("PATCH", "/api/saved-reports/{report_id}"),
                ("PATCH", "/api/dashboards/{dashboard_id}"),
                ("PUT", "/api/dashboards/{dashboard_id}/layout"),
                ("POST", "/api/me/password")):
        assert new in seen, new
    assert anonymous.get("/login").status_code == 200
    assert anonymous.get("/static/style.css").status_code == 200


def test_login_goes_back_to_the_page_asked_for(app: Any) -> None:
    client = TestClient(app, follow_redirects=False)
    form = client.get("/login", params={"next": "/report/csat?by=month"})
    got = client.post("/login", data={"name": "viewer", "password": PASSWORD,
                                      "csrf": csrf_of(form.text), "next": "/report/csat?by=month"})
    assert got.status_code == 303 and got.headers["location"] == "/report/csat?by=month"
    cookie = got.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    evil = TestClient(app, follow_redirects=False)
    form = evil.get("/login")
    out = evil.post("/login", data={"name": "viewer", "password": PASSWORD,
                                    "csrf": csrf_of(form.text), "next": "//evil.example/"})
    assert out.headers["location"] == "/"


def test_wrong_password_says_so_plainly(app: Any) -> None:
    client = TestClient(app, follow_redirects=False)
    form = client.get("/login")
    got = client.post("/login", data={"name": "viewer", "password": "wrong-password",
                                      "csrf": csrf_of(form.text)})
    assert got.status_code == 401 and "do not match" in got.text
    assert "sl_session" not in got.headers.get("set-cookie", "")
    assert client.get("/api/me").status_code == 401


def test_login_form_needs_its_csrf_token(app: Any) -> None:
    client = TestClient(app, follow_redirects=False)
    client.get("/login")
    got = client.post("/login", data={"name": "viewer", "password": PASSWORD, "csrf": "forged"},
                      headers={"accept": "text/html"})
    assert got.status_code == 403 and "expired" in got.text
    assert client.get("/api/me").status_code == 401


def test_repeated_wrong_passwords_lock_that_name_for_a_while(db: Path) -> None:
    client = TestClient(create_app(db), follow_redirects=False)
    form = csrf_of(client.get("/login").text)
    for _ in range(5):
        wrong = client.post("/login", data={"name": "editor", "password": "guess-guess",
                                            "csrf": form})
        assert wrong.status_code == 401
        form = csrf_of(wrong.text)  # each login page carries a fresh token
    right = client.post("/login", data={"name": "editor", "password": PASSWORD, "csrf": form})
    assert right.status_code == 429 and "Too many failed logins for editor" in right.text
    form = csrf_of(right.text)
    other = client.post("/login", data={"name": "viewer", "password": PASSWORD, "csrf": form})
    assert other.status_code == 303


def test_logout_needs_csrf_and_ends_the_session(app: Any) -> None:
    client = login(app, "viewer")
    assert client.post("/logout").status_code == 403
    assert client.get("/api/me").json()["name"] == "viewer"
    page = client.get("/saved")
    assert client.post("/logout", data={"csrf": csrf_of(page.text)}).status_code == 303
    assert client.get("/api/me").status_code == 401


def test_api_tokens_authenticate_without_cookies_or_csrf(app: Any, db: Path) -> None:
    accounts = Accounts.for_store(db)
    viewer_token = accounts.create_token("viewer", "test")
    editor_token = accounts.create_token("editor", "test")
    script = TestClient(app)
    as_viewer = {"Authorization": f"Bearer {viewer_token}"}
    assert script.get("/api/me", headers=as_viewer).json()["role"] == "viewer"
    body = {"name": "By token", "metric": "csat", "query": "by=month"}
    assert script.post("/api/saved-reports", json=body, headers=as_viewer).status_code == 403
    made = script.post("/api/saved-reports", json=body,
                       headers={"Authorization": f"Bearer {editor_token}"})
    assert made.status_code == 201 and made.json()["created_by"] == "editor"
    bad = script.get("/api/me", headers={"Authorization": "Bearer slk_not-a-token"})
    assert bad.status_code == 401 and "token" in bad.json()["error"]
    with sqlite3.connect(accounts.path) as con:
        stored = [r[0] for r in con.execute("SELECT token_hash FROM api_tokens")]
        hashes = [r[0] for r in con.execute("SELECT password_hash FROM users")]
    assert viewer_token not in stored and all(len(h) == 64 for h in stored)
    assert all(h.startswith("$argon2id$") for h in hashes)



# -- the command line ------------------------------------------------------------------------
def test_users_cli_create_list_token(tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    runner = CliRunner()
    made = runner.invoke(cli_app, ["users", "create", "ann", "--role", "admin",
                                   "--password-stdin", "--db", str(store)], input=PASSWORD + "\n")
    assert made.exit_code == 0 and "Created admin ann" in made.output
    again = runner.invoke(cli_app, ["users", "create", "ANN", "--password-stdin", "--db",
                                    str(store)], input=PASSWORD + "\n")
    assert again.exit_code != 0 and "already a user" in str(again.exception)
    listed = runner.invoke(cli_app, ["users", "list", "--format", "json", "--db", str(store)])
    assert '"name": "ann"' in listed.output and "password" not in listed.output
    token = runner.invoke(cli_app, ["users", "token", "ann", "--db", str(store)])
    value = token.stdout.strip()
    assert value.startswith("slk_")
    assert Accounts.for_store(store).token_user(value).name == "ann"  # type: ignore[union-attr]


def test_demo_login_is_fresh_each_time_and_never_beside_real_users(tmp_path: Path) -> None:
    accounts = Accounts(tmp_path / "a.sqlite")
    first = accounts.demo_login()
    second = accounts.demo_login()
    assert first and second and first[0] == second[0] == "demo" and first[1] != second[1]
    assert accounts.authenticate("demo", second[1]) and not accounts.authenticate("demo", first[1])
    real = Accounts(tmp_path / "b.sqlite")
    real.create_user("boss", "admin", PASSWORD)
    assert real.demo_login() is None and [u.name for u in real.users()] == ["boss"]
