"""Fixtures for the hand-built ticket-metric tests.

The dataset in ``data/`` (see ``data/README.md``) is imported once per session into
a temporary DuckDB file: once with workspace tz UTC (``utc``) and once with
Europe/Stockholm (``sthlm``). Every report passes ``now`` explicitly (``NOW`` unless
a test says otherwise), so no result depends on the clock.

Expected values in the test modules were computed by hand from
shared/spec/metrics.md; the arithmetic is written next to each of them.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.support import (
    Reporter,
    by_group,
    by_period,
    by_period_group,
    check_count,
    check_duration,
    check_mean,
    check_rate,
    group_order,
    import_dataset,
    only,
)

DATA = Path(__file__).parent / "data"
NOW = "2026-04-06T00:00:00Z"


@pytest.fixture(scope="session")
def utc(tmp_path_factory: pytest.TempPathFactory):
    """Reports on the dataset imported with workspace timezone UTC."""
    ws = import_dataset(tmp_path_factory, DATA, "handbuilt-utc", tz="UTC")
    yield Reporter(ws, NOW)
    ws.close()


@pytest.fixture(scope="session")
def sthlm(tmp_path_factory: pytest.TempPathFactory):
    """Reports on the dataset imported with workspace timezone Europe/Stockholm."""
    ws = import_dataset(tmp_path_factory, DATA, "handbuilt-sthlm", tz="Europe/Stockholm")
    yield Reporter(ws, NOW)
    ws.close()


@pytest.fixture(scope="session")
def hb() -> SimpleNamespace:
    """The row helpers, as a fixture (no imports between test modules needed)."""
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
