"""AI customer agent: how much it handles, resolves, deflects and hands off.

A conversation is AI-handled when it has at least one public AI reply. Its resolution
status is derived once per import (store/ai_facts.py) except for `pending`, which
depends on `now`: a conversation is pending while its evaluation time T is after now.
"""

from __future__ import annotations

import ibis

from supportlens.metrics.context import Context, seconds_between
from supportlens.metrics.dimensions import UNASSIGNED, owner_at, owner_columns
from supportlens.metrics.registry import Extra, Metric, register

SECTION = "AI customer agent"
CREATED = "created_at"
HANDOFF = "first_handoff_at"
JUDGED = "t_at"  # ai_facts: when the conversation is judged (T)


def handled(ctx: Context) -> ibis.Table:
    """AI-handled conversations with their facts and status as of `now`."""
    f = ctx.table("ticket_facts")
    a = ctx.table("ai_facts")
    a = a.select(a_ticket=a.ticket_id, r_at=a.r_at, t_at=a.t_at, resolved_at_t=a.resolved_at_t,
                 **{c: a[c] for c in owner_columns(JUDGED)})
    j = f.filter(f.ai_replies > 0).join(a, f.ticket_id == a.a_ticket)
    pending = j.t_at > ctx.now_value
    now = ctx.now_value
    return j.mutate(
        pending=pending,
        ai_resolved=~pending & j.resolved_at_t,
        deflected=(j.first_handoff_at.isnull() | (j.first_handoff_at > now))
        & (j.first_rep_reply_at.isnull() | (j.first_rep_reply_at > now)),
        handed_off=j.first_handoff_at.notnull(),
    )


def ai_conversations(ctx: Context) -> ibis.Table:
    h = handled(ctx)
    return h.select("ticket_id", dated_at=h.created_at, **owner_at(h, CREATED))


def ai_handling_rate(ctx: Context) -> ibis.Table:
    f = ctx.table("ticket_facts")
    return f.select("ticket_id", dated_at=f.created_at, hit=f.ai_replies > 0,
                    **owner_at(f, CREATED))


def ai_resolutions(ctx: Context) -> ibis.Table:
    h = handled(ctx)
    h = h.filter(h.ai_resolved)
    return h.select("ticket_id", dated_at=h.created_at, **owner_at(h, CREATED))


def ai_resolution_rate(ctx: Context) -> ibis.Table:
    h = handled(ctx)
    h = h.filter(~h.pending)
    return h.select("ticket_id", dated_at=h.created_at, hit=h.ai_resolved,
                    **owner_at(h, CREATED))


def ai_resolution_time(ctx: Context) -> ibis.Table:
    h = handled(ctx)
    h = h.filter(h.ai_resolved)
    return h.select("ticket_id", dated_at=h.created_at, start_at=h.created_at,
                    end_at=h.r_at, **owner_at(h, CREATED))


def ai_deflections(ctx: Context) -> ibis.Table:
    h = handled(ctx)
    h = h.filter(h.deflected)
    return h.select("ticket_id", dated_at=h.created_at, **owner_at(h, CREATED))


def ai_deflection_rate(ctx: Context) -> ibis.Table:
    h = handled(ctx)
    return h.select("ticket_id", dated_at=h.created_at, hit=h.deflected,
                    **owner_at(h, CREATED))


def ai_handoffs(ctx: Context) -> ibis.Table:
    h = handled(ctx)
    h = h.filter(h.handed_off)
    return h.select("ticket_id", dated_at=h.first_handoff_at,
                    initiator=h.first_handoff_initiator, **owner_at(h, HANDOFF))


def ai_handoff_rate(ctx: Context) -> ibis.Table:
    h = handled(ctx)
    return h.select("ticket_id", dated_at=h.created_at, hit=h.handed_off,
                    **owner_at(h, CREATED))


def ai_handoff_outcome(ctx: Context) -> ibis.Table:
    h = handled(ctx)
    h = h.filter(h.handed_off)
    solved = h.solved_at.notnull()
    seconds = solved.ifelse(seconds_between(h.first_ai_reply_at, h.solved_at),
                            ibis.null("float64"))
    return h.select("ticket_id", dated_at=h.first_handoff_at, hit=solved, solve_seconds=seconds,
                    **owner_at(h, HANDOFF))


def ai_feedback(ctx: Context) -> ibis.Table:
    fb = ctx.table("feedback_facts")  # with the rated message's ticket
    return fb.select("ticket_id", dated_at=fb["at"], rating=fb.rating, **owner_at(fb, "at"))


def ai_helpful_rate(ctx: Context) -> ibis.Table:
    fb = ctx.table("feedback_facts")
    return fb.select("ticket_id", dated_at=fb["at"], hit=fb.rating == "helpful",
                     **owner_at(fb, "at"))


