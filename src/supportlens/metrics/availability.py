"""Rep availability (scheduling): time in each status, off-schedule availability, peaks.

All three metrics read *stays*: a rep is in a status from a rep_status row until the
rep's next row (the last one until now). A stay is a half-open span [start_at, end_at),
so these are interval metrics (intervals.py): each stay counts in every period it
overlaps, for the part inside it.
"""

from __future__ import annotations

import ibis

from supportlens.metrics.context import Context, stable_view
from supportlens.metrics.intervals import UTC_DAY, by_utc_day
from supportlens.metrics.registry import Extra, Metric, register

SECTION = "Rep availability (scheduling)"
AVAILABLE = "available"
DEFAULT_SCHEDULE = "default"

STAY_RULES = (
    "A rep is in a status from a rep_status row until the rep's next row; the last one "
    "lasts until now. The time before a rep's first row is unknown and not counted (it is "
    "not offline). Rows after now have not happened yet and are ignored. Two rows of one "
    "rep at the same instant: the one with the greater status_id holds, the other lasts "
    "no time. A stay counts in every period it overlaps, for the part inside it (periods "
    "in the workspace timezone; --from/--to clip it the same way), and with hour_of_day or "
    "weekday it is cut at local hours or days. `team` is the rep's team in `reps`; n is "
    "the number of distinct reps in the row.")


def status_stays(ctx: Context) -> ibis.Table:
    """Every stay of every rep, as pieces within a UTC day: rep_id, key (the rep, what n
    counts), rep, team, status, the rep's schedule_id, start_at, end_at (the next row
    of the rep, or now) and `utc_day` (intervals.UTC_DAY: one row per UTC day a stay
    touches).

    `rep` and `team` are the metric's own dimensions (record columns): the shared
    dimension lookup only knows ticket-based records. `rep_id` stays for that lookup."""
    s = ctx.table("rep_stays")  # stays cut at UTC midnights (store/facts.py)
    s = s.filter(s.start_at < ctx.now_value)
    # a next row after now has not happened: the stay lasts until now
    ended = s.filter(s.end_at.notnull())
    ended = ended.mutate(end_at=ibis.least(ended.end_at, ctx.now_value))
    # a rep's last stay lasts until now: cut by day here (one row per rep)
    last = s.filter(s.end_at.isnull()).mutate(end_at=ctx.now_value).drop(UTC_DAY)
    last = by_utc_day(last, UTC_DAY)
    s = ended.union(last.cast(ended.schema()).select(*ended.columns), distinct=False)
    reps = ctx.table("reps")
    reps = reps.select(r__rep_id=reps.rep_id, r__team=reps.team_id, r__schedule=reps.schedule_id)
    j = s.left_join(reps, s.rep_id == reps.r__rep_id)
    return j.select("rep_id", key=j.rep_id, rep=j.rep_id, team=j.r__team, status=j.status,
                    schedule_id=j.r__schedule, start_at=j.start_at, end_at=j.end_at,
                    **{UTC_DAY: j[UTC_DAY]})


def rep_status_time(ctx: Context) -> ibis.Table:
    """Stays in every status (the schedule is not needed)."""
    return status_stays(ctx).drop("schedule_id")


def available_stays(ctx: Context) -> ibis.Table:
    """Stays in status `available`."""
    s = status_stays(ctx)
    return s.filter(s.status == AVAILABLE).drop("status")


def max_available_reps(ctx: Context) -> ibis.Table:
    """Available stays, for the peak count (the schedule is not needed)."""
    return available_stays(ctx).drop("schedule_id")


def with_schedule(stays: ibis.Table, calendar: ibis.Table) -> ibis.Table:
    """`stays` with `schedule`: the rep's own schedule when the calendar has it, else
    `default` (a rep without a schedule works the workspace's default hours)."""
    known = calendar.select(k__schedule=calendar.schedule_id).distinct()
    j = stays.left_join(known, stays.schedule_id == known.k__schedule)
    return j.mutate(schedule=j.k__schedule.fill_null(DEFAULT_SCHEDULE)).drop(
        "k__schedule", "schedule_id")


def available_by_working_hours(ctx: Context) -> ibis.Table:
    """Available stays cut at the open/close instants of the rep's schedule, each piece
    labelled `working_hours` = `inside` (open) or `outside`.

    The calendar's segments partition every UTC day of every schedule, so each stay's
    piece of a UTC day is matched to the segments of its schedule it overlaps that day
    (an equi-join on schedule and day, then the overlap)."""
    cal = ctx.table("business_calendar")  # a view per use: ibis needs them for self-joins
    stays = with_schedule(available_stays(ctx), stable_view(cal, 1)).rename(u__day=UTC_DAY)
    stays = stable_view(stays.mutate(u__date=stays.u__day.date()))
    seg = stable_view(cal, 2)
    seg = seg.select(g__schedule=seg.schedule_id, g__day=seg.day, g__start=seg.seg_start,
                     g__end=seg.seg_end, g__open=seg.is_open)
    j = stays.join(seg, [stays.schedule == seg.g__schedule, stays.u__date == seg.g__day,
                         stays.start_at < seg.g__end, stays.end_at > seg.g__start])
    # a piece lies within its segment's UTC day (intervals.pieces need not split it)
    return j.select("rep_id", "key", "rep", "team",
                    working_hours=j.g__open.ifelse("inside", "outside"),
                    start_at=ibis.greatest(j.start_at, j.g__start),
                    end_at=ibis.least(j.end_at, j.g__end), **{UTC_DAY: j.u__day})


def _reps_outside(t: ibis.Table) -> ibis.Value:
    return t.key.nunique(where=t.working_hours == "outside")


register(Metric(
    "rep_status_time", SECTION, "interval", "period overlap",
    "Hours each rep spent in each status (available, busy, away, offline), clipped to the "
    "period; dimensions `rep`, `team`, `status`.",
    rep_status_time, dimensions=("rep", "team", "status"),
    rules=STAY_RULES + " With --hours business only the `default` schedule's hours count."))
register(Metric(
    "available_outside_hours", SECTION, "interval", "period overlap",
    "Hours `available` inside and outside the rep's own schedule (dimension "
    "`working_hours`: `inside`/`outside`), with the number of reps who had any available "
    "time outside it.",
    available_by_working_hours, dimensions=("working_hours", "rep", "team"),
    extras=(Extra("reps_outside", "distinct reps with any available time outside their "
                  "schedule in the row", _reps_outside, "count"),),
    rules="Available stays as in rep_status_time. The schedule is the rep's own "
          "(reps.schedule_id) in its own timezone, on its days and hours, closed on its "
          "holidays, with DST as the calendar handles it (business hours); a rep without a "
          "schedule, or with one that was not imported, is measured against `default` "
          "(every hour when no `default` was imported). Time beyond the business calendar "
          "(it spans from a month before the data to three years after the import) is not "
          "classified."))
register(Metric(
    "max_available_reps", SECTION, "concurrency", "peak in the period",
    "The most reps `available` at the same moment in the period (by day; by hour with "
    "--group-by hour_of_day).",
    max_available_reps, dimensions=("rep", "team"),
    rules="Stays are half-open, [row, next row): a rep who becomes available at the very "
          "instant another one leaves does not overlap them (1, not 2), while two reps "
          "becoming available at the very same instant are both counted (2). Grouped by "
          "team, each team's own peak; with --by day and --group-by hour_of_day, the peak "
          "of each hour of each day. n is the number of distinct reps available at some "
          "time in the row; a period where nobody was available is 0. Stays as in "
          "rep_status_time."))
