"""Changing what was made in the web app: renaming, re-saving and deleting saved reports,
arranging, renaming and deleting dashboards, passwords (your own, an admin's reset, the
CLI). The permission matrix and CSRF refusals of these endpoints are in
test_web_permissions.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from supportlens.accounts import Accounts
from supportlens.cli.main import app as cli_app
from supportlens.store.state_file import state_path
from supportlens.web.saved import SavedStore
from tests.web_client import PASSWORD, csrf, login


@pytest.fixture
def editor(app: Any) -> TestClient:
    client = login(app, "editor")
    client.headers.update(csrf(client))
    return client


def _save(client: TestClient, name: str, query: str = "by=month") -> dict[str, Any]:
    got = client.post("/api/saved-reports", json={"name": name, "metric": "csat",
                                                  "query": query})
    assert got.status_code == 201, got.text
    body: dict[str, Any] = got.json()
    return body


# -- saved reports ---------------------------------------------------------------------------
def test_rename_and_save_a_new_configuration_over_a_saved_report(editor: TestClient) -> None:
    report = _save(editor, "CSAT monthly")
    renamed = editor.patch(f"/api/saved-reports/{report['id']}",
                           json={"name": "  CSAT   by month "})
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "CSAT by month" and renamed.json()["query"] == "by=month"
    changed = editor.patch(f"/api/saved-reports/{report['id']}", json={
        "metric": "tickets_created", "query": "by=week&group_by=channel&saved=3&junk=1"})
    body = changed.json()
    assert changed.status_code == 200 and body["name"] == "CSAT by month"
    assert body["metric"] == "tickets_created" and body["query"] == "by=week&group_by=channel"
    assert body["url"] == f"/report/tickets_created?by=week&group_by=channel&saved={report['id']}"
    again = editor.get("/api/saved-reports").json()
    assert [r for r in again if r["id"] == report["id"]] == [
        {k: v for k, v in body.items() if k != "dashboard_id"}]
    for bad, words in (({"name": " "}, "name of 1–120"), ({"metric": "nope"}, "unknown metric")):
        got = editor.patch(f"/api/saved-reports/{report['id']}", json=bad)
        assert got.status_code == 400 and list(got.json()) == ["error"]
        assert words in got.json()["error"]
    missing = editor.patch("/api/saved-reports/99999", json={"name": "x"})
    assert missing.status_code == 404 and "no saved report 99999" in missing.json()["error"]


def test_saving_over_can_also_put_it_on_a_dashboard(editor: TestClient) -> None:
    report = _save(editor, "Onto a board")
    got = editor.patch(f"/api/saved-reports/{report['id']}", json={
        "query": "by=quarter", "new_dashboard": "Quarterly"})
    assert got.status_code == 200 and got.json()["dashboard_id"]
    board = editor.get(f"/api/dashboards/{got.json()['dashboard_id']}").json()
    assert [r["query"] for r in board["reports"]] == ["by=quarter"]


def test_the_report_view_knows_the_saved_report_it_came_from(editor: TestClient,
                                                              app: Any) -> None:
    report = _save(editor, "Opened again")
    page = editor.get(report["url"]).text
    assert f'data-saved-id="{report["id"]}"' in page and 'data-saved-name="Opened again"' in page
    assert 'id="save-as-new" value="new" >' in page  # offered, not hidden
    fresh = editor.get("/report/csat?by=month").text
    assert "data-saved-id" not in fresh and 'id="save-as-new" value="new" hidden' in fresh
    gone = editor.get("/report/csat?by=month&saved=99999").text
    assert "data-saved-id" not in gone
    saved_page = editor.get("/saved").text
    assert f'data-api="/api/saved-reports/{report["id"]}" data-method="PATCH"' in saved_page
    viewer = login(app, "viewer")
    assert "data-method=\"PATCH\"" not in viewer.get("/saved").text


def test_deleting_a_saved_report_takes_it_off_its_dashboards(editor: TestClient) -> None:
    report = _save(editor, "Short-lived")
    board = editor.post("/api/dashboards", json={"name": "Holder"}).json()
    editor.post(f"/api/dashboards/{board['id']}/reports", json={"report_id": report["id"]})
    assert editor.delete(f"/api/saved-reports/{report['id']}").json() == {
        "deleted": report["id"]}
    assert editor.get(f"/api/dashboards/{board['id']}").json()["reports"] == []
    again = editor.delete(f"/api/saved-reports/{report['id']}")
    assert again.status_code == 404 and list(again.json()) == ["error"]


# -- dashboards ---------------------------------------------------------------------------------
def test_arrange_rename_and_delete_a_dashboard(editor: TestClient, app: Any) -> None:
    board = editor.post("/api/dashboards", json={"name": "Arranged"}).json()
    ids = [_save(editor, f"Tile {n}")["id"] for n in range(3)]
    for report_id in ids:
        editor.post(f"/api/dashboards/{board['id']}/reports", json={"report_id": report_id})
    start = editor.get(f"/api/dashboards/{board['id']}").json()["reports"]
    assert [r["id"] for r in start] == ids and {r["width"] for r in start} == {"half"}

    layout = [{"report_id": ids[2], "width": "full"}, {"report_id": ids[0], "width": "half"},
              {"report_id": ids[1], "width": "half"}]
    got = editor.put(f"/api/dashboards/{board['id']}/layout", json={"tiles": layout})
    assert got.status_code == 200
    assert [(r["id"], r["width"]) for r in got.json()["reports"]] == [
        (ids[2], "full"), (ids[0], "half"), (ids[1], "half")]
    page = editor.get(f"/dashboards/{board['id']}").text
    assert page.index("Tile 2") < page.index("Tile 0") < page.index("Tile 1")
    assert 'class="tile full"' in page and 'aria-label="Move Tile 2 earlier"' in page
    assert 'aria-label="Width of Tile 0"' in page
    viewer_page = login(app, "viewer").get(f"/dashboards/{board['id']}").text
    assert 'class="tile full"' in viewer_page and "Move Tile" not in viewer_page
    assert "Rename" not in viewer_page

    for tiles, words in (
            (layout[:2], "each report of the dashboard once"),
            ([*layout, layout[0]], "each report of the dashboard once"),
            ([{**layout[0], "width": "double"}, *layout[1:]], "unknown tile width 'double'")):
        bad = editor.put(f"/api/dashboards/{board['id']}/layout", json={"tiles": tiles})
        assert bad.status_code == 400 and list(bad.json()) == ["error"]
        assert words in bad.json()["error"]
    assert [r["id"] for r in editor.get(f"/api/dashboards/{board['id']}").json()["reports"]] \
        == [ids[2], ids[0], ids[1]]  # a refused layout changes nothing

    renamed = editor.patch(f"/api/dashboards/{board['id']}", json={"name": "Team board"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Team board"
    blank = editor.patch(f"/api/dashboards/{board['id']}", json={"name": ""})
    assert blank.status_code == 400 and "name of 1–120" in blank.json()["error"]
    removed = editor.delete(f"/api/dashboards/{board['id']}/reports/{ids[0]}").json()
    assert [r["id"] for r in removed["reports"]] == [ids[2], ids[1]]
    assert editor.delete(f"/api/dashboards/{board['id']}").json() == {"deleted": board["id"]}
    assert editor.get(f"/api/dashboards/{board['id']}").status_code == 404
    assert {r["id"] for r in editor.get("/api/saved-reports").json()} >= set(ids)
    missing = editor.put("/api/dashboards/99999/layout", json={"tiles": []})
    assert missing.status_code == 404 and "no dashboard 99999" in missing.json()["error"]


def test_a_state_file_from_before_tile_widths_gets_them(tmp_path: Path) -> None:
    path = state_path(tmp_path / "old.duckdb")
    with sqlite3.connect(path) as con:
        con.executescript("""
            CREATE TABLE saved_reports (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,
              metric TEXT NOT NULL, query TEXT NOT NULL, created_by TEXT NOT NULL,
              created_at TEXT NOT NULL);
            CREATE TABLE dashboards (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,
              created_by TEXT NOT NULL, created_at TEXT NOT NULL);
            CREATE TABLE dashboard_reports (dashboard_id INTEGER NOT NULL, report_id INTEGER
              NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (dashboard_id, report_id));
            INSERT INTO saved_reports VALUES (1, 'old', 'csat', 'by=month', 'ann', '2026-01-01');
            INSERT INTO dashboards VALUES (1, 'old board', 'ann', '2026-01-01');
            INSERT INTO dashboard_reports VALUES (1, 1, 1);""")
    saved = SavedStore(path)
    assert [(r["id"], r["width"]) for r in saved.dashboard(1)["reports"]] == [(1, "half")]
    assert saved.set_layout(1, [(1, "full")])["reports"][0]["width"] == "full"


# -- passwords ------------------------------------------------------------------------------------
def test_change_your_own_password_ends_your_other_sessions(app: Any, db: Path) -> None:
    Accounts.for_store(db).create_user("pat", "viewer", PASSWORD)
    token = Accounts.for_store(db).create_token("pat", "script")
    here, elsewhere = login(app, "pat"), login(app, "pat")
    headers = csrf(here)
    page = here.get("/account").text
    assert 'data-api="/api/me/password"' in page and "Change your password" in page
    new = "a-new-secret-7"
    for body, words in (
            ({"current_password": "not-it-at-all", "new_password": new}, "current password"),
            ({"current_password": PASSWORD, "new_password": "short"}, "too short"),
            ({"current_password": PASSWORD, "new_password": new, "confirm_password": new + "x"},
             "not the same")):
        got = here.post("/api/me/password", json=body, headers=headers)
        assert got.status_code == 400 and list(got.json()) == ["error"], got.text
        assert words in got.json()["error"]
        assert elsewhere.get("/api/me").status_code == 200  # nothing changed yet
    done = here.post("/api/me/password", headers=headers, json={
        "current_password": PASSWORD, "new_password": new, "confirm_password": new})
    assert done.status_code == 200 and done.json() == {"changed": "pat", "sessions_ended": 1}
    assert here.get("/api/me").json()["name"] == "pat"
    assert elsewhere.get("/api/me").status_code == 401
    script = TestClient(app).get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert script.status_code == 200  # API tokens are not sessions
    accounts = Accounts.for_store(db)
    assert accounts.authenticate("pat", new) and not accounts.authenticate("pat", PASSWORD)


def test_an_admin_sets_someone_elses_password(app: Any, db: Path) -> None:
    Accounts.for_store(db).create_user("quinn", "editor", PASSWORD)
    quinn = login(app, "quinn")
    admin = login(app, "admin")
    assert "Set a new password for quinn" in admin.get("/users").text
    got = admin.patch("/api/users/quinn", json={"password": "reset-by-admin-1"},
                      headers=csrf(admin))
    assert got.status_code == 200 and got.json()["name"] == "quinn"
    assert quinn.get("/api/me").status_code == 401
    login(app, "quinn", "reset-by-admin-1")
    short = admin.patch("/api/users/quinn", json={"password": "x"}, headers=csrf(admin))
    assert short.status_code == 400 and "too short" in short.json()["error"]


# -- the command line -------------------------------------------------------------------------
def test_users_cli_set_password_and_delete(tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    runner = CliRunner()
    at = ["--db", str(store)]
    for name, role in (("ann", "admin"), ("bob", "viewer")):
        made = runner.invoke(cli_app, ["users", "create", name, "--role", role,
                                       "--password-stdin", *at], input=PASSWORD + "\n")
        assert made.exit_code == 0, made.output
    accounts = Accounts.for_store(store)
    session = accounts.start_session(accounts.user("bob"))
    new = runner.invoke(cli_app, ["users", "set-password", "BOB", "--password-stdin", *at],
                        input="new-pass-for-bob\n")
    assert new.exit_code == 0 and "New password set for bob" in new.output
    assert accounts.authenticate("bob", "new-pass-for-bob")
    assert accounts.session_user(session) is None
    short = runner.invoke(cli_app, ["users", "set-password", "bob", "--password-stdin", *at],
                          input="tiny\n")
    assert short.exit_code != 0 and "too short" in str(short.exception)
    prompted = runner.invoke(cli_app, ["users", "set-password", "ann", *at],
                             input="prompted-pass-1\nprompted-pass-1\n")
    assert prompted.exit_code == 0 and accounts.authenticate("ann", "prompted-pass-1")
    nobody = runner.invoke(cli_app, ["users", "set-password", "zed", "--password-stdin", *at],
                           input=PASSWORD + "\n")
    assert nobody.exit_code != 0 and "no user called 'zed'" in str(nobody.exception)

    last = runner.invoke(cli_app, ["users", "delete", "ann", *at])
    assert last.exit_code != 0 and "only admin" in str(last.exception)
    gone = runner.invoke(cli_app, ["users", "delete", "bob", *at])
    assert gone.exit_code == 0 and "Removed viewer bob" in gone.output
    assert [u.name for u in accounts.users()] == ["ann"]
