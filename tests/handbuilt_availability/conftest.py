"""Fixtures for the hand-built rep-availability tests.

The dataset in ``data/`` (see ``data/README.md``: reps, schedules and rep_status, no
tickets) is imported once per session into a temporary DuckDB file: once with workspace
tz UTC (``utc``) and once with Europe/Stockholm (``sthlm``). Every report passes ``now``
explicitly (``NOW`` unless a test says otherwise), so no result depends on the clock.

Expected values in the test modules were computed by hand from shared/spec/metrics.md;
the arithmetic is written next to each of them.
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

    base = tmp_path_factory.mktemp("availability-" + tz.replace("/", "-"))
    folder = base / "dataset"  # only the table files (the data folder also has README.md)
    folder.mkdir()
    for f in DATA.glob("*.csv"):
        shutil.copy(f, folder / f.name)
    ws = Workspace.open(str(base / "store.duckdb"))
    ws.import_folder(str(folder), tz=tz)
    return ws


@pytest.fixture(scope="session")
def utc(tmp_path_factory: pytest.TempPathFactory):
    """Reports on the dataset imported with workspace timezone UTC."""
    ws = _import(tmp_path_factory, "UTC")
    yield Reporter(ws)
    ws.close()


@pytest.fixture(scope="session")
def sthlm(tmp_path_factory: pytest.TempPathFactory):
    """Reports on the dataset imported with workspace timezone Europe/Stockholm."""
    ws = _import(tmp_path_factory, "Europe/Stockholm")
    yield Reporter(ws)
    ws.close()


# ---------------------------------------------------------------- row helpers


def _key(row: dict, dims: tuple[str, ...]) -> Any:
    vals = tuple(row["group"].get(d) for d in dims)
    return vals[0] if len(vals) == 1 else vals


def only(rep: dict) -> dict:
    """The single row of an ungrouped totals report."""
    assert len(rep["rows"]) == 1, rep["rows"]
    row = rep["rows"][0]
    assert row["period"] is None and row["group"] == {}, row
    return row


def by_period(rep: dict) -> dict[str, dict]:
    """{period: row} of an ungrouped report with ``by``; asserts periods are ordered."""
    periods = [r["period"] for r in rep["rows"]]
    assert periods == sorted(periods) and len(set(periods)) == len(periods), periods
    assert all(r["group"] == {} for r in rep["rows"])
    return {r["period"]: r for r in rep["rows"]}


def by_group(rep: dict, *dims: str) -> dict[Any, dict]:
    """{group value (or tuple of values): row} of a totals report grouped by ``dims``."""
    out = {}
    for r in rep["rows"]:
        assert r["period"] is None and set(r["group"]) == set(dims), r
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


def check_hours(row: dict, hours: float, reps: int) -> None:
    """An interval row: hours (approximately, float sums) and n = distinct reps."""
    assert row["value"] == pytest.approx(hours), row
    assert row["n"] == reps, row


def check_peak(row: dict, peak: int, reps: int) -> None:
    """A max_available_reps row: the peak (exact) and n = distinct reps available."""
    assert row["value"] == peak, row
    assert row["n"] == reps, row


@pytest.fixture(scope="session")
def hb() -> SimpleNamespace:
    """The row helpers above, as a fixture (no imports between test modules needed)."""
    return SimpleNamespace(NOW=NOW, only=only, by_period=by_period, by_group=by_group,
                           by_period_group=by_period_group, hours=check_hours,
                           peak=check_peak)
