"""The full catalog: every registered metric over the whole range, weekly, ungrouped and
grouped by team (where the metric has that dimension), cold (first run in a fresh
process) and warm (second run); and one typical report (first_response_time, weekly, by
team, one quarter)."""

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

    def catalog() -> float:
        t0 = time.perf_counter()
        for m in all_metrics():
            ws.report(m.id, by="week", now=NOW)
            if m.id in no_team:
                continue
            try:
                ws.report(m.id, by="week", group_by=["team"], now=NOW)
            except QueryError:  # metrics without a team dimension (e.g. churn_rate)
                no_team.add(m.id)
        return time.perf_counter() - t0

    cold = catalog()
    warm = catalog()
    t0 = time.perf_counter()
    for _ in range(5):
        ws.report("first_response_time", by="week", group_by=["team"], date_from="2026-07-01",
                  date_to="2026-09-30", now=NOW)
    typical = (time.perf_counter() - t0) / 5
    return {"catalog_cold_s": cold, "catalog_warm_s": warm, "typical_report_s": typical,
            "metrics": len(all_metrics()), "without_team": sorted(no_team),
            "peak_mib": peak_mib()}
