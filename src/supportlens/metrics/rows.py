"""Turn aggregated numbers into report rows: fill empty periods, compare, cut to top N."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from supportlens.metrics import periods as per
from supportlens.metrics.registry import Extra, Metric

GroupKey = tuple[Any, ...]
COUNT_KINDS = ("count", "distinct", "sum", "snapshot", "concurrency")


def _num(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


@dataclass(slots=True)
class Stats:
    """The numbers of one row: value, n, and the kind's extra fields. Read-only by
    convention, not frozen: a frozen dataclass sets each field through
    object.__setattr__, which made building one 4x slower (the leaderboard builds
    ~300,000 per catalog at 1M tickets)."""

    value: float | int | None
    n: int
    numerator: int | None = None
    median: float | None = None
    p90: float | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_row(cls, kind: str, row: dict[str, Any], extras: list[str] | None = None) -> Stats:
        stats = cls._base(kind, row)
        for name in extras or []:
            value = row[f"extra__{name}"]
            stats.extras[name] = _num(value) if isinstance(value, float) else value
        return stats

    @classmethod
    def _base(cls, kind: str, row: dict[str, Any]) -> Stats:
        n = int(row["n"])
        if kind in ("count", "snapshot"):
            return cls(n, n)
        if kind == "concurrency":  # the peak; n = distinct keys (e.g. reps) in the row
            return cls(int(row["value"] or 0), n)
        if kind == "interval":  # hours; no overlap at all is 0 hours, not unknown
            return cls(_num(row["value"]) or 0.0, n)
        if kind in ("distinct", "sum"):
            value = int(row["value"] or 0)
            return cls(value, value if kind == "distinct" else n)
        if kind == "rate":
            numerator = int(row["numerator"] or 0)
            return cls(numerator / n if n else None, n, numerator)
        if kind == "duration":
            return cls(_num(row["value"]), n, None, _num(row["median"]), _num(row["p90"]))
        if kind == "ratio":  # n = the denominator's distinct keys (e.g. tickets created)
            numerator, denominator = int(row["numerator"] or 0), int(row["denominator"] or 0)
            return cls(numerator / denominator if denominator else None, denominator,
                       numerator)
        return cls(_num(row["value"]), n)

    @classmethod
    def empty(cls, kind: str) -> Stats:
        if kind in COUNT_KINDS:
            return cls(0, 0)
        if kind == "interval":
            return cls(0.0, 0)
        return cls(None, 0, 0 if kind in ("rate", "ratio") else None)

    def fields(self, kind: str) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "n": self.n}
        if kind in ("rate", "ratio"):
            out["numerator"] = self.numerator
            out["denominator"] = self.n
        if kind == "duration":
            out["median"] = self.median
            out["p90"] = self.p90
        return out

    def extra_fields(self, extras: tuple[Extra, ...]) -> dict[str, Any]:
        """The extras of the row; a row without data shows 0 for count extras (as the
        value of a count metric) and null for the others."""
        return {e.name: self.extras.get(e.name, 0 if e.unit == "count" else None)
                for e in extras}


_EPOCH = dt.date(1970, 1, 1)
_BOUNDS = ("first_at", "last_at")


def read_result(kind: str, result: pa.Table, keys: list[str], extras: list[str]) -> tuple[
        dict[tuple[dt.date | None, GroupKey], Stats], tuple[dt.date | None, dt.date | None]]:
    """An aggregation's Arrow result as Stats per (period, group), and the local dates of
    the earliest and latest record. Read column by column: the bounds are only needed as
    the min and max over all rows, so they are never made Python datetimes row by row."""
    names = [n for n in result.column_names if n not in _BOUNDS]
    columns = [column_values(result.column(n)) for n in names]
    periods = columns[names.index("period")]
    if keys:
        groups: list[GroupKey] = list(zip(*(columns[names.index(k)] for k in keys),
                                          strict=True))
    else:
        groups = [()] * result.num_rows
    stats = [Stats.from_row(kind, dict(zip(names, values, strict=True)), extras)
             for values in zip(*columns, strict=True)]
    first, last = pc.min(result["first_at"]).as_py(), pc.max(result["last_at"]).as_py()
    seen = (first.date() if first is not None else None,
            last.date() if last is not None else None)
    return dict(zip(zip(periods, groups, strict=True), stats, strict=True)), seen


def column_values(column: pa.ChunkedArray) -> list[Any]:
    """A column as Python values. A date32 column is read as day numbers and each
    distinct day made a date once: pyarrow makes a date object per row (27 ms for the
    31,000 rows of a weekly by-rep report at 1M tickets, against ~3 ms), and a report has
    few distinct periods."""
    if not pa.types.is_date32(column.type):
        return column.to_pylist()
    made: dict[int | None, dt.date | None] = {None: None}
    out = []
    for day in column.cast(pa.int32()).to_pylist():
        if day not in made:
            made[day] = _EPOCH + dt.timedelta(days=day)
        out.append(made[day])
    return out


def change_pct(value: float | int | None, previous: float | int | None) -> float | None:
    """Change in percent; null when either is null or the previous value is 0."""
    if value is None or previous is None or previous == 0:
        return None
    return (value - previous) / abs(previous) * 100


def _sort_value(v: Any) -> tuple[int, Any]:
    if v is None:
        return (1, "")
    return (0, v if isinstance(v, (int, float)) else str(v))


def group_sort_key(group: GroupKey) -> tuple[tuple[int, Any], ...]:
    return tuple(_sort_value(v) for v in group)


def build_rows(metric: Metric, stats: dict[tuple[dt.date | None, GroupKey], Stats],
               by: str | None, first: dt.date | None, last: dt.date | None, *,
               compare: bool, previous_totals: dict[GroupKey, Stats] | None,
               keep_groups: list[GroupKey] | None, dims: list[str],
               top: int | None) -> list[dict[str, Any]]:
    """Rows in the JSON shape: every period of the range × every group with data."""
    kind = metric.kind
    if by:
        shown = per.periods_between(first, last, by) if first and last else []
        periods: list[dt.date | None] = list(shown)
        first_shown = shown[0] if shown else None
    else:
        periods = [None]
        first_shown = None
    groups = sorted({g for (p, g) in stats if p is None or first_shown is None
                     or p >= first_shown}, key=group_sort_key)
    if not dims and not groups:
        groups = [()]
    if keep_groups is not None:
        groups = [g for g in groups if g in keep_groups]
    rows = []
    empty = Stats.empty(kind)
    for period in periods:
        iso = period.isoformat() if period else None
        for group in groups:
            s = stats.get((period, group)) or empty
            row: dict[str, Any] = {"period": iso, "group": dict(zip(dims, group, strict=True)),
                                   **s.fields(kind)}
            if metric.extras:
                row.update(s.extra_fields(metric.extras))
            if compare:
                prev = _previous(stats, period, group, by, previous_totals, kind)
                row["previous"] = prev.value
                row["change_pct"] = change_pct(s.value, prev.value)
            rows.append(row)
    if top and not by:
        rows.sort(key=lambda r: rank_key(r["value"], top))
        rows = rows[: abs(top)]
    return rows


def _previous(stats: dict[tuple[dt.date | None, GroupKey], Stats], period: dt.date | None,
              group: GroupKey, by: str | None, totals: dict[GroupKey, Stats] | None,
              kind: str) -> Stats:
    if by and period is not None:
        before = per.add_periods(period, by, -1)
        return stats.get((before, group)) or Stats.empty(kind)
    if totals is not None:
        return totals.get(group) or Stats.empty(kind)
    return Stats(None, 0)


def rank_key(value: float | int | None, top: int | None) -> tuple[int, float]:
    """Sort key: the highest values first for top N > 0, the lowest for N < 0, nulls last."""
    if value is None:
        return (1, 0.0)
    return (0, -float(value) if (top or 0) > 0 else float(value))
