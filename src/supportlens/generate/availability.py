"""Rep availability (rep_status): each rep's status changes shift by shift.

For every open interval of a rep's schedule the rep usually logs in around its
start (`available`), takes a few breaks (`away`) or calls (`busy`), and logs out
around its end (`offline`). Some shifts are skipped (leave, sickness); some start
well before or end well after the scheduled hours, and now and then a rep checks
in for a while in the evening, which gives the "available outside working hours"
metric something to find. Rows are produced in batches of reps so that even a
three-year span with 200 reps stays small in memory.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa

from supportlens.generate.calendar import HOUR, MINUTE, OpenIntervals, Span
from supportlens.generate.rows import make_ids
from supportlens.generate.sink import TIMESTAMP
from supportlens.generate.world import World

STATUSES = pa.array(["available", "busy", "away", "offline"], pa.string())
AVAILABLE, BUSY, AWAY, OFFLINE = range(4)
BREAKS = 3
BATCH = 25


def _uniform(
    rng: np.random.Generator, low: np.ndarray | float, high: np.ndarray | float, n: int
) -> np.ndarray:
    return rng.uniform(low, high, size=n).astype(np.int64)


def shift_changes(
    rng: np.random.Generator, intervals: OpenIntervals, span: Span
) -> tuple[np.ndarray, np.ndarray]:
    """Times and status codes of one rep's changes over the span, in time order."""
    inside = (intervals.starts >= span.start) & (intervals.ends < span.end)
    start, end = intervals.starts[inside], intervals.ends[inside]
    m = start.size
    if m == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    far = np.array([10**9])
    gap_before = np.concatenate((far, start[1:] - end[:-1]))
    gap_after = np.concatenate((start[1:] - end[:-1], far))
    width = (end - start) // (BREAKS + 1)

    early = (rng.random(m) < 0.1) & (gap_before > 4 * HOUR)
    login = np.where(
        early,
        start - _uniform(rng, 30 * MINUTE, 90 * MINUTE, m),
        start + _uniform(rng, -10 * MINUTE, 10 * MINUTE, m),
    )
    late = (rng.random(m) < 0.15) & (gap_after > 4 * HOUR)
    slack = np.minimum(10 * MINUTE, width // 4 - MINUTE)
    logout = np.where(
        late,
        end + _uniform(rng, 30 * MINUTE, 120 * MINUTE, m),
        end + _uniform(rng, -slack, 10 * MINUTE, m),
    )

    times = [login]
    codes = [np.full(m, AVAILABLE)]
    valid = [np.ones(m, bool)]
    for j in range(BREAKS):
        taken = rng.random(m) < 0.6
        begin = start + (j + 1) * width + _uniform(rng, -width / 4, width / 4, m)
        length = np.minimum(_uniform(rng, 5 * MINUTE, 30 * MINUTE, m), width // 2)
        times += [begin, begin + length]
        codes += [np.where(rng.random(m) < 0.6, AWAY, BUSY), np.full(m, AVAILABLE)]
        valid += [taken, taken]
    evening = ~late & (gap_after > 10 * HOUR) & (rng.random(m) < 0.03)
    check_in = end + _uniform(rng, 3 * HOUR, 3.5 * HOUR, m)
    times += [logout, check_in, check_in + _uniform(rng, 20 * MINUTE, 60 * MINUTE, m)]
    codes += [np.full(m, OFFLINE), np.full(m, AVAILABLE), np.full(m, OFFLINE)]
    valid += [np.ones(m, bool), evening, evening]

    present = rng.random(m) >= 0.08  # shifts not worked at all
    keep = np.stack(valid, axis=1) & present[:, None]
    at = np.stack(times, axis=1)[keep]
    status = np.stack(codes, axis=1)[keep]
    order = np.argsort(at, kind="stable")
    return at[order], status[order]


def rep_status_batches(world: World) -> Iterator[pa.Table]:
    """The rep_status table, a batch of reps at a time, with ids RS1, RS2, ..."""
    staff = world.staff
    reps = len(staff.rep_ids)
    next_id = 1
    for first in range(0, reps, BATCH):
        times, codes, owners = [], [], []
        for rep in range(first, min(first + BATCH, reps)):
            rng = world.rng("rep_status", rep)
            at, status = shift_changes(rng, staff.intervals[staff.rep_schedule[rep]], world.span)
            times.append(at)
            codes.append(status)
            owners.append(np.full(at.size, rep, dtype=np.int64))
        at = np.concatenate(times)
        yield pa.table(
            {
                "status_id": make_ids("RS", next_id, at.size),
                "rep_id": staff.rep_ids.take(pa.array(np.concatenate(owners))),
                "at": pa.array(at * 1_000_000, TIMESTAMP),
                "status": STATUSES.take(pa.array(np.concatenate(codes))),
            }
        )
        next_id += at.size
