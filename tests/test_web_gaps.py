"""Knowledge gaps and the AI agent pages over HTTP: the API mirrors `supportlens gaps`,
reading needs a login, changing needs an editor and the CSRF token, errors have one shape."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from supportlens.accounts import Accounts
from supportlens.api import Workspace
from supportlens.cli.main import app as cli_app
from supportlens.gaps.state import StateStore
from supportlens.store.state_file import state_path
from supportlens.web.app import create_app
from tests.web_client import PASSWORD, csrf, login

GAPS_DATA = Path(__file__).parent / "gaps_data" / "base"
OPEN = {"G1-c", "G2-c", "G3-c", "G4-c", "G5-c2"}  # the gap questions of gaps_data/base


def make_store(folder: Path) -> Path:
    """A store of gaps_data/base with a viewer, an editor and an admin."""
    path = folder / "gaps.duckdb"
    Workspace.open(path).import_folder(GAPS_DATA)
    accounts = Accounts.for_store(path)
    for role in ("viewer", "editor", "admin"):
        accounts.create_user(role, role, PASSWORD)
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A fresh store per test: these tests change what they read."""
    return make_store(tmp_path)


@pytest.fixture
def app(db: Path) -> Any:
    return create_app(db)


@pytest.fixture
def editor(app: Any) -> TestClient:
    client = login(app, "editor")
    client.headers.update(csrf(client))
    return client


@pytest.fixture
def viewer(app: Any) -> TestClient:
    return login(app, "viewer")


def open_ids(client: TestClient, **params: str) -> set[str]:
    topics = client.get("/api/gaps", params=params).json()["topics"]
    return {q["message_id"] for t in topics for q in t["questions"]}


def topic_of(client: TestClient, message_id: str) -> dict[str, Any]:
    topics = client.get("/api/gaps").json()["topics"]
    return next(t for t in topics if any(q["message_id"] == message_id for q in t["questions"]))


# -- reading --------------------------------------------------------------------------------
def test_topics_are_the_cli_json(viewer: TestClient, db: Path) -> None:
    got = viewer.get("/api/gaps")
    assert got.status_code == 200
    body = got.json()
    cli = CliRunner().invoke(cli_app, ["gaps", "--format", "json", "--db", str(db)])
    assert cli.exit_code == 0, cli.output
    assert body == json.loads(cli.stdout)
    assert {q["message_id"] for t in body["topics"] for q in t["questions"]} == OPEN
    first = body["topics"][0]
    assert set(first) == {"topic_id", "label", "conversations", "last_at", "status", "questions"}
    assert set(first["questions"][0]) == {"message_id", "ticket_id", "text", "at", "url",
                                          "status"}
    counts = [t["conversations"] for t in body["topics"]]
    assert counts == sorted(counts, reverse=True)


def test_a_topic_lists_its_questions_with_tickets_links_and_dates(viewer: TestClient) -> None:
    invoices = topic_of(viewer, "G1-c")
    got = viewer.get(f"/api/gaps/{invoices['topic_id']}")
    assert got.status_code == 200
    questions = {q["message_id"]: q for q in got.json()["questions"]}
    assert set(questions) == {"G1-c", "G2-c"}
    assert questions["G1-c"]["ticket_id"] == "G1"
    assert questions["G1-c"]["url"] == "https://help.example.com/t/G1"
    assert questions["G1-c"]["at"] == "2026-03-02T10:00:00Z"
    missing = viewer.get("/api/gaps/t-nope")
    assert missing.status_code == 404 and list(missing.json()) == ["error"]
    assert "no knowledge-gap topic 't-nope'" in missing.json()["error"]


# -- short answers ----------------------------------------------------------------------------
def test_preview_shows_what_would_be_resolved_and_changes_nothing(editor: TestClient) -> None:
    topic = topic_of(editor, "G3-c")
    got = editor.post("/api/gaps/preview", json={
        "question": " Do you ship to Iceland? ", "answer": "Yes, in 5 days.",
        "topic_id": topic["topic_id"]})
    assert got.status_code == 200
    body = got.json()
    assert body["question"] == "Do you ship to Iceland?"
    assert {q["message_id"] for q in body["resolves"]} == {"G3-c", "G4-c"}
    assert open_ids(editor) == OPEN and editor.get("/api/gaps/answers").json() == []


