"""What every baseline shares: the metric subset, `now`, the result shape, timing.

A result is `{metric_id: {period: {"value": ..., "n": ..., ...}}}` with periods as ISO
dates (the Monday that starts the week, UTC), only for periods that hold records
(n > 0). Rates carry `numerator`; durations `median` and `p90`.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from typing import Any, TypeVar

# The subset of issue #6: weekly, whole range, ungrouped, calendar hours.
SUBSET: tuple[str, ...] = (
    "first_response_time",
    "resolution_time",
    "first_contact_resolution_rate",
    "first_response_sla_rate",
    "tickets_unresolved",
    "ai_resolution_rate",
)
NOW = "2026-11-01T00:00:00Z"  # fixed, so pending SLA / AI conversations are reproducible
NOW_NAIVE_UTC = "2026-11-01 00:00:00"
AI_WINDOW_HOURS = 72.0  # metrics.md "AI customer agent" (the settings' default)

Row = dict[str, float | int | None]
Result = dict[str, dict[str, Row]]
T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """Call `fn` once; its value and the wall seconds it took."""
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def best_of(fn: Callable[[], T], repeat: int) -> tuple[T, float]:
    """Call `fn` `repeat` times (warm); its last value and the fastest wall seconds."""
    best = float("inf")
    value: Any = None
    for _ in range(repeat):
        value, secs = timed(fn)
        best = min(best, secs)
    return value, best


def peak_mib() -> float:
    """Peak resident memory of this process so far (MiB, Linux ru_maxrss is KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
