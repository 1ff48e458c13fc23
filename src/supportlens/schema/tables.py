"""The import contract (shared/spec/data-model.md) as data.

Every table the product imports is declared here once: its columns, their types,
which are required, which take only a fixed set of values, and its primary key.
The importer validates against these declarations, the store creates its tables
from them, and the generator writes files in their shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["string", "timestamp", "boolean", "integer", "number", "list", "json"]


@dataclass(frozen=True)
class Column:
    """One column of an import table."""

    name: str
    type: ColumnType = "string"
    required: bool = False
    values: tuple[str, ...] = ()  # when set, the only values accepted (strict enum)
    lower: bool = False  # normalise to lower case before checking (free text like channel)
    default: object = None  # value used when the cell is empty
    description: str = ""


@dataclass(frozen=True)
class RequiredWhen:
    """A column required only on some rows: `column` is needed where `when_column == when_value`."""

    column: str
    when_column: str
    when_value: str


@dataclass(frozen=True)
class Table:
    """One import table: name, primary key, columns and row rules."""

    name: str
    pk: str
    columns: tuple[Column, ...]
    required_when: tuple[RequiredWhen, ...] = ()
    ticket_ref_required: bool = False  # rows must point at a known ticket (events, messages)
    description: str = ""
    column_index: dict[str, Column] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.column_index.update({c.name: c for c in self.columns})

    def column(self, name: str) -> Column | None:
        return self.column_index.get(name)

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


EVENT_TYPES = (
    "status_changed",
    "stage_changed",
    "assigned",
    "handoff",
    "human_requested",
    "escalated",
)
STATUSES = ("new", "open", "pending", "on_hold", "resolved", "closed")
SOLVED_STATUSES = ("resolved", "closed")
ACTOR_TYPES = ("customer", "rep", "ai_agent", "automation", "system")
HANDOFF_INITIATORS = ("ai_agent", "automation", "manual", "visitor")
AUTHOR_TYPES = ("customer", "rep", "ai_agent", "system")
PRIORITIES = ("low", "medium", "high", "urgent")

TABLES: dict[str, Table] = {}


def _table(table: Table) -> Table:
    TABLES[table.name] = table
    return table


TICKETS = _table(
    Table(
        "tickets",
        pk="ticket_id",
        description="one row per ticket or conversation (a chat is a ticket)",
        columns=(
            Column("ticket_id", required=True),
            Column("created_at", "timestamp", required=True),
            Column("channel", required=True, lower=True),
            Column("customer_id"),
            Column("subject"),
            Column("type", lower=True),
            Column("priority", values=PRIORITIES, lower=True),
            Column("pipeline", default="support"),
            Column("country"),
            Column("url"),
        ),
    )
)

TICKET_EVENTS = _table(
    Table(
        "ticket_events",
        pk="event_id",
        ticket_ref_required=True,
        description="everything that happened to a ticket, append-only",
        columns=(
            Column("event_id", required=True),
            Column("ticket_id", required=True),
            Column("at", "timestamp", required=True),
            Column("type", required=True, values=EVENT_TYPES),
            Column("status", values=STATUSES, lower=True),
            Column("stage"),
            Column("rep_id"),
            Column("team_id"),
            Column("actor_type", values=ACTOR_TYPES),
            Column("initiator", values=HANDOFF_INITIATORS),
            Column("reason"),
        ),
        required_when=(
            RequiredWhen("status", "type", "status_changed"),
            RequiredWhen("stage", "type", "stage_changed"),
            RequiredWhen("initiator", "type", "handoff"),
        ),
    )
)

MESSAGES = _table(
    Table(
        "messages",
        pk="message_id",
        ticket_ref_required=True,
        description="every message in a ticket",
        columns=(
            Column("message_id", required=True),
            Column("ticket_id", required=True),
            Column("at", "timestamp", required=True),
            Column("author_type", required=True, values=AUTHOR_TYPES),
            Column("author_id"),
            Column("public", "boolean", default=True),
            Column("text"),
            Column("sources", "list"),
            Column("action"),
            Column("answered", "boolean", default=True),
        ),
    )
)

FEEDBACK = _table(
    Table(
        "feedback",
        pk="feedback_id",
        description="visitor feedback on AI replies",
        columns=(
            Column("feedback_id", required=True),
            Column("message_id", required=True),
            Column("at", "timestamp", required=True),
            Column("rating", required=True, values=("helpful", "not_helpful")),
        ),
    )
)

SURVEYS = _table(
    Table(
        "surveys",
        pk="survey_id",
        description="CSAT, NPS and CES surveys, sent and answered",
        columns=(
            Column("survey_id", required=True),
            Column("kind", required=True, values=("csat", "nps", "ces"), lower=True),
            Column("sent_at", "timestamp", required=True),
            Column("responded_at", "timestamp"),
            Column("score", "integer"),
            Column("ticket_id"),
            Column("customer_id"),
            Column("rep_id"),
            Column("comment"),
        ),
    )
)

CUSTOMERS = _table(
    Table(
        "customers",
        pk="customer_id",
        columns=(
            Column("customer_id", required=True),
            Column("name"),
            Column("segment"),
            Column("industry"),
            Column("country"),
            Column("value", "number"),
            Column("created_at", "timestamp"),
            Column("churned_at", "timestamp"),
        ),
    )
)

TEAMS = _table(
    Table(
        "teams",
        pk="team_id",
        columns=(
            Column("team_id", required=True),
            Column("name", required=True),
            Column("manager_rep_id"),
        ),
    )
)

REPS = _table(
    Table(
        "reps",
        pk="rep_id",
        columns=(
            Column("rep_id", required=True),
            Column("name", required=True),
            Column("email"),
            Column("team_id"),
            Column("schedule_id"),
            Column("timezone"),
        ),
    )
)

REP_STATUS = _table(
    Table(
        "rep_status",
        pk="status_id",
        columns=(
            Column("status_id", required=True),
            Column("rep_id", required=True),
            Column("at", "timestamp", required=True),
            Column("status", required=True, values=("available", "busy", "away", "offline")),
        ),
    )
)

SCHEDULES = _table(
    Table(
        "schedules",
        pk="schedule_id",
        columns=(
            Column("schedule_id", required=True),
            Column("timezone", required=True),
            Column("hours", "json", required=True),
            Column("holidays", "json"),
        ),
    )
)

SLA_POLICIES = _table(
    Table(
        "sla_policies",
        pk="policy_id",
        columns=(
            Column("policy_id", required=True),
            Column("priority", values=PRIORITIES, lower=True),
            Column("channel", lower=True),
            Column("first_response_minutes", "number"),
            Column("resolution_minutes", "number"),
            Column("business_hours", "boolean", default=False),
        ),
    )
)

KB_ARTICLES = _table(
    Table(
        "kb_articles",
        pk="article_id",
        columns=(
            Column("article_id", required=True),
            Column("title", required=True),
            Column("category"),
        ),
    )
)

KB_EVENTS = _table(
    Table(
        "kb_events",
        pk="event_id",
        columns=(
            Column("event_id", required=True),
            Column("article_id", required=True),
            Column("session_id"),
            Column("at", "timestamp", required=True),
            Column("type", required=True, values=("view", "upvote", "downvote")),
            Column("seconds_on_page", "number"),
            Column("bounced", "boolean"),
        ),
    )
)

FORUM_POSTS = _table(
    Table(
        "forum_posts",
        pk="post_id",
        columns=(
            Column("post_id", required=True),
            Column("thread_id", required=True),
            Column("at", "timestamp", required=True),
            Column("author_type", values=("customer", "rep")),
            Column("accepted_answer", "boolean", default=False),
        ),
    )
)

SOCIAL_ENGAGEMENT = _table(
    Table(
        "social_engagement",
        pk="engagement_id",
        columns=(
            Column("engagement_id", required=True),
            Column("at", "timestamp", required=True),
            Column("platform", required=True, lower=True),
            Column("type", required=True, values=("like", "share", "positive_reply", "mention")),
            Column("count", "integer", default=1),
            Column("ticket_id"),
        ),
    )
)

OFFERS = _table(
    Table(
        "offers",
        pk="offer_id",
        columns=(
            Column("offer_id", required=True),
            Column("at", "timestamp", required=True),
            Column("kind", required=True, lower=True),
            Column("value", "number"),
            Column("customer_id"),
            Column("ticket_id"),
        ),
    )
)

# The order in which tables are imported: tickets first, so that events and
# messages can be checked against the tickets already known.
IMPORT_ORDER: tuple[str, ...] = tuple(TABLES)