def test_create_and_resolve_takes_the_questions_out_of_the_table(editor: TestClient) -> None:
    topic = topic_of(editor, "G1-c")
    made = editor.post("/api/gaps/answers", json={
        "question": "How do I export invoices as PDF?", "answer": "Billing › Export › PDF.",
        "topic_id": topic["topic_id"]})
    assert made.status_code == 201
    assert made.json()["resolved"] == 2 and made.json()["question"].startswith("How do I")
    assert open_ids(editor) == OPEN - {"G1-c", "G2-c"}
    every = editor.get("/api/gaps", params={"all": "true"}).json()["topics"]
    statuses = {q["message_id"]: q["status"] for t in every for q in t["questions"]}
    assert statuses["G1-c"] == statuses["G2-c"] == "resolved"
    # from chosen questions, recorded as the logged-in user
    chosen = editor.post("/api/gaps/answers", json={
        "question": "Iceland?", "answer": "We ship there.", "message_ids": ["G3-c"]})
    assert chosen.status_code == 201 and chosen.json()["resolved"] == 1
    assert open_ids(editor) == {"G4-c", "G5-c2"}
    listed = editor.get("/api/gaps/answers").json()
    assert [(a["created_by"], a["questions"]) for a in listed] == [("editor", 2), ("editor", 1)]


def test_edit_and_delete_short_answers(editor: TestClient) -> None:
    made = editor.post("/api/gaps/answers", json={
        "question": "Q", "answer": "A", "message_ids": ["G5-c2"]}).json()
    path = f"/api/gaps/answers/{made['id']}"
    patched = editor.patch(path, json={"answer": "A2"})
    assert patched.status_code == 200
    assert (patched.json()["question"], patched.json()["answer"]) == ("Q", "A2")
    assert patched.json()["updated_by"] == "editor"
    replaced = editor.put(path, json={"question": "Q3", "answer": "A3"})
    assert replaced.status_code == 200 and replaced.json()["question"] == "Q3"
    half = editor.put(path, json={"question": "only"})
    assert half.status_code == 400 and "answer" in half.json()["error"]
    blank = editor.patch(path, json={"question": "  "})
    assert blank.status_code == 400 and "needs both" in blank.json()["error"]
    assert editor.delete(path).json() == {"deleted": made["id"]}
    assert editor.get("/api/gaps/answers").json() == []
    assert "G5-c2" not in open_ids(editor)  # its questions stay resolved
    for method in ("DELETE", "PATCH", "PUT"):
        gone = editor.request(method, path, json={"question": "q", "answer": "a"})
        assert gone.status_code == 404 and f"no short answer {made['id']}" in gone.json()["error"]


