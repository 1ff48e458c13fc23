"""The report library: reports grouped by topic, quick answers, and search.

Every entry opens the report view with a ready configuration (a query string of the
report URL, see report.js), so a quick answer is just a report with the right
frequency, grouping and chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from supportlens.api import catalog

# Metric names as people say them (the id, readable, where it is not enough).
NAMES: dict[str, str] = {
    "csat": "Customer satisfaction (CSAT)",
    "nps": "Net Promoter Score (NPS)",
    "ces": "Customer effort score (CES)",
    "first_response_sla_rate": "First response SLA attainment",
    "resolution_sla_rate": "Resolution SLA attainment",
    "sla_breaches": "SLA breaches",
    "tickets_unresolved": "Backlog (unresolved tickets)",
    "kb_views": "Knowledge base views",
    "kb_bounce_rate": "Knowledge base bounce rate",
    "kb_time_on_page": "Time on knowledge base articles",
    "kb_votes": "Knowledge base votes",
    "kb_success_rate": "Knowledge base views per ticket",
    "first_contact_resolution_rate": "First contact resolution rate",
    "ai_conversations": "AI conversations",
    "ai_handling_rate": "AI handling rate",
    "ai_resolutions": "AI resolutions",
    "ai_resolution_rate": "AI resolution rate",
    "ai_resolution_time": "AI resolution time",
    "ai_deflections": "AI deflections",
    "ai_deflection_rate": "AI deflection rate",
    "ai_handoffs": "AI handoffs to humans",
    "ai_handoff_rate": "AI handoff rate",
    "ai_handoff_outcome": "Handed-off conversations solved",
    "ai_feedback": "Feedback on AI replies",
    "ai_helpful_rate": "AI replies found helpful",
}


def metric_name(metric_id: str) -> str:
    """A readable name for a metric id (first_response_time → First response time)."""
    return NAMES.get(metric_id) or metric_id.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Entry:
    """One report of the library: a metric with a configuration."""

    title: str
    metric: str
    params: dict[str, str | list[str]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """The report view's URL holding this configuration."""
        query = urlencode(self.params, doseq=True)
        return f"/report/{self.metric}" + (f"?{query}" if query else "")


def _plain(metric: str, by: str = "week", **params: str | list[str]) -> Entry:
    return Entry(metric_name(metric), metric, {"by": by, **params})


TOPICS: dict[str, list[Entry]] = {
    "Customer satisfaction": [
        _plain("csat", "month"), _plain("nps", "month"), _plain("ces", "month"),
        _plain("survey_response_rate", "month", group_by="kind"),
        _plain("offers_given", "month", group_by="kind"), _plain("churn_rate", "month"),
    ],
    "Team performance": [
        Entry("Rep leaderboard", "agent_leaderboard", {"group_by": "rep", "view": "totals",
                                                       "chart": "table"}),
        Entry("Tickets solved by rep", "tickets_resolved", {"group_by": "rep", "view": "totals"}),
        Entry("First response time by team", "first_response_time",
              {"group_by": "team", "view": "totals"}),
        _plain("resolution_time"), _plain("first_resolution_time"),
        _plain("first_contact_resolution_rate", "month"), _plain("time_to_first_assignment"),
        _plain("time_to_close"),
        _plain("tickets_reassigned"), _plain("escalation_rate"),
    ],
    "Ticket replies": [
        _plain("first_response_time"), _plain("response_time"),
        _plain("customer_response_time"), _plain("rep_replies"),
        _plain("rep_replies_per_ticket", "month"), _plain("customer_replies_per_ticket", "month"),
        _plain("messages", group_by="direction"),
    ],
    "Scheduling": [
        Entry("Rep time by status", "rep_status_time", {"group_by": "status", "view": "totals"}),
        Entry("Available outside working hours", "available_outside_hours",
              {"group_by": "working_hours"}),
        _plain("max_available_reps", "day"),
        Entry("Tickets by hour of day", "tickets_created",
              {"group_by": "hour_of_day", "view": "totals"}),
        Entry("Tickets by weekday", "tickets_created", {"group_by": "weekday", "view": "totals"}),
        _plain("first_response_sla_rate"), _plain("resolution_sla_rate"),
        _plain("sla_breaches", group_by="target"), _plain("chat_wait_time"),
        Entry("Time in pipeline stage", "time_in_stage", {"group_by": "stage", "view": "totals"}),
    ],
    "AI customer agent": [
        _plain(m) for m in ("ai_conversations", "ai_handling_rate", "ai_resolutions",
                            "ai_resolution_rate", "ai_resolution_time", "ai_deflections",
                            "ai_deflection_rate", "ai_handoffs", "ai_handoff_rate",
                            "ai_handoff_outcome", "ai_feedback", "ai_helpful_rate")
    ] + [_plain("resolutions_by_resolver", group_by="resolver")],
    "Self-service": [
        _plain("kb_views"), _plain("kb_bounce_rate"), _plain("kb_time_on_page"),
        _plain("kb_votes", group_by="vote"), _plain("kb_success_rate"),
        _plain("forum_posts", group_by="author_type"), _plain("forum_success_rate", "month"),
    ],
    "Social": [
        _plain("social_engagement", group_by="platform"),
        Entry("Social engagement by type", "social_engagement",
              {"group_by": "type", "view": "totals"}),
    ],
    "Volume": [
        _plain("tickets_created", group_by="channel"), _plain("tickets_resolved"),
        _plain("tickets_unresolved"), _plain("tickets_reopened"), _plain("messages"),
        Entry("Tickets by priority", "tickets_created", {"group_by": "priority",
                                                         "view": "totals"}),
    ],
}


