"""The report engine: one metric's records → rows by period and group.

Every report follows the same steps, whatever the metric:
1. build the metric's records (registry.py explains their shape);
2. keep those dated inside the range (UTC bounds of the local dates); spans of the
   interval kinds are clipped to it and cut at local days or hours (intervals.py);
3. add the local time, the dimensions asked for, and apply the filters;
4. bucket into periods and aggregate by the metric's kind (one SQL query);
5. in Python: fill empty periods, add the comparison, cut to the top N.
Only step 4 touches the data; it runs on whichever Ibis backend holds the store.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

import ibis
import pyarrow as pa

from supportlens.errors import QueryError
from supportlens.metrics import compiled, distinct, gc_pause, intervals
from supportlens.metrics import dimensions as dims_mod
from supportlens.metrics import periods as per
from supportlens.metrics.context import (
    BEGINNING,
    Context,
    Snapshots,
    apply_filter,
    as_number,
    remembered,
    seconds_between,
)
from supportlens.metrics.registry import BACKENDS, Metric, get_metric
from supportlens.metrics.request import ReportRequest
from supportlens.metrics.rows import (
    GroupKey,
    Stats,
    build_rows,
    levels_table,
    rank_key,
    read_result,
    seen_dates,
    value_rows,
)
from supportlens.settings import social_channels
from supportlens.store.calendar import business_clock

# The quantiles a duration row shows beside its mean: median and p90 (rows.stats_of).
QUANTILES = [0.5, 0.9]

# A duration record's own end_at - start_at in seconds, when it has it (registry.py)
SECONDS = "seconds"


def running_levels(changes: dict[tuple[dt.date | None, GroupKey], Stats],
                   periods: list[dt.date | None],
                   kind: str = "snapshot") -> dict[tuple[dt.date | None, GroupKey], Stats]:
    """Snapshot levels from per-period net changes: per group, the running sum of n over
    the periods in order. A snapshot's value is its level; a rate's (churn_rate: the
    level is the cohort, the denominator) is the period's own numerator over the level.
    Levels of 0 are left out, as the records of a snapshot with nothing held would be
    (the rows show the empty values there all the same)."""
    by_group: dict[GroupKey, dict[dt.date | None, Stats]] = {}
    for (period, group), s in changes.items():
        by_group.setdefault(group, {})[period] = s
    levels: dict[tuple[dt.date | None, GroupKey], Stats] = {}
    for group, deltas in by_group.items():
        level = 0
        for period in periods:
            change = deltas.get(period)
            level += change.n if change is not None else 0
            if not level:
                continue
            if kind == "rate":
                hits = (change.numerator or 0) if change is not None else 0
                levels[(period, group)] = Stats(hits / level, level, hits)
            else:
                levels[(period, group)] = Stats(level, level)
    return levels


def snapshot_days(snapshots: dict[str, pa.Array]) -> pa.Table:
    """The snapshot table once per UTC day (`day`, naive midnight) its period
    [start_at, snap_at) touches: changes matched to their period by an equi-join on the
    day plus the bounds, as intervals.grid does for spans; a pure range join of 2M
    backlog changes with the snapshots took 1.1 s at 1M tickets."""
    table = pa.table(snapshots)
    rows: dict[str, list[Any]] = {name: [] for name in ["day", *table.column_names]}
    for snap in table.to_pylist():
        day = dt.datetime.combine(snap["start_at"].date(), dt.time())
        while day < snap["snap_at"]:
            rows["day"].append(day)
            for name, value in snap.items():
                rows[name].append(value)
            day += dt.timedelta(days=1)
    return pa.table({name: pa.array(values, table.schema.field(name).type if name != "day"
                                    else pa.timestamp("us")) for name, values in rows.items()})


def as_dates(result: pa.Table) -> pa.Table:
    """The result with its `period` column as dates (Engine.period_of groups by the
    period's first instant, a local midnight)."""
    period = result["period"]
    if pa.types.is_date32(period.type):
        return result
    index = result.schema.get_field_index("period")
    return result.set_column(index, "period", period.cast(pa.date32()))


@functools.lru_cache(maxsize=64)
def snapshot_tables(starts: tuple[dt.date | None, ...], begins: tuple[dt.datetime, ...],
                    ends: tuple[dt.datetime, ...]) -> tuple[ibis.Table, ibis.Table]:
    """The snapshot table of Engine.snapshots and the same per UTC day
    (snapshot_days), as in-memory tables. Made once per set of snapshots: the same
    tables keep a report's expression equal from one request to the next (the same
    periods and `now`), so its compiled SQL is reused (compiled.py)."""
    owner_at = [e - dt.timedelta(microseconds=1) for e in ends]
    since = [BEGINNING, *begins[1:]]
    columns = {"period_start": pa.array(starts, pa.date32()),
               "next_start": pa.array([*starts[1:], None], pa.date32()),
               "start_at": pa.array(begins, pa.timestamp("us")),
               "snap_at": pa.array(ends, pa.timestamp("us")),
               "owner_at": pa.array(owner_at, pa.timestamp("us")),
               "since": pa.array(since, pa.timestamp("us"))}
    return ibis.memtable(pa.table(columns)), ibis.memtable(snapshot_days(columns))


@dataclass(frozen=True)
class Summary:
    """A report before its rows are built: stats per (period, group), the range shown,
    the previous range's totals (--compare without --by) and the top N groups (--top)."""

    stats: dict[tuple[dt.date | None, GroupKey], Stats]
    first: dt.date | None
    last: dt.date | None
    previous: dict[GroupKey, Stats] | None
    keep: list[GroupKey] | None


@dataclass(frozen=True)
class Window:
    """A query's UTC bounds ([lo, hi), either open) and its frequency."""

    lo: dt.datetime | None
    hi: dt.datetime | None
    by: str | None


def run_report(con: Any, req: ReportRequest, workspace_tz: str = "UTC") -> dict[str, Any]:
    """Compute a report and return it in the JSON shape of interfaces.md."""
    metric = checked_metric(con, req)
    with gc_pause.paused():
        if metric.report is not None:  # assembled from other metrics' reports
            return metric.report(con, req, workspace_tz)
        return engine_for(con, metric, req, workspace_tz).report()


def report_values(con: Any, req: ReportRequest, workspace_tz: str = "UTC") -> tuple[
        pa.Table, dt.date | None, dt.date | None]:
    """The `value` and `n` of each period × group with data in the report run_report
    would return, as columns `period` (a date; null without --by), dim_0.. (the
    --group-by values), `value` and `n` (rows.value_rows), and the range shown; the
    report's rows are value_grid.py's grid of these over the range's rows.shown_periods (a
    row without data shows the kind's empty value). Without building the rows: for
    reports assembled from others (agent_leaderboard), where one row dict per period ×
    rep × column cost seconds at 1M tickets. `req` must not ask for --compare or --top."""
    metric = checked_metric(con, req)
    return engine_for(con, metric, req, workspace_tz).values()


def checked_metric(con: Any, req: ReportRequest) -> Metric:
    """The request's metric, once its options and the engine are checked."""
    metric = get_metric(req.metric)
    check_options(metric, req)
    check_backend(metric, con)
    return metric


def engine_for(con: Any, metric: Metric, req: ReportRequest, workspace_tz: str) -> Engine:
    """The engine of one request: its context holds `now`, the timezone, the options and
    the filters the metric applies itself."""
    now = req.now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    own = tuple(f for f in req.where if f.dim in metric.own_filters)
    ctx = Context(con, now, req.tz or workspace_tz, dict(req.options), own)
    return Engine(ctx, metric, req)


def check_options(metric: Metric, req: ReportRequest) -> None:
    known = {o.name: o for o in metric.options}
    for key, value in req.options.items():
        if key not in known:
            names = ", ".join(known) or "none"
            raise QueryError(f"{metric.id} has no option {key!r} (its options: {names})")
        if known[key].choices and value.lower() not in known[key].choices:
            raise QueryError(f"option {key}={value!r}: use one of {', '.join(known[key].choices)}")


def check_backend(metric: Metric, con: Any) -> None:
    """Refuse a metric on an engine whose SQL cannot compute it (Metric.not_on)."""
    backend = getattr(con, "name", "duckdb")
    reason = metric.unsupported_on(backend)
    if reason is not None:
        name = BACKENDS.get(backend, backend)
        raise QueryError(f"metric {metric.id} cannot run on {name}: {reason}. Run it on the "
                         "embedded DuckDB store instead (without --engine, or --engine duckdb)")


class Engine:
    """Runs one report request (see module docstring for the steps)."""

    def __init__(self, ctx: Context, metric: Metric, req: ReportRequest):
        self.ctx, self.metric, self.req = ctx, metric, req
        self.dims = list(req.group_by)
        self.filters = [f for f in req.where if f.dim not in metric.own_filters]
        ctx.wanted = tuple(self.dims + [f.dim for f in self.filters])
        self.snapshot_starts: list[dt.date | None] = []
        self.deltas = False  # set by expression()
        self.quantiles = True  # a duration's median and p90; values() needs neither

    @property
    def per_period(self) -> bool:
        """Records are built per period from ctx.snapshots (backlog, churn)."""
        return self.metric.kind == "snapshot" or self.metric.per_period

    # -- ranges ------------------------------------------------------------------
    def utc(self, day: dt.date) -> dt.datetime:
        return per.local_midnight_utc(day, self.ctx.tz)

    def window(self, first: dt.date | None, last: dt.date | None, by: str | None) -> Window:
        lo = self.utc(first) if first else None
        hi = self.utc(last + dt.timedelta(days=1)) if last else None
        return Window(lo, hi, by)

    def report(self) -> dict[str, Any]:
        s = self.summary()
        rows = build_rows(self.metric, s.stats, self.req.by, s.first, s.last,
                          compare=bool(self.req.compare), previous_totals=s.previous,
                          keep_groups=s.keep, dims=self.dims, top=self.req.top)
        return {
            "metric": self.metric.id,
            "unit": self.metric.unit,
            "from": s.first.isoformat() if s.first else None,
            "to": s.last.isoformat() if s.last else None,
            "rows": rows,
        }

    def summary(self) -> Summary:
        """Every number the report's rows are built from (steps 1–4 of the module
        docstring), and its range: --from/--to, or else the data's first and last day."""
        req, first, last = self.req, self.req.date_from, self.req.date_to
        query_first = first
        if req.compare and req.by and first:
            query_first = per.add_periods(per.period_start(first, req.by), req.by, -1)
        stats, seen = self.aggregate(self.window(query_first, last, req.by))
        first, last = self.shown_range(seen)
        previous: dict[GroupKey, Stats] | None = None
        if req.compare and not req.by and first and last:
            p_first, p_last = per.previous_range(first, last)
            previous = {g: s for (_, g), s in self.aggregate(
                self.window(p_first, p_last, None))[0].items()}
        keep = self.top_groups(first, last) if req.top else None
        return Summary(stats, first, last, previous, keep)

    def values(self) -> tuple[pa.Table, dt.date | None, dt.date | None]:
        """Each result row's value and n (rows.value_rows) and the range shown: summary()
        without --compare and --top, and without Stats (reports assembled from others
        read ~150,000 values)."""
        req = self.req
        # value_rows reads value and n: the quantiles would double a duration's query
        # (the leaderboard's response and resolution times by rep, weekly at 1M tickets)
        self.quantiles = False
        result, keys, deltas = self.query(self.window(req.date_from, req.date_to, req.by))
        if deltas:  # snapshot levels are running sums of Stats
            stats, seen = self.collect(result, keys)
            levels = running_levels(stats, self.snapshot_starts, self.metric.kind)
            table = levels_table(levels, result, keys, self.metric.kind)
        else:
            table, seen = value_rows(self.metric.kind, result, keys), seen_dates(result)
        return (table, *self.shown_range(seen))

    def shown_range(self, seen: tuple[dt.date | None, dt.date | None]) -> tuple[
            dt.date | None, dt.date | None]:
        """--from/--to, or else the first and last day with data (`seen`), or a snapshot
        report's own range."""
        if self.per_period:
            seen = self.snapshot_range()
        return self.req.date_from or seen[0], self.req.date_to or seen[1]

    def top_groups(self, first: dt.date | None, last: dt.date | None) -> list[GroupKey] | None:
        """With --by, the groups whose totals over the range rank in the top N."""
        if not self.req.by or not self.dims:
            return None
        totals, _ = self.aggregate(self.window(first, last, None))
        ranked = sorted(totals.items(), key=lambda kv: rank_key(kv[1].value, self.req.top))
        return [g for (_, g), _ in ranked[: abs(self.req.top or 0)]]

    # -- the query ---------------------------------------------------------------
    def aggregate(self, w: Window) -> tuple[dict[tuple[dt.date | None, GroupKey], Stats],
                                            tuple[dt.date | None, dt.date | None]]:
        """Aggregate the records in the window; returns stats per (period, group) and the
        local dates of the earliest and latest record."""
        result, keys, deltas = self.query(w)
        stats, seen = self.collect(result, keys)
        if deltas:  # snapshot changes: each snapshot sums those before
            stats = running_levels(stats, self.snapshot_starts, self.metric.kind)
        return stats, seen

    def query(self, w: Window) -> tuple[pa.Table, list[str], bool]:
        """Run the aggregation of the records in the window: its Arrow result (one row
        per period × group), the group key columns, and whether the rows are snapshot
        changes (whose levels are running sums, see running_levels)."""
        if self.per_period:
            self.ctx.snapshots = self.snapshots(w)
        values = compiled.parameters(self.ctx.now, w.lo, w.hi)
        # expression() sets deltas; when a kept shape skips it, it stays False, which is
        # right: only per-period metrics have changes, and they keep no shape
        self.deltas = False
        result = compiled.to_arrow(self.ctx.con, lambda: self.expression(w), values,
                                   self.shape(w))
        return as_dates(result), self.keys, self.deltas

    @property
    def keys(self) -> list[str]:
        """The result's group key columns, one per --group-by."""
        return [f"dim_{i}" for i in range(len(self.dims))]

    def shape(self, w: Window) -> tuple[Any, ...] | None:
        """What the query's expression depends on besides the parameters (compiled.py)
        and the store's data: the request's parts and the settings a report reads; None
        when it also depends on the range's bounds (the grid of interval kinds, the
        snapshots of per-period metrics)."""
        if self.per_period or self.metric.kind in intervals.INTERVAL_KINDS:
            return None
        req = self.req
        return (self.metric.id, req.group_by, req.where, req.hours, self.ctx.tz,
                tuple(sorted(req.options.items())), w.by, w.lo is None, w.hi is None,
                social_channels(), self.quantiles)

    def expression(self, w: Window) -> ibis.Table:
        """The aggregation of the records in the window (steps 1–4 of the module
        docstring); sets `deltas` when its rows are snapshot changes."""
        records = self.metric.records(self.ctx)
        wanted = self.dims + [f.dim for f in self.filters]
        if self.metric.kind in intervals.INTERVAL_KINDS:  # spans: clip and cut to the grid
            records = intervals.pieces(records, w.lo, w.hi, self.ctx.tz,
                                       hourly="hour_of_day" in wanted, span_of=self.data_span)
        elif not self.per_period:
            # parameters, not literals: the next request of this shape reuses the SQL
            bounds = ([records.dated_at >= compiled.LO] if w.lo is not None else []) + (
                [records.dated_at < compiled.HI] if w.hi is not None else [])
            if bounds:  # one filter, not two: each layer costs Ibis compile time
                records = records.filter(*bounds)
        records = self.ctx.with_local_time(records, "dated_at", "local_at")
        cat = dims_mod.catalog(self.ctx, self.metric, records.columns)
        for dim in wanted:
            cat.check(dim, self.metric)
        records = dims_mod.attach(records, wanted, self.ctx, cat)
        for i, f in enumerate(self.filters, start=len(self.dims)):
            records = records.filter(apply_filter(records[f"dim_{i}"], f))
        records = self.with_period_and_seconds(records, w)
        if self.metric.kind == "concurrency":
            one_sort = getattr(self.ctx.con, "name", None) == "duckdb"
            return intervals.peak(records, ["period", *self.keys], one_sort)
        group = ["period", *self.keys]
        whole = distinct.whole_keys(records, self.ctx.tz)
        if self.metric.kind == "ratio":
            return distinct.distinct_sides(records, group, whole)
        self.deltas = "delta" in records.columns
        if self.deltas and any(d in dims_mod.TIME_DIMS for d in wanted):
            # levels are running sums per group: a group must span every period
            raise RuntimeError(f"{self.metric.id}: changes (delta records) cannot be "
                               "grouped or filtered by hour_of_day or weekday")
        if self.metric.kind == "distinct":
            return distinct.distinct_count(records, group, self.measures(records), whole)
        return records.group_by(group).aggregate(**self.measures(records))

    def measures(self, t: ibis.Table) -> dict[str, ibis.Value]:
        kind = self.metric.kind
        m: dict[str, ibis.Value] = {"n": t.count(), "first_at": t.local_at.min(),
                                    "last_at": t.local_at.max()}
        if "delta" in t.columns:
            m["n"] = t.delta.sum()  # the period's net change; see running_levels
        if kind == "sum":  # distinct: distinct.distinct_count adds the value
            m["value"] = t.x.sum()
        elif kind == "rate":
            m["numerator"] = as_number(t.hit).sum()
        elif kind == "mean":
            m["value"] = t.x.mean()
        elif kind == "interval":
            m.update(intervals.measures(t))
        elif kind == "duration":
            m["value"] = t.seconds.mean()
            if self.quantiles:
                # Both from one sorted state: two quantile aggregates each keep and sort
                # every value (time_in_stage by team at 1M: 0.35 s -> 0.24 s).
                m["quantiles"] = t.seconds.quantile(QUANTILES)
        for extra in self.metric.extras:
            if extra.of_value is None:  # else made from the row's value (rows.Stats)
                m[f"extra__{extra.name}"] = extra.aggregate(t)
        return m

    def with_period_and_seconds(self, t: ibis.Table, w: Window) -> ibis.Table:
        """The records plus `period` (the local start of the row's period; null for
        totals) and, for durations and intervals, `seconds` (start_at to end_at, in
        business hours with --hours business), keeping records with seconds. One mutate
        for both: every Ibis layer costs compile time (~5 ms each, a quarter of a small
        report's time)."""
        if self.metric.kind not in ("duration", "interval"):
            return t.mutate(period=self.period_of(t, w))
        if self.req.hours == "business":
            cal = self.ctx.table("business_calendar")
            t = business_clock(t, "start_at", cal, "b_start")
            t = business_clock(t, "end_at", cal, "b_end")
            seconds = (t.b_end - t.b_start).cast("float64")
        elif SECONDS in t.columns:
            seconds = t[SECONDS]
        else:
            seconds = seconds_between(t.start_at, t.end_at)
        t = t.mutate(period=self.period_of(t, w), seconds=seconds)
        # Not `start_at` and `end_at` not null, which would spare computing the seconds
        # twice: DuckDB misjudges how many records such a filter keeps below a join, and
        # picks the wrong side to hash (chat_wait_time at 1M tickets: 0.06 -> 0.09 s).
        return t.filter(t.seconds.notnull())

    def period_of(self, t: ibis.Table, w: Window) -> ibis.Value:
        if self.per_period:
            return t.period_start
        if w.by:
            # Grouped as the truncated timestamp, made a date on the result (as_dates):
            # a DATE cast per record cost 7 ms of a 38 ms report at 1M tickets.
            return t.local_at.truncate(per.TRUNCATE_UNIT[w.by])
        return ibis.null("date")

    def snapshot_range(self) -> tuple[dt.date, dt.date]:
        """A backlog report covers from the first ticket (or --from) to --to (or now)."""
        first = self.req.date_from or self.first_ticket_day()
        last = self.req.date_to or per.local_date(self.ctx.now, self.ctx.tz)
        return first, max(first, last)

    def snapshots(self, w: Window) -> Snapshots:
        """The snapshots the report shows (context.Snapshots): their table holds
        (period_start, next_start, start_at, snap_at, owner_at, since) for each;
        next_start is the next period's period_start (null for the last); start_at is the
        period's first instant (totals: the range's, see snapshot_range); `since` is where
        the changes a period takes begin (see registry: snapshot deltas): its start_at,
        and for the first snapshot the beginning of time, as everything before the range
        counts in its level."""
        starts: list[dt.date | None]
        if w.by:
            first, last = self.snapshot_range()
            days = per.periods_between(first, last, w.by)
            if self.req.compare and self.req.date_from:
                days.insert(0, per.add_periods(days[0], w.by, -1))
            starts = list(days)
            begins = [self.utc(d) for d in days]
            ends = [self.utc(per.add_periods(d, w.by, 1)) for d in days]
        else:
            starts = [None]
            begins = [w.lo if w.lo is not None else self.utc(self.snapshot_range()[0])]
            ends = [w.hi if w.hi is not None else self.ctx.now]
        self.snapshot_starts = starts
        table, days_table = snapshot_tables(tuple(starts), tuple(begins), tuple(ends))
        return Snapshots(table, days_table, begins[0], ends[-1], w.by, starts[0], len(starts))

    def data_span(self, records: ibis.Table) -> tuple[dt.datetime, dt.datetime] | None:
        """intervals.data_span of the records, remembered per store connection: the same
        records expression (same metric, options and now) always has the same span there,
        so a report asked again, or grouped otherwise, skips that query."""
        # Ibis expressions of one shape are equal (context.stable_view); the query
        # takes 0.2–0.4 s at 1M tickets.
        values = compiled.parameters(self.ctx.now)
        return remembered(self.ctx.con, ("data_span", records.op(), self.ctx.now),
                          lambda: intervals.data_span(records, values))

    def first_ticket_day(self) -> dt.date:
        t = self.ctx.table("tickets")
        first = remembered(self.ctx.con, ("first_ticket_at",),
                           lambda: t.created_at.min().to_pyarrow().as_py())
        return per.local_date(first, self.ctx.tz) if first else per.local_date(
            self.ctx.now, self.ctx.tz)

    def collect(self, result: pa.Table, keys: list[str]) -> tuple[
            dict[tuple[dt.date | None, GroupKey], Stats], tuple[dt.date | None, dt.date | None]]:
        return read_result(self.metric.kind, result, keys,
                           [e.name for e in self.metric.extras if e.of_value is None])
