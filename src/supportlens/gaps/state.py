"""What users decided about knowledge gaps, kept apart from the imported data.

An import replaces the DuckDB store whole, so decisions made in the app live in a
small SQLite file beside it (`<store>.state.sqlite`): question statuses (resolved,
dismissed) keyed by message id, short answers, and the last topic assignment (so topic
ids stay stable). Re-imports and topic recomputation never touch them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path

from supportlens.store.state_file import connect_state

SCHEMA = """
CREATE TABLE IF NOT EXISTS gap_status (
  message_id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('resolved', 'dismissed')),
  short_answer_id INTEGER REFERENCES short_answers(id) ON DELETE SET NULL,
  by_user TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS short_answers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS gap_topics (
  message_id TEXT PRIMARY KEY,
  topic_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS gap_topic_labels (
  topic_id TEXT PRIMARY KEY,
  label TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS state_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
"""


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class StateStore:
    """The SQLite file of app state; every method is one transaction."""

    def __init__(self, path: Path):
        self.path = path

    def connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return connect_state(self.path, SCHEMA)

    # -- question statuses --------------------------------------------------------
    def statuses(self) -> dict[str, str]:
        with self.connect() as con:
            return dict(con.execute("SELECT message_id, status FROM gap_status").fetchall())

    def set_status(self, message_ids: Iterable[str], status: str, user: str,
                   short_answer_id: int | None = None) -> None:
        at = now_text()
        with self.connect() as con:
            con.executemany(
                "INSERT OR REPLACE INTO gap_status VALUES (?, ?, ?, ?, ?)",
                [(m, status, short_answer_id, user, at) for m in message_ids])

    # -- short answers ------------------------------------------------------------
    def add_short_answer(self, question: str, answer: str, user: str,
                         message_ids: list[str]) -> int:
        at = now_text()
        with self.connect() as con:
            cur = con.execute(
                "INSERT INTO short_answers (question, answer, created_by, created_at, "
                "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                (question, answer, user, at, user, at))
            answer_id = int(cur.lastrowid or 0)
            con.executemany("INSERT OR REPLACE INTO gap_status VALUES (?, 'resolved', ?, ?, ?)",
                            [(m, answer_id, user, at) for m in message_ids])
        return answer_id

    def short_answers(self) -> list[dict[str, object]]:
        with self.connect() as con:
            con.row_factory = sqlite3.Row
            rows = con.execute("SELECT * FROM short_answers ORDER BY id").fetchall()
            counts = dict(con.execute(
                "SELECT short_answer_id, count(*) FROM gap_status "
                "WHERE short_answer_id IS NOT NULL GROUP BY short_answer_id").fetchall())
        return [{**dict(r), "questions": counts.get(r["id"], 0)} for r in rows]

    def update_short_answer(self, answer_id: int, question: str, answer: str,
                            user: str) -> bool:
        with self.connect() as con:
            cur = con.execute(
                "UPDATE short_answers SET question = ?, answer = ?, updated_by = ?, "
                "updated_at = ? WHERE id = ?", (question, answer, user, now_text(), answer_id))
            return cur.rowcount == 1

    def delete_short_answer(self, answer_id: int) -> bool:
        """Delete a short answer; the questions it resolved stay resolved."""
        with self.connect() as con:
            cur = con.execute("DELETE FROM short_answers WHERE id = ?", (answer_id,))
            return cur.rowcount == 1

    # -- topic assignment -----------------------------------------------------------
    def topic_assignment(self) -> tuple[dict[str, str], dict[str, str], str | None]:
        """(message_id → topic_id, topic_id → label, fingerprint of the questions)."""
        with self.connect() as con:
            topics = dict(con.execute("SELECT message_id, topic_id FROM gap_topics").fetchall())
            labels = dict(con.execute("SELECT topic_id, label FROM gap_topic_labels").fetchall())
            row = con.execute(
                "SELECT value FROM state_meta WHERE key = 'gap_fingerprint'").fetchone()
        return topics, labels, row[0] if row else None

    def save_topics(self, topics: dict[str, str], labels: dict[str, str],
                    fingerprint: str) -> None:
        with self.connect() as con:
            con.execute("DELETE FROM gap_topics")
            con.execute("DELETE FROM gap_topic_labels")
            con.executemany("INSERT INTO gap_topics VALUES (?, ?)", list(topics.items()))
            con.executemany("INSERT INTO gap_topic_labels VALUES (?, ?)", list(labels.items()))
            con.execute("INSERT OR REPLACE INTO state_meta VALUES ('gap_fingerprint', ?)",
                        (fingerprint,))
