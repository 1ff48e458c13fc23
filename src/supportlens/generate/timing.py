"""Random durations and working-hour look-ups shared by the ticket modules.

All durations are whole seconds (int64), vectorised over rows.
"""

from __future__ import annotations

import numpy as np

from supportlens.generate.people import Staff


def lognormal(rng: np.random.Generator, median: np.ndarray, sigma: float = 0.9) -> np.ndarray:
    """Positive durations (at least 5 s) scattered around `median`, with a long tail:
    most waits are short, some are very long, as in real queues."""
    median = np.asarray(median, dtype=np.float64)
    values = median * rng.lognormal(0.0, sigma, size=median.shape)
    return np.maximum(values, 5).astype(np.int64)


def uniform(rng: np.random.Generator, low: float, high: float, n: int) -> np.ndarray:
    """n durations uniformly in [low, high)."""
    return rng.uniform(low, high, size=n).astype(np.int64)


def next_open(staff: Staff, rep: np.ndarray, t: np.ndarray) -> np.ndarray:
    """The first moment at or after t when each row's rep is scheduled to work."""
    out = t.copy()
    schedule = staff.rep_schedule[rep]
    for index, intervals in enumerate(staff.intervals):
        rows = schedule == index
        if rows.any():
            out[rows] = intervals.next_open(t[rows])
    return out
