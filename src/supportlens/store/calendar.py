"""Business-hours calendars and timezone-offset tables, as small tables joined in Ibis.

Timestamps in the store are naive UTC. Two questions need local wall-clock time:

* **Business durations** ("only time inside the `default` schedule counts"). We build,
  per schedule, a table of *segments* that partition every UTC day of a range, split at
  UTC midnight and at every open/close instant, each carrying ``cum_start``: the business
  seconds from the calendar origin (``first_day`` 00:00 UTC) to the segment's start. The
  business clock of an instant ``t`` is then
  ``B(t) = cum_start + (seconds(t - seg_start) if is_open else 0)`` for the segment holding
  ``t``, and a business duration from ``a`` to ``b`` is ``B(b) - B(a)``. One join, no loops,
  and the same plain SQL on DuckDB, PostgreSQL and Spark.
* **Local periods** (``--tz``): a table of UTC offsets per UTC day, split at DST changes,
  turns a UTC instant into local wall-clock time with the same kind of join.

Both joins are an equi-join on the UTC ``day`` (and schedule) followed by the range
predicate ``seg_start <= t < seg_end``, so every engine can hash-join them cheaply.

Local times that do not exist or exist twice. Opening hours are local wall-clock times,
converted per local date with the zone's rules. A boundary maps to the **first instant at
which the local clock shows that time or later**:

* a nonexistent time (clocks go forward) maps to the moment of the jump, e.g. in
  Europe/Stockholm on 2024-03-31 an opening at 02:30 opens at 03:00 CEST (01:00 UTC);
* an ambiguous time (clocks go back) maps to its first occurrence, e.g. on 2024-10-27 a
  closing at 02:30 closes at 02:30 CEST (00:30 UTC), not at the repeated 02:30 CET.

This map is monotone, so every interval stays a single interval in UTC (possibly empty)
and adjacent days never overlap. ``24:00`` is the next local day's 00:00, so hours that
touch across local midnight (or 24/7 hours) join into one open stretch. Hours that avoid
the transition hour simply shift in UTC: Stockholm 09:00-17:00 is 08:00-16:00 UTC in
winter and 07:00-15:00 UTC in summer.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, available_timezones

import ibis
import pyarrow as pa

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = date.weekday()
_HHMM = re.compile(r"([0-9]{1,2}):([0-9]{2})")  # used with fullmatch
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ONE_DAY = timedelta(days=1)
_ONE_SECOND = timedelta(seconds=1)
_T = TypeVar("_T", int, datetime)
_HOURS_FORM = 'a JSON object like {"mon": [["09:00", "17:00"]], "tue": [...]}'

SEGMENTS_SCHEMA = pa.schema(
    [
        ("schedule_id", pa.string()),
        ("day", pa.date32()),
        ("seg_start", pa.timestamp("us")),
        ("seg_end", pa.timestamp("us")),
        ("is_open", pa.bool_()),
        ("cum_start", pa.int64()),
    ]
)
OFFSETS_SCHEMA = pa.schema(
    [
        ("day", pa.date32()),
        ("seg_start", pa.timestamp("us")),
        ("seg_end", pa.timestamp("us")),
        ("offset_seconds", pa.int64()),
    ]
)


@dataclass(frozen=True)
class Schedule:
    """Working hours: local ``"HH:MM"`` intervals per weekday key, closed local dates.

    ``hours`` maps ``"mon"``..``"sun"`` to sorted, non-overlapping ``(start, end)`` pairs
    (``end`` may be ``"24:00"``); a missing day is closed. Build it with `parse_schedule`.
    """

    schedule_id: str
    timezone: str
    hours: dict[str, list[tuple[str, str]]]
    holidays: frozenset[date]


# --------------------------------------------------------------------------- parsing


def parse_schedule(
    schedule_id: str,
    timezone: str,
    hours_json: str | dict[str, Any],
    holidays_json: str | list[Any] | None,
) -> Schedule:
    """Validate a `schedules` row and return it as a `Schedule`.

    Raises ValueError naming the schedule, the bad value and the valid form. Day keys are
    case-insensitive; overlapping or touching intervals of one day are merged.
    """
    where = f"schedule {schedule_id!r}"
    _zone(timezone, where)
    return Schedule(
        schedule_id=schedule_id,
        timezone=timezone,
        hours=_parse_hours(_load_json(hours_json, f"{where}: hours", _HOURS_FORM), where),
        holidays=_parse_holidays(holidays_json, where),
    )


def _zone(name: str, where: str = "timezone") -> ZoneInfo:
    """The ZoneInfo for an IANA name, or ValueError saying what a valid name looks like."""
    canonical = _known_zones().get(str(name).lower())
    if canonical is not None and canonical == name:
        return ZoneInfo(name)
    hint = f" (did you mean {canonical!r}?)" if canonical else ""
    raise ValueError(
        f"{where}: unknown timezone {name!r}{hint}; use an IANA name such as "
        "'Europe/Stockholm', 'America/New_York' or 'UTC'"
    )


@functools.cache
def _known_zones() -> dict[str, str]:
    """IANA zone names by lower-case name; 'localtime' is the host's zone, so not portable."""
    return {zone.lower(): zone for zone in available_timezones() - {"localtime"}}


