"""Speed: how long customers wait for a reply, a resolution, an assignment."""

from __future__ import annotations

import ibis

from supportlens.metrics.context import Context
from supportlens.metrics.dimensions import owner_at
from supportlens.metrics.registry import Metric, Option, register

SECTION = "Speed"

INCLUDE_AI = Option("include_ai", "count the first reply of either kind (rep or AI agent), "
                    "measured from created_at", ("true", "false"), "false")


def _elapsed(ctx: Context, end: str) -> ibis.Table:
    """Tickets with ticket_facts.`end` set: from created_at to `end`, dated by `end`."""
    f = ctx.table("ticket_facts")
    f = f.filter(f[end].notnull())
    return f.select("ticket_id", dated_at=f[end], start_at=f.created_at, end_at=f[end],
                    **owner_at(f, end))


def first_response_time(ctx: Context) -> ibis.Table:
    f = ctx.table("ticket_facts")
    if ctx.flag("include_ai"):
        first = ibis.least(f.first_rep_reply_at, f.first_ai_reply_at)
        f = f.filter(first.notnull())
        return f.select("ticket_id", dated_at=first, start_at=f.created_at, end_at=first)
    f = f.filter(f.first_rep_reply_at.notnull())
    handed_off = f.first_handoff_at.notnull() & (f.first_handoff_at <= f.first_rep_reply_at)
    start = handed_off.ifelse(f.first_handoff_at, f.created_at)
    return f.select("ticket_id", dated_at=f.first_rep_reply_at, start_at=start,
                    end_at=f.first_rep_reply_at, **owner_at(f, "first_rep_reply_at"))


def chat_wait_time(ctx: Context) -> ibis.Table:
    r = first_response_time(ctx)
    t = ctx.table("tickets")
    chats = t.filter(t.channel == "chat").select(chat_ticket=t.ticket_id)
    return r.join(chats, r.ticket_id == chats.chat_ticket).drop("chat_ticket")


def response_time(ctx: Context) -> ibis.Table:
    w = ctx.table("reply_waits")
    return w.select("ticket_id", "rep_id", dated_at=w.reply_at, start_at=w.wait_from,
                    end_at=w.reply_at)


def customer_response_time(ctx: Context) -> ibis.Table:
    w = ctx.table("customer_waits")
    return w.select("ticket_id", "rep_id", dated_at=w.message_at, start_at=w.reply_at,
                    end_at=w.message_at)


def resolution_time(ctx: Context) -> ibis.Table:
    return _elapsed(ctx, "solved_at")


def first_resolution_time(ctx: Context) -> ibis.Table:
    return _elapsed(ctx, "first_solved_at")


def time_to_close(ctx: Context) -> ibis.Table:
    return _elapsed(ctx, "closed_at")


def time_to_first_assignment(ctx: Context) -> ibis.Table:
    return _elapsed(ctx, "first_assigned_at")


def time_in_stage(ctx: Context) -> ibis.Table:
    s = ctx.table("stage_stays")
    end = s.last_left_at.fill_null(ctx.now_value)
    return s.select("ticket_id", "stage", dated_at=s.first_entered_at,
                    start_at=s.first_entered_at, end_at=end, **owner_at(s, "first_entered_at"))


register(Metric(
    "first_response_time", SECTION, "duration", "first_rep_reply_at",
    "Time from ticket creation to the first rep reply. For a ticket handed off from the AI "
    "agent the clock starts at its first handoff (the customer waits for a human from then).",
    first_response_time, options=(INCLUDE_AI,),
    rules="Tickets without a rep reply are not measured. If a rep replied before the first "
          "handoff, the clock starts at created_at. With include_ai=true the first reply of "
          "either kind counts, from created_at, and the report is dated by that reply."))
register(Metric(
    "response_time", SECTION, "duration", "reply time",
    "For every rep reply that follows customer messages not yet answered: reply time − the "
    "earliest of those messages. Grouped by customer it is the customer wait time.",
    response_time,
    rules="Only rep replies answer a customer: an AI reply does not stop the wait. Messages "
          "at the same instant are ordered customer first. Grouped by rep: the replying rep."))
register(Metric(
    "customer_response_time", SECTION, "duration", "customer message time",
    "For every customer message that is the first one after a rep reply: its time − that "
    "(latest) rep reply.",
    customer_response_time,
    rules="Grouped by rep: the rep whose reply the customer answered."))
register(Metric(
    "resolution_time", SECTION, "duration", "solved_at",
    "solved_at − created_at for tickets currently solved (total time spent on the ticket).",
    resolution_time))
register(Metric(
    "first_resolution_time", SECTION, "duration", "first_solved_at",
    "first_solved_at − created_at: time to the first solve, whatever happened after.",
    first_resolution_time))
register(Metric(
    "time_to_close", SECTION, "duration", "closed_at",
    "closed_at − created_at for tickets currently closed.",
    time_to_close))
register(Metric(
    "time_to_first_assignment", SECTION, "duration", "first_assigned_at",
    "first_assigned_at − created_at (the first `assigned` event with a rep).",
    time_to_first_assignment))
register(Metric(
    "chat_wait_time", SECTION, "duration", "first_rep_reply_at",
    "first_response_time on tickets with channel `chat`.",
    chat_wait_time, options=(INCLUDE_AI,)))
register(Metric(
    "time_in_stage", SECTION, "duration", "first entry",
    "Per ticket and pipeline stage: (end of the last stay in the stage, or now if still in "
    "it) − (start of the first stay), whatever happened in between; dimension `stage`.",
    time_in_stage, dimensions=("stage",)))
