"""Fixtures for the hand-built satisfaction, self-service and social tests.

The dataset in ``data/`` (its story is in ``data/README.md``) is imported once per
session into a temporary DuckDB file (workspace timezone UTC). Every report passes
``now`` explicitly, so no result depends on the clock. The expected values in the
test modules were worked out by hand from shared/spec/metrics.md; the arithmetic is
written next to each of them.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.support import (
    Reporter,
    by_group,
    by_period,
    check_count,
    check_mean,
    check_rate,
    import_dataset,
    only,
)

DATA = Path(__file__).parent / "data"
NOW = "2026-04-06T00:00:00Z"
JAN_TO_APR = {"date_from": "2026-01-01", "date_to": "2026-04-30", "by": "month"}
MONTHS = ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"]


@pytest.fixture(scope="session")
def sat(tmp_path_factory: pytest.TempPathFactory):
    """Reports on the hand-built dataset (workspace timezone UTC)."""
    ws = import_dataset(tmp_path_factory, DATA, "handbuilt-satisfaction")
    yield Reporter(ws, NOW)
    ws.close()


@pytest.fixture(scope="session")
def hb() -> SimpleNamespace:
    """The row helpers, as a fixture."""
    return SimpleNamespace(NOW=NOW, JAN_TO_APR=JAN_TO_APR, MONTHS=MONTHS, only=only,
                           by_period=by_period, by_group=by_group, count=check_count,
                           rate=check_rate, mean=check_mean)
