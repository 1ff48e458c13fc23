"""Quality and effort: first-contact resolution and how many replies a ticket takes."""

from __future__ import annotations

import ibis

from supportlens.metrics.context import Context
from supportlens.metrics.dimensions import owner_at
from supportlens.metrics.registry import Metric, register

SECTION = "Quality and effort"


def first_contact_resolution_rate(ctx: Context) -> ibis.Table:
    f = ctx.table("ticket_facts")
    f = f.filter(f.first_solved_at.notnull())
    hit = (f.rep_replies_to_first_solve == 1) & (f.reopens == 0)
    return f.select("ticket_id", dated_at=f.first_solved_at, hit=hit,
                    **owner_at(f, "first_solved_at"))


def rep_replies_per_ticket(ctx: Context) -> ibis.Table:
    f = ctx.table("ticket_facts")
    f = f.filter(f.solved_at.notnull())
    return f.select("ticket_id", dated_at=f.solved_at, x=f.rep_replies.cast("float64"),
                    **owner_at(f, "solved_at"))


def customer_replies_per_ticket(ctx: Context) -> ibis.Table:
    f = ctx.table("ticket_facts")
    f = f.filter(f.solved_at.notnull())
    follow_ups = ibis.greatest(f.customer_messages - 1, 0).cast("float64")
    return f.select("ticket_id", dated_at=f.solved_at, x=follow_ups,
                    **owner_at(f, "solved_at"))


register(Metric(
    "first_contact_resolution_rate", SECTION, "rate", "first_solved_at",
    "Solved tickets with exactly one rep reply before first_solved_at and no reopen / "
    "solved tickets.",
    first_contact_resolution_rate,
    rules="A rep reply at the very instant of the first solve counts as before it. Every "
          "ticket that was ever solved is in the denominator, dated by its first solve."))
register(Metric(
    "rep_replies_per_ticket", SECTION, "mean", "solved_at",
    "Rep replies per solved ticket (mean over tickets currently solved).",
    rep_replies_per_ticket,
    rules="All public rep replies of the ticket count, including any after a reopen."))
register(Metric(
    "customer_replies_per_ticket", SECTION, "mean", "solved_at",
    "Customer messages after the first one, per solved ticket (mean over tickets currently "
    "solved).",
    customer_replies_per_ticket))
