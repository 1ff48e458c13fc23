"""compiled.py: a report's SQL is compiled once per shape and reused with each request's
`now` and range, and what runs is exactly what Ibis compiles with those values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ibis
import pytest

from supportlens.api import Workspace
from supportlens.errors import QueryError
from supportlens.metrics import compiled
from supportlens.metrics.registry import all_metrics
from tests.support import generated_workspace

NOW = "2026-11-01T00:00:00Z"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return generated_workspace(tmp_path_factory, tickets=300, seed=5)


def _runs(ws: Workspace, monkeypatch: pytest.MonkeyPatch,
          requests: list[dict[str, Any]]) -> list[tuple[Any, ibis.Table, dict]]:
    """Every (connection, expression, values) the reports of `requests` ran."""
    seen: list[tuple[Any, ibis.Table, dict]] = []
    original = compiled.to_arrow

    def recording(con: Any, build: Any, values: dict, shape: Any = None) -> Any:
        expr = build()
        seen.append((con, expr, values))
        result = original(con, lambda: expr, values, shape)
        if shape is not None:  # the shape names the expression: the one kept is equal
            assert compiled._compiled(con, _unused, shape).expr.op() == expr.op()
        return result

    monkeypatch.setattr(compiled, "to_arrow", recording)
    for request in requests:
        try:
            ws.report(**request)
        except QueryError as e:  # a metric without a team dimension
            assert "unknown dimension 'team'" in str(e)
    return seen


def _unused() -> ibis.Table:
    raise AssertionError("the shape was kept: nothing to build")


def test_every_report_runs_the_sql_ibis_compiles(ws: Workspace,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    requests = []
    for m in all_metrics():
        requests += [
            {"metric": m.id, "by": "week", "now": NOW},  # open range: no LO/HI
            {"metric": m.id, "by": "month", "group_by": ["team"], "now": NOW,
             "date_from": "2026-08-01", "date_to": "2026-10-15"},
            {"metric": m.id, "now": "2026-10-20T13:14:15.123456Z", "date_from": "2026-09-01",
             "hours": "business", "tz": "America/New_York"},
        ]
    runs = _runs(ws, monkeypatch, requests)
    assert len(runs) >= len(requests)
    for con, expr, values in runs:
        assert compiled.sql_of(con, expr, values) == con.compile(expr, params=values)


# (metric, the first request, the next one): a ticket metric with a new range and now;
# reports whose queries hold in-memory tables (an interval's grid, a backlog's snapshots)
# with a new `now` over the same range.
REPEATS = [
    ("first_response_time", {"date_from": "2026-07-01", "date_to": "2026-09-30", "now": NOW},
     {"date_from": "2026-08-15", "date_to": "2026-10-20", "now": "2026-10-31T09:30:00Z"}),
    ("rep_status_time", {"date_from": "2026-09-01", "date_to": "2026-09-30", "now": NOW},
     {"date_from": "2026-09-01", "date_to": "2026-09-30", "now": "2026-10-31T09:30:00Z"}),
    ("available_outside_hours", {"date_from": "2026-09-01", "now": NOW},
     {"date_from": "2026-09-01", "now": "2026-11-01T09:30:00Z"}),
    ("max_available_reps", {"date_from": "2026-09-01", "date_to": "2026-09-30", "now": NOW},
     {"date_from": "2026-09-01", "date_to": "2026-09-30", "now": "2026-10-31T09:30:00Z"}),
    ("tickets_unresolved", {"date_from": "2026-08-01", "date_to": "2026-09-30", "now": NOW},
     {"date_from": "2026-08-01", "date_to": "2026-09-30", "now": "2026-10-31T09:30:00Z"}),
]


@pytest.mark.parametrize(("metric", "first", "later"), REPEATS, ids=[r[0] for r in REPEATS])
def test_a_new_request_of_one_shape_reuses_its_sql(ws: Workspace, metric: str, first: dict,
                                                    later: dict) -> None:
    con = ws.source.reader()
    shape = {"metric": metric, "by": "week", "group_by": ["team"]}
    ws.report(**shape, **first)
    kept = compiled.shapes(con)
    again = ws.report(**shape, **later)
    assert compiled.shapes(con) == kept  # compiled once
    fresh = Workspace.open(ws.source.path)  # a new connection: compiles anew
    assert fresh.source.reader() is not con
    assert again == fresh.report(**shape, **later)
    assert compiled.shapes(fresh.source.reader()) >= 1
    assert any(row["value"] for row in again["rows"])


def test_a_shape_builds_its_expression_once(ws: Workspace,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from supportlens.metrics.engine import Engine

    built: list[str] = []
    original = Engine.expression

    def counting(self: Engine, w: Any) -> ibis.Table:
        built.append(self.metric.id)
        return original(self, w)

    monkeypatch.setattr(Engine, "expression", counting)
    shape = {"by": "week", "group_by": ["channel"], "where": ["priority!=low"]}
    first = ws.report("resolution_time", **shape, now=NOW, date_from="2026-08-01")
    again = ws.report("resolution_time", **shape, now="2026-10-30T00:00:00Z",
                      date_from="2026-07-01")
    assert built == ["resolution_time"]
    assert again != first
    ws.report("resolution_time", **shape | {"where": ["priority!=high"]}, now=NOW)
    ws.report("rep_status_time", by="week", now=NOW, date_from="2026-10-01")
    ws.report("rep_status_time", by="week", now=NOW, date_from="2026-10-01")
    assert built == ["resolution_time", "resolution_time", "rep_status_time",
                     "rep_status_time"]  # an interval kind's expression has the range


BASE = {"by": "week", "group_by": ["channel"], "where": ["priority!=low"], "now": NOW,
        "date_from": "2026-08-01"}
# each part of a request's shape, changed alone
VARIANTS = [{"by": "month"}, {"group_by": ["team"]}, {"where": ["priority!=high"]},
            {"hours": "business"}, {"tz": "Asia/Kolkata"}, {"date_from": None},
            {"date_to": "2026-10-01"}, {"options": ["include_ai=true"]}]


@pytest.mark.parametrize("variant", VARIANTS, ids=[next(iter(v)) for v in VARIANTS])
@pytest.mark.parametrize("metric", ["first_response_time", "ai_resolution_rate"])
def test_each_part_of_the_shape_counts(ws: Workspace, tmp_path_factory: Any, metric: str,
                                       variant: dict) -> None:
    if "options" in variant and metric != "first_response_time":
        pytest.skip("an option of first_response_time only")
    ws.report(metric, **BASE)
    changed = ws.report(metric, **BASE | variant)
    assert changed == Workspace.open(ws.source.path).report(metric, **BASE | variant)


def test_an_unset_parameter_is_an_error(ws: Workspace) -> None:
    con = ws.source.reader()
    t = con.table("ticket_facts")
    expr = t.filter(t.created_at < compiled.HI).count().as_table()
    at = dt.datetime(2026, 10, 1)
    assert compiled.to_arrow(con, lambda: expr, compiled.parameters(at, hi=at)).num_rows == 1
    with pytest.raises(ValueError, match="parameter the request left unset"):
        compiled.to_arrow(con, lambda: expr, compiled.parameters(at))


def test_shapes_are_bounded(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    con = ws.source.reader()
    monkeypatch.setattr(compiled, "MAX_SHAPES", 3)
    t = con.table("ticket_facts")
    for n in range(5):
        expr = t.filter(t.created_at < compiled.NOW).limit(n + 1)
        assert compiled.to_arrow(con, lambda e=expr: e,
                                 compiled.parameters(dt.datetime(2026, 10, 1))
                                 ).num_rows == n + 1
    assert compiled.shapes(con) == 3
