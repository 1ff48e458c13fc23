"""Turn aggregated numbers into report rows: fill empty periods, compare, cut to top N."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from supportlens.metrics import periods as per
from supportlens.metrics.registry import Extra, Metric

GroupKey = tuple[Any, ...]
# A report's values (value_rows: `period`, *keys, `value`, `n`) and the periods it shows.
Shown = tuple[pa.Table, list[dt.date | None]]
COUNT_KINDS = ("count", "distinct", "sum", "snapshot", "concurrency")


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
        return {e.name: e.of_value(self.value) if e.of_value is not None
                else self.extras.get(e.name, 0 if e.unit == "count" else None)
                for e in extras}


_EPOCH = dt.date(1970, 1, 1)


def read_result(kind: str, result: pa.Table, keys: list[str], extras: list[str]) -> tuple[
        dict[tuple[dt.date | None, GroupKey], Stats], tuple[dt.date | None, dt.date | None]]:
    """An aggregation's Arrow result as Stats per (period, group), and the local dates of
    the earliest and latest record. Read column by column (a dict per row made the five
    reports of the leaderboard spend 1.6 s here at 1M tickets)."""
    stats = stats_of(kind, result)
    for name in extras:
        column = result[f"extra__{name}"]
        values = (_floats(column) if pa.types.is_floating(column.type)
                  else column).to_pylist()
        for s, value in zip(stats, values, strict=True):
            s.extras[name] = value
    return dict(zip(row_ids(result, keys), stats, strict=True)), seen_dates(result)


def row_ids(result: pa.Table, keys: list[str]) -> list[tuple[dt.date | None, GroupKey]]:
    """(period, group) of each result row; the group holds the `keys` columns' values."""
    periods = column_values(result["period"])
    if keys:
        groups: list[GroupKey] = list(zip(*(column_values(result[k]) for k in keys),
                                          strict=True))
    else:
        groups = [()] * result.num_rows
    return list(zip(periods, groups, strict=True))


def seen_dates(result: pa.Table) -> tuple[dt.date | None, dt.date | None]:
    """The local dates of the earliest and latest record; only the min and max over all
    rows are needed, so the bounds are never made Python datetimes row by row."""
    first, last = pc.min(result["first_at"]).as_py(), pc.max(result["last_at"]).as_py()
    return (first.date() if first is not None else None,
            last.date() if last is not None else None)


def value_column(kind: str, result: pa.Table) -> pa.ChunkedArray:
    """The `value` of each result row, from the columns the kind's aggregation makes
    (engine.measures): a count, a share of hits, hours, or a mean. The one place of these
    rules: Stats (stats_of) and the value tables of assembled reports (value_table) both
    read it."""
    if kind in ("count", "snapshot"):
        return _ints(result["n"])
    if kind in ("concurrency", "distinct", "sum"):  # concurrency: the peak
        return _ints(result["value"])
    if kind == "interval":  # hours; no overlap at all is 0 hours, not unknown
        return pc.fill_null(_floats(result["value"]), 0.0)
    if kind == "rate":
        return _share(result["numerator"], result["n"])
    if kind == "ratio":  # distinct num keys / distinct den keys (e.g. tickets created)
        return _share(result["numerator"], result["denominator"])
    return _floats(result["value"])  # duration (the mean), mean


def count_column(kind: str, result: pa.Table) -> pa.ChunkedArray:
    """The `n` of each result row: the records (distinct: the keys, as the value; ratio:
    the denominator's keys; concurrency: distinct keys, e.g. reps)."""
    if kind == "distinct":
        return value_column(kind, result)
    return _ints(result["denominator" if kind == "ratio" else "n"])


def stats_of(kind: str, result: pa.Table) -> list[Stats]:
    """One Stats per result row: value_column's value, count_column's n, and the kind's
    extra fields."""
    values = value_column(kind, result).to_pylist()
    counts = count_column(kind, result).to_pylist()
    if kind in ("rate", "ratio"):
        numerators = _ints(result["numerator"]).to_pylist()
        return [Stats(v, k, hit) for v, k, hit in zip(values, counts, numerators, strict=True)]
    if kind == "duration":
        quantiles = result["quantiles"]  # [median, p90] (engine.QUANTILES)
        medians = _floats(pc.list_element(quantiles, 0)).to_pylist()
        p90s = _floats(pc.list_element(quantiles, 1)).to_pylist()
        return [Stats(v, k, None, med, p90)
                for v, k, med, p90 in zip(values, counts, medians, p90s, strict=True)]
    return [Stats(v, k) for v, k in zip(values, counts, strict=True)]


