"""Business-hours due times in plain pandas/numpy, written from data-model.md and
metrics.md alone (independent of supportlens's calendar table).

A schedule (IANA timezone, local opening hours per weekday, closed local dates) becomes
a sorted array of open UTC intervals. With the business seconds accumulated before each
interval, the business clock of an instant is a binary search, and so is its inverse:
the due time of `created_at + target` is the earliest instant whose clock reads
`B(created_at) + target` (a target met exactly at closing time is due at closing time).

Local times that do not exist (clocks jump forward) move to the jump; local times that
exist twice (clocks go back) take their first occurrence.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = date.weekday()
US = np.int64(1_000_000)


def _local_wall(day: dt.date, hhmm: str) -> dt.datetime:
    """A local wall-clock time on `day`; "24:00" is the next day's midnight."""
    hours, minutes = (int(p) for p in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hours, minutes=minutes)


class BusinessClock:
    """Open intervals of one schedule over [first, last] local dates, as UTC microseconds."""

    def __init__(self, timezone: str, hours: dict[str, list[list[str]]],
                 holidays: list[str], first: dt.date, last: dt.date) -> None:
        closed = set(holidays)
        starts: list[dt.datetime] = []
        ends: list[dt.datetime] = []
        day = first
        while day <= last:
            if day.isoformat() not in closed:
                for a, b in hours.get(DAY_KEYS[day.weekday()], []):
                    starts.append(_local_wall(day, a))
                    ends.append(_local_wall(day, b))
            day += dt.timedelta(days=1)
        s = self._to_utc_us(starts, timezone)
        e = self._to_utc_us(ends, timezone)
        keep = e > s
        s, e = s[keep], e[keep]
        order = np.argsort(s, kind="stable")
        s, e = s[order], e[order]
        # Merge touching or overlapping intervals (e.g. 22:00-24:00 then 00:00-06:00).
        merged_s: list[int] = []
        merged_e: list[int] = []
        for a, b in zip(s.tolist(), e.tolist(), strict=True):
            if merged_e and a <= merged_e[-1]:
                merged_e[-1] = max(merged_e[-1], b)
            else:
                merged_s.append(a)
                merged_e.append(b)
        self.starts = np.array(merged_s, dtype=np.int64)
        self.ends = np.array(merged_e, dtype=np.int64)
        lengths = self.ends - self.starts
        self.cum_end = np.cumsum(lengths)
        self.cum_start = self.cum_end - lengths

    @staticmethod
    def _to_utc_us(walls: list[dt.datetime], timezone: str) -> np.ndarray:
        local = pd.DatetimeIndex(walls, dtype="datetime64[us]")
        aware = local.tz_localize(timezone, ambiguous=np.ones(len(local), dtype=bool),
                                  nonexistent="shift_forward")
        return aware.tz_convert("UTC").tz_localize(None).asi8.astype(np.int64)

    def clock(self, t_us: np.ndarray) -> np.ndarray:
        """Business microseconds from the calendar's start to each instant."""
        i = np.searchsorted(self.starts, t_us, side="right") - 1
        inside = np.clip(t_us - self.starts[np.maximum(i, 0)], 0,
                         (self.ends - self.starts)[np.maximum(i, 0)])
        return np.where(i >= 0, self.cum_start[np.maximum(i, 0)] + inside, 0)

    def due(self, start_us: np.ndarray, target_us: np.ndarray) -> np.ndarray:
        """The earliest instant whose business clock reads clock(start) + target."""
        x = self.clock(start_us) + target_us
        j = np.searchsorted(self.cum_end, x, side="left")
        if (j >= len(self.cum_end)).any():
            raise ValueError("business calendar too short for these due times")
        return self.starts[j] + (x - self.cum_start[j])


def default_clock(schedules: pd.DataFrame, first: dt.date, last: dt.date) -> BusinessClock:
    """The `default` schedule's clock (every hour open when there is none, as data-model.md
    leaves it to the project; supportlens warns and counts every hour)."""
    rows = schedules[schedules.schedule_id == "default"]
    if rows.empty:
        always = {d: [["00:00", "24:00"]] for d in DAY_KEYS}
        return BusinessClock("UTC", always, [], first, last)
    row = rows.iloc[0]
    holidays = json.loads(row.holidays) if isinstance(row.holidays, str) else []
    return BusinessClock(row.timezone, json.loads(row.hours), holidays, first, last)
