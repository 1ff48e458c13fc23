"""The full catalog: every registered metric over the whole range, weekly, ungrouped and
grouped by team (where the metric has that dimension), cold (first run in a fresh
process) and warm (second run), with the warm seconds of every report, slowest first; and
one typical report (first_response_time, weekly, by team, one quarter)."""

from __future__ import annotations

import time
from typing import Any

from baselines.common import NOW, peak_mib


def run(db: str) -> dict[str, Any]:
    from supportlens.api import Workspace
    from supportlens.errors import QueryError
    from supportlens.metrics.registry import all_metrics

    ws = Workspace.open(db)
    no_team: set[str] = set()
    seconds: dict[str, float] = {}  # per report, of the last run

    def timed(name: str, metric: str, groups: list[str]) -> None:
        t0 = time.perf_counter()
        ws.report(metric, by="week", group_by=groups, now=NOW)
        seconds[name] = time.perf_counter() - t0

    def catalog() -> float:
        t0 = time.perf_counter()
        for m in all_metrics():
            timed(m.id, m.id, [])
            if m.id in no_team:
                continue
            try:
                timed(f"{m.id} by team", m.id, ["team"])
            except QueryError:  # metrics without a team dimension (e.g. churn_rate)
                no_team.add(m.id)
        return time.perf_counter() - t0

    cold = catalog()
    warm = catalog()
    slowest = dict(sorted(seconds.items(), key=lambda kv: -kv[1]))
    t0 = time.perf_counter()
    for _ in range(5):
        ws.report("first_response_time", by="week", group_by=["team"], date_from="2026-07-01",
                  date_to="2026-09-30", now=NOW)
    typical = (time.perf_counter() - t0) / 5
    return {"catalog_cold_s": cold, "catalog_warm_s": warm, "typical_report_s": typical,
            "metrics": len(all_metrics()), "reports": len(seconds),
            "without_team": sorted(no_team), "warm_report_s": slowest, "peak_mib": peak_mib()}
