"""Volume and workload: how much comes in, goes out, piles up and moves around."""

from __future__ import annotations

import ibis

from supportlens.metrics.context import Context, apply_filter, open_end
from supportlens.metrics.dimensions import PEOPLE_DIMS, TIME_DIMS, owner_at
from supportlens.metrics.periods import TRUNCATE_UNIT
from supportlens.metrics.registry import Metric, register

SECTION = "Volume and workload"


def tickets_created(ctx: Context) -> ibis.Table:
    f = ctx.table("ticket_facts")  # one row per ticket, with the owner at created_at
    return f.select("ticket_id", dated_at=f.created_at, **owner_at(f, "created_at"))


def tickets_resolved(ctx: Context) -> ibis.Table:
    f = ctx.table("ticket_facts")
    f = f.filter(f.solved_at.notnull())
    return f.select("ticket_id", dated_at=f.solved_at, **owner_at(f, "solved_at"))


# By rep or team, up to this many snapshots the backlog is found per snapshot (a join
# whose rows grow with open tickets x snapshots), above it by owner moves (a cost that
# does not grow with snapshots). At 1M tickets by team, on an idle machine: daily over a
# year 3.4 -> 0.9 s and weekly over three years 1.0 -> 0.75 s with the moves; under load
# monthly (37 snapshots) took 1.5 s by the join and 3.7 s by the moves, totals 0.3 and
# 1.7 s.
MAX_SNAPSHOTS_TO_JOIN = 60


def tickets_unresolved(ctx: Context) -> ibis.Table:
    """Tickets inside an unsolved span at each snapshot instant (state of events before
    it), counted as changes (registry: snapshot deltas): +1 where a span begins, -1
    where it ends (weekly at 1M tickets 0.7–1.0 s -> 0.07 s against a join with the
    snapshots). By rep or team each ticket counts for its owner at the snapshot: over
    few snapshots the spans are joined with them (_unresolved_at_snapshots), over many
    the changes also move tickets between owners (_owner_moves). Both give the same
    numbers (tests/handbuilt/test_volume.py).

    By hour_of_day or weekday the spans are always joined with the snapshots: those
    are the snapshot instant's, one per period, so a level summed from changes per
    group would add up only the periods of the same weekday (or hour)."""
    people = any(d in PEOPLE_DIMS for d in ctx.wanted)
    if any(d in TIME_DIMS for d in ctx.wanted) or (
            people and ctx.period_snapshots().count <= MAX_SNAPSHOTS_TO_JOIN):
        return _unresolved_at_snapshots(ctx)
    spans = ctx.table("unsolved_spans")
    one = ibis.literal(1, "int64")
    begins = spans.select("ticket_id", change_at=spans.span_from, delta=one)
    ends = spans.filter(spans.span_to.notnull()).select(
        "ticket_id", change_at=spans.span_to, delta=-one)
    parts = [begins, ends]
    if people:
        nobody = ibis.null("string")
        parts = [p.mutate(owner_rep=nobody, owner_team=nobody) for p in parts]
        parts += _owner_moves(ctx)
    return _in_snapshot_periods(ctx, ibis.union(*parts, distinct=False))


def _owner_moves(ctx: Context) -> list[ibis.Table]:
    """Changes that move a ticket from nobody to its owner and back. A ticket counts at
    a snapshot for the owner at its last instant (owner_at = snap_at - 1 µs), so, like
    a span, an owner span [valid_from, valid_to) holds at snap_at when
    valid_from < snap_at <= valid_to. The piece of an unsolved span under one owner is
    their overlap (owned_unsolved_spans, store/facts.py): at its start the ticket leaves
    nobody (the spans' changes are nobody's) for the owner, at its end it goes back."""
    j = ctx.table("owned_unsolved_spans")
    ended = j.filter(j.piece_to.notnull())
    one, nobody = ibis.literal(1, "int64"), ibis.null("string")
    return [
        j.select("ticket_id", "owner_rep", "owner_team", change_at=j.piece_from, delta=one),
        j.select("ticket_id", change_at=j.piece_from, delta=-one, owner_rep=nobody,
                 owner_team=nobody),
        ended.select("ticket_id", "owner_rep", "owner_team", change_at=ended.piece_to,
                     delta=-one),
        ended.select("ticket_id", change_at=ended.piece_to, delta=one, owner_rep=nobody,
                     owner_team=nobody),
    ]


