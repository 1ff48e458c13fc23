"""Interval metrics: spans of time cut into report periods, summed or swept for concurrency.

Records of the kinds `interval` and `concurrency` are half-open spans
``[start_at, end_at)`` (naive UTC) with a `key` (what `n` counts: distinct keys, e.g.
reps) and any dimension columns. A span is not dated by one instant: it counts in every
period it overlaps, for the part inside it. So before the engine groups anything, each
span is clipped to the report's window and cut into *pieces* at a grid of local
boundaries (every local midnight, and every local hour start when `hour_of_day` is
asked for); a piece is dated by its start, so the usual period, `weekday` and
`hour_of_day` lookups on `dated_at` are exact for the whole piece. Midnights are always
cut, so periods of any frequency (all start at a local midnight) and the dates of the
first and last piece (the range a report shows) come out right.

* `interval`: the value is the sum of the pieces' seconds, reported in hours.
* `concurrency`: the value is the largest number of pieces that hold at one instant
  inside a (period, group) row: a sweep over the pieces' endpoints, +1 at a start and
  -1 at an end, ordered by time and, at one instant, ends before starts, run per group
  (see `peak`) and its highest level taken per row. Because the spans are half-open, a
  span ending at t and another starting at t never overlap, while two spans starting at
  the very same t do. Cutting a span into pieces does not change the count (its -1 and
  +1 at a cut cancel at that instant).

Everything is plain Ibis (a range join with the grid, a cumulative window sum), so it
runs on any backend that holds the store.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import ibis
import pyarrow as pa

from supportlens.metrics import periods as per
from supportlens.metrics.context import regrouped, stable_view

INTERVAL_KINDS = ("interval", "concurrency")
_UTC = dt.UTC
_EPOCH = dt.datetime(1970, 1, 1)  # naive UTC, as the stored timestamps


def data_span(records: ibis.Table, params: dict[Any, Any]) -> tuple[
        dt.datetime, dt.datetime] | None:
    """(earliest start, latest end) of the records, or None when there are none; `params`
    sets the expression's parameters (compiled.NOW).

    Runs one small query; needed only when the report has no --from or no --to."""
    span = records.aggregate(lo=records.start_at.min(), hi=records.end_at.max())
    row = span.to_pyarrow(params=params)
    lo, hi = row["lo"][0].as_py(), row["hi"][0].as_py()
    if lo is None or hi is None or hi <= lo:
        return None
    return lo, hi


def cut_points(tz: str, lo: dt.datetime, hi: dt.datetime, hourly: bool) -> list[dt.datetime]:
    """Naive-UTC instants strictly inside (lo, hi) where a local day (or hour) begins.

    Local hours are converted with both folds, so an hour repeated when the clocks go
    back is cut twice and a skipped one not at all (its fold-0 reading is the jump)."""
    zone = ZoneInfo(tz)
    first, last = per.local_date(lo, tz), per.local_date(hi, tz)
    hours = range(24) if hourly else range(1)
    points: set[dt.datetime] = set()
    day = first
    while day <= last:
        for hour in hours:
            for fold in (0, 1):
                local = dt.datetime.combine(day, dt.time(hour), tzinfo=zone).replace(fold=fold)
                instant = local.astimezone(_UTC).replace(tzinfo=None)
                if lo < instant < hi:
                    points.add(instant)
        day += dt.timedelta(days=1)
    return sorted(points)


def utc_midnights(lo: dt.datetime, hi: dt.datetime) -> list[dt.datetime]:
    """Naive-UTC midnights strictly inside (lo, hi)."""
    day = dt.datetime.combine(lo.date(), dt.time()) + dt.timedelta(days=1)
    out = []
    while day < hi:
        out.append(day)
        day += dt.timedelta(days=1)
    return out


@functools.lru_cache(maxsize=64)
def grid(tz: str, lo: dt.datetime, hi: dt.datetime, hourly: bool) -> ibis.Table:
    """The buckets (b_start, b_end, b_day) that partition [lo, hi) at local days (or
    hours) and at UTC midnights; b_day is the UTC midnight that starts a bucket's day.

    The extra cuts at UTC midnights change no sum (both halves of a local day or hour
    stay in it) and no peak, and give every bucket one UTC day, so spans can be matched
    to buckets by an equi-join on the day rather than by a slow pure range join.

    Made once per argument set: the same in-memory table keeps a report's expression
    equal from one request to the next, so its compiled SQL is reused (compiled.py)."""
    edges = sorted({lo, hi, *cut_points(tz, lo, hi, hourly), *utc_midnights(lo, hi)})
    starts = edges[:-1]
    days = [dt.datetime.combine(b.date(), dt.time()) for b in starts]
    table = pa.table({"b_start": pa.array(starts, pa.timestamp("us")),
                      "b_end": pa.array(edges[1:], pa.timestamp("us")),
                      "b_day": pa.array(days, pa.timestamp("us"))})
    return ibis.memtable(table)


def by_utc_day(t: ibis.Table, out: str) -> ibis.Table:
    """`t` with one row per UTC day its span [start_at, end_at) touches; `out` is that
    day's midnight (naive UTC timestamp). Spans must not be empty."""
    days = ibis.range(t.start_at.truncate("D"), t.end_at, ibis.interval(days=1))
    return t.mutate(**{out: days.unnest()})