@dataclass(frozen=True)
class QuickAnswer:
    """A common question and the report that answers it."""

    question: str
    entry: Entry


QUICK_ANSWERS: list[QuickAnswer] = [
    QuickAnswer("How fast do we reply?", _plain("first_response_time")),
    QuickAnswer("Which customers wait longest?", Entry(
        "Customers waiting longest for a first reply", "first_response_time",
        {"group_by": "customer", "view": "totals", "top": "10", "chart": "bar"})),
    QuickAnswer("How many tickets come in?", _plain("tickets_created", group_by="channel")),
    QuickAnswer("Are we meeting our SLAs?", _plain("first_response_sla_rate")),
    QuickAnswer("Who solves the most tickets?", Entry(
        "Tickets solved by rep", "tickets_resolved", {"group_by": "rep", "view": "totals"})),
    QuickAnswer("Are customers happy?", _plain("csat", "month")),
    QuickAnswer("Is the backlog growing?", _plain("tickets_unresolved")),
    QuickAnswer("When are we busiest?", Entry(
        "Tickets by hour of day", "tickets_created",
        {"group_by": "hour_of_day", "view": "totals"})),
    QuickAnswer("Does the AI agent resolve chats?", _plain("ai_resolution_rate")),
]


def topics() -> dict[str, list[Entry]]:
    """TOPICS, plus any catalog metric no topic lists (so every metric can be found)."""
    listed = {e.metric for entries in TOPICS.values() for e in entries}
    rest = [_plain(m["id"]) for m in catalog() if m["id"] not in listed]
    return {**TOPICS, "More reports": rest} if rest else dict(TOPICS)


def descriptions() -> dict[str, str]:
    """Metric id → its catalog description (for the library cards and search)."""
    return {m["id"]: m["description"] for m in catalog()}


def search(query: str) -> list[Entry]:
    """Library entries whose title, metric id or description holds every query word."""
    words = query.lower().split()
    about = descriptions()
    seen: set[str] = set()
    found: list[Entry] = []
    answers = [qa.entry for qa in QUICK_ANSWERS]
    for entry in [e for entries in topics().values() for e in entries] + answers:
        text = f"{entry.title} {entry.metric} {about.get(entry.metric, '')}".lower()
        if entry.url not in seen and all(w in text for w in words):
            seen.add(entry.url)
            found.append(entry)
    # Reports whose title holds the words first, then those that only mention them.
    return sorted(found, key=lambda e: not all(w in e.title.lower() for w in words))
