"""The JSON API mirrors the CLI; pages render; errors have one shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from supportlens.api import Workspace
from supportlens.web.app import create_app

HANDBUILT = Path(__file__).parent / "handbuilt" / "data"
NOW = "2026-04-06T00:00:00Z"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    for f in HANDBUILT.glob("*.csv"):
        (folder / f.name).write_bytes(f.read_bytes())
    path = tmp_path_factory.mktemp("store") / "web.duckdb"
    Workspace.open(path).import_folder(folder)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def test_api_report_equals_the_python_api(client: TestClient, db: Path) -> None:
    params = {"by": "month", "group_by": ["channel"], "now": NOW, "where": ["channel!=phone"],
              "from": "2026-03-01", "to": "2026-03-31"}
    got = client.get("/api/report/first_response_time", params=params)
    assert got.status_code == 200
    expected = Workspace.open(db).report(
        "first_response_time", by="month", group_by=["channel"], now=NOW,
        where=["channel!=phone"], date_from="2026-03-01", date_to="2026-03-31")
    assert got.json() == expected
    assert expected["rows"] and all(r["group"]["channel"] != "phone" for r in expected["rows"])


def test_api_errors_are_one_json_shape(client: TestClient) -> None:
    got = client.get("/api/report/nope")
    assert got.status_code == 400
    assert got.json() == {"error": got.json()["error"]}
    assert "unknown metric 'nope'" in got.json()["error"]
    bad = client.get("/api/report/tickets_created", params={"by": "fortnight"})
    assert bad.status_code == 400 and "fortnight" in bad.json()["error"]


def test_catalog_and_pages(client: TestClient) -> None:
    ids = {m["id"] for m in client.get("/api/metrics").json()}
    assert "tickets_created" in ids
    index = client.get("/")
    assert index.status_code == 200 and "first_response_time" in index.text
    page = client.get("/report/tickets_created")
    assert page.status_code == 200 and 'data-metric="tickets_created"' in page.text
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
    assert client.get("/static/../app.py").status_code in (400, 404)


def test_impact_this_week_over_http(client: TestClient) -> None:
    got = client.get("/api/report/impact_this_week", params={"now": NOW})
    assert got.status_code == 200
    body = got.json()
    assert body["report"] == "impact_this_week" and len(body["figures"]) == 5
