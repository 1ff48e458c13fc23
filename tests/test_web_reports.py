"""Reports over HTTP: the JSON API equals the Python API, errors have one shape, CSV
export, the pickers' values, the library and report pages, and saving a report to a
dashboard that viewers then see (without editing controls)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supportlens.api import Workspace, catalog
from supportlens.web.library import QUICK_ANSWERS, topics
from tests.web_client import csrf, login

NOW = "2026-04-06T00:00:00Z"


# Per test: changing one's own password (the permission matrix does) ends other sessions.
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