def by_local_period(ctx: Context) -> bool:
    """Whether _in_snapshot_periods buckets changes by their local period (else by a
    join with the snapshots): with --by."""
    return ctx.period_snapshots().by is not None


def _in_snapshot_periods(ctx: Context, changes: ibis.Table) -> ibis.Table:
    """Each change in the snapshot period that takes it: a span counts at a snapshot
    when span_from < snap_at and it is not over (span_to >= snap_at), so a change goes
    to the period with since <= change < snap_at; changes at or after the last snapshot
    go nowhere, and those before the first go to the first.

    Periods follow one another, so that period is the one the change's local time falls
    in (or the first), as other metrics find theirs: 2M changes at 1M tickets are
    bucketed with no join (40 -> 31 ms weekly). For totals (one snapshot) the period is
    found by a join with the snapshots, by UTC day. Changes are never grouped by
    hour_of_day or weekday (see tickets_unresolved), the only readers of their date."""
    snaps = ctx.period_snapshots()
    keep = [c for c in ("owner_rep", "owner_team") if c in changes.columns]
    if by_local_period(ctx):
        assert snaps.by is not None
        changes = changes.filter(changes.change_at < snaps.last_end)
        local = ctx.with_local_time(changes, "change_at", "local_change")
        first = ibis.literal(snaps.first_period, type="date").cast("timestamp")
        period = ibis.greatest(local.local_change.truncate(TRUNCATE_UNIT[snaps.by]), first)
        return local.select("ticket_id", "delta", *keep, period_start=period,
                            dated_at=local.change_at)
    days = snaps.days
    first_start = ibis.literal(snaps.first_start, type="timestamp")
    changes = changes.mutate(day=ibis.greatest(changes.change_at, first_start).truncate("D"))
    joined = changes.join(days, [changes.day == days.day, changes.change_at >= days.since,
                                 changes.change_at < days.snap_at])
    return joined.select("ticket_id", "period_start", "delta", *keep, dated_at=joined.owner_at)


def _unresolved_at_snapshots(ctx: Context) -> ibis.Table:
    """One record per ticket unsolved at each snapshot (the owner then is looked up at
    dated_at, the snapshot's last instant)."""
    spans = ctx.table("unsolved_spans")
    snaps = ctx.period_snapshots().table
    joined = spans.join(snaps, [spans.span_from < snaps.snap_at,
                                open_end(spans.span_to) >= snaps.snap_at])
    return joined.select("ticket_id", "period_start", dated_at=joined.owner_at)


def tickets_reopened(ctx: Context) -> ibis.Table:
    r = ctx.table("reopen_events")
    return r.select("ticket_id", key=r.ticket_id, dated_at=r["at"], **owner_at(r, "at"))


def tickets_reassigned(ctx: Context) -> ibis.Table:
    r = ctx.table("reassignment_events")
    return r.select("ticket_id", key=r.ticket_id, dated_at=r["at"], **owner_at(r, "at"))


def escalation_rate(ctx: Context) -> ibis.Table:
    f = ctx.table("ticket_facts")
    reason = ctx.own_filter("reason")
    if reason is None:  # ticket_facts counts every `escalated` event
        return f.select("ticket_id", dated_at=f.created_at, hit=f.escalations > 0,
                        **owner_at(f, "created_at"))
    e = ctx.table("ticket_events")
    e = e.filter((e.type == "escalated") & apply_filter(e.reason, reason))
    escalated = e.select(esc_ticket=e.ticket_id).distinct()
    j = f.left_join(escalated, f.ticket_id == escalated.esc_ticket)
    return j.select("ticket_id", dated_at=j.created_at, hit=j.esc_ticket.notnull(),
                    **owner_at(j, "created_at"))


def messages(ctx: Context) -> ibis.Table:
    m = ctx.table("message_records")  # public customer and rep messages (record_facts.py)
    return m.select(
        "ticket_id",
        dated_at=m["at"],
        direction=m.sent.ifelse("sent", "received"),
        rep_id=m.rep_id,
    )


def rep_replies(ctx: Context) -> ibis.Table:
    m = ctx.table("message_records")
    m = m.filter(m.sent)
    return m.select("ticket_id", dated_at=m["at"], rep_id=m.rep_id)


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