def _load_json(value: Any, where: str, form: str) -> Any:
    """Decode `value` if it is JSON text; pass already-decoded values through."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{where}: invalid JSON {value!r} ({exc.msg}); expected {form}") from None


def _parse_hours(value: Any, where: str) -> dict[str, list[tuple[str, str]]]:
    """Check the hours object and normalise it to sorted, merged ``HH:MM`` pairs per day."""
    if not isinstance(value, dict):
        raise ValueError(f"{where}: hours must be {_HOURS_FORM}, got {value!r}")
    hours: dict[str, list[tuple[str, str]]] = {}
    for key, intervals in value.items():
        day = str(key).strip().lower()
        if day not in DAY_KEYS or day in hours:
            raise ValueError(
                f"{where}: bad day key {key!r} in hours; use each of "
                f"{', '.join(DAY_KEYS)} at most once (missing days are closed)"
            )
        if not isinstance(intervals, list | tuple):
            raise ValueError(f"{where}: hours[{key!r}] must be a list of [start, end] pairs")
        spans = sorted(_parse_interval(item, f"{where}: hours[{key!r}]") for item in intervals)
        hours[day] = [(_hhmm(start), _hhmm(end)) for start, end in _merge(spans)]
    return hours


def _parse_interval(item: Any, where: str) -> tuple[int, int]:
    """One ``["HH:MM", "HH:MM"]`` pair as minutes after local midnight (end > start)."""
    if not (isinstance(item, list | tuple) and len(item) == 2):
        raise ValueError(f"{where}: bad interval {item!r}; expected a pair like ['09:00', '17:00']")
    start, end = _minutes(item[0], where, is_end=False), _minutes(item[1], where, is_end=True)
    if end <= start:
        raise ValueError(
            f"{where}: interval {list(item)!r} ends before it starts; an interval must end "
            "after it starts on the same day (split overnight hours: ['22:00', '24:00'] "
            "and ['00:00', '02:00'] on the next day)"
        )
    return start, end


def _minutes(text: Any, where: str, *, is_end: bool) -> int:
    """Minutes after midnight of an ``HH:MM`` time (``24:00`` allowed as an end only)."""
    match = _HHMM.fullmatch(text) if isinstance(text, str) else None
    if match:
        hour, minute = int(match[1]), int(match[2])
        if minute < 60 and (hour < 24 or (is_end and hour == 24 and minute == 0)):
            return hour * 60 + minute
    allowed = "00:00 to 24:00" if is_end else "00:00 to 23:59"
    raise ValueError(f"{where}: bad time {text!r}; use HH:MM from {allowed}, e.g. '09:00'")


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_holidays(value: Any, where: str) -> frozenset[date]:
    """Holidays as local dates; None, empty text and JSON null mean none."""
    form = 'a JSON array of dates like ["2024-12-25", "2025-01-01"]'
    if isinstance(value, str) and not value.strip():
        return frozenset()
    value = _load_json(value, f"{where}: holidays", form)
    if value is None:
        return frozenset()
    if not isinstance(value, list | tuple | set | frozenset):
        raise ValueError(f"{where}: holidays must be {form}, got {value!r}")
    days: set[date] = set()
    for item in value:
        if isinstance(item, date) and not isinstance(item, datetime):
            days.add(item)
            continue
        try:
            if not (isinstance(item, str) and _ISO_DATE.fullmatch(item)):
                raise ValueError
            days.add(date.fromisoformat(item))
        except ValueError:
            raise ValueError(f"{where}: bad holiday {item!r}; use YYYY-MM-DD") from None
    return frozenset(days)


# --------------------------------------------------------------- local time <-> UTC


def _offset_at(tz: ZoneInfo, instant: datetime) -> timedelta:
    """UTC offset (local - UTC) in force at a naive UTC instant."""
    offset = instant.replace(tzinfo=UTC).astimezone(tz).utcoffset()
    assert offset is not None  # ZoneInfo always knows its offset
    return offset


def _first_change(tz: ZoneInfo, lo: datetime, hi: datetime) -> datetime:
    """First instant in (lo, hi], to the second, whose offset differs from lo's.

    Requires the offsets at lo and hi to differ. tzdb never changes a zone's offset twice
    within a week (checked on tzdata 2026.6), so between nearby probes there is one change.
    """
    before = _offset_at(tz, lo)
    low, high = 0, int((hi - lo).total_seconds())  # offset(lo + high s) != before
    while high - low > 1:
        mid = (low + high) // 2
        if _offset_at(tz, lo + mid * _ONE_SECOND) == before:
            low = mid
        else:
            high = mid
    return lo + high * _ONE_SECOND


def _to_utc(tz: ZoneInfo, local: datetime) -> datetime:
    """First naive UTC instant at which the wall clock in `tz` shows `local` or later.

    Ambiguous times give their first occurrence (fold=0); nonexistent times give the
    instant the clocks jump forward over them.
    """
    early = _wall_offset(tz, local)  # fold=0: the offset before a change
    if _wall_offset(tz, local - 2 * _ONE_DAY) == _wall_offset(tz, local + 2 * _ONE_DAY):
        return local - early  # no offset change within two days (the common, fast case)
    late = _wall_offset(tz, local.replace(fold=1))  # the offset after a change
    if early >= late:  # an existing time (ambiguous if >): its first occurrence
        return local - early
    # In a gap: the jump lies between the reading with the new and with the old offset.
    return _first_change(tz, local - late, local - early)


def _wall_offset(tz: ZoneInfo, local: datetime) -> timedelta:
    """UTC offset for a naive local wall-clock time (its `fold` picks among two readings)."""
    offset = tz.utcoffset(local)
    assert offset is not None  # ZoneInfo always knows its offset
    return offset


def _open_intervals(
    schedule: Schedule, start: datetime, stop: datetime
) -> list[tuple[datetime, datetime]]:
    """The schedule's open time within [start, stop) (naive UTC) as sorted disjoint intervals.

    Touching intervals are merged, so a boundary is always a real open/close change.
    """
    tz = _zone(schedule.timezone)
    by_weekday = [
        [(_minutes(a, "hours", is_end=False), _minutes(b, "hours", is_end=True)) for a, b in spans]
        for spans in (schedule.hours.get(key, []) for key in DAY_KEYS)
    ]
    # Local dates whose hours can reach [start, stop): offsets are within +-1 day.
    local_day, last_local_day = start.date() - 2 * _ONE_DAY, stop.date() + _ONE_DAY
    spans: list[tuple[datetime, datetime]] = []  # in order: _to_utc is monotone
    while local_day <= last_local_day:
        if local_day not in schedule.holidays:
            midnight = datetime.combine(local_day, time())
            for first, last in by_weekday[local_day.weekday()]:
                lo = max(_to_utc(tz, midnight + timedelta(minutes=first)), start)
                hi = min(_to_utc(tz, midnight + timedelta(minutes=last)), stop)
                if lo < hi:
                    spans.append((lo, hi))
        local_day += _ONE_DAY
    return _merge(spans)


def _merge(spans: Iterable[tuple[_T, _T]]) -> list[tuple[_T, _T]]:
    """Union of intervals sorted by start, joining overlapping or touching ones."""
    merged: list[tuple[_T, _T]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


# ------------------------------------------------------------------ business clock


def business_seconds(schedule: Schedule, a: datetime, b: datetime) -> float:
    """Business seconds from `a` to `b` (naive UTC): the open time inside [a, b).

    The reference definition the calendar table must agree with; negative when b < a.
    """
    if b < a:
        return -business_seconds(schedule, b, a)
    return sum((hi - lo).total_seconds() for lo, hi in _open_intervals(schedule, a, b))


def business_segments(schedules: Iterable[Schedule], first_day: date, last_day: date) -> pa.Table:
    """The business calendar of `schedules` for UTC days first_day..last_day (inclusive).

    Per schedule, the segments partition each UTC day: they split at UTC midnight and at
    every opening and closing instant, and ``cum_start`` counts business seconds from
    first_day 00:00 UTC to ``seg_start``. Columns as in `SEGMENTS_SCHEMA`.
    """
    if last_day < first_day:
        raise ValueError(f"last_day {last_day} is before first_day {first_day}")
    origin = datetime.combine(first_day, time())
    stop = datetime.combine(last_day + _ONE_DAY, time())
    rows: list[tuple[str, date, datetime, datetime, bool, int]] = []
    seen: set[str] = set()
    for schedule in schedules:
        if schedule.schedule_id in seen:
            raise ValueError(f"schedule {schedule.schedule_id!r} is given twice")
        seen.add(schedule.schedule_id)
        intervals = _open_intervals(schedule, origin, stop)
        # Cut at every UTC midnight and every open/close instant; since intervals are
        # disjoint and not touching, each piece is wholly inside one interval or outside all.
        midnights = (origin + n * _ONE_DAY for n in range((stop - origin).days + 1))
        cuts = sorted({t for interval in intervals for t in interval}.union(midnights))
        cum, index = 0, 0
        for seg_start, seg_end in pairwise(cuts):
            while index < len(intervals) and intervals[index][1] <= seg_start:
                index += 1
            is_open = index < len(intervals) and intervals[index][0] <= seg_start
            rows.append((schedule.schedule_id, seg_start.date(), seg_start, seg_end, is_open, cum))
            if is_open:
                cum += int((seg_end - seg_start).total_seconds())
    return _arrow(rows, SEGMENTS_SCHEMA)


def business_clock(
    t: ibis.Table,
    ts: str,
    calendar: ibis.Table,
    out: str,
    schedule_id: str | ibis.Value = "default",
) -> ibis.Table:
    """`t` plus a float64 column `out` = B(t[ts]): business seconds since the calendar origin.

    `calendar` is a `business_segments` table; `schedule_id` a constant or an expression
    on `t` (e.g. a rep's own schedule). `out` is null when t[ts] or the schedule id is
    null, or t[ts] falls outside the calendar's days or schedules. Every row and column of
    `t` is kept once (an existing column `out` is replaced). A business duration is the
    difference of two such columns.
    """
    sid = ibis.literal(schedule_id) if isinstance(schedule_id, str) else schedule_id
    joined, n = _join_segments(
        t, ts, calendar, {"schedule_id": sid.cast("string")}, ["is_open", "cum_start"]
    )
    into_segment = joined[ts].delta(joined[n["seg_start"]], unit="microsecond") / 1_000_000
    clock = joined[n["cum_start"]].cast("float64") + ibis.ifelse(
        joined[n["is_open"]], into_segment, 0.0
    )
    return _with_column(joined, t, out, clock.cast("float64"))


# ------------------------------------------------------------------ local periods


def offset_segments(timezone: str, first_day: date, last_day: date) -> pa.Table:
    """UTC offsets of `timezone` for UTC days first_day..last_day (inclusive).

    The segments partition each UTC day and split where the offset changes (DST);
    ``offset_seconds`` is local - UTC. Columns as in `OFFSETS_SCHEMA`.
    """
    if last_day < first_day:
        raise ValueError(f"last_day {last_day} is before first_day {first_day}")
    tz = _zone(timezone)
    rows: list[tuple[date, datetime, datetime, int]] = []
    day = first_day
    while day <= last_day:
        seg_start = datetime.combine(day, time())
        day_end = seg_start + _ONE_DAY
        while seg_start < day_end:
            offset = _offset_at(tz, seg_start)
            probe = day_end - _ONE_SECOND  # changes land on whole seconds
            changed = _offset_at(tz, probe) != offset
            seg_end = _first_change(tz, seg_start, probe) if changed else day_end
            rows.append((day, seg_start, seg_end, int(offset.total_seconds())))
            seg_start = seg_end
        day += _ONE_DAY
    return _arrow(rows, OFFSETS_SCHEMA)


def _arrow(rows: Sequence[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    """Rows of Python values as an Arrow table of `schema`."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
    arrays = [pa.array(column, field.type) for column, field in zip(columns, schema, strict=True)]
    return pa.table(arrays, schema=schema)


def local_time(t: ibis.Table, ts: str, offsets: ibis.Table, out: str) -> ibis.Table:
    """`t` plus a naive timestamp column `out` = t[ts] shifted to local wall-clock time.

    `offsets` is an `offset_segments` table. `out` is null when t[ts] is null or outside
    the table's days. Every row and column of `t` is kept once (`out` is replaced).
    """
    joined, n = _join_segments(t, ts, offsets, {}, ["offset_seconds"])
    shifted = joined[ts] + joined[n["offset_seconds"]].as_interval("s")
    return _with_column(joined, t, out, shifted)


# ------------------------------------------------------------------ join helpers


def _naive_timestamp(t: ibis.Table, ts: str) -> ibis.Value:
    """t[ts], checked to be a timestamp without time zone (the store's naive UTC)."""
    stamp = t[ts]
    dtype = stamp.type()
    if not dtype.is_timestamp() or dtype.timezone is not None:
        raise ValueError(f"column {ts!r} must be a naive UTC timestamp, not {dtype}")
    return stamp


def _join_segments(
    t: ibis.Table,
    ts: str,
    segments: ibis.Table,
    keys: dict[str, ibis.Value],
    values: list[str],
) -> tuple[ibis.Table, dict[str, str]]:
    """Left-join each row of `t` to the segment holding t[ts]; at most one matches.

    Equi-join on the UTC day of t[ts] and on `keys` (segment column -> expression on `t`),
    which engines hash cheaply, then filter seg_start <= t[ts] < seg_end. Segment columns
    are renamed away from t's; returns the join and the new names of the segment columns.
    """
    stamp = _naive_timestamp(t, ts)
    keys = {"day": stamp.date(), **keys}
    wanted = [*keys, "seg_start", "seg_end", *values]
    seg_name = _fresh_names(t.columns, wanted, "__seg_")
    key_name = _fresh_names([*t.columns, *seg_name.values()], list(keys), "__key_")
    seg = segments.select(**{seg_name[c]: segments[c] for c in wanted})
    keyed = t.mutate(**{key_name[c]: expr for c, expr in keys.items()})
    on = [keyed[key_name[c]] == seg[seg_name[c]] for c in keys]
    on += [seg[seg_name["seg_start"]] <= keyed[ts], keyed[ts] < seg[seg_name["seg_end"]]]
    return keyed.left_join(seg, on), seg_name


def _fresh_names(taken: Iterable[str], names: list[str], prefix: str) -> dict[str, str]:
    """Map each name to ``<prefix><name>``, plus underscores until it is not `taken`."""
    used = set(taken)
    fresh: dict[str, str] = {}
    for name in names:
        candidate = prefix + name
        while candidate in used:
            candidate += "_"
        used.add(candidate)
        fresh[name] = candidate
    return fresh


def _with_column(joined: ibis.Table, t: ibis.Table, out: str, value: ibis.Value) -> ibis.Table:
    """The columns of `t` from `joined`, in order, with `out` added or replaced."""
    columns = {name: joined[name] for name in t.columns}
    columns[out] = value.name(out)
    return joined.select(**columns)