def _share(part: pa.ChunkedArray, whole: pa.ChunkedArray) -> pa.ChunkedArray:
    """part / whole as floats, null where whole is 0 (a share of nothing is unknown)."""
    whole = _ints(whole)
    shares = pc.divide(_ints(part).cast(pa.float64()), whole.cast(pa.float64()))
    return pc.if_else(pc.equal(whole, 0), pa.scalar(None, pa.float64()), shares)


def _ints(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A numeric column as int64, null as 0 (a sum over no rows is null)."""
    return pc.fill_null(column.cast(pa.int64(), safe=False), 0)


def _floats(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A numeric column (any engine's: float, decimal, int) as float64, NaN as null."""
    values = column.cast(pa.float64())
    return pc.if_else(pc.is_nan(values), pa.scalar(None, pa.float64()), values)


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
    periods, groups = row_keys(stats, by, first, last, dims, keep_groups)
    rows = []
    empty = Stats.empty(kind)
    # made once: a weekly report by rep has tens of thousands of rows
    group_dicts = [dict(zip(dims, group, strict=True)) for group in groups]
    empty_fields = empty.fields(kind) | (empty.extra_fields(metric.extras)
                                         if metric.extras else {})
    for period in periods:
        iso = period.isoformat() if period else None
        for group, group_dict in zip(groups, group_dicts, strict=True):
            s = stats.get((period, group))
            row: dict[str, Any] = {"period": iso, "group": group_dict.copy()}
            if s is None:
                row.update(empty_fields)
                s = empty
            else:
                row.update(s.fields(kind))
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


def row_keys(stats: dict[tuple[dt.date | None, GroupKey], Any], by: str | None,
             first: dt.date | None, last: dt.date | None, dims: list[str],
             keep_groups: list[GroupKey] | None) -> tuple[list[dt.date | None], list[GroupKey]]:
    """The periods and groups a report has rows for (one row per pair): the shown periods,
    and every group with data in a shown period, sorted (nulls last); `keep_groups` cuts
    them to the top N."""
    periods = shown_periods(by, first, last)
    first_shown = periods[0] if periods else None
    groups = sorted({g for (p, g) in stats if p is None or first_shown is None
                     or p >= first_shown}, key=group_sort_key)
    if not dims and not groups:
        groups = [()]
    if keep_groups is not None:
        groups = [g for g in groups if g in keep_groups]
    return periods, groups


def shown_periods(by: str | None, first: dt.date | None,
                  last: dt.date | None) -> list[dt.date | None]:
    """Every period of the range (none without one), or one, None, without --by."""
    if not by:
        return [None]
    return list(per.periods_between(first, last, by)) if first and last else []


def value_rows(kind: str, result: pa.Table, keys: list[str]) -> pa.Table:
    """An aggregation's Arrow result as columns `period`, *keys, `value` and `n`."""
    return result.select(["period", *keys]).append_column(
        "value", value_column(kind, result)).append_column("n", count_column(kind, result))


def levels_table(levels: dict[tuple[dt.date | None, GroupKey], Stats], result: pa.Table,
                 keys: list[str], kind: str) -> pa.Table:
    """Snapshot levels (engine.running_levels, summed in Python) as value_rows makes
    them; the keys keep the types of the `result` they were read from. A rate's value
    (churn_rate's, over its level) is a float, a snapshot's a count."""
    ids = list(levels)
    columns = {"period": pa.array([p for p, _ in ids], pa.date32())}
    for i, key in enumerate(keys):
        columns[key] = pa.array([g[i] for _, g in ids], result.schema.field(key).type)
    columns["value"] = pa.array([s.value for s in levels.values()],
                                pa.float64() if kind == "rate" else pa.int64())
    columns["n"] = pa.array([s.n for s in levels.values()], pa.int64())
    return pa.table(columns)


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
