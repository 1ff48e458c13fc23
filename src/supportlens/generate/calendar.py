"""Time: the dataset's span, seasonal ticket arrival times, and business hours.

Everything is anchored to a fixed end date (never the current clock) so that a
seed always gives the same data. Times are int64 seconds since the epoch.

Ticket arrivals have weekday, hour-of-day, month and growth seasonality, seen in
the local time of three customer regions, plus a few incident days with a burst
of one topic. Business hours are computed exactly (IANA zones, DST, holidays)
as sorted UTC intervals, which makes "next opening time" and "add N business
seconds" vectorised look-ups.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

MINUTE = 60
HOUR = 3600
DAY = 86400
END = int(datetime(2026, 11, 1, tzinfo=UTC).timestamp())  # exclusive: data ends 2026-10-31

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_WEIGHT = np.array([1.18, 1.12, 1.06, 1.0, 0.88, 0.42, 0.36])
MONTH_WEIGHT = np.array([1.05, 0.97, 1.0, 0.97, 0.98, 0.9, 0.76, 0.86, 1.02, 1.05, 1.22, 1.14])
HOUR_WEIGHT = np.array(
    [
        0.12,
        0.08,
        0.06,
        0.05,
        0.06,
        0.12,
        0.3,
        0.7,
        1.3,
        1.75,
        1.85,
        1.7,
        1.35,
        1.55,
        1.7,
        1.6,
        1.4,
        1.1,
        0.85,
        0.75,
        0.7,
        0.6,
        0.42,
        0.22,
    ]
)


@dataclass(frozen=True)
class Span:
    """The generated period [start, end) in epoch seconds."""

    start: int
    end: int

    @property
    def days(self) -> int:
        return (self.end - self.start) // DAY


def span_for(tickets: int) -> Span:
    """A period that grows with the dataset: ~4 months for 300 tickets, a year for
    5,000, three years from ~100,000 on; always ending at END."""
    days = int(np.clip(round(365 * (tickets / 5000) ** 0.35), 56, 1095))
    return Span(END - days * DAY, END)


@dataclass(frozen=True)
class Region:
    """A customer region: its tickets follow working hours at `utc_offset`."""

    key: str
    utc_offset_hours: int
    share: float


REGIONS = (Region("emea", 1, 0.68), Region("americas", -5, 0.22), Region("apac", 9, 0.10))


@dataclass(frozen=True)
class Spike:
    """An incident day (UTC epoch day) that brings a burst of tickets on one topic."""

    day: int
    intent: str


def pick_spikes(rng: np.random.Generator, span: Span, intents: tuple[str, ...]) -> list[Spike]:
    """About one incident every 75 days, on a weekday."""
    first = span.start // DAY + 1
    days = np.arange(first, span.end // DAY - 1)
    weekdays = days[(days + 3) % 7 < 5]
    count = max(1, span.days // 75)
    chosen = np.sort(rng.choice(weekdays, size=min(count, weekdays.size), replace=False))
    return [Spike(int(d), str(intents[rng.integers(len(intents))])) for d in chosen]


def day_weights(rng: np.random.Generator, days: np.ndarray, span: Span) -> np.ndarray:
    """Relative volume of each (local) epoch day: weekday × month × growth × noise."""
    weekday = (days + 3) % 7  # 1970-01-01 was a Thursday
    month = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12
    growth = 0.8 + 0.45 * (days - days[0]) / max(1, days[-1] - days[0])
    noise = rng.lognormal(0.0, 0.12, size=days.size)
    return WEEKDAY_WEIGHT[weekday] * MONTH_WEIGHT[month] * growth * noise


def sample_created(
    rng: np.random.Generator, n: int, span: Span, spikes: list[Spike]
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted ticket creation times and the region index of each ticket."""
    days = np.arange(span.start // DAY + 1, span.end // DAY - 1)
    base = day_weights(rng, days, span)
    for spike in spikes:
        base[days == spike.day] *= 2.6
    counts = rng.multinomial(n, [r.share for r in REGIONS])
    times, regions = [], []
    hour_p = HOUR_WEIGHT / HOUR_WEIGHT.sum()
    for index, (region, count) in enumerate(zip(REGIONS, counts, strict=True)):
        per_day = rng.multinomial(count, base / base.sum())
        local_day = np.repeat(days, per_day)
        hour = rng.choice(24, size=count, p=hour_p)
        second = rng.integers(0, HOUR, size=count)
        times.append(local_day * DAY + hour * HOUR + second - region.utc_offset_hours * HOUR)
        regions.append(np.full(count, index, dtype=np.int8))
    created = np.concatenate(times)
    region_of = np.concatenate(regions)
    order = np.argsort(created, kind="stable")
    return np.clip(created[order], span.start, span.end - 1), region_of[order]


# --- Holidays -------------------------------------------------------------------------


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based; -1 = last) `weekday` (0 = Monday) of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def holidays(country: str, year: int) -> list[date]:
    """Public holidays that close a support desk (main ones only; lunar ones omitted)."""
    e = easter(year)
    if country == "se":
        midsummer_eve = date(year, 6, 19) + timedelta(days=(4 - date(year, 6, 19).weekday()) % 7)
        return [
            date(year, 1, 1),
            date(year, 1, 6),
            e - timedelta(2),
            e + timedelta(1),
            date(year, 5, 1),
            e + timedelta(39),
            date(year, 6, 6),
            midsummer_eve,
            date(year, 12, 24),
            date(year, 12, 25),
            date(year, 12, 26),
            date(year, 12, 31),
        ]
    if country == "gb":
        return [
            date(year, 1, 1),
            e - timedelta(2),
            e + timedelta(1),
            _nth_weekday(year, 5, 0, 1),
            _nth_weekday(year, 5, 0, -1),
            _nth_weekday(year, 8, 0, -1),
            date(year, 12, 25),
            date(year, 12, 26),
        ]
    if country == "us":
        return [
            date(year, 1, 1),
            _nth_weekday(year, 1, 0, 3),
            _nth_weekday(year, 5, 0, -1),
            date(year, 7, 4),
            _nth_weekday(year, 9, 0, 1),
            _nth_weekday(year, 11, 3, 4),
            date(year, 12, 25),
        ]
    if country == "kr":
        return [
            date(year, m, d)
            for m, d in ((1, 1), (3, 1), (5, 5), (6, 6), (8, 15), (10, 3), (10, 9), (12, 25))
        ]
    return []