UTC_DAY = "utc_day"  # see pieces()

SpanOf = Callable[[ibis.Table], "tuple[dt.datetime, dt.datetime] | None"]


def pieces(records: ibis.Table, lo: dt.datetime | None, hi: dt.datetime | None, tz: str,
           hourly: bool, span_of: SpanOf) -> ibis.Table:
    """The records' spans clipped to [lo, hi) and cut at the local grid, each piece
    dated by its start (`dated_at`). Open bounds are taken from the data: `span_of`
    (the engine's remembered data_span) gives the records' earliest start and latest end.

    Records whose every span lies within one UTC day may say which in a column
    `utc_day` (its midnight): they are not split by day again."""
    if lo is None or hi is None:
        span = span_of(records)
        lo, hi = (lo or span[0], hi or span[1]) if span else (lo, hi)
    if lo is None or hi is None or hi <= lo:  # no data, or nothing between the bounds
        return records.filter(ibis.literal(False)).mutate(dated_at=records.start_at)
    g = grid(tz, lo, hi, hourly)
    cols = [c for c in records.columns if c not in ("start_at", "end_at", "dated_at", UTC_DAY)]
    t = records.mutate(start_at=ibis.greatest(records.start_at, lo),
                       end_at=ibis.least(records.end_at, hi))
    t = t.filter(t.end_at > t.start_at)
    # Spans that lie within their `utc_day` have no list of days to unnest.
    within_a_day = UTC_DAY in t.columns
    t = t.rename(i__day=UTC_DAY) if within_a_day else by_utc_day(t, "i__day")
    # The view: ibis cannot extend a join chain whose select computes values.
    t = stable_view(t)
    joined = t.join(g, [t.i__day == g.b_day, t.start_at < g.b_end, t.end_at > g.b_start])
    start = ibis.greatest(joined.start_at, joined.b_start)
    return joined.select(*cols, start_at=start, end_at=ibis.least(joined.end_at, joined.b_end),
                         dated_at=start)


def measures(t: ibis.Table) -> dict[str, ibis.Value]:
    """An `interval` row: hours summed over its pieces; n = distinct keys."""
    return {"value": t.seconds.sum() / 3600.0, "n": t.key.nunique()}


def peak(t: ibis.Table, keys: list[str], one_sort: bool = False) -> ibis.Table:
    """A `concurrency` row per `keys` (period and groups): the most pieces holding at one
    instant (`value`), distinct keys (`n`) and the local times of the first and last piece.

    The running level is a sum of the +1/-1 events in time order, per group. Every piece
    adds its +1 and its -1 to the same group, so a group's events sum to 0 and the level
    at an event counts the group's pieces holding then, however the events are split:
    - `one_sort` (DuckDB): one window over all events, ordered by the groups other than
      period, then time. The groups follow each other in the order, each starting from
      0. One global sort beats many small ones there, the more so without the day to
      carry (max_available_reps' query at 1M tickets: 0.30 -> 0.16 s; by team 0.36 ->
      0.31 s).
    - otherwise, a window per local day and group (no piece crosses a local midnight, so
      a period's peak is the largest of its days'), which a distributed engine spreads
      over its workers instead of sorting on one.

    The events carry only what orders and sums them (on DuckDB one integer for time and
    end-before-start): n and the first and last times are aggregated from the pieces
    beside the sweep, and both meet in one grouping (context.regrouped).
    The sort then moves less than half the bytes (the query at 1M tickets: 0.124 ->
    0.108 s; by team 0.215 -> 0.199 s)."""
    # Ends before starts at one instant: half-open spans that only touch never overlap.
    if one_sort:  # one integer orders both: microseconds, then the end (0) or start (1)
        starts = t.select(*keys, tick=_micros(t.start_at) * 2 + 1,
                          delta=ibis.literal(1, "int64"))
        ends = t.select(*keys, tick=_micros(t.end_at) * 2, delta=ibis.literal(-1, "int64"))
    else:  # the day only where it partitions the sweep
        day = t.local_at.truncate("D")
        starts = t.select(*keys, p__day=day, at=t.start_at, delta=ibis.literal(1, "int64"))
        ends = t.select(*keys, p__day=day, at=t.end_at.cast(t.start_at.type()),
                        delta=ibis.literal(-1, "int64"))
    events = starts.union(ends, distinct=False)
    groups = [events[k] for k in keys if k != "period"]
    if one_sort:
        w = ibis.cumulative_window(order_by=[*groups, events.tick])
    else:
        w = ibis.cumulative_window(group_by=[events.p__day, *groups],
                                   order_by=[events.at, events.delta])
    levels = events.select(*keys, value=events.delta.sum().over(w))
    facts = t.group_by(keys).aggregate(n=t.key.nunique(), first_at=t.local_at.min(),
                                       last_at=t.local_at.max())
    return regrouped([levels, facts], keys,
                     {"value": "max", "n": "max", "first_at": "min", "last_at": "max"})


def _micros(at: ibis.Value) -> ibis.Value:
    """Microseconds since 1970 of a naive-UTC timestamp."""
    return at.delta(_EPOCH, unit="microsecond")
