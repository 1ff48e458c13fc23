"""agent_leaderboard (merged column by column in Arrow) against a plain reference: the
five reports' rows, merged by (period, group) in dicts and sorted in Python, on a
generated workspace and over many request shapes. The rows must be the same: the same
keys in the same order, the same values, of the same Python types."""

from __future__ import annotations

from typing import Any

import pytest

from supportlens.api import Workspace
from supportlens.metrics.leaderboard import COLUMNS
from tests.support import generated_workspace

NOW = "2026-11-01T00:00:00Z"

SHAPES: list[dict[str, Any]] = [
    {},
    {"by": "week"},
    {"by": "month"},
    {"by": "week", "group_by": ["team"]},
    {"by": "month", "group_by": ["team"], "date_from": "2026-08-01", "date_to": "2026-10-15"},
    {"by": "week", "date_from": "2026-09-03", "date_to": "2026-10-20"},
    {"by": "month", "options": {"sort": "csat"}},
    {"by": "week", "options": {"sort": "rep"}},
    {"by": "month", "group_by": ["team"], "options": {"sort": "rep", "order": "asc"}},
    {"by": "month", "options": {"sort": "first_response_time", "order": "asc"}},
    {"by": "week", "top": 3},
    {"by": "week", "top": -3, "options": {"sort": "csat"}},
    {"top": 3, "options": {"sort": "resolution_time"}},
    {"top": -3, "group_by": ["team"], "options": {"sort": "rep"}},
    {"by": "month", "hours": "business"},
    {"by": "month", "where": ["channel=email"]},
    {"by": "month", "compare": "previous"},
    {"by": "week", "group_by": ["team"], "compare": "previous"},
    {"compare": "previous", "date_from": "2026-08-01", "date_to": "2026-09-30"},
    {"by": "week", "group_by": ["team", "rep"]},  # rep comes first all the same
    {"by": "week", "top": 3, "date_from": "2030-01-01", "date_to": "2030-02-01"},  # no data
    {"compare": "previous", "top": -3, "date_from": "2030-01-01", "date_to": "2030-02-01"},
]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return generated_workspace(tmp_path_factory, tickets=300, seed=5)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_leaderboard_is_the_merged_reports(ws: Workspace, shape: dict[str, Any]) -> None:
    board = ws.report("agent_leaderboard", now=NOW, **shape)
    first, last, rows = reference(ws, **shape)
    assert (board["from"], board["to"]) == (first, last)
    assert typed(board["rows"]) == typed(rows)


def test_the_shapes_cover_the_edge_cases(ws: Workspace) -> None:
    """Rows only other columns have (tickets_resolved 0), null group values (a reply's
    rep without a team) and, with --compare, rows without `previous`."""
    rows = ws.report("agent_leaderboard", now=NOW, by="week", group_by=["team"],
                     compare="previous")["rows"]
    assert any(r["group"]["team"] is None for r in rows)
    blank = [r for r in rows if "previous" not in r]
    assert blank and all(r["value"] == 0 and r["n"] == 0 for r in blank)
    assert any(r["csat"] is not None or r["first_response_time"] is not None for r in blank)


def reference(ws: Workspace, *, group_by: list[str] | tuple[str, ...] = (),
              options: dict[str, str] | None = None, top: int | None = None,
              **shape: Any) -> tuple[str | None, str | None, list[dict[str, Any]]]:
    """The leaderboard's range and rows as its rules say: tickets_resolved grouped by rep
    (and the other dims), each other column beside it (null where it has no row, and a
    rep only another column has resolved 0), sorted by period and the option's column."""
    dims = ["rep", *[d for d in group_by if d != "rep"]]
    main = ws.report("tickets_resolved", now=NOW, group_by=dims, **shape)
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in main["rows"]:
        merged[_key(row)] = _blank(row) | {k: row[k] for k in ("value", "n", "previous",
                                                               "change_pct") if k in row}
    for column in COLUMNS:
        report = ws.report(column, now=NOW, group_by=dims, **(shape | {"compare": None}))
        for row in report["rows"]:
            merged.setdefault(_key(row), _blank(row))[column] = row["value"]
    reps = ws.source.reader().table("reps").to_pyarrow().to_pylist()
    names = {r["rep_id"]: r["name"] for r in reps}
    rows = [e | {"rep_name": names.get(e["group"]["rep"])} for e in merged.values()]
    return main["from"], main["to"], _ordered(rows, options or {}, top)


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["period"], *row["group"].values())


def _blank(row: dict[str, Any]) -> dict[str, Any]:
    return {"period": row["period"], "group": row["group"], "value": 0, "n": 0,
            **dict.fromkeys(COLUMNS)}


def _ordered(rows: list[dict[str, Any]], options: dict[str, str],
             top: int | None) -> list[dict[str, Any]]:
    """By period; then by the column, descending unless order=asc (reversed for --top
    -N), nulls last; ties by the group values, nulls last; the first |N| of each period."""
    column = options.get("sort", "tickets_resolved")
    descending = (options.get("order", "desc") == "desc") != (top is not None and top < 0)
    field = "value" if column == "tickets_resolved" else column
    out = []
    for period in sorted({r["period"] for r in rows}, key=lambda p: p or ""):
        chunk = sorted((r for r in rows if r["period"] == period),
                       key=lambda r: [(v is None, v) for v in r["group"].values()])
        if field == "rep":
            chunk.sort(key=lambda r: r["group"]["rep"], reverse=descending)
        else:
            present = [r for r in chunk if r[field] is not None]
            present.sort(key=lambda r: r[field], reverse=descending)
            chunk = present + [r for r in chunk if r[field] is None]
        out += chunk[:abs(top)] if top else chunk
    return out


def typed(rows: list[dict[str, Any]]) -> list[list[tuple[str, type, Any]]]:
    """Each row's keys in order with their values and the values' types (1 == 1.0)."""
    return [[(k, type(v), v) for k, v in row.items()] for row in rows]
