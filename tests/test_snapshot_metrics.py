"""Per-period metrics (the backlog, churn) on a generated dataset.

Grouped by hour_of_day or weekday: each period's snapshot is taken at one instant, so a
period has one hour and one weekday, and its one row with data must hold the period's
ungrouped value. (Levels summed from changes per group once made these rows running
sums within each weekday: negative backlogs.) And churn as changes gives the rows of
cohorts listed whole."""

from __future__ import annotations

import pytest

from supportlens.api import Workspace
from tests.support import generated_workspace

NOW = "2026-11-01T00:00:00Z"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return generated_workspace(tmp_path_factory, tickets=300, seed=7)


def _by_period(report: dict, field: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for row in report["rows"]:
        out[row["period"]] = out.get(row["period"], 0) + (row[field] or 0)
    return out


@pytest.mark.parametrize("metric, fields", [("tickets_unresolved", ("value",)),
                                            ("churn_rate", ("numerator", "denominator"))])
@pytest.mark.parametrize("dim", ["weekday", "hour_of_day"])
@pytest.mark.parametrize("by, tz", [("day", "UTC"), ("week", "Europe/Stockholm"),
                                    ("month", "America/New_York")])
def test_time_of_day_rows_add_up_to_the_period(ws: Workspace, metric: str,
                                               fields: tuple[str, ...], dim: str, by: str,
                                               tz: str) -> None:
    kwargs = {"by": by, "tz": tz, "now": NOW, "date_from": "2026-08-01",
              "date_to": "2026-10-31"}
    whole = ws.report(metric, **kwargs)
    split = ws.report(metric, group_by=[dim], **kwargs)
    for field in fields:
        expected = _by_period(whole, field)
        assert sum(expected.values()) > 0
        assert _by_period(split, field) == expected, field
    held: dict[str, int] = {}
    for row in split["rows"]:
        if any(row[f] for f in fields):
            held[row["period"]] = held.get(row["period"], 0) + 1
    assert set(held.values()) == {1}  # one hour, one weekday per period


@pytest.mark.parametrize("kwargs", [
    {"by": "week"},
    {"by": "day", "date_from": "2026-03-20", "date_to": "2026-11-05", "tz": "Europe/Stockholm"},
    {"by": "month", "group_by": ["segment"], "tz": "America/New_York"},
    {"by": "quarter", "compare": "previous", "date_from": "2026-04-01"},
    {"date_from": "2026-08-01", "date_to": "2026-10-31", "group_by": ["value_tier"]},
])
def test_churn_by_changes_equals_the_cohorts(ws: Workspace, kwargs: dict,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from supportlens.metrics import customers

    by_changes = ws.report("churn_rate", now=NOW, **kwargs)
    monkeypatch.setattr(customers, "by_changes", lambda ctx: False)
    assert ws.report("churn_rate", now=NOW, **kwargs) == by_changes
    assert any(r["numerator"] for r in by_changes["rows"])
