"""Periods in the workspace timezone: their first days and their UTC boundaries.

Records are bucketed in SQL (local time, truncated); this module lists the periods
a range should show (so empty ones can be filled) and turns local dates into the
UTC instants that bound a query.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

# Ibis truncate units per frequency.
TRUNCATE_UNIT = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def period_start(day: dt.date, by: str) -> dt.date:
    """The first day of the period holding `day` (weeks start Monday)."""
    if by == "day":
        return day
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if by == "year":
        return dt.date(day.year, 1, 1)
    raise ValueError(by)


def add_periods(start: dt.date, by: str, count: int) -> dt.date:
    """The first day of the period `count` periods after the one starting at `start`."""
    if by == "day":
        return start + dt.timedelta(days=count)
    if by == "week":
        return start + dt.timedelta(weeks=count)
    months = {"month": 1, "quarter": 3, "year": 12}[by] * count
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def periods_between(first: dt.date, last: dt.date, by: str) -> list[dt.date]:
    """First days of every period from the one holding `first` to the one holding `last`."""
    out = []
    current = period_start(first, by)
    while current <= last:
        out.append(current)
        current = add_periods(current, by, 1)
    return out


def local_midnight_utc(day: dt.date, tz: str) -> dt.datetime:
    """The UTC instant (naive) at which `day` begins in `tz`."""
    local = dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(tz))
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def local_date(instant: dt.datetime, tz: str) -> dt.date:
    """The date in `tz` of a naive-UTC instant."""
    return instant.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(tz)).date()


def previous_range(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The range of the same length just before [first, last]."""
    length = (last - first).days + 1
    return first - dt.timedelta(days=length), first - dt.timedelta(days=1)