def resolutions_by_resolver(ctx: Context) -> ibis.Table:
    """AI-resolved conversations (dated by T) and other solved tickets (by their owner)."""
    h = handled(ctx)
    h = h.filter(h.ai_resolved)
    by_ai = h.select("ticket_id", dated_at=h.t_at, resolver=ibis.literal("ai_agent"),
                     **owner_at(h, JUDGED))
    ai_ids = by_ai.select(ai_ticket=by_ai.ticket_id)
    f = ctx.table("ticket_facts")
    solved = f.filter(f.solved_at.notnull())
    solved = solved.select("ticket_id", "solved_at", **owner_at(solved, "solved_at"))
    solved = solved.left_join(ai_ids, solved.ticket_id == ai_ids.ai_ticket)
    solved = solved.filter(solved.ai_ticket.isnull())
    by_rep = solved.select("ticket_id", dated_at=solved.solved_at,
                           resolver=solved.owner_rep.fill_null(UNASSIGNED),
                           owner_rep=solved.owner_rep, owner_team=solved.owner_team)
    return ibis.union(by_ai, by_rep)


STATUS_RULES = ("Pending conversations (T after now) are left out; a conversation's status "
                "never changes after T.")

register(Metric(
    "ai_conversations", SECTION, "count", CREATED,
    "AI-handled conversations (at least one public AI reply): handled by the agent, "
    "resolved or escalated. Also the chatbot-conversations count.",
    ai_conversations))
register(Metric(
    "ai_handling_rate", SECTION, "rate", CREATED,
    "AI-handled conversations / all conversations (filter channel=chat for chats only).",
    ai_handling_rate))
register(Metric(
    "ai_resolutions", SECTION, "count", CREATED,
    "AI-handled conversations whose resolution status is `resolved`: judged at T (72 hours "
    "after the AI agent's last reply) on sources or actions used, no human asked for, no "
    "negative feedback on that last reply, and no handoff or rep reply.",
    ai_resolutions, rules=STATUS_RULES))
register(Metric(
    "ai_resolution_rate", SECTION, "rate", CREATED,
    "Resolved / AI-handled conversations that are not pending.",
    ai_resolution_rate, rules=STATUS_RULES))
register(Metric(
    "ai_resolution_time", SECTION, "duration", CREATED,
    "For resolved conversations: the AI agent's last reply r − created_at.",
    ai_resolution_time))
register(Metric(
    "ai_deflections", SECTION, "count", CREATED,
    "Deflected conversations: AI-handled with, as of now, no handoff and no rep reply. "
    "A deflection is not always a resolution (the visitor may have left).",
    ai_deflections))
register(Metric(
    "ai_deflection_rate", SECTION, "rate", CREATED,
    "Deflected / AI-handled conversations (also the bot success rate).",
    ai_deflection_rate))
register(Metric(
    "ai_handoffs", SECTION, "count", "first handoff",
    "AI-handled conversations with a `handoff` to a human, whoever initiated it; dimension "
    "`initiator` (of the first handoff: ai_agent, automation, manual, visitor).",
    ai_handoffs, dimensions=("initiator",)))
register(Metric(
    "ai_handoff_rate", SECTION, "rate", CREATED,
    "AI-handled conversations with a handoff / AI-handled conversations.",
    ai_handoff_rate))
register(Metric(
    "ai_handoff_outcome", SECTION, "rate", "first handoff",
    "Handed-off conversations now solved / handed-off conversations.",
    ai_handoff_outcome,
    extras=(Extra("mean_time_to_solve", "mean seconds from the first AI reply to solved_at, "
                  "over the solved ones", lambda t: t.solve_seconds.mean(), "seconds"),)))
register(Metric(
    "ai_feedback", SECTION, "count", "at",
    "Visitor feedback on AI replies; dimension `rating` (helpful, not_helpful).",
    ai_feedback, dimensions=("rating",)))
register(Metric(
    "ai_helpful_rate", SECTION, "rate", "at",
    "`helpful` feedback / all feedback on AI replies.",
    ai_helpful_rate))
register(Metric(
    "resolutions_by_resolver", SECTION, "count", "T or solved_at",
    "Conversations solved, by who solved them (dimension `resolver`): `ai_agent` for "
    "AI-resolved conversations (dated by T), else the ticket's owner at solved_at (dated by "
    "solved_at) — the AI agent in your team.",
    resolutions_by_resolver, dimensions=("resolver",),
    rules="A conversation the AI resolved counts once, for the AI agent, even if a rep "
          "later solved the ticket. Pending conversations count only once solved by a rep."))