def test_export_json_and_csv(editor: TestClient, viewer: TestClient, db: Path) -> None:
    editor.post("/api/gaps/answers", json={
        "question": "Iceland, really?", "answer": 'Yes, "really".',
        "message_ids": ["G3-c", "G4-c"]})
    as_json = viewer.get("/api/gaps/answers/export", params={"format": "json"})
    assert as_json.status_code == 200
    assert 'filename="short-answers.json"' in as_json.headers["content-disposition"]
    rows = json.loads(as_json.text)
    assert [(r["question"], r["answer"]) for r in rows] == [("Iceland, really?", 'Yes, "really".')]
    as_csv = viewer.get("/api/gaps/answers/export", params={"format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert list(csv.DictReader(io.StringIO(as_csv.text))) == [
        {k: str(v) for k, v in r.items()} for r in rows]
    cli = CliRunner().invoke(cli_app, ["gaps", "export", "--format", "csv", "--db", str(db)])
    assert cli.stdout == as_csv.text
    bad = viewer.get("/api/gaps/answers/export", params={"format": "xml"})
    assert bad.status_code == 400 and "use json or csv" in bad.json()["error"]


def test_dismiss_a_topic_or_chosen_questions(editor: TestClient) -> None:
    one = editor.post("/api/gaps/dismiss", json={"message_ids": ["G5-c2"]})
    assert one.status_code == 200 and one.json() == {"dismissed": 1}
    topic = topic_of(editor, "G3-c")
    whole = editor.post("/api/gaps/dismiss", json={"topic_id": topic["topic_id"]})
    assert whole.json() == {"dismissed": 2}
    assert open_ids(editor) == {"G1-c", "G2-c"}
    every = editor.get("/api/gaps", params={"all": "true"}).json()["topics"]
    assert {q["status"] for t in every for q in t["questions"]
            if q["message_id"] in ("G3-c", "G4-c", "G5-c2")} == {"dismissed"}
    for body, words in (({}, "name either a topic or questions"),
                        ({"topic_id": "t-x", "message_ids": ["G1-c"]}, "not both"),
                        ({"message_ids": ["nope"]}, "not gap questions: nope"),
                        ({"message_ids": "G1-c"}, "the request is not valid")):
        got = editor.post("/api/gaps/dismiss", json=body)
        assert got.status_code == 400 and list(got.json()) == ["error"], body
        assert words in got.json()["error"]


# -- who may -----------------------------------------------------------------------------------
Case = Callable[[Path], tuple[str, str, dict[str, Any] | None]]


def _answer(db: Path) -> str:
    answer_id = StateStore(state_path(db)).add_short_answer("q", "a", "t", ["G4-c"])
    return f"/api/gaps/answers/{answer_id}"


TEXT = {"question": "Do you ship to Iceland?", "answer": "Yes."}
STATE_CHANGING: dict[str, Case] = {
    "preview": lambda db: ("POST", "/api/gaps/preview", {**TEXT, "message_ids": ["G3-c"]}),
    "create and resolve": lambda db: ("POST", "/api/gaps/answers",
                                      {**TEXT, "message_ids": ["G3-c"]}),
    "replace answer": lambda db: ("PUT", _answer(db), TEXT),
    "change answer": lambda db: ("PATCH", _answer(db), {"answer": "No."}),
    "delete answer": lambda db: ("DELETE", _answer(db), None),
    "dismiss": lambda db: ("POST", "/api/gaps/dismiss", {"message_ids": ["G5-c2"]}),
}


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """One app for the permission matrix (its cases make what they change)."""
    db = make_store(tmp_path_factory.mktemp("matrix"))
    return create_app(db), db


@pytest.mark.parametrize("who", ["anonymous", "viewer", "editor", "admin"])
@pytest.mark.parametrize("endpoint", list(STATE_CHANGING))
def test_permission_matrix(shared: tuple[Any, Path], who: str, endpoint: str) -> None:
    app, db = shared
    method, path, body = STATE_CHANGING[endpoint](db)
    client = TestClient(app) if who == "anonymous" else login(app, who)
    headers = csrf(client) if who != "anonymous" else {}
    got = client.request(method, path, json=body, headers=headers)
    if who == "anonymous":
        assert got.status_code == 401 and "log in" in got.json()["error"]
    elif who == "viewer":
        assert got.status_code == 403 and list(got.json()) == ["error"]
        assert "viewer is a viewer and cannot change knowledge gaps" in got.json()["error"]
    else:
        assert got.status_code in (200, 201), got.text


@pytest.mark.parametrize("endpoint", list(STATE_CHANGING))
def test_csrf_refused(shared: tuple[Any, Path], endpoint: str) -> None:
    app, db = shared
    editor = login(app, "editor")
    for headers in ({}, {"X-CSRF-Token": "forged"}):
        method, path, body = STATE_CHANGING[endpoint](db)
        got = editor.request(method, path, json=body, headers=headers)
        assert got.status_code == 403 and "reload the page" in got.json()["error"]


def test_api_tokens_need_no_csrf_but_the_role_still_counts(app: Any, db: Path) -> None:
    accounts = Accounts.for_store(db)
    script = TestClient(app)
    body = {**TEXT, "message_ids": ["G3-c"]}
    as_viewer = {"Authorization": f"Bearer {accounts.create_token('viewer', 't')}"}
    assert script.get("/api/gaps", headers=as_viewer).status_code == 200
    assert script.post("/api/gaps/answers", json=body, headers=as_viewer).status_code == 403
    as_editor = {"Authorization": f"Bearer {accounts.create_token('editor', 't')}"}
    made = script.post("/api/gaps/answers", json=body, headers=as_editor)
    assert made.status_code == 201 and made.json()["resolved"] == 1


def test_viewers_read_everything(viewer: TestClient) -> None:
    topic = topic_of(viewer, "G1-c")["topic_id"]
    for path in ("/api/gaps", "/api/gaps?all=true", f"/api/gaps/{topic}", "/api/gaps/answers",
                 "/api/gaps/answers/export", "/ai", "/gaps", "/gaps/answers"):
        assert viewer.get(path).status_code == 200, path
    assert "/api/gaps/answers/{answer_id}" in viewer.get("/openapi.json").json()["paths"]


# -- pages ----------------------------------------------------------------------------------------
EDITING = ('id="answer-form"', "Create and resolve", 'id="dismiss-topic"', 'id="dismiss-selected"',
           'id="select-all"')


def test_gaps_page_has_editing_controls_only_for_editors(editor: TestClient,
                                                         viewer: TestClient) -> None:
    mine = editor.get("/gaps").text
    theirs = viewer.get("/gaps").text
    assert all(control in mine for control in EDITING)
    assert not any(control in theirs for control in EDITING)
    assert 'data-can-edit="true"' in mine and 'data-can-edit=""' in theirs
    assert 'href="/gaps" aria-current="page"' in theirs and 'href="/ai"' in theirs
    assert "Editors write short answers" in theirs


def test_everyone_may_show_resolved_and_dismissed_questions(editor: TestClient,
                                                           viewer: TestClient) -> None:
    editor.post("/api/gaps/dismiss", json={"message_ids": ["G3-c"]})
    for client in (editor, viewer):
        page = client.get("/gaps", params={"all": "true"}).text
        assert 'id="show-all"' in page and "Show resolved and dismissed" in page
        assert page.count('class="text status-col" hidden>Status</th>') == 2
        every = client.get("/api/gaps", params={"all": "true"}).json()["topics"]
        statuses = {q["message_id"]: q["status"] for t in every for q in t["questions"]}
        assert statuses["G3-c"] == "dismissed" and statuses["G1-c"] == "open"
        assert "G3-c" not in {q["message_id"] for t in client.get("/api/gaps").json()["topics"]
                              for q in t["questions"]}


def test_short_answers_page_lists_and_offers_edit_and_delete_to_editors(
        editor: TestClient, viewer: TestClient) -> None:
    assert "No short answers yet" in viewer.get("/gaps/answers").text
    made = editor.post("/api/gaps/answers", json={
        "question": "<b>Iceland?</b>", "answer": "Yes.", "message_ids": ["G3-c"]}).json()
    mine = editor.get("/gaps/answers").text
    theirs = viewer.get("/gaps/answers").text
    for page in (mine, theirs):
        assert "&lt;b&gt;Iceland?&lt;/b&gt;" in page and "<b>Iceland" not in page
        assert "/api/gaps/answers/export?format=csv" in page and "Export JSON" in page
    assert f'data-api-delete="/api/gaps/answers/{made["id"]}"' in mine and "sa-edit" in mine
    assert "data-api-delete" not in theirs and "sa-edit" not in theirs
    assert "gap_answers.js" in mine and "gap_answers.js" not in theirs


def test_ai_page_has_impact_this_week_and_every_ai_chart(viewer: TestClient) -> None:
    page = viewer.get("/ai")
    assert page.status_code == 200 and "Impact this week" in page.text
    for metric in ("ai_resolutions", "ai_conversations", "ai_resolution_time",
                   "ai_deflection_rate", "ai_helpful_rate"):
        assert f'data-metric="{metric}"' in page.text
    charts = [json.loads(c.replace("&#34;", '"'))
              for c in re.findall(r'data-chart="([^"]+)"', page.text)]
    metrics = {c["metric"] for c in charts}
    assert {"ai_conversations", "ai_feedback", "ai_handling_rate", "ai_resolution_rate",
            "ai_deflection_rate", "ai_deflections", "ai_handoff_rate", "ai_handoffs",
            "resolutions_by_resolver", "ai_handoff_outcome"} <= metrics
    assert {"channel", "rating", "resolver"} <= {c["group_by"] for c in charts}
    for c in charts:  # every chart's default report runs
        params: dict[str, Any] = {"from": "2026-01-01", "to": "2026-03-31"}
        if c["group_by"]:
            params["group_by"] = c["group_by"]
        if not c["totals"]:
            params["by"] = "week"
        assert viewer.get(f"/api/report/{c['metric']}", params=params).status_code == 200, c
    assert 'aria-current="page"' in page.text.split('href="/ai"')[1][:40]


def test_ai_page_anchors_at_the_end_of_old_data(viewer: TestClient) -> None:
    old = viewer.get("/ai").text  # gaps_data ends on 2026-03-07, long before this week
    assert "Your data ends on <strong>2026-03-07</strong>" in old
    assert 'data-now="2026-03-07T23:59:59"' in old
    asked = viewer.get("/ai", params={"now": "2026-03-06T12:00:00Z"}).text
    assert "Your data ends" not in asked and 'data-now="2026-03-06T12:00:00Z"' in asked
    week = viewer.get("/api/report/impact_this_week", params={"now": "2026-03-07T23:59:59"})
    assert week.json()["from"] == "2026-03-02" and "lag" in week.json()["note"]
