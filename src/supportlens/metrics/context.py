"""What a metric's records function may use: the store's tables and the report's settings."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ibis
import pyarrow as pa
from ibis.expr import operations as ops

from supportlens.errors import QueryError
from supportlens.metrics import compiled
from supportlens.metrics.request import Filter
from supportlens.store.calendar import local_time, offset_segments
from supportlens.store.store import store_memo


@dataclass(frozen=True)
class Snapshots:
    """The snapshots of a per-period report (backlog, churn), made by the engine: one
    per period shown, taken at the period's end."""

    # (period_start, next_start, start_at, snap_at, owner_at, since) per snapshot
    table: ibis.Table
    days: ibis.Table  # the same once per UTC `day` each period touches
    first_start: dt.datetime  # the first snapshot's start_at (naive UTC)
    last_end: dt.datetime  # the last snapshot's snap_at (naive UTC)
    by: str | None  # the periods' frequency; None: one snapshot for the whole range
    first_period: dt.date | None  # the local date the first period starts (None: no --by)
    count: int  # how many snapshots (periods) the report has


# The days a report's local times cover; outside them local time is null.
OFFSET_DAYS = (dt.date(1990, 1, 1), dt.date(2070, 12, 31))


@functools.lru_cache(maxsize=8)
def offset_table(tz: str) -> pa.Table:
    """UTC-offset segments of a timezone over OFFSET_DAYS (store/calendar.py), made once
    per timezone for the whole process."""
    return offset_segments(tz, *OFFSET_DAYS)


@functools.lru_cache(maxsize=8)
def offsets_for(tz: str) -> ibis.Table:
    """offset_table(tz) as one Ibis memtable per timezone for the whole process: a
    backend registers a memtable once, so PostgreSQL and Spark receive these ~30,000
    rows once per connection, not per report."""
    return ibis.memtable(offset_table(tz))


@dataclass
class Context:
    """Tables of the store plus `now`, options and the filters a metric handles itself."""

    con: Any  # an Ibis backend
    now: dt.datetime  # naive UTC
    tz: str
    options: dict[str, str] = field(default_factory=dict)
    own_filters: tuple[Filter, ...] = ()
    snapshots: Snapshots | None = None  # for per-period metrics (backlog, churn)
    # The dimensions the report groups or filters by: a records function may pick its
    # formulation by them (tickets_unresolved needs the owner at each snapshot for rep/team).
    wanted: tuple[str, ...] = ()

    def table(self, name: str) -> ibis.Table:
        """The store's table `name`; on the embedded store the Ibis object is made once
        per connection (see store.store_memo), elsewhere on each call."""
        return remembered(self.con, ("table", name), lambda: self.con.table(name))

    @property
    def now_value(self) -> ibis.Value:
        """`now` in an expression: a parameter the engine sets when it runs the query
        (compiled.py), so a report's SQL does not change with it."""
        return compiled.NOW

    def period_snapshots(self) -> Snapshots:
        """The snapshots of a per-period metric's report (the engine makes them before
        it asks for the metric's records)."""
        if self.snapshots is None:
            raise RuntimeError("snapshots are made only for per-period metrics")
        return self.snapshots

    def with_local_time(self, t: ibis.Table, column: str, out: str) -> ibis.Table:
        """`t` plus `out`: t[column] (naive UTC) as wall-clock time in the report's zone."""
        if self.tz == "UTC":
            return t.mutate(**{out: t[column]})
        return local_time(t, column, offsets_for(self.tz), out)

    def option(self, name: str, default: str | None = None) -> str | None:
        return self.options.get(name, default)

    def flag(self, name: str) -> bool:
        value = self.options.get(name, "false").lower()
        if value not in ("true", "false", "1", "0", "yes", "no"):
            raise QueryError(f"option {name}={value!r}: write true or false")
        return value in ("true", "1", "yes")

    def own_filter(self, dim: str) -> Filter | None:
        for f in self.own_filters:
            if f.dim == dim:
                return f
        return None


