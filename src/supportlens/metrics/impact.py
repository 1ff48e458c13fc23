"""Impact this week: the AI agent's headline figures for the current week.

The week is the one holding `now` (Monday to Sunday in the workspace timezone), and
each figure is compared with the week before. Resolution figures lag: a conversation
is judged 72 hours (the window setting) after the AI agent's last reply, so this
week's recent conversations are still pending; the report says how many.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from supportlens.metrics import periods as per

REPORT_ID = "impact_this_week"
FIGURES = ("ai_resolutions", "ai_conversations", "ai_resolution_time", "ai_deflection_rate",
           "ai_helpful_rate")

Report = Callable[..., dict[str, Any]]


def impact_this_week(report: Report, now: dt.datetime, tz: str,
                     window_hours: float) -> dict[str, Any]:
    """The figures of the week holding `now` (naive UTC), each with last week's value."""
    today = per.local_date(now, tz)
    first = per.period_start(today, "week")
    last = first + dt.timedelta(days=6)
    stamp = now.isoformat() + "Z"
    figures = []
    for metric in FIGURES:
        result = report(metric, date_from=first, date_to=last, now=stamp, tz=tz,
                        compare="previous")
        row = result["rows"][0]
        figures.append({"metric": metric, "unit": result["unit"], "value": row["value"],
                        "n": row["n"], "previous": row["previous"],
                        "change_pct": row["change_pct"]})
    handled = report("ai_conversations", date_from=first, date_to=last, now=stamp, tz=tz)
    judged = report("ai_resolution_rate", date_from=first, date_to=last, now=stamp, tz=tz)
    pending = handled["rows"][0]["value"] - judged["rows"][0]["denominator"]
    hours = f"{window_hours:g}"
    return {
        "report": REPORT_ID,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "now": stamp,
        "pending": pending,
        "note": (f"This week's resolution figures lag by up to {hours} hours: a conversation "
                 f"is judged {hours} hours after the AI agent's last reply, so {pending} of "
                 "this week's conversations are still pending."),
        "figures": figures,
    }
