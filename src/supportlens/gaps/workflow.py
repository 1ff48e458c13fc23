"""The knowledge-gaps workflow: topics of unanswered questions, short answers, dismissals.

Gap questions come from the store (derived at import, store/ai_facts.py); topics are
computed from them by meaning (gaps/topics.py) and recomputed only when the questions
change, keeping topic ids stable; what users decide lives in the state file
(gaps/state.py), keyed by message id — so a resolved or dismissed question stays so
after a re-import and after topics are recomputed, while a new question that arrives
later in the same topic is open.

Reading is open to every role; every change takes the acting user and requires an
editor (access.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass
from typing import Any

from supportlens.access import Actor
from supportlens.errors import QueryError
from supportlens.gaps.state import StateStore
from supportlens.gaps.topics import Question, group_questions
from supportlens.store.state_file import state_path
from supportlens.store.store import Store

EXPORT_FIELDS = ("id", "question", "answer", "created_by", "created_at", "updated_by",
                 "updated_at")


@dataclass(frozen=True)
class GapQuestion:
    """One gap question with its topic and status."""

    message_id: str
    ticket_id: str
    text: str
    at: dt.datetime
    url: str | None
    topic_id: str
    status: str  # open | resolved | dismissed

    def as_json(self) -> dict[str, Any]:
        return {"message_id": self.message_id, "ticket_id": self.ticket_id, "text": self.text,
                "at": iso(self.at), "url": self.url, "status": self.status}


def iso(at: dt.datetime) -> str:
    return at.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def topic_status(questions: list[GapQuestion]) -> str:
    statuses = {q.status for q in questions}
    for status in ("open", "resolved", "dismissed"):
        if status in statuses:
            return status
    return "open"


class Gaps:
    """Knowledge gaps of one store."""

    def __init__(self, store: Store):
        self.store = store
        self.state = StateStore(state_path(store.path))

    # -- reading ------------------------------------------------------------------
    def questions(self) -> list[GapQuestion]:
        """Every gap question, with its topic and status."""
        con = self.store.reader()
        rows = con.raw_sql(
            'SELECT message_id, ticket_id, text, "at", url FROM gap_questions '
            'ORDER BY "at", message_id').fetchall()
        topics, _ = self.topic_map(rows)
        statuses = self.state.statuses()
        return [GapQuestion(m, t, text, at, url, topics[m], statuses.get(m, "open"))
                for m, t, text, at, url in rows]

    def topic_map(self, rows: list[tuple]) -> tuple[dict[str, str], dict[str, str]]:
        """message_id → topic_id and topic labels, recomputed when the questions changed."""
        fingerprint = hashlib.sha1(
            "\n".join(f"{r[0]}\t{r[2]}" for r in sorted(rows)).encode()).hexdigest()
        topics, labels, stored = self.state.topic_assignment()
        if stored == fingerprint:
            return topics, labels
        grouped = group_questions([Question(r[0], r[2]) for r in rows], previous=topics)
        topics = {m: t.topic_id for t in grouped for m in t.message_ids}
        labels = {t.topic_id: t.label for t in grouped}
        self.state.save_topics(topics, labels, fingerprint)
        return topics, labels

    def topics(self, include_all: bool = False) -> list[dict[str, Any]]:
        """The gaps table: per topic, label, conversations, last conversation, questions
        (resolved and dismissed ones only with include_all)."""
        questions = self.questions()
        _, labels, _ = self.state.topic_assignment()
        by_topic: dict[str, list[GapQuestion]] = {}
        for q in questions:
            by_topic.setdefault(q.topic_id, []).append(q)
        out: list[dict[str, Any]] = []
        for topic_id, members in by_topic.items():
            shown = members if include_all else [q for q in members if q.status == "open"]
            if not shown:
                continue
            out.append({
                "topic_id": topic_id,
                "label": labels.get(topic_id, ""),
                "conversations": len({q.ticket_id for q in shown}),
                "last_at": iso(max(q.at for q in shown)),
                "status": topic_status(members),
                "questions": [q.as_json() for q in sorted(shown, key=lambda q: q.at,
                                                          reverse=True)],
            })
        out.sort(key=lambda t: t["last_at"], reverse=True)  # ties: most recent first
        out.sort(key=lambda t: t["conversations"], reverse=True)
        return out

    def topic(self, topic_id: str, include_all: bool = True) -> dict[str, Any]:
        for t in self.topics(include_all=include_all):
            if t["topic_id"] == topic_id:
                return t
        raise QueryError(f"no topic {topic_id!r}: run `supportlens gaps` for the topic ids")

    # -- choosing questions -----------------------------------------------------------
    def chosen(self, topic_id: str | None, message_ids: list[str] | None) -> list[GapQuestion]:
        """The open questions of a topic, or the questions named (which must exist)."""
        if bool(topic_id) == bool(message_ids):
            raise QueryError("name either a topic or questions (message ids), not both")
        questions = self.questions()
        if topic_id:
            members = [q for q in questions if q.topic_id == topic_id]
            if not members:
                raise QueryError(f"no topic {topic_id!r}: run `supportlens gaps` for the ids")
            return [q for q in members if q.status == "open"]
        known = {q.message_id: q for q in questions}
        unknown = [m for m in message_ids or [] if m not in known]
        if unknown:
            raise QueryError(f"not gap questions: {', '.join(unknown)} (run `supportlens gaps "
                             "show TOPIC` for the message ids)")
        return [known[m] for m in message_ids or []]

    # -- short answers ------------------------------------------------------------------
    def preview(self, question: str, answer: str, topic_id: str | None = None,
                message_ids: list[str] | None = None) -> dict[str, Any]:
        """What creating the short answer would store and resolve (changes nothing)."""
        question, answer = check_answer(question, answer)
        chosen = self.chosen(topic_id, message_ids)
        return {"question": question, "answer": answer,
                "resolves": [q.as_json() for q in chosen]}

    def create_short_answer(self, actor: Actor, question: str, answer: str,
                            topic_id: str | None = None,
                            message_ids: list[str] | None = None) -> dict[str, Any]:
        """Create a short answer and mark its questions resolved."""
        actor.require_editor("create short answers")
        question, answer = check_answer(question, answer)
        chosen = self.chosen(topic_id, message_ids)
        answer_id = self.state.add_short_answer(question, answer, actor.name,
                                                [q.message_id for q in chosen])
        return {"id": answer_id, "question": question, "answer": answer,
                "resolved": len(chosen)}

    def short_answers(self) -> list[dict[str, Any]]:
        return self.state.short_answers()

    def edit_short_answer(self, actor: Actor, answer_id: int, question: str,
                          answer: str) -> None:
        actor.require_editor("edit short answers")
        question, answer = check_answer(question, answer)
        if not self.state.update_short_answer(answer_id, question, answer, actor.name):
            raise QueryError(f"no short answer {answer_id}: `supportlens gaps answers` "
                             "lists them")

    def delete_short_answer(self, actor: Actor, answer_id: int) -> None:
        actor.require_editor("delete short answers")
        if not self.state.delete_short_answer(answer_id):
            raise QueryError(f"no short answer {answer_id}: `supportlens gaps answers` "
                             "lists them")

    def export_short_answers(self, fmt: str = "json") -> str:
        """Short answers as JSON or CSV, for loading into the agent's knowledge."""
        rows = [{k: a[k] for k in EXPORT_FIELDS} for a in self.short_answers()]
        if fmt == "json":
            return json.dumps(rows, ensure_ascii=False, indent=2)
        if fmt == "csv":
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            return out.getvalue()
        raise QueryError(f"unknown export format {fmt!r}: use json or csv")

    # -- dismissing ------------------------------------------------------------------
    def dismiss(self, actor: Actor, topic_id: str | None = None,
                message_ids: list[str] | None = None) -> int:
        """Dismiss a topic's open questions or the questions named; returns how many."""
        actor.require_editor("dismiss knowledge gaps")
        chosen = self.chosen(topic_id, message_ids)
        self.state.set_status([q.message_id for q in chosen], "dismissed", actor.name)
        return len(chosen)


def check_answer(question: str, answer: str) -> tuple[str, str]:
    question, answer = question.strip(), answer.strip()
    if not question or not answer:
        raise QueryError("a short answer needs both a question and an answer")
    return question, answer
