"""engine.report_values and value_grid.value_grid (what the leaderboard merges) give, for
every kind of metric, the rows run_report returns and their values and n."""

from __future__ import annotations

import pyarrow.compute as pc
import pytest

from supportlens.api import Workspace
from supportlens.metrics.engine import report_values
from supportlens.metrics.registry import all_metrics, get_metric
from supportlens.metrics.request import build_request
from supportlens.metrics.rows import Stats, shown_periods
from supportlens.metrics.value_grid import value_grid
from tests.support import generated_workspace

NOW = "2026-11-01T00:00:00Z"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return generated_workspace(tmp_path_factory, tickets=300, seed=5)


# one metric of every kind (interval, concurrency and snapshot included), and churn_rate:
# a rate made of changes (levels summed in Python)
ONE_PER_KIND = {m.kind: m.id for m in all_metrics() if m.report is None}


@pytest.mark.parametrize("metric", sorted({*ONE_PER_KIND.values(), "churn_rate"}))
@pytest.mark.parametrize("shape", [{"by": "week", "group_by": ("team",)},
                                   {"by": "month"}, {"group_by": ("channel",)}])
def test_values_are_the_rows_values(ws: Workspace, metric: str, shape: dict) -> None:
    groups = [g for g in shape.get("group_by", ()) if _has(ws, metric, g)]
    kwargs = {"by": shape.get("by"), "group_by": groups, "now": NOW}
    report = ws.report(metric, **kwargs)
    rows = report["rows"]
    request = build_request(metric, workspace_tz=ws.timezone, **kwargs)
    table, first, last = report_values(ws.source.reader(), request, ws.timezone)
    grid, (place,) = value_grid([(table, shown_periods(kwargs["by"], first, last))],
                                [f"dim_{i}" for i in range(len(groups))])
    empty = Stats.empty(get_metric(metric).kind).value  # of a row without data
    keys = zip(*(grid[c].to_pylist() for c in grid.column_names), strict=True)
    values = zip(table["value"].take(place).to_pylist(), table["n"].take(place).to_pylist(),
                 pc.is_valid(place).to_pylist(), strict=True)
    found = {(p and p.isoformat(), *g): (v, n) if has else (empty, 0)
             for (p, *g), (v, n, has) in zip(keys, values, strict=True)}
    assert grid.num_rows == len(found)  # one row per (period, *group)
    assert found == {(r["period"], *r["group"].values()): (r["value"], r["n"]) for r in rows}
    # of the same types (an int count, a float share, None where empty)
    assert {k: type(v) for k, (v, _) in found.items()} == {
        (r["period"], *r["group"].values()): type(r["value"]) for r in rows}
    assert (first and first.isoformat(), last and last.isoformat()) == (
        report["from"], report["to"])
    assert any(v or n for v, n in found.values()), metric  # the dataset has data for it


def _has(ws: Workspace, metric: str, dim: str) -> bool:
    try:
        ws.report(metric, group_by=[dim], now=NOW, date_from="2026-10-01")
    except Exception as e:
        if "unknown dimension" in str(e):
            return False
        raise
    return True


def test_values_skip_a_durations_quantiles_but_its_report_keeps_them(ws: Workspace) -> None:
    """report_values leaves out the median and p90 (it reads value and n only), and a
    report of the same shape run after it, on the same connection, still has them."""
    kwargs = {"by": "week", "group_by": ["team"], "now": NOW}
    request = build_request("first_response_time", workspace_tz=ws.timezone, **kwargs)
    table, _, _ = report_values(ws.source.reader(), request, ws.timezone)
    assert table.column_names == ["period", "dim_0", "value", "n"]
    rows = ws.report("first_response_time", **kwargs)["rows"]
    assert rows and all(r["median"] is not None for r in rows if r["n"])
    assert any(r["p90"] > r["median"] for r in rows if r["n"])
