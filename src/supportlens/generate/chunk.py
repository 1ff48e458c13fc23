"""One chunk of tickets under construction: their attributes and the rows they produce.

The lifecycle, AI-agent, survey and self-service modules all add rows to a
`Chunk` through the helpers below, referring to tickets by their position in
the chunk. `Chunk.finish` then drops what happens after the dataset's end,
orders rows by ticket and time, gives them ids that continue across chunks,
and links feedback and gap labels to the final message ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from supportlens.generate.calendar import END
from supportlens.generate.catalog import ACTIONS, CHANNELS, INTENT_KEYS, LANGUAGES, STAGES
from supportlens.generate.rows import NO_TIME, Coded, RowBuffer, make_ids, sort_order
from supportlens.generate.sink import LABELS_SCHEMA, arrow_schema
from supportlens.generate.world import World

_STAGES = pa.array(STAGES, pa.string())
_ACTIONS = pa.array(ACTIONS, pa.string())
_INTENTS = pa.array(INTENT_KEYS, pa.string())
_LANGUAGES = pa.array(LANGUAGES, pa.string())
_CHANNELS = pa.array(CHANNELS, pa.string())


@dataclass
class Chunk:
    """Tickets `first_number .. first_number + n - 1` and the rows generated for them."""

    world: World
    index: int
    first_number: int
    created: np.ndarray
    region: np.ndarray
    ticket_ids: pa.Array = field(init=False)
    # Set by tickets.py; arrays of length n.
    channel: np.ndarray = field(init=False)
    customer: np.ndarray = field(init=False)  # -1 = anonymous
    country: np.ndarray = field(init=False)
    language: np.ndarray = field(init=False)
    intent: np.ndarray = field(init=False)
    priority: np.ndarray = field(init=False)  # -1 = not set
    pipeline: np.ndarray = field(init=False)
    # Facts filled in by the lifecycle modules (NO_TIME / -1 when not applicable).
    first_reply: np.ndarray = field(init=False)
    first_solved: np.ndarray = field(init=False)
    final_rep: np.ndarray = field(init=False)
    reopened: np.ndarray = field(init=False)
    ai_resolved: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        n = self.created.size
        self.ticket_ids = make_ids("T", self.first_number, n)
        self.first_reply = np.full(n, NO_TIME, dtype=np.int64)
        self.first_solved = np.full(n, NO_TIME, dtype=np.int64)
        self.final_rep = np.full(n, -1, dtype=np.int64)
        self.reopened = np.zeros(n, dtype=bool)
        self.ai_resolved = np.zeros(n, dtype=bool)
        self.events = RowBuffer(arrow_schema("ticket_events"), keys=("_ticket",))
        self.messages = RowBuffer(arrow_schema("messages"), keys=("_ticket",))
        self.feedback = RowBuffer(arrow_schema("feedback"), keys=("_message",))
        self.surveys = RowBuffer(arrow_schema("surveys"))
        self.offers = RowBuffer(arrow_schema("offers"))
        self.social = RowBuffer(arrow_schema("social_engagement"))
        self.kb_events = RowBuffer(arrow_schema("kb_events"), keys=("_session",))
        self.forum = RowBuffer(arrow_schema("forum_posts"), keys=("_thread",))
        self.labels = RowBuffer(LABELS_SCHEMA, keys=("_question", "_reply"))

    @property
    def n(self) -> int:
        return int(self.created.size)

    def rng(self, name: str) -> np.random.Generator:
        """This chunk's random stream `name`."""
        return self.world.rng(name, self.index)

    # --- coded references -------------------------------------------------------------

    def tickets(self, rows: np.ndarray) -> Coded:
        return Coded(rows, self.ticket_ids)

    def reps(self, reps: np.ndarray) -> Coded:
        return Coded(reps, self.world.staff.rep_ids)

    def teams(self, teams: np.ndarray) -> Coded:
        return Coded(teams, self.world.staff.team_ids)

    def customers(self, rows: np.ndarray) -> Coded:
        return Coded(self.customer[rows], self.world.customers.ids)

    def stage(self, rows: np.ndarray, step: int) -> Coded:
        """Stage number `step` (0-3) of each ticket's pipeline."""
        return Coded(self.pipeline[rows] * 4 + step, _STAGES)

    def channels(self, rows: np.ndarray) -> Coded:
        return Coded(self.channel[rows], _CHANNELS)

    # --- row helpers ------------------------------------------------------------------

    def event(self, rows: np.ndarray, at: np.ndarray, type_: str, **columns: Any) -> None:
        """Add one ticket_events row per ticket in `rows`."""
        self.events.add(
            rows.size,
            ticket_id=self.tickets(rows),
            _ticket=rows,
            at=np.asarray(at, dtype=np.int64),
            type=type_,
            **columns,
        )

    def message(
        self, rows: np.ndarray, at: np.ndarray, author_type: str, **columns: Any
    ) -> np.ndarray:
        """Add one message per ticket in `rows`; returns their buffer positions."""
        return self.messages.add(
            rows.size,
            ticket_id=self.tickets(rows),
            _ticket=rows,
            at=np.asarray(at, dtype=np.int64),
            author_type=author_type,
            **columns,
        )

    def actions(self, codes: np.ndarray) -> Coded:
        return Coded(codes, _ACTIONS)

    def label(
        self, question: np.ndarray, reply: np.ndarray, intent: np.ndarray, language: np.ndarray
    ) -> None:
        """Record the true intent of gap questions (customer message before a fallback)."""
        self.labels.add(
            question.size,
            _question=question,
            _reply=reply,
            intent=Coded(intent, _INTENTS),
            language=Coded(language, _LANGUAGES),
        )

    # --- finishing ----------------------------------------------------------------------

    def finish(self, counters: dict[str, int]) -> dict[str, pa.Table]:
        """All tables of this chunk, with ids continuing from `counters` (updated)."""

        def ids(name: str, prefix: str, count: int) -> pa.Array:
            start = counters.get(name, 1)
            counters[name] = start + count
            return make_ids(prefix, start, count)

        out: dict[str, pa.Table] = {}
        at = self.events.key("at")
        order, _ = sort_order(at < END, self.events.key("_ticket"), at)
        out["ticket_events"] = self.events.finish(order, ids("events", "E", order.size))

        at = self.messages.key("at")
        order, position = sort_order(at < END, self.messages.key("_ticket"), at)
        message_ids = ids("messages", "M", order.size)
        out["messages"] = self.messages.finish(order, message_ids)

        at = self.feedback.key("at")
        rated = position[self.feedback.key("_message")]
        order, _ = sort_order((at < END) & (rated >= 0), at)
        table = self.feedback.finish(order, ids("feedback", "F", order.size))
        out["feedback"] = _replace(table, "message_id", message_ids.take(pa.array(rated[order])))

        question = position[self.labels.key("_question")]
        reply = position[self.labels.key("_reply")]
        order, _ = sort_order((reply >= 0) & (question >= 0), question)
        table = self.labels.finish(order)
        out["_labels_gap_questions"] = _replace(
            table, "message_id", message_ids.take(pa.array(question[order]))
        )

        for name, buffer, prefix in (
            ("surveys", self.surveys, "S"),
            ("offers", self.offers, "O"),
            ("social_engagement", self.social, "SE"),
        ):
            key = "sent_at" if name == "surveys" else "at"
            at = buffer.key(key)
            order, _ = sort_order(at < END, at)
            out[name] = buffer.finish(order, ids(name, prefix, order.size))

        for name, buffer, prefix, group, column, group_prefix in (
            ("kb_events", self.kb_events, "KE", "_session", "session_id", "sess"),
            ("forum_posts", self.forum, "P", "_thread", "thread_id", "TH"),
        ):
            at = buffer.key("at")
            local = buffer.key(group)
            order, _ = sort_order(at < END, local, at)
            table = buffer.finish(order, ids(name, prefix, order.size))
            groups = ids(column, group_prefix, int(local.max()) + 1 if local.size else 0)
            out[name] = _replace(table, column, groups.take(pa.array(local[order])))
        return out


def _replace(table: pa.Table, name: str, values: pa.Array) -> pa.Table:
    """`table` with column `name` replaced by `values` (same field)."""
    index = table.schema.get_field_index(name)
    return table.set_column(index, table.schema.field(index), values)