# --- Schedules and business hours -------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """Working hours: a timezone, open intervals per weekday, and closed dates."""

    schedule_id: str
    timezone: str
    hours: dict[str, list[tuple[str, str]]]
    holidays: tuple[str, ...] = field(default=())

    def hours_json(self) -> str:
        """The `hours` column: {"mon": [["09:00","17:00"]], ...}; missing days are closed."""
        return json.dumps({d: [list(iv) for iv in ivs] for d, ivs in self.hours.items()})

    def holidays_json(self) -> str:
        """The `holidays` column: a JSON array of YYYY-MM-DD."""
        return json.dumps(list(self.holidays))


def _clock(day: date, hhmm: str, tz: ZoneInfo) -> int:
    hours, minutes = (int(p) for p in hhmm.split(":"))
    extra_day, hours = divmod(hours, 24)  # "24:00" is the end of the day
    local = datetime.combine(day + timedelta(days=extra_day), time(hours, minutes), tzinfo=tz)
    return int(local.timestamp())


class OpenIntervals:
    """A schedule's open periods over a span, as sorted UTC [start, end) intervals."""

    def __init__(self, schedule: Schedule, span: Span) -> None:
        tz = ZoneInfo(schedule.timezone)
        closed = set(schedule.holidays)
        first = datetime.fromtimestamp(span.start, UTC).date() - timedelta(days=2)
        last = datetime.fromtimestamp(span.end, UTC).date() + timedelta(days=40)
        starts: list[int] = []
        ends: list[int] = []
        day = first
        while day <= last:
            intervals = schedule.hours.get(WEEKDAYS[day.weekday()], [])
            if day.isoformat() not in closed:
                for begin, finish in intervals:
                    starts.append(_clock(day, begin, tz))
                    ends.append(_clock(day, finish, tz))
            day += timedelta(days=1)
        self.starts = np.array(starts, dtype=np.int64)
        self.ends = np.array(ends, dtype=np.int64)
        lengths = self.ends - self.starts
        self.cum = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
        self.cum_end = self.cum + lengths

    def next_open(self, t: np.ndarray) -> np.ndarray:
        """The first open moment at or after t (t itself when the desk is open)."""
        i = np.searchsorted(self.ends, t, side="right")
        inside = i < self.starts.size
        safe = np.minimum(i, self.starts.size - 1)
        return np.where(inside, np.maximum(t, self.starts[safe]), t)

    def is_open(self, t: np.ndarray) -> np.ndarray:
        """Whether each t falls inside an open interval."""
        return self.next_open(t) == t

    def add_business(self, t: np.ndarray, seconds: np.ndarray) -> np.ndarray:
        """t plus `seconds` of open time (the due time of a business-hours target)."""
        i = np.minimum(np.searchsorted(self.ends, t, side="right"), self.starts.size - 1)
        position = self.cum[i] + np.clip(t - self.starts[i], 0, None)
        target = position + seconds
        j = np.searchsorted(self.cum_end, target, side="left")
        beyond = j >= self.starts.size
        j = np.minimum(j, self.starts.size - 1)
        due = self.starts[j] + (target - self.cum[j])
        return np.where(beyond, self.ends[-1] + (target - self.cum_end[-1]), due)
