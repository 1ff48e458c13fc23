"""Fixtures for the hand-built ticket-metric tests.

The dataset in ``data/`` (see ``data/README.md``) is imported once per session into
a temporary DuckDB file: once with workspace tz UTC (``utc``) and once with
Europe/Stockholm (``sthlm``). Every report passes ``now`` explicitly (``NOW`` unless
a test says otherwise), so no result depends on the clock.

Expected values in the test modules were computed by hand from
shared/spec/metrics.md; the arithmetic is written next to each of them.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
NOW = "2026-04-06T00:00:00Z"


class Reporter:
    """Calls ``Workspace.report`` with ``now=NOW`` unless the test passes its own."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def __call__(self, metric: str, **kwargs: Any) -> dict:
        kwargs.setdefault("now", NOW)
        rep = self.ws.report(metric, **kwargs)
        assert rep["metric"] == metric
        assert isinstance(rep["rows"], list)
        return rep


def _import(tmp_path_factory: pytest.TempPathFactory, tz: str) -> Any:
    from supportlens.api import Workspace  # imported here so that collection never needs it

    base = tmp_path_factory.mktemp("handbuilt-" + tz.replace("/", "-"))
    # Import a copy holding only the table files (the data folder also has README.md).
    folder = base / "dataset"
    folder.mkdir()
    for f in DATA.glob("*.csv"):
        shutil.copy(f, folder / f.name)
    ws = Workspace.open(str(base / "store.duckdb"))
    ws.import_folder(str(folder), tz=tz)
    return ws


def _close(ws: Any) -> None:
    close = getattr(ws, "close", None)
    if callable(close):
        close()


@pytest.fixture(scope="session")
def utc(tmp_path_factory: pytest.TempPathFactory):
    """Reports on the dataset imported with workspace timezone UTC."""
    ws = _import(tmp_path_factory, "UTC")
    yield Reporter(ws)
    _close(ws)


@pytest.fixture(scope="session")
def sthlm(tmp_path_factory: pytest.TempPathFactory):
    """Reports on the dataset imported with workspace timezone Europe/Stockholm."""
    ws = _import(tmp_path_factory, "Europe/Stockholm")
    yield Reporter(ws)
    _close(ws)


# ---------------------------------------------------------------- row helpers


def _key(row: dict, dims: tuple[str, ...]) -> Any:
    vals = tuple(row["group"].get(d) for d in dims)
    return vals[0] if len(vals) == 1 else vals


def only(rep: dict) -> dict:
    """The single row of an ungrouped totals report."""
    assert len(rep["rows"]) == 1, rep["rows"]
    row = rep["rows"][0]
    assert row["period"] is None
    assert row["group"] == {}
    return row


def by_period(rep: dict) -> dict[str, dict]:
    """{period: row} of an ungrouped report with ``by``; asserts periods are ordered."""
    periods = [r["period"] for r in rep["rows"]]
    assert periods == sorted(periods), periods
    assert len(set(periods)) == len(periods), periods
    for r in rep["rows"]:
        assert r["group"] == {}
    return {r["period"]: r for r in rep["rows"]}


def by_group(rep: dict, *dims: str) -> dict[Any, dict]:
    """{group value (or tuple of values): row} of a totals report grouped by ``dims``."""
    out = {}
    for r in rep["rows"]:
        assert r["period"] is None
        assert set(r["group"]) == set(dims), r["group"]
        k = _key(r, dims)
        assert k not in out, f"duplicate group {k}"
        out[k] = r
    return out


def by_period_group(rep: dict, *dims: str) -> dict[tuple, dict]:
    """{(period, group value): row} of a report with both ``by`` and ``group_by``."""
    out = {}
    for r in rep["rows"]:
        k = (r["period"], _key(r, dims))
        assert k not in out, f"duplicate row {k}"
        out[k] = r
    return out


def group_order(rep: dict, *dims: str) -> list:
    return [_key(r, dims) for r in rep["rows"]]


def check_count(row: dict, value: int) -> None:
    assert row["value"] == value, row
    assert row["n"] == value, row


def check_rate(row: dict, numerator: int, denominator: int) -> None:
    """A rate row: value = numerator / denominator, n = denominator (records measured)."""
    if denominator == 0:
        assert row["value"] is None, row
        assert row["n"] == 0, row
        assert row.get("numerator") in (0, None), row
        assert row.get("denominator") in (0, None), row
        return
    assert row["numerator"] == numerator, row
    assert row["denominator"] == denominator, row
    assert row["value"] == pytest.approx(numerator / denominator), row
    assert row["n"] == denominator, row


def check_duration(row: dict, n: int, mean: float | None, median: float | None = None,
                   p90: float | None = None) -> None:
    """A duration row (seconds): value = mean, plus n, median and p90 (linear interpolation)."""
    assert row["n"] == n, row
    if n == 0:
        assert row["value"] is None, row
        assert row.get("median") is None, row
        assert row.get("p90") is None, row
        return
    assert row["value"] == pytest.approx(mean), row
    if median is not None:
        assert row["median"] == pytest.approx(median), row
    if p90 is not None:
        assert row["p90"] == pytest.approx(p90), row


def check_mean(row: dict, n: int, mean: float | None) -> None:
    assert row["n"] == n, row
    if n == 0:
        assert row["value"] is None, row
    else:
        assert row["value"] == pytest.approx(mean), row


@pytest.fixture(scope="session")
def hb() -> SimpleNamespace:
    """The row helpers above, as a fixture (no imports between test modules needed)."""
    return SimpleNamespace(
        NOW=NOW,
        only=only,
        by_period=by_period,
        by_group=by_group,
        by_period_group=by_period_group,
        group_order=group_order,
        count=check_count,
        rate=check_rate,
        duration=check_duration,
        mean=check_mean,
    )
