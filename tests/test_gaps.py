"""The knowledge-gaps workflow: topics, short answers, dismissals, persistence, roles."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from supportlens.access import Actor, PermissionDenied
from supportlens.api import Workspace
from supportlens.errors import QueryError
from supportlens.gaps.workflow import Gaps

DATA = Path(__file__).parent / "gaps_data"
EDITOR = Actor("erin", "editor")
VIEWER = Actor("vera", "viewer")


@pytest.fixture
def store(tmp_path: Path) -> Workspace:
    folder = tmp_path / "base"
    shutil.copytree(DATA / "base", folder)
    ws = Workspace.open(tmp_path / "gaps.duckdb")
    ws.import_folder(folder)
    return ws


def topic_of(gaps: Gaps, message_id: str, include_all: bool = True) -> dict:
    for t in gaps.topics(include_all=include_all):
        if any(q["message_id"] == message_id for q in t["questions"]):
            return t
    raise AssertionError(f"{message_id} not listed")


def open_ids(gaps: Gaps) -> set[str]:
    return {q["message_id"] for t in gaps.topics() for q in t["questions"]}


def test_gap_questions_follow_the_definition(store: Workspace) -> None:
    gaps = Gaps(store.store)
    # the latest public customer message before each answered=false AI reply; G5's two
    # fallbacks share one question; G6 was answered; internal notes never count
    assert {q.message_id for q in gaps.questions()} == {"G1-c", "G2-c", "G3-c", "G4-c",
                                                        "G5-c2"}
    q = next(q for q in gaps.questions() if q.message_id == "G1-c")
    assert (q.ticket_id, q.url, q.status) == ("G1", "https://help.example.com/t/G1", "open")


def test_topics_group_questions_by_meaning(store: Workspace) -> None:
    gaps = Gaps(store.store)
    invoices = topic_of(gaps, "G1-c")
    shipping = topic_of(gaps, "G3-c")
    assert {q["message_id"] for q in invoices["questions"]} == {"G1-c", "G2-c"}
    assert {q["message_id"] for q in shipping["questions"]} == {"G3-c", "G4-c"}
    assert invoices["conversations"] == 2 and invoices["last_at"] == "2026-03-03T10:00:00Z"
    assert invoices["label"]
    assert json.loads(json.dumps({"topics": gaps.topics()}))  # the JSON shape serialises


def test_short_answer_from_a_topic_resolves_its_questions(store: Workspace) -> None:
    gaps = Gaps(store.store)
    topic = topic_of(gaps, "G1-c")["topic_id"]
    preview = gaps.preview("How do I export invoices?", "Billing → Invoices → PDF.",
                           topic_id=topic)
    assert {q["message_id"] for q in preview["resolves"]} == {"G1-c", "G2-c"}
    assert open_ids(gaps) >= {"G1-c", "G2-c"}  # a preview changes nothing
    made = gaps.create_short_answer(EDITOR, "How do I export invoices?",
                                    "Billing → Invoices → PDF.", topic_id=topic)
    assert made["resolved"] == 2
    assert open_ids(gaps) == {"G3-c", "G4-c", "G5-c2"}
    resolved = topic_of(gaps, "G1-c", include_all=True)
    assert resolved["status"] == "resolved"
    assert {q["status"] for q in resolved["questions"]} == {"resolved"}


def test_short_answers_are_listed_edited_exported_and_deleted(store: Workspace) -> None:
    gaps = Gaps(store.store)
    made = gaps.create_short_answer(EDITOR, "Ship to Iceland?", "Yes, in 5 days.",
                                    message_ids=["G3-c"])
    gaps.edit_short_answer(EDITOR, made["id"], "Do you ship to Iceland?", "Yes, 5 days.")
    [listed] = gaps.short_answers()
    assert (listed["question"], listed["answer"], listed["questions"]) == (
        "Do you ship to Iceland?", "Yes, 5 days.", 1)
    exported = json.loads(gaps.export_short_answers("json"))
    assert exported[0]["question"] == "Do you ship to Iceland?"
    rows = list(csv.DictReader(io.StringIO(gaps.export_short_answers("csv"))))
    assert rows[0]["answer"] == "Yes, 5 days." and rows[0]["created_by"] == "erin"
    gaps.delete_short_answer(EDITOR, made["id"])
    assert gaps.short_answers() == []
    assert "G3-c" not in open_ids(gaps)  # deleting the answer keeps the question resolved
    with pytest.raises(QueryError, match="no short answer"):
        gaps.delete_short_answer(EDITOR, made["id"])


def test_dismiss_a_topic_or_single_questions(store: Workspace) -> None:
    gaps = Gaps(store.store)
    assert gaps.dismiss(EDITOR, message_ids=["G3-c"]) == 1
    assert topic_of(gaps, "G4-c", include_all=False)["conversations"] == 1
    topic = topic_of(gaps, "G1-c")["topic_id"]
    assert gaps.dismiss(EDITOR, topic_id=topic) == 2
    assert open_ids(gaps) == {"G4-c", "G5-c2"}
    with pytest.raises(QueryError, match="not gap questions"):
        gaps.dismiss(EDITOR, message_ids=["G6-c"])


def test_decisions_survive_reimport_and_recompute(store: Workspace, tmp_path: Path) -> None:
    gaps = Gaps(store.store)
    invoices = topic_of(gaps, "G1-c")["topic_id"]
    gaps.create_short_answer(EDITOR, "Export invoices?", "Billing → PDF.", topic_id=invoices)
    gaps.dismiss(EDITOR, message_ids=["G3-c"])
    store.import_folder(tmp_path / "base")  # the same data again
    assert open_ids(Gaps(store.store)) == {"G4-c", "G5-c2"}
    later = tmp_path / "later"
    shutil.copytree(DATA / "later", later)
    store.import_folder(later)  # a new question: topics are recomputed
    gaps = Gaps(store.store)
    statuses = {q.message_id: q.status for q in gaps.questions()}
    assert statuses == {"G1-c": "resolved", "G2-c": "resolved", "G3-c": "dismissed",
                        "G4-c": "open", "G5-c2": "open", "G7-c": "open"}
    # the new question lands in the invoices topic, which keeps its id and opens again
    topic = topic_of(gaps, "G7-c", include_all=False)
    assert topic["topic_id"] == invoices
    assert [q["message_id"] for q in topic["questions"]] == ["G7-c"]
    assert topic["status"] == "open"


def test_viewers_read_but_cannot_change(store: Workspace) -> None:
    gaps = Gaps(store.store)
    assert gaps.topics()  # reading is allowed
    topic = topic_of(gaps, "G1-c")["topic_id"]
    with pytest.raises(PermissionDenied, match="vera is a viewer"):
        gaps.create_short_answer(VIEWER, "q", "a", topic_id=topic)
    with pytest.raises(PermissionDenied):
        gaps.dismiss(VIEWER, topic_id=topic)
    made = gaps.create_short_answer(EDITOR, "q", "a", topic_id=topic)
    with pytest.raises(PermissionDenied):
        gaps.edit_short_answer(VIEWER, made["id"], "q2", "a2")
    with pytest.raises(PermissionDenied):
        gaps.delete_short_answer(VIEWER, made["id"])
    assert gaps.short_answers()[0]["question"] == "q"


def test_bad_requests_are_refused(store: Workspace) -> None:
    gaps = Gaps(store.store)
    with pytest.raises(QueryError, match="both a question and an answer"):
        gaps.create_short_answer(EDITOR, " ", "a", message_ids=["G1-c"])
    with pytest.raises(QueryError, match="either a topic or questions"):
        gaps.create_short_answer(EDITOR, "q", "a")
    with pytest.raises(QueryError, match="no topic"):
        gaps.topic("t-nope")
