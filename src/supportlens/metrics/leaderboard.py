"""The agent leaderboard: one row per rep with five metrics side by side.

The leaderboard is not a new measurement: each column is an existing metric's report
grouped by `rep` (tickets_resolved, first_response_time, resolution_time,
first_contact_resolution_rate, csat), run with the same range, periods, filters and
hours, and merged by (period, rep). So every column keeps its own metric's rules (a
ticket metric's rep is the owner at its dated-by time; csat's is the survey's rep).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from supportlens.errors import QueryError
from supportlens.metrics.context import remembered
from supportlens.metrics.registry import Extra, Metric, Option, Unit, register
from supportlens.metrics.request import ReportRequest
from supportlens.metrics.rows import Shown, shown_periods
from supportlens.metrics.value_grid import value_grid
from supportlens.metrics.volume import tickets_resolved

SECTION = "Quality and effort"
VALUE = "tickets_resolved"  # the row's `value`
COLUMNS: dict[str, tuple[Unit, str]] = {  # column → (unit, description)
    "first_response_time": ("seconds", "mean first response time (seconds) of the rep's "
                            "tickets, as first_response_time grouped by rep"),
    "resolution_time": ("seconds", "mean resolution time (seconds), as resolution_time "
                        "grouped by rep"),
    "first_contact_resolution_rate": ("rate", "first_contact_resolution_rate grouped by rep"),
    "csat": ("rate", "share of the rep's CSAT responses scoring 4 or 5, as csat grouped by rep"),
}
SORTABLE = (VALUE, *COLUMNS, "rep")
SORT = Option("sort", "column to sort the reps by (descending unless order=asc); nulls "
              "always last", SORTABLE, VALUE)
ORDER = Option("order", "sort order", ("desc", "asc"), "desc")


def _assembled(_records: Any) -> Any:
    """Leaderboard columns come from other metrics' reports, never from one aggregation."""
    raise QueryError("agent_leaderboard columns are assembled from other reports")


def leaderboard_report(con: Any, req: ReportRequest, workspace_tz: str) -> dict[str, Any]:
    """Run the five reports grouped by rep (plus any other --group-by) and merge them.
    Columnar until the end (the reports' values are Arrow tables, put on one grid by
    value_grid.py; one dict per row is made last): merging, sorting and the columns'
    rows as Python dicts made the weekly leaderboard at 1M tickets (~31,000 rows) cost
    3x its queries."""
    dims = ["rep", *[d for d in req.group_by if d != "rep"]]
    keys = _keys(dims)
    base = dataclasses.replace(req, group_by=tuple(dims), options={}, top=None)
    main, first, last = _main_column(con, base, dims, workspace_tz)
    reports = [main] + [_shown(con, dataclasses.replace(base, metric=column, compare=None),
                               workspace_tz)[0] for column in COLUMNS]
    grid, places = value_grid(reports, keys)
    table = _with_columns(grid, [values for values, _ in reports], places)
    return {"metric": "agent_leaderboard", "unit": "count",
            "from": first.isoformat() if first else None,
            "to": last.isoformat() if last else None,
            "sort": req.options.get("sort", VALUE).lower(),
            "order": req.options.get("order", "desc").lower(),
            "rows": _as_rows(_sorted(table, req, keys), dims, _rep_names(con))}


def _shown(con: Any, req: ReportRequest,
           workspace_tz: str) -> tuple[Shown, dt.date | None, dt.date | None]:
    """A report's values and the periods it shows (engine.report_values), and its range."""
    # the engine imports the registry
    from supportlens.metrics.engine import report_values

    values, first, last = report_values(con, req, workspace_tz)
    return (values, shown_periods(req.by, first, last)), first, last


def _main_column(con: Any, req: ReportRequest, dims: list[str],
                 workspace_tz: str) -> tuple[Shown, dt.date | None, dt.date | None]:
    """tickets_resolved's values (with --compare also `previous` and `change_pct`) and
    the periods it shows, and its range (the leaderboard's). With --compare, read from
    its report's rows: build_rows holds the comparison's rules, and a compared
    leaderboard is rare enough to afford them."""
    from supportlens.metrics.engine import run_report

    req = dataclasses.replace(req, metric=VALUE)
    if not req.compare:
        return _shown(con, req, workspace_tz)
    report = run_report(con, req, workspace_tz)
    rows = report["rows"]
    columns = {"period": pa.array([r["period"] for r in rows], pa.string()).cast(pa.date32())}
    for i, dim in enumerate(dims):
        columns[f"dim_{i}"] = pa.array([r["group"][dim] for r in rows])
    for name in ("value", "n", "previous"):
        columns[name] = pa.array([r[name] for r in rows], pa.int64())
    columns["change_pct"] = pa.array([r["change_pct"] for r in rows], pa.float64())
    first, last = (dt.date.fromisoformat(d) if d else None
                   for d in (report["from"], report["to"]))
    return (pa.table(columns), shown_periods(req.by, first, last)), first, last


