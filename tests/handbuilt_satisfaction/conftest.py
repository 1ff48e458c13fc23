"""Fixtures for the hand-built satisfaction, self-service and social tests.

The dataset in ``data/`` (its story is in ``data/README.md``) is imported once per
session into a temporary DuckDB file (workspace timezone UTC). Every report passes
``now`` explicitly, so no result depends on the clock. The expected values in the
test modules were worked out by hand from shared/spec/metrics.md; the arithmetic is
written next to each of them.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
NOW = "2026-04-06T00:00:00Z"
JAN_TO_APR = {"date_from": "2026-01-01", "date_to": "2026-04-30", "by": "month"}
MONTHS = ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"]


class Reporter:
    """Calls ``Workspace.report`` with ``now=NOW`` unless the test passes its own."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def __call__(self, metric: str, **kwargs: Any) -> dict:
        kwargs.setdefault("now", NOW)
        rep = self.ws.report(metric, **kwargs)
        assert rep["metric"] == metric
        return rep


@pytest.fixture(scope="session")
def sat(tmp_path_factory: pytest.TempPathFactory):
    """Reports on the hand-built dataset (workspace timezone UTC)."""
    from supportlens.api import Workspace

    base = tmp_path_factory.mktemp("handbuilt-satisfaction")
    folder = base / "dataset"
    folder.mkdir()
    for f in DATA.glob("*.csv"):  # only the tables: the folder also holds README.md
        shutil.copy(f, folder / f.name)
    ws = Workspace.open(str(base / "store.duckdb"))
    ws.import_folder(str(folder))
    yield Reporter(ws)
    ws.close()


def only(rep: dict) -> dict:
    """The single row of an ungrouped totals report."""
    assert len(rep["rows"]) == 1, rep["rows"]
    row = rep["rows"][0]
    assert row["period"] is None and row["group"] == {}, row
    return row


def by_period(rep: dict) -> dict[str, dict]:
    """{period: row} of an ungrouped report with ``by``; checks the periods are in order."""
    periods = [r["period"] for r in rep["rows"]]
    assert periods == sorted(set(periods)), periods
    return {r["period"]: r for r in rep["rows"]}


def by_group(rep: dict, *dims: str) -> dict[Any, dict]:
    """{group value (a tuple for several dims): row} of a totals report."""
    out: dict[Any, dict] = {}
    for r in rep["rows"]:
        assert r["period"] is None and set(r["group"]) == set(dims), r
        vals = tuple(r["group"][d] for d in dims)
        key = vals[0] if len(vals) == 1 else vals
        assert key not in out, f"duplicate group {key}"
        out[key] = r
    return out


def check_count(row: dict, value: int, n: int | None = None) -> None:
    """A count row; for `sum` metrics n (rows summed) differs from the value."""
    assert row["value"] == value, row
    assert row["n"] == (value if n is None else n), row


def check_rate(row: dict, numerator: int, denominator: int) -> None:
    """value = numerator / denominator (null when nothing measured), n = denominator."""
    assert row["n"] == denominator, row
    if denominator == 0:
        assert row["value"] is None, row
        return
    assert row["numerator"] == numerator, row
    assert row["denominator"] == denominator, row
    assert row["value"] == pytest.approx(numerator / denominator), row


def check_mean(row: dict, n: int, mean: float | None) -> None:
    assert row["n"] == n, row
    if n == 0:
        assert row["value"] is None, row
    else:
        assert row["value"] == pytest.approx(mean), row


@pytest.fixture(scope="session")
def hb() -> SimpleNamespace:
    """The row helpers above, as a fixture."""
    return SimpleNamespace(NOW=NOW, JAN_TO_APR=JAN_TO_APR, MONTHS=MONTHS, only=only,
                           by_period=by_period, by_group=by_group, count=check_count,
                           rate=check_rate, mean=check_mean)
