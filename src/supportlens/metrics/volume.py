"""Volume and workload: how much comes in, goes out, piles up and moves around."""

from __future__ import annotations

import ibis

from supportlens.metrics.context import Context, apply_filter, open_end
from supportlens.metrics.dimensions import PEOPLE_DIMS
from supportlens.metrics.registry import Metric, register

SECTION = "Volume and workload"


def tickets_created(ctx: Context) -> ibis.Table:
    t = ctx.table("tickets")
    return t.select("ticket_id", dated_at=t.created_at)


def tickets_resolved(ctx: Context) -> ibis.Table:
    f = ctx.table("ticket_facts")
    return f.filter(f.solved_at.notnull()).select("ticket_id", dated_at=f.solved_at)


def tickets_unresolved(ctx: Context) -> ibis.Table:
    """Tickets inside an unsolved span at each snapshot instant (state of events before it).

    By rep or team each ticket needs its owner at each snapshot, so the spans are joined
    with the snapshots; otherwise the backlog is counted as changes (registry: snapshot
    deltas), the same numbers: weekly at 1M tickets 0.7–1.0 s -> 0.07 s."""
    if any(d in PEOPLE_DIMS for d in ctx.wanted):
        return _unresolved_at_snapshots(ctx)
    return _unresolved_changes(ctx)


def _unresolved_changes(ctx: Context) -> ibis.Table:
    """+1 where an unsolved span begins and -1 where it ends, in the snapshot period that
    takes the change: a span counts at a snapshot when span_from < snap_at and it is not
    over (span_to >= snap_at), so each change goes to the period with
    since <= change < snap_at; changes at or after the last snapshot go nowhere. The
    period is found by its UTC day (ctx.snapshot_days); a change before the first
    snapshot is looked up on the first snapshot's first day."""
    spans = ctx.table("unsolved_spans")
    snaps = ctx.snapshot_days
    one = ibis.literal(1, "int64")
    begins = spans.select("ticket_id", change_at=spans.span_from, delta=one)
    ends = spans.filter(spans.span_to.notnull()).select(
        "ticket_id", change_at=spans.span_to, delta=-one)
    changes = begins.union(ends, distinct=False)
    first = ibis.literal(ctx.snapshots_from, type="timestamp")
    changes = changes.mutate(day=ibis.greatest(changes.change_at, first).truncate("D"))
    joined = changes.join(snaps, [changes.day == snaps.day, changes.change_at >= snaps.since,
                                  changes.change_at < snaps.snap_at])
    return joined.select("ticket_id", "period_start", "delta", dated_at=joined.owner_at)


def _unresolved_at_snapshots(ctx: Context) -> ibis.Table:
    """One record per ticket unsolved at each snapshot (the owner then is looked up at
    dated_at, the snapshot's last instant)."""
    spans = ctx.table("unsolved_spans")
    snaps = ctx.snapshots
    joined = spans.join(
        snaps,
        [spans.span_from < snaps.snap_at,
         open_end(spans.span_to) >= snaps.snap_at],
    )
    return joined.select("ticket_id", "period_start", dated_at=joined.owner_at)


def tickets_reopened(ctx: Context) -> ibis.Table:
    r = ctx.table("reopen_events")
    return r.select("ticket_id", key=r.ticket_id, dated_at=r["at"])


def tickets_reassigned(ctx: Context) -> ibis.Table:
    r = ctx.table("reassignment_events")
    return r.select("ticket_id", key=r.ticket_id, dated_at=r["at"])


def escalation_rate(ctx: Context) -> ibis.Table:
    t = ctx.table("tickets")
    e = ctx.table("ticket_events")
    e = e.filter(e.type == "escalated")
    reason = ctx.own_filter("reason")
    if reason is not None:
        e = e.filter(apply_filter(e.reason, reason))
    escalated = e.select(esc_ticket=e.ticket_id).distinct()
    j = t.left_join(escalated, t.ticket_id == escalated.esc_ticket)
    return j.select("ticket_id", dated_at=j.created_at, hit=j.esc_ticket.notnull())


def messages(ctx: Context) -> ibis.Table:
    m = ctx.table("messages")
    m = m.filter(m.public.fill_null(True) & m.author_type.isin(["customer", "rep"]))
    is_rep = m.author_type == "rep"
    return m.select(
        "ticket_id",
        dated_at=m["at"],
        direction=is_rep.ifelse("sent", "received"),
        rep_id=is_rep.ifelse(m.author_id, ibis.null("string")),
    )


def rep_replies(ctx: Context) -> ibis.Table:
    m = ctx.table("messages")
    m = m.filter(m.public.fill_null(True) & (m.author_type == "rep"))
    return m.select("ticket_id", dated_at=m["at"], rep_id=m.author_id)


register(Metric(
    "tickets_created", SECTION, "count", "created_at",
    "Tickets created: support volume, by channel, type, region, rep or team; grouped by "
    "hour_of_day and weekday it is the ticket-load heatmap.",
    tickets_created))
register(Metric(
    "tickets_resolved", SECTION, "count", "solved_at",
    "Tickets currently solved (resolved or closed) whose solved state began in the period.",
    tickets_resolved,
    rules="A ticket resolved and then closed counts once, at the resolve: closing does not "
          "start a new solved state. A reopened and re-solved ticket counts at its last solve."))
register(Metric(
    "tickets_unresolved", SECTION, "snapshot", "period end",
    "Backlog: tickets created before the end of the period and not solved at that moment, "
    "a snapshot at each period's end.",
    tickets_unresolved,
    rules="The snapshot is taken at the instant the period ends (the next period's start, "
          "excluded): events at that very instant belong to the next period. Totals snapshot "
          "at the end of --to, or at now without --to. Grouping by rep or team uses the owner "
          "at the snapshot."))
register(Metric(
    "tickets_reopened", SECTION, "distinct", "reopen time",
    "Distinct tickets with a reopen (a change from a solved status to a non-solved one) in "
    "the period.",
    tickets_reopened))
register(Metric(
    "tickets_reassigned", SECTION, "distinct", "reassignment time",
    "Distinct tickets with a reassignment (an `assigned` event whose rep differs from the "
    "previous non-null rep) in the period.",
    tickets_reassigned,
    rules="Assigning the same rep again, or unassigning, is not a reassignment."))
register(Metric(
    "escalation_rate", SECTION, "rate", "created_at",
    "Tickets with an `escalated` event / tickets created. Filter `reason=sla_breach` for SLA "
    "escalations (the filter narrows the escalations, not the tickets counted).",
    escalation_rate, own_filters=("reason",)))
register(Metric(
    "messages", SECTION, "count", "at",
    "Public customer and rep messages; dimension `direction` (`received` from customers, "
    "`sent` by reps). By hour_of_day it is the message-load report.",
    messages, dimensions=("direction",),
    rules="Internal notes, AI replies and system messages are not counted. Grouped by rep, "
          "sent messages count for their author and received ones have no rep."))
register(Metric(
    "rep_replies", SECTION, "count", "at",
    "Rep replies (public messages by reps), grouped by the replying rep.",
    rep_replies))
