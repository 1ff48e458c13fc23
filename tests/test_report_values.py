"""engine.report_values (what the leaderboard merges) gives, for every kind of metric,
the value of each row run_report returns, keyed by (period, *group)."""

from __future__ import annotations

import pytest

from supportlens.api import Workspace
from supportlens.metrics.engine import report_values
from supportlens.metrics.registry import all_metrics
from supportlens.metrics.request import build_request
from tests.support import generated_workspace

NOW = "2026-11-01T00:00:00Z"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return generated_workspace(tmp_path_factory, tickets=300, seed=5)


# one metric of every kind (interval, concurrency and snapshot included)
ONE_PER_KIND = {m.kind: m.id for m in all_metrics() if m.report is None}


@pytest.mark.parametrize("metric", sorted(ONE_PER_KIND.values()))
@pytest.mark.parametrize("shape", [{"by": "week", "group_by": ("team",)},
                                   {"by": "month"}, {"group_by": ("channel",)}])
def test_values_are_the_rows_values(ws: Workspace, metric: str, shape: dict) -> None:
    groups = [g for g in shape.get("group_by", ()) if _has(ws, metric, g)]
    kwargs = {"by": shape.get("by"), "group_by": groups, "now": NOW}
    rows = ws.report(metric, **kwargs)["rows"]
    request = build_request(metric, workspace_tz=ws.timezone, **kwargs)
    values = report_values(ws.source.reader(), request, ws.timezone)
    assert values == {(r["period"], *r["group"].values()): r["value"] for r in rows}
    assert any(v for v in values.values()), metric  # the dataset has data for it


def _has(ws: Workspace, metric: str, dim: str) -> bool:
    try:
        ws.report(metric, group_by=[dim], now=NOW, date_from="2026-10-01")
    except Exception as e:
        if "unknown dimension" in str(e):
            return False
        raise
    return True