def stable_view(t: ibis.Table, n: int = 0) -> ibis.Table:
    """`t.view()` (a self-reference, which Ibis needs to join a table with itself or to
    join onto a select that computes values) with a fixed identity: `view()` numbers each
    new one, so two reports of one shape would build unequal expressions and compile
    their SQL anew (compiled.py). Views of one table in one query need distinct `n`."""
    return ops.SelfReference(t.op(), identifier=n).to_expr()


def remembered(con: Any, key: Any, compute: Callable[[], Any]) -> Any:
    """compute(), kept in the connection's memo under `key` when the connection is a
    read-only store connection (whose data cannot change), else computed every time."""
    memo = store_memo(con)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


_COMBINE: dict[str, Callable[[Any], ibis.Value]] = {
    "min": lambda v: v.min(), "max": lambda v: v.max(), "sum": lambda v: v.sum()}


def regrouped(parts: list[ibis.Table], group: list[str], combine: dict[str, str]) -> ibis.Table:
    """One row per `group` value from `parts`, each of which holds some of the columns of
    `combine` (column → "min", "max" or "sum" of it over the parts' rows; a part without
    the column gives null there). The parts are stacked, not joined: group values may be
    null, and a join matching nulls is one PostgreSQL cannot hash."""
    types = {c: next(p[c].type() for p in parts if c in p.columns) for c in combine}
    schema = ibis.schema({**{g: parts[0][g].type() for g in group}, **types})
    stack = ibis.union(*(p.select(*group, **{
        c: p[c] if c in p.columns else ibis.null(types[c]) for c in combine}).cast(schema)
        for p in parts), distinct=False)
    return stack.group_by(group).aggregate(
        **{c: _COMBINE[how](stack[c]) for c, how in combine.items()})


def apply_filter(column: ibis.Value, f: Filter) -> ibis.Value:
    """The boolean expression of a filter on a column (compared as text)."""
    text = column.cast("string")
    if f.op == "=":
        return text == f.values[0]
    if f.op == "!=":
        return (text != f.values[0]) | column.isnull()
    if f.op == "in":
        return text.isin(list(f.values))
    return text.notin(list(f.values)) | column.isnull()


def as_number(condition: ibis.BooleanValue, kind: str = "int64") -> ibis.Value:
    """1 where `condition` holds, 0 where it does not and null where it is null, as `kind`
    (int64 or float64): a boolean made a number on every backend. PostgreSQL casts a
    boolean to integer but not to bigint or double precision, and reads a literal 1.0 as
    numeric (whose mean comes back as a Decimal), so this is an integer CASE, then cast."""
    return ibis.cases((condition, 1), (~condition, 0)).cast(kind)


# Before any data a store can hold: the `since` of a report's first snapshot, and the
# time a customer without created_at became one.
BEGINNING = dt.datetime(1900, 1, 1)

# The end of an interval that has not ended (valid_to, span_to null), for comparisons:
# `at < end.fill_null(FOREVER)` lets engines join on a plain range, where `end IS NULL OR
# at < end` made DuckDB's owner joins 20 % slower (3.2M stage stays at 1M tickets).
FOREVER = dt.datetime(9999, 12, 31)


def open_end(end: ibis.TimestampValue) -> ibis.TimestampValue:
    """`end`, or FOREVER where the interval is still open (null)."""
    return end.fill_null(ibis.literal(FOREVER, type="timestamp"))


def seconds_between(start: ibis.TimestampValue, end: ibis.TimestampValue) -> ibis.Value:
    """end − start in seconds (float64, to the microsecond) on every backend. Spark's
    epoch seconds are whole seconds, so a difference of epoch seconds would drop the
    fractions there; a microsecond difference is exact everywhere."""
    return end.delta(start, unit="microsecond").cast("float64") / 1_000_000
