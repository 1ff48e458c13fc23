"""The subset through supportlens itself: `Workspace.report(metric, by="week", now=NOW)`,
whole range, ungrouped, calendar hours — what the baselines are compared against."""

from __future__ import annotations

from typing import Any

from baselines.common import NOW, SUBSET, Result, Row, best_of, peak_mib, timed

FIELDS = ("value", "n", "numerator", "median", "p90")


def as_result(report: dict[str, Any]) -> dict[str, Row]:
    """A report's rows with records (n > 0), keyed by period."""
    return {row["period"]: {k: row[k] for k in FIELDS if k in row}
            for row in report["rows"] if row["n"]}


def run(db: str, repeat: int = 3) -> dict[str, Any]:
    """Each metric once cold (first in this process), then the best of `repeat` warm."""
    from supportlens.api import Workspace

    ws = Workspace.open(db)
    results: Result = {}
    cold: dict[str, float] = {}
    warm: dict[str, float] = {}
    for metric in SUBSET:
        def report(metric: str = metric) -> dict[str, Any]:
            return ws.report(metric, by="week", now=NOW)
        _, cold[metric] = timed(report)
        rep, warm[metric] = best_of(report, repeat)
        results[metric] = as_result(rep)
    return {"results": results, "cold_s": cold, "seconds": warm,
            "total_s": sum(warm.values()), "cold_total_s": sum(cold.values()),
            "peak_mib": peak_mib()}
