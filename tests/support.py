"""What the hand-built test suites share: importing a dataset folder once, a report
caller with a fixed `now`, and readers and checks of report rows.

Each suite (tests/handbuilt*, one dataset each, its story in data/README.md) builds its
fixtures from these; the expected values stay in the suites, worked out by hand from
shared/spec/metrics.md.
"""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

from supportlens.api import Workspace
from supportlens.generate import generate


def dataset_copy(tmp_path_factory: pytest.TempPathFactory, data: Path, name: str) -> Path:
    """A new folder `<name>/dataset` holding the table files of `data` (not its README)."""
    folder = tmp_path_factory.mktemp(name) / "dataset"
    folder.mkdir()
    for f in data.glob("*.csv"):
        shutil.copy(f, folder / f.name)
    return folder


def import_dataset(tmp_path_factory: pytest.TempPathFactory, data: Path, name: str,
                   tz: str | None = None) -> Workspace:
    """A new store (beside the copy of `data`) holding its table files, imported with `tz`."""
    folder = dataset_copy(tmp_path_factory, data, name)
    ws = Workspace.open(folder.parent / "store.duckdb")
    ws.import_folder(folder, tz=tz)
    return ws


def store_of_files(tmp_path_factory: pytest.TempPathFactory, name: str,
                   files: dict[str, str], tz: str = "UTC") -> Path:
    """A new store holding the tables given as CSV text (table name → text), imported
    with `tz` and closed; its path."""
    folder = tmp_path_factory.mktemp(name)
    for table, text in files.items():
        (folder / f"{table}.csv").write_text(text)
    ws = Workspace.open(folder / "store.duckdb")
    ws.import_folder(folder, tz=tz)
    ws.close()
    return folder / "store.duckdb"


def generated_workspace(tmp_path_factory: pytest.TempPathFactory, tickets: int,
                        seed: int) -> Workspace:
    """A new store holding a generated dataset of `tickets` tickets."""
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, tickets=tickets, seed=seed)
    ws = Workspace.open(folder / "store.duckdb")
    ws.import_folder(folder)
    return ws


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listened on a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Reporter:
    """Calls `Workspace.report` with `now` fixed unless the test passes its own."""

    def __init__(self, ws: Workspace, now: str) -> None:
        self.ws, self.now = ws, now

    def __call__(self, metric: str, **kwargs: Any) -> dict:
        kwargs.setdefault("now", self.now)
        rep = self.ws.report(metric, **kwargs)
        assert rep["metric"] == metric
        assert isinstance(rep["rows"], list)
        return rep


# ---------------------------------------------------------------- reading rows


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
    """{period: row} of an ungrouped report with `by`; asserts periods are ordered."""
    periods = [r["period"] for r in rep["rows"]]
    assert periods == sorted(set(periods)), periods
    assert all(r["group"] == {} for r in rep["rows"]), rep["rows"]
    return {r["period"]: r for r in rep["rows"]}


def by_group(rep: dict, *dims: str) -> dict[Any, dict]:
    """{group value (or tuple of values): row} of a totals report grouped by `dims`."""
    out = {}
    for r in rep["rows"]:
        assert r["period"] is None and set(r["group"]) == set(dims), r
        k = _key(r, dims)
        assert k not in out, f"duplicate group {k}"
        out[k] = r
    return out


def by_period_group(rep: dict, *dims: str) -> dict[tuple, dict]:
    """{(period, group value): row} of a report with both `by` and `group_by`."""
    out = {}
    for r in rep["rows"]:
        k = (r["period"], _key(r, dims))
        assert k not in out, f"duplicate row {k}"
        out[k] = r
    return out


def group_order(rep: dict, *dims: str) -> list:
    return [_key(r, dims) for r in rep["rows"]]


# ---------------------------------------------------------------- checking rows


def check_count(row: dict, value: int, n: int | None = None) -> None:
    """A count row; for `sum` metrics n (rows summed) differs from the value."""
    assert row["value"] == value, row
    assert row["n"] == (value if n is None else n), row


def check_rate(row: dict, numerator: int, denominator: int) -> None:
    """A rate row: value = numerator / denominator, n = denominator (records measured)."""
    assert row["n"] == denominator, row
    if denominator == 0:
        assert row["value"] is None, row
        assert row.get("numerator") in (0, None), row
        assert row.get("denominator") in (0, None), row
        return
    assert row["numerator"] == numerator, row
    assert row["denominator"] == denominator, row
    assert row["value"] == pytest.approx(numerator / denominator), row


def check_duration(row: dict, n: int, mean: float | None, median: float | None = None,
                   p90: float | None = None) -> None:
    """A duration row (seconds): value = mean, plus n, median and p90 (linear interpolation)."""
    assert row["n"] == n, row
    if n == 0:
        assert row["value"] is None and row.get("median") is None and row.get("p90") is None
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
