"""Service levels: first-response and resolution targets from `sla_policies`.

A ticket's policy and due times are derived at import (store/facts.py): the most
specific policy matching its priority and channel, due = created_at + target in
calendar or `default`-schedule business time.
"""

from __future__ import annotations

import ibis

from supportlens.metrics.context import Context
from supportlens.metrics.dimensions import owner_at
from supportlens.metrics.registry import Metric, register

SECTION = "Service levels"

TARGETS = {  # target name → (due time column, time it was met)
    "first_response": ("first_response_due_at", "first_rep_reply_at"),
    "resolution": ("resolution_due_at", "first_solved_at"),
}


def _sla_records(ctx: Context, target: str) -> ibis.Table:
    """Tickets with a due time that has passed or that met it: hit = met at or before due."""
    due_col, done_col = TARGETS[target]
    f = ctx.table("ticket_facts")
    due, done = f[due_col], f[done_col]
    f = f.filter(due.notnull() & (done.notnull() | (due < ctx.now_value)))
    met = (done <= due).fill_null(False)
    return f.select("ticket_id", dated_at=due, hit=met, **owner_at(f, due_col))


def first_response_sla_rate(ctx: Context) -> ibis.Table:
    return _sla_records(ctx, "first_response")


def resolution_sla_rate(ctx: Context) -> ibis.Table:
    return _sla_records(ctx, "resolution")


def sla_breaches(ctx: Context) -> ibis.Table:
    parts = []
    for target in TARGETS:
        r = _sla_records(ctx, target)
        r = r.filter(~r.hit)
        parts.append(r.select("ticket_id", "dated_at", "owner_rep", "owner_team",
                              target=ibis.literal(target)))
    return ibis.union(*parts)


PENDING_RULE = ("Unanswered tickets whose due time has not passed (due ≥ now) are pending and "
                "left out. A reply exactly at the due time meets it.")

register(Metric(
    "first_response_sla_rate", SECTION, "rate", "due time",
    "Tickets answered by a rep at or before the first-response due time / tickets whose due "
    "time has passed or that were answered.",
    first_response_sla_rate, rules=PENDING_RULE))
register(Metric(
    "resolution_sla_rate", SECTION, "rate", "due time",
    "Tickets first solved at or before the resolution due time / tickets whose due time has "
    "passed or that were solved.",
    resolution_sla_rate, rules=PENDING_RULE))
register(Metric(
    "sla_breaches", SECTION, "count", "due time",
    "Missed targets: one per ticket and target missed (a ticket that misses both counts "
    "twice, each dated by its own due time); dimension `target` (first_response, resolution).",
    sla_breaches, dimensions=("target",),
    rules="A target is missed when met after its due time, or not met and the due time has "
          "passed (due < now)."))
