"""The web app: the JSON API mirrors the CLI, every endpoint needs a login and checks the
role on the server, state-changing requests need the CSRF token, errors have one shape."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from supportlens.accounts import Accounts
from supportlens.api import Workspace, catalog
from supportlens.cli.main import app as cli_app
from supportlens.web import ai, auth, dashboards, gaps, reports
from supportlens.web.app import create_app
from supportlens.web.library import QUICK_ANSWERS, topics
from supportlens.web.saved import SavedStore

HANDBUILT = Path(__file__).parent / "handbuilt" / "data"
NOW = "2026-04-06T00:00:00Z"
PASSWORD = "correct-horse-9"
ROLES = ("viewer", "editor", "admin")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    for f in HANDBUILT.glob("*.csv"):
        (folder / f.name).write_bytes(f.read_bytes())
    path = tmp_path_factory.mktemp("store") / "web.duckdb"
    Workspace.open(path).import_folder(folder)
    accounts = Accounts.for_store(path)
    for role in ROLES:
        accounts.create_user(role, role, PASSWORD)
    return path


@pytest.fixture(scope="module")
def app(db: Path) -> Any:
    return create_app(db)


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


# Per test: changing one's own password (the permission matrix does) ends other sessions.
@pytest.fixture
def viewer(app: Any) -> TestClient:
    return login(app, "viewer")


@pytest.fixture
def editor(app: Any) -> TestClient:
    return login(app, "editor")


# -- reports over HTTP ------------------------------------------------------------------
def test_api_report_equals_the_python_api(viewer: TestClient, db: Path) -> None:
    params = {"by": "month", "group_by": ["channel"], "now": NOW, "where": ["channel!=phone"],
              "from": "2026-03-01", "to": "2026-03-31"}
    got = viewer.get("/api/report/first_response_time", params=params)
    assert got.status_code == 200
    expected = Workspace.open(db).report(
        "first_response_time", by="month", group_by=["channel"], now=NOW,
        where=["channel!=phone"], date_from="2026-03-01", date_to="2026-03-31")
    assert got.json() == expected
    assert expected["rows"] and all(r["group"]["channel"] != "phone" for r in expected["rows"])


def test_api_errors_are_one_json_shape(viewer: TestClient) -> None:
    got = viewer.get("/api/report/nope")
    assert got.status_code == 400
    assert got.json() == {"error": got.json()["error"]}
    assert "unknown metric 'nope'" in got.json()["error"]
    bad = viewer.get("/api/report/tickets_created", params={"by": "fortnight"})
    assert bad.status_code == 400 and "fortnight" in bad.json()["error"]
    invalid = viewer.get("/api/report/tickets_created", params={"top": "many"})
    assert invalid.status_code == 400 and list(invalid.json()) == ["error"]
    assert "top" in invalid.json()["error"]
    missing = viewer.get("/api/nothing-here")
    assert missing.status_code == 404 and missing.json() == {"error": "there is no such page"}


def test_csv_export_matches_the_cli_format(viewer: TestClient) -> None:
    got = viewer.get("/api/report/tickets_created", params={"by": "month", "format": "csv"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    header, *rows = got.text.strip().splitlines()
    assert header.startswith("period,") and "value" in header and rows


def test_dimension_values_feed_the_pickers(viewer: TestClient) -> None:
    got = viewer.get("/api/values/tickets_created", params={"dimension": "channel"})
    assert got.status_code == 200
    assert {"email", "chat"} <= set(got.json()["values"])
    assert viewer.get("/api/values/tickets_created",
                      params={"dimension": "nope"}).status_code == 400


def test_catalog_and_pages(viewer: TestClient) -> None:
    ids = {m["id"] for m in viewer.get("/api/metrics").json()}
    assert "tickets_created" in ids
    index = viewer.get("/")
    assert index.status_code == 200 and "How fast do we reply?" in index.text
    page = viewer.get("/report/tickets_created")
    assert page.status_code == 200 and 'data-metric="tickets_created"' in page.text
    assert "About this report" in page.text and "created_at" in page.text
    js = viewer.get("/static/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
    assert viewer.get("/static/../app.py").status_code in (400, 404)
    docs = viewer.get("/docs")
    assert docs.status_code == 200 and "/api/report/{metric}" in docs.text
    assert "/api/saved-reports" in viewer.get("/openapi.json").json()["paths"]


def test_impact_this_week_over_http(viewer: TestClient) -> None:
    got = viewer.get("/api/report/impact_this_week", params={"now": NOW})
    assert got.status_code == 200
    body = got.json()
    assert body["report"] == "impact_this_week" and len(body["figures"]) == 5


def test_library_search_and_every_entry_runs(viewer: TestClient) -> None:
    found = viewer.get("/", params={"q": "reply"})
    assert "First response time" in found.text and "Tickets by priority" not in found.text
    nothing = viewer.get("/", params={"q": "zebra"})
    assert "No report matches" in nothing.text
    entries = [e for es in topics().values() for e in es] + [qa.entry for qa in QUICK_ANSWERS]
    assert {m["id"] for m in catalog()} <= {e.metric for e in entries} | {"impact_this_week"}
    for entry in entries:
        params = {k: v for k, v in entry.params.items() if k not in ("view", "chart")}
        if entry.params.get("view") == "totals":
            params.pop("by", None)
        got = viewer.get(f"/api/report/{entry.metric}", params=params)
        assert got.status_code == 200, (entry, got.text)
        assert viewer.get(entry.url).status_code == 200


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


# -- saving and sharing ----------------------------------------------------------------------
def test_save_to_a_new_dashboard_and_viewers_see_it(editor: TestClient,
                                                    viewer: TestClient) -> None:
    query = "by=month&group_by=channel&view=over_time&chart=line&bogus=1"
    saved = editor.post("/api/saved-reports", headers=csrf(editor), json={
        "name": "Replies by channel", "metric": "first_response_time", "query": query,
        "new_dashboard": "Weekly review"})
    assert saved.status_code == 201
    body = saved.json()
    assert body["url"] == "/report/first_response_time?by=month&group_by=channel" \
                          f"&view=over_time&chart=line&saved={body['id']}"
    board = viewer.get(f"/api/dashboards/{body['dashboard_id']}").json()
    assert board["name"] == "Weekly review" and board["reports"][0]["name"] == "Replies by channel"
    page = viewer.get(f"/dashboards/{body['dashboard_id']}")
    assert 'data-metric="first_response_time"' in page.text and "Remove" not in page.text
    assert "Replies by channel" in viewer.get("/saved").text


def test_viewers_get_no_editing_controls(editor: TestClient, viewer: TestClient) -> None:
    assert 'id="save-open"' in editor.get("/report/csat").text
    assert 'id="save-open"' not in viewer.get("/report/csat").text
    assert "Create dashboard" not in viewer.get("/dashboards").text
    assert 'href="/users"' not in editor.get("/").text


def test_unknown_saved_things_are_404s(editor: TestClient) -> None:
    got = editor.get("/api/dashboards/99999")
    assert got.status_code == 404 and "no dashboard 99999" in got.json()["error"]
    gone = editor.delete("/api/saved-reports/99999", headers=csrf(editor))
    assert gone.status_code == 404


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
