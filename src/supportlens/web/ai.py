"""AI customer agent → Performance: Impact this week on top, every AI chart below.

The page is a frame: the figures come from /api/report/impact_this_week and each chart
from /api/report/<metric> (ai.js), so what the page shows is what the API and the CLI
give. The week and the charts' ranges are anchored at `now`: the `now` parameter when
given, else today — unless the data ends before this week (an export from a while ago),
then the last day with AI conversations, and the page says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from supportlens.api import catalog
from supportlens.web.pages import render
from supportlens.web.reports import run
from supportlens.web.security import Reader

router = APIRouter()


@dataclass(frozen=True)
class Chart:
    """One chart of the page: a metric with its grouping and how to draw it."""

    title: str
    metric: str
    group_by: str | None = None
    chart: str = "auto"  # as the report view's chart types: auto, bar, line, area, pie
    totals: bool = False  # one bar per group instead of over time
    top: int | None = None

    def as_json(self) -> dict[str, Any]:
        """What ai.js needs to fetch and draw the chart."""
        return {"title": self.title, "metric": self.metric, "group_by": self.group_by,
                "chart": self.chart, "totals": self.totals, "top": self.top}


CHARTS: tuple[Chart, ...] = (
    Chart("Handled conversations", "ai_conversations"),
    Chart("Handled conversations by channel", "ai_conversations", "channel", "line"),
    Chart("Handling rate", "ai_handling_rate"),
    Chart("Feedback on AI replies", "ai_feedback", "rating"),
    Chart("Replies found helpful", "ai_helpful_rate"),
    Chart("Resolutions", "ai_resolutions"),
    Chart("Resolution rate", "ai_resolution_rate"),
    Chart("Time to resolution", "ai_resolution_time"),
    Chart("Deflections", "ai_deflections"),
    Chart("Deflection rate", "ai_deflection_rate"),
    Chart("Handoffs to humans", "ai_handoffs", "initiator"),
    Chart("Handoff rate", "ai_handoff_rate"),
    Chart("Handed-off conversations solved", "ai_handoff_outcome"),
    Chart("AI agent in your team: conversations solved", "resolutions_by_resolver",
          "resolver", "bar", totals=True, top=10),
)

# The range picker: (value, label, frequency, days back from the anchor; None = all time).
RANGES: tuple[tuple[str, str, str, int | None], ...] = (
    ("4w", "Last 4 weeks, daily", "day", 28),
    ("12w", "Last 12 weeks, weekly", "week", 84),
    ("26w", "Last 26 weeks, weekly", "week", 182),
    ("12m", "Last 12 months, monthly", "month", 365),
    ("all", "All time, monthly", "month", None),
)


def anchor(request: Request, now: str | None) -> tuple[str | None, str | None]:
    """(`now` for the reports, the last day of data when it ends before this week).

    Without `now` the reports run as of today, unless the last AI-handled conversation is
    older than this week's Monday: then as of the end of that day, so the page shows the
    data there is instead of an empty week."""
    if now:
        return now, None
    latest = run(request, "ai_conversations").get("to")
    if not latest:
        return None, None
    today = dt.date.today()
    if dt.date.fromisoformat(latest) >= today - dt.timedelta(days=today.weekday()):
        return None, None
    return f"{latest}T23:59:59", latest


@router.get("/ai", response_class=HTMLResponse, include_in_schema=False)
def ai_page(request: Request, principal: Reader, now: str | None = None) -> Response:
    """The AI agent's performance page."""
    as_of, data_ends = anchor(request, now or None)
    units = {m["id"]: m["unit"] for m in catalog()}
    current = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return render(request, "ai.html", principal, charts=[c.as_json() for c in CHARTS],
                  ranges=RANGES, now=as_of or "", data_ends=data_ends, current=current,
                  units=units)