def _with_columns(grid: pa.Table, reports: list[pa.Table], places: list[pa.Array]) -> pa.Table:
    """The grid with tickets_resolved's `value` and `n` (0 where it has no row: nothing
    resolved), with --compare its `previous`, `change_pct` and `compared` (whether it has
    the row), and each column's value (null where it has none)."""
    (main, *others), (place, *other_places) = reports, places
    table = grid
    for name in ("value", "n"):
        table = table.append_column(name, pc.fill_null(main[name].take(place), 0))
    for column, values, at in zip(COLUMNS, others, other_places, strict=True):
        table = table.append_column(column, values["value"].take(at))
    if "previous" in main.column_names:
        for name in ("previous", "change_pct"):
            table = table.append_column(name, main[name].take(place))
        table = table.append_column("compared", pc.is_valid(place))
    return table


def _sorted(table: pa.Table, req: ReportRequest, keys: list[str]) -> pa.Table:
    """Rows by period, then by the sort column (nulls last), ties by the group (nulls
    last); --top N keeps the first N rows of each period in that order (-N: the order
    reversed, so the last N non-null)."""
    column = req.options.get("sort", VALUE).lower()
    descending = req.options.get("order", "desc").lower() == "desc"
    if req.top is not None and req.top < 0:
        descending = not descending
    field = {VALUE: "value", "rep": keys[0]}.get(column, column)
    order = [("period", "ascending"), (field, "descending" if descending else "ascending"),
             *((k, "ascending") for k in keys if k != field)]
    table = table.take(pc.sort_indices(table, [(*o, "at_end") for o in order]))
    return _top_per_period(table, abs(req.top)) if req.top else table


def _top_per_period(table: pa.Table, top: int) -> pa.Table:
    """The first `top` rows of each period of a table sorted by period."""
    ends = pc.run_end_encode(table["period"].combine_chunks()).run_ends.to_pylist()
    return table.take(pa.array([i for start, end in itertools.pairwise([0, *ends])
                                for i in range(start, min(end, start + top))], pa.int64()))


def _as_rows(table: pa.Table, dims: list[str], names: pa.Table) -> list[dict[str, Any]]:
    """The rows in the JSON shape: `period` (ISO date), `group` (the dims, rep first),
    `value`, `n`, the columns, with --compare `previous` and `change_pct` (only on
    tickets_resolved's rows, as when the leaderboard merged dicts), and `rep_name`.
    The dicts are made by Arrow from one struct array, in C++: a Python loop took 2.4x
    as long, dicts zipped from lists 1.4x."""
    compared = "compared" in table.column_names
    fields = ["value", "n", *COLUMNS, *(("previous", "change_pct") if compared else ()),
              "rep_name"]
    rep_names = names["name"].take(pc.index_in(
        table["dim_0"], value_set=names["rep_id"].combine_chunks()))
    group = pa.StructArray.from_arrays([_array(table[k]) for k in _keys(dims)], dims)
    columns = [_array(table["period"].cast(pa.string())), group,
               *(_array(table[f]) for f in fields[:-1]), _array(rep_names)]
    rows: list[dict[str, Any]] = pa.StructArray.from_arrays(
        columns, ["period", "group", *fields]).to_pylist()
    if compared:
        for row, kept in zip(rows, table["compared"].to_pylist(), strict=True):
            if not kept:
                del row["previous"], row["change_pct"]
    return rows


def _array(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """One array of a table's column (struct arrays are made of arrays, not chunks)."""
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


def _keys(dims: list[str]) -> list[str]:
    """The group key columns of the columns' tables (engine.Engine.keys)."""
    return [f"dim_{i}" for i in range(len(dims))]


def _rep_names(con: Any) -> pa.Table:
    """The reps' ids and names, read once per read-only store connection (a query of
    ~5 ms otherwise)."""
    return remembered(con, ("rep_names",),
                      lambda: con.table("reps").select("rep_id", "name").to_pyarrow())


register(Metric(
    "agent_leaderboard", SECTION, "count", "— (each column by its own metric)",
    "Per rep: tickets_resolved (the value), first_response_time, resolution_time, "
    "first_contact_resolution_rate and csat, side by side; sortable by any column with "
    "--option sort=COLUMN (descending; order=asc for ascending).",
    tickets_resolved, options=(SORT, ORDER), report=leaderboard_report,
    rules="One row per rep (and per period with --by, per extra --group-by value): `group` "
          "holds `rep`, `value` and `n` are the rep's tickets_resolved, and the other "
          "columns are fields beside it, each the value of that metric's own report grouped "
          "by rep with the same range, filters and hours (so each is dated by its own "
          "dated-by time, and a rep appears when any column has data). A rep with nothing "
          "in a column has null there (0 for tickets_resolved). The `unassigned` row "
          "collects what no rep owned. Rows are sorted by the chosen column, nulls last, "
          "ties by rep; --top N keeps the first N rows (of each period), --top -N the "
          "bottom N. --compare previous compares tickets_resolved only.",
    extras=tuple(Extra(name, desc, _assembled, unit=unit)
                 for name, (unit, desc) in COLUMNS.items()) + (
        Extra("rep_name", "the rep's name from reps", _assembled),)))
