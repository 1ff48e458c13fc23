"""The agent leaderboard: one row per rep with five metrics side by side.

The leaderboard is not a new measurement: each column is an existing metric's report
grouped by `rep` (tickets_resolved, first_response_time, resolution_time,
first_contact_resolution_rate, csat), run with the same range, periods, filters and
hours, and merged by (period, rep). So every column keeps its own metric's rules (a
ticket metric's rep is the owner at its dated-by time; csat's is the survey's rep).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from supportlens.errors import QueryError
from supportlens.metrics.registry import Extra, Metric, Option, Unit, register
from supportlens.metrics.request import ReportRequest
from supportlens.metrics.rows import group_sort_key
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
    """Run the five reports grouped by rep (plus any other --group-by) and merge them."""
    # the engine imports the registry
    from supportlens.metrics.engine import report_values, run_report

    dims = ["rep", *[d for d in req.group_by if d != "rep"]]
    base = dataclasses.replace(req, group_by=tuple(dims), options={}, top=None)
    main = run_report(con, dataclasses.replace(base, metric=VALUE), workspace_tz)
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in main["rows"]:
        merged[_key(row)] = _blank(row["period"]) | {k: v for k, v in row.items()
                                                    if k != "group"}
    for column in COLUMNS:
        values = report_values(con, dataclasses.replace(base, metric=column, compare=None),
                               workspace_tz)
        for key, value in values.items():
            entry = merged.get(key)
            if entry is None:
                entry = merged[key] = _blank(key[0])
            entry[column] = value
    names = _rep_names(con)
    rows = []
    for (period, *group), entry in merged.items():
        head = {"period": period, "group": dict(zip(dims, group, strict=True))}
        rows.append(head | entry | {"rep_name": names.get(head["group"]["rep"])})
    return {"metric": "agent_leaderboard", "unit": "count", "from": main["from"],
            "to": main["to"], "sort": req.options.get("sort", VALUE).lower(),
            "order": req.options.get("order", "desc").lower(),
            "rows": _sorted(rows, req, dims)}


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    """(period, *group values in `dims` order), as report_values keys its values; every
    report's `group` holds exactly the dims in that order (build_rows makes it from
    them), so its values are read as is."""
    return (row["period"], *row["group"].values())


def _blank(period: str | None) -> dict[str, Any]:
    """A row with no data in tickets_resolved: 0 resolved, other columns null."""
    out: dict[str, Any] = {"period": period, "value": 0, "n": 0}
    return out | {c: None for c in COLUMNS}


def _rep_names(con: Any) -> dict[str, str]:
    reps = con.table("reps").select("rep_id", "name").to_pyarrow().to_pylist()
    return {r["rep_id"]: r["name"] for r in reps}


def _sorted(rows: list[dict[str, Any]], req: ReportRequest,
            dims: list[str]) -> list[dict[str, Any]]:
    """Rows by period, then by the sort column (nulls last), ties by the group; --top N
    keeps the first N reps of each period in that order (-N: the last N non-null)."""
    column = req.options.get("sort", VALUE).lower()
    descending = req.options.get("order", "desc").lower() == "desc"
    if req.top is not None and req.top < 0:
        descending = not descending
    field = "value" if column == VALUE else column
    by_period: dict[Any, list[dict[str, Any]]] = {}
    for r in rows:
        by_period.setdefault(r["period"], []).append(r)
    out: list[dict[str, Any]] = []
    for period in sorted(by_period, key=lambda p: p or ""):
        chunk = sorted(by_period[period],
                       key=lambda r: group_sort_key(tuple(r["group"][d] for d in dims)))
        if column == "rep":
            chunk.sort(key=lambda r: str(r["group"]["rep"]), reverse=descending)
        else:
            present = [r for r in chunk if r[field] is not None]
            present.sort(key=lambda r: r[field], reverse=descending)
            chunk = present + [r for r in chunk if r[field] is None]
        out += chunk[: abs(req.top)] if req.top else chunk
    return out


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
