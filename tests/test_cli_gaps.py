"""`supportlens gaps`: the topic table and JSON of interfaces.md, and the editor's commands."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supportlens.api import Workspace
from supportlens.cli.main import app

DATA = Path(__file__).parent / "gaps_data"
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    folder = tmp_path / "base"
    shutil.copytree(DATA / "base", folder)
    path = tmp_path / "gaps.duckdb"
    Workspace.open(path).import_folder(folder)
    return path


def gaps(db: Path, *args: str) -> str:
    result = runner.invoke(app, ["gaps", *args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.output


def topics_json(db: Path, *args: str) -> list[dict]:
    return json.loads(gaps(db, "--format", "json", *args))["topics"]


def test_json_lists_open_topics_in_the_documented_shape(db: Path) -> None:
    topics = topics_json(db)
    invoices = next(t for t in topics if t["label"] == "export pdf invoices")
    assert set(invoices) == {"topic_id", "label", "conversations", "last_at", "status",
                             "questions"}
    assert (invoices["conversations"], invoices["last_at"], invoices["status"]) == (
        2, "2026-03-03T10:00:00Z", "open")
    assert invoices["questions"][0] == {
        "message_id": "G2-c", "ticket_id": "G2", "text": "Can I export an invoice as a PDF file?",
        "at": "2026-03-03T10:00:00Z", "url": "https://help.example.com/t/G2", "status": "open"}
    assert sum(t["conversations"] for t in topics) == 5


def test_table_show_answer_dismiss_and_export(db: Path, tmp_path: Path) -> None:
    assert "export pdf invoices" in gaps(db)
    invoices = next(t for t in topics_json(db) if t["label"] == "export pdf invoices")
    shown = gaps(db, "show", invoices["topic_id"])
    assert "export pdf invoices" in shown and "G1-c" in shown and "G2-c" in shown
    preview = json.loads(gaps(db, "answer", "--q", "Export invoices?", "--a", "Billing → PDF.",
                              "--topic", invoices["topic_id"], "--preview"))
    assert [q["message_id"] for q in preview["resolves"]] == ["G1-c", "G2-c"]
    assert len(topics_json(db)) == 3  # the preview changed nothing
    made = gaps(db, "answer", "--q", "Export invoices?", "--a", "Billing → PDF.",
                "--topic", invoices["topic_id"], "--user", "erin")
    assert "resolves 2 question(s)" in made
    assert "Dismissed 1 question(s)" in gaps(db, "dismiss", "--question", "G3-c")
    assert {q["message_id"] for t in topics_json(db) for q in t["questions"]} == {
        "G4-c", "G5-c2"}
    assert len(topics_json(db, "--all")) == 3  # resolved and dismissed are kept
    out = tmp_path / "answers.csv"
    gaps(db, "export", "--format", "csv", "--out", str(out))
    assert out.read_text().splitlines()[1].startswith("1,Export invoices?,Billing → PDF.,erin,")
    gaps(db, "edit", "1", "--q", "How to export invoices?", "--a", "Billing → Invoices.")
    assert json.loads(gaps(db, "answers", "--format", "json"))[0]["question"] == (
        "How to export invoices?")
    assert "deleted" in gaps(db, "delete", "1")


def test_errors_are_one_line_with_the_fix(db: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "supportlens.cli.main", "gaps", "show",
                             "t-nope", "--db", str(db)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: no topic 't-nope': run `supportlens gaps` for the topic ids")
