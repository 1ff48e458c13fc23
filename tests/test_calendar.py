"""Business-hours calendar and timezone offsets (supportlens.store.calendar).

Timestamps are naive UTC throughout. DST dates used below (2024):
Europe/Stockholm CET (+1) -> CEST (+2) on Sun 31 Mar at 01:00 UTC, back on Sun 27 Oct at
01:00 UTC; America/New_York EST (-5) -> EDT (-4) on Sun 10 Mar at 07:00 UTC, back on Sun
3 Nov at 06:00 UTC. America/Los_Angeles is -8 in winter; Asia/Tokyo is +9 all year.
"""

from __future__ import annotations

import functools
import itertools
from bisect import bisect_right
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import ibis
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportlens.store.calendar import (
    DAY_KEYS,
    Schedule,
    business_clock,
    business_seconds,
    business_segments,
    local_time,
    offset_segments,
    parse_schedule,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def weekdays(
    sid: str, tz: str, start: str = "09:00", end: str = "17:00", holidays: str | None = None
) -> Schedule:
    """Monday to Friday, one interval a day."""
    return parse_schedule(sid, tz, {d: [[start, end]] for d in WEEKDAYS}, holidays)


STOCKHOLM = weekdays("stockholm", "Europe/Stockholm", holidays='["2024-12-25"]')
NEW_YORK = weekdays("new_york", "America/New_York")
LOS_ANGELES = weekdays("los_angeles", "America/Los_Angeles")  # 17:00-01:00 UTC in winter
TOKYO = weekdays("tokyo", "Asia/Tokyo", "08:00", "18:00")  # 23:00 (day before)-09:00 UTC
SPLIT = parse_schedule(
    "split",
    "UTC",
    {"mon": [["13:00", "17:00"], ["09:00", "12:00"]], "sat": [["10:00", "11:00"]]},
    None,
)
# Boundaries inside Stockholm's DST transition hour (02:00-03:00 local).
EARLY_SUNDAY = parse_schedule("early_sunday", "Europe/Stockholm", {"sun": [["02:30", "10:00"]]}, [])
LATE_SATURDAY_NIGHT = parse_schedule(
    "late_night", "Europe/Stockholm", '{"sun": [["00:00", "02:30"]]}', ""
)
ALL_SUNDAY = parse_schedule("all_sunday", "Europe/Stockholm", {"SUN": [["00:00", "24:00"]]}, None)
ALWAYS = parse_schedule(
    "always", "UTC", {d: [["00:00", "24:00"]] for d in WEEKDAYS + ("sat", "sun")}, None
)

SCHEDULES = [
    STOCKHOLM,
    NEW_YORK,
    LOS_ANGELES,
    TOKYO,
    SPLIT,
    EARLY_SUNDAY,
    LATE_SATURDAY_NIGHT,
    ALL_SUNDAY,
    ALWAYS,
]
FIRST_DAY, LAST_DAY = date(2023, 12, 25), date(2025, 1, 10)


@functools.cache
def segments() -> pa.Table:
    return business_segments(SCHEDULES, FIRST_DAY, LAST_DAY)


@functools.cache
def database() -> tuple[Any, ibis.Table]:
    con = ibis.duckdb.connect()
    return con, con.create_table("calendar", segments())


def clock(rows: Sequence[tuple[str | None, datetime | None]]) -> list[float | None]:
    """B(ts) per (schedule_id, ts) row, computed by business_clock on DuckDB."""
    con, calendar = database()
    data = pa.table(
        {
            "row": list(range(len(rows))),
            "sid": pa.array([sid for sid, _ in rows], pa.string()),
            "ts": pa.array([ts for _, ts in rows], pa.timestamp("us")),
        }
    )
    t = con.create_table("events", data, overwrite=True)
    result = business_clock(t, "ts", calendar, "b", schedule_id=t.sid).order_by("row")
    return [None if v is None else float(v) for v in result.to_pyarrow()["b"].to_pylist()]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0) -> datetime:
    """A naive UTC datetime (the store's convention), named for readability."""
    return datetime(year, month, day, hour, minute, sec)


# (schedule, a, b, expected business seconds, how it was worked out)
HAND_CASES = [
    (STOCKHOLM, utc(2024, 1, 15, 8), utc(2024, 1, 15, 16), 8 * 3600, "Mon 09-17 CET"),
    # Fri 16:00 CET -> Mon 10:00 CET: 1h Friday + 1h Monday, weekend closed.
    (STOCKHOLM, utc(2024, 1, 19, 15), utc(2024, 1, 22, 9), 7200, "Fri 16:00 to Mon 10:00"),
    (STOCKHOLM, utc(2024, 1, 20, 0), utc(2024, 1, 22, 0), 0, "weekend"),
    # Wed 25 Dec is a holiday: Tue 16:00 -> Thu 10:00 is 1h + 1h.
    (STOCKHOLM, utc(2024, 12, 24, 15), utc(2024, 12, 26, 9), 7200, "holiday"),
    # Spring forward between Fri 29 Mar (open 08-16 UTC) and Mon 1 Apr (open 07-15 UTC):
    # Fri 16:00 CET = 15:00 UTC, Mon 10:00 CEST = 08:00 UTC -> 1h + 1h.
    (STOCKHOLM, utc(2024, 3, 29, 15), utc(2024, 4, 1, 8), 7200, "Stockholm spring DST"),
    (STOCKHOLM, utc(2024, 4, 1, 6, 30), utc(2024, 4, 1, 7, 30), 1800, "opens 07:00 UTC"),
    # Fall back: Fri 25 Oct 16:00 CEST = 14:00 UTC, Mon 28 Oct 10:00 CET = 09:00 UTC.
    (STOCKHOLM, utc(2024, 10, 25, 14), utc(2024, 10, 28, 9), 7200, "Stockholm fall DST"),
    # New York: Fri 8 Mar 16:00 EST = 21:00 UTC, Mon 11 Mar 10:00 EDT = 14:00 UTC.
    (NEW_YORK, utc(2024, 3, 8, 21), utc(2024, 3, 11, 14), 7200, "New York spring DST"),
    (NEW_YORK, utc(2024, 11, 1, 20), utc(2024, 11, 4, 15), 7200, "New York fall DST"),
    # Los Angeles Mon 15 Jan 09-17 PST = 17:00 Mon - 01:00 Tue UTC: 20:00 -> 00:30 is 4.5h.
    (LOS_ANGELES, utc(2024, 1, 15, 20), utc(2024, 1, 16, 0, 30), 16200, "across UTC midnight"),
    # UTC Saturday 20 Jan holds Friday's last hour (00:00-01:00 UTC) and nothing else.
    (LOS_ANGELES, utc(2024, 1, 20), utc(2024, 1, 21), 3600, "Friday tail on UTC Saturday"),
    # Tokyo Mon 15 Jan 08-18 JST = Sun 14 Jan 23:00 - Mon 15 Jan 09:00 UTC.
    (TOKYO, utc(2024, 1, 14, 22), utc(2024, 1, 15, 1), 7200, "Tokyo opens on UTC Sunday"),
    (TOKYO, utc(2024, 1, 19, 8), utc(2024, 1, 20, 8), 3600, "Tokyo Friday, then weekend"),
    # Mon 09-12 and 13-17 UTC: 11:00 -> 14:00 is 1h + lunch + 1h.
    (SPLIT, utc(2024, 1, 15, 11), utc(2024, 1, 15, 14), 7200, "two intervals in a day"),
    (SPLIT, utc(2024, 1, 15, 14), utc(2024, 1, 15, 11), -7200, "reversed is negative"),
    # Nonexistent 02:30 on 31 Mar: opens at the jump, 03:00 CEST = 01:00 UTC; closes 10:00
    # CEST = 08:00 UTC -> 7h. On 27 Oct 02:30 is ambiguous: first one, 02:30 CEST = 00:30
    # UTC, to 10:00 CET = 09:00 UTC -> 8.5h. A plain winter Sunday: 01:30-09:00 UTC = 7.5h.
    (EARLY_SUNDAY, utc(2024, 3, 30), utc(2024, 4, 1), 7 * 3600, "opening in the DST gap"),
    (EARLY_SUNDAY, utc(2024, 10, 26), utc(2024, 10, 28), 8.5 * 3600, "ambiguous opening"),
    (EARLY_SUNDAY, utc(2024, 1, 13), utc(2024, 1, 15), 7.5 * 3600, "ordinary Sunday"),
    # 00:00-02:30 on 31 Mar: 23:00 UTC Sat to the jump at 01:00 UTC -> 2h. On 27 Oct:
    # 00:00 CEST = 22:00 UTC Sat to the first 02:30 (CEST) = 00:30 UTC -> 2.5h.
    (LATE_SATURDAY_NIGHT, utc(2024, 3, 30), utc(2024, 4, 1), 7200, "closing in the DST gap"),
    (LATE_SATURDAY_NIGHT, utc(2024, 10, 26), utc(2024, 10, 28), 9000, "ambiguous closing"),
    # A whole local Sunday lasts 23h in spring and 25h in autumn.
    (ALL_SUNDAY, utc(2024, 3, 30), utc(2024, 4, 1), 23 * 3600, "23-hour day"),
    (ALL_SUNDAY, utc(2024, 10, 26), utc(2024, 10, 28), 25 * 3600, "25-hour day"),
    (ALWAYS, utc(2024, 1, 1, 0, 0, 0), utc(2024, 1, 1, 0, 0, 1), 1, "one second"),
]


@pytest.mark.parametrize(("schedule", "a", "b", "expected", "why"), HAND_CASES)
def test_business_seconds_by_hand(
    schedule: Schedule, a: datetime, b: datetime, expected: float, why: str
) -> None:
    assert business_seconds(schedule, a, b) == expected, why


def test_business_clock_by_hand() -> None:
    rows = [(s.schedule_id, ts) for s, a, b, _, _ in HAND_CASES for ts in (a, b)]
    values = clock(rows)
    for i, (_, _, _, expected, why) in enumerate(HAND_CASES):
        b_a, b_b = values[2 * i], values[2 * i + 1]
        assert b_a is not None and b_b is not None, why
        assert b_b - b_a == pytest.approx(expected), why


def test_fractional_seconds() -> None:
    a = datetime(2024, 1, 15, 7, 59, 59, 500_000)  # Stockholm opens at 08:00:00 UTC
    b = datetime(2024, 1, 15, 8, 0, 0, 250_000)
    assert business_seconds(STOCKHOLM, a, b) == 0.25
    b_a, b_b = clock([("stockholm", a), ("stockholm", b)])
    assert b_a is not None and b_b is not None and b_b - b_a == pytest.approx(0.25)


def test_segments_for_dst_and_utc_midnight() -> None:
    rows = segments().to_pylist()

    def day_of(sid: str, day: date) -> list[tuple[int, int, bool]]:
        return [
            (r["seg_start"].hour, r["seg_end"].hour, r["is_open"])
            for r in rows
            if r["schedule_id"] == sid and r["day"] == day
        ]

    assert day_of("stockholm", date(2024, 3, 29)) == [(0, 8, False), (8, 16, True), (16, 0, False)]
    assert day_of("stockholm", date(2024, 4, 1)) == [(0, 7, False), (7, 15, True), (15, 0, False)]
    assert day_of("stockholm", date(2024, 3, 31)) == [(0, 0, False)]
    assert day_of("los_angeles", date(2024, 1, 16)) == [
        (0, 1, True),
        (1, 17, False),
        (17, 0, True),
    ]
    assert day_of("always", date(2024, 6, 1)) == [(0, 0, True)]


def test_segments_partition_every_day() -> None:
    rows = segments().to_pylist()
    days = (LAST_DAY - FIRST_DAY).days + 1
    for sid, group in itertools.groupby(rows, key=lambda r: r["schedule_id"]):
        segs = list(group)
        assert segs[0]["seg_start"] == datetime(2023, 12, 25) and segs[0]["cum_start"] == 0
        assert segs[-1]["seg_end"] == datetime(2025, 1, 11)
        assert len({r["day"] for r in segs}) == days, sid
        for r in segs:
            next_midnight = datetime.combine(r["day"] + timedelta(days=1), time())
            assert r["seg_start"] < r["seg_end"] <= next_midnight, sid
            assert r["seg_start"].date() == r["day"], sid
        for prev, nxt in itertools.pairwise(segs):
            assert prev["seg_end"] == nxt["seg_start"], sid
            open_seconds = (prev["seg_end"] - prev["seg_start"]).total_seconds()
            assert nxt["cum_start"] == prev["cum_start"] + (open_seconds if prev["is_open"] else 0)
            if prev["day"] == nxt["day"]:  # within a day, cuts only where open/closed flips
                assert prev["is_open"] != nxt["is_open"], sid


def wall_clock_open(schedule: Schedule, instant: datetime) -> bool:
    """Open by reading the local wall clock (exact when no boundary is in a DST hour)."""
    local = instant.replace(tzinfo=UTC).astimezone(ZoneInfo(schedule.timezone))
    if local.date() in schedule.holidays:
        return False
    minute = local.hour * 60 + local.minute
    for start, end in schedule.hours.get(DAY_KEYS[local.weekday()], []):
        lo, hi = (int(x[:2]) * 60 + int(x[3:]) for x in (start, end))
        if lo <= minute < hi:
            return True
    return False


@pytest.mark.parametrize(
    "schedule",
    [STOCKHOLM, NEW_YORK, LOS_ANGELES, TOKYO, SPLIT, ALL_SUNDAY, ALWAYS],
    ids=lambda s: s.schedule_id,
)
def test_segments_agree_with_the_wall_clock(schedule: Schedule) -> None:
    segs = [r for r in segments().to_pylist() if r["schedule_id"] == schedule.schedule_id]
    starts = [r["seg_start"] for r in segs]
    for first in (date(2024, 3, 6), date(2024, 3, 26), date(2024, 10, 23), date(2024, 12, 21)):
        instant = datetime.combine(first, time())
        for _ in range(8 * 96):  # every 15 minutes for 8 days
            seg = segs[bisect_right(starts, instant) - 1]
            assert seg["is_open"] == wall_clock_open(schedule, instant), instant
            instant += timedelta(minutes=15)


def around(first: datetime, last: datetime) -> st.SearchStrategy[datetime]:
    return st.datetimes(min_value=first, max_value=last)


# Anywhere in 2024, with extra weight on the weeks of the DST changes.
instants = st.one_of(
    around(datetime(2024, 1, 1), datetime(2024, 12, 31)),
    around(datetime(2024, 3, 8), datetime(2024, 3, 12)),  # New York spring
    around(datetime(2024, 3, 29), datetime(2024, 4, 2)),  # Stockholm spring
    around(datetime(2024, 10, 25), datetime(2024, 10, 29)),  # Stockholm autumn
)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(SCHEDULES), st.lists(instants, min_size=2, max_size=4))
def test_business_clock_matches_reference(schedule: Schedule, stamps: list[datetime]) -> None:
    values = clock([(schedule.schedule_id, ts) for ts in stamps])
    for (a, b_a), (b, b_b) in itertools.combinations(zip(stamps, values, strict=True), 2):
        assert b_a is not None and b_b is not None
        assert b_b - b_a == pytest.approx(business_seconds(schedule, a, b), abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SCHEDULES), instants, instants, instants)
def test_durations_are_additive(schedule: Schedule, a: datetime, b: datetime, c: datetime) -> None:
    whole = business_seconds(schedule, a, c)
    parts = business_seconds(schedule, a, b) + business_seconds(schedule, b, c)
    assert whole == pytest.approx(parts, abs=1e-6)
    assert 0 <= business_seconds(schedule, min(a, c), max(a, c)) <= abs((c - a).total_seconds())


def test_business_clock_nulls_and_rows_kept() -> None:
    con, calendar = database()
    t = con.create_table(
        "awkward",
        pa.table(
            {
                "day": [1, 2, 3, 4, 5, 5],  # names that clash with the calendar's
                "schedule_id": ["x"] * 6,
                "__cal_day": ["y"] * 6,
                "sid": ["stockholm", "stockholm", "stockholm", "nowhere", None, None],
                "ts": pa.array(
                    [
                        datetime(2024, 1, 15, 9),
                        None,
                        datetime(2030, 1, 1),
                        datetime(2024, 1, 15, 9),
                        datetime(2024, 1, 15, 9),
                        datetime(2024, 1, 15, 9),
                    ],
                    pa.timestamp("us"),
                ),
                "b": [0.5] * 6,  # replaced, not duplicated
            }
        ),
        overwrite=True,
    )
    result = business_clock(t, "ts", calendar, "b", t.sid).order_by("day").to_pyarrow()
    assert result.column_names == ["day", "schedule_id", "__cal_day", "sid", "ts", "b"]
    assert result["b"].to_pylist()[0] == pytest.approx(
        clock([("stockholm", datetime(2024, 1, 15, 9))])[0]
    )
    assert result["b"].to_pylist()[1:] == [None] * 5  # null ts, out of range, unknown/null schedule
    constant = business_clock(t, "ts", calendar, "bb").to_pyarrow()  # "default" is not there
    assert constant.num_rows == 6 and constant["bb"].null_count == 6


def test_business_clock_rejects_tz_aware_column() -> None:
    t = ibis.table({"ts": "timestamp('UTC')"}, name="t")
    with pytest.raises(ValueError, match="naive UTC timestamp"):
        business_clock(t, "ts", database()[1], "b")


def test_offset_segments() -> None:
    utc_rows = offset_segments("UTC", date(2024, 1, 1), date(2024, 1, 3)).to_pylist()
    assert [(r["day"], r["offset_seconds"]) for r in utc_rows] == [
        (date(2024, 1, d), 0) for d in (1, 2, 3)
    ]
    sthlm = offset_segments("Europe/Stockholm", date(2024, 3, 31), date(2024, 3, 31)).to_pylist()
    assert [(r["seg_start"].hour, r["seg_end"], r["offset_seconds"]) for r in sthlm] == [
        (0, datetime(2024, 3, 31, 1), 3600),
        (1, datetime(2024, 4, 1), 7200),
    ]
    ny = offset_segments("America/New_York", date(2024, 11, 3), date(2024, 11, 3)).to_pylist()
    assert [(r["seg_start"].hour, r["offset_seconds"]) for r in ny] == [
        (0, -4 * 3600),
        (6, -5 * 3600),
    ]


@pytest.mark.parametrize(
    "tz", ["UTC", "Europe/Stockholm", "America/New_York", "Australia/Lord_Howe"]
)
def test_offset_segments_partition(tz: str) -> None:
    rows = offset_segments(tz, date(2024, 1, 1), date(2024, 12, 31)).to_pylist()
    assert len({r["day"] for r in rows}) == 366
    assert rows[0]["seg_start"] == datetime(2024, 1, 1) and rows[-1]["seg_end"] == datetime(
        2025, 1, 1
    )
    for prev, nxt in itertools.pairwise(rows):
        assert prev["seg_end"] == nxt["seg_start"] and prev["seg_start"] < prev["seg_end"]
        assert nxt["seg_start"].date() == nxt["day"]
    changes = sum(
        1 for p, n in itertools.pairwise(rows) if p["offset_seconds"] != n["offset_seconds"]
    )
    assert changes == (0 if tz == "UTC" else 2)


@functools.cache
def offsets_table(tz: str) -> ibis.Table:
    con = database()[0]
    name = "offsets_" + tz.replace("/", "_").lower()
    return con.create_table(name, offset_segments(tz, date(2024, 1, 1), date(2024, 12, 31)))


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["UTC", "Europe/Stockholm", "America/New_York", "Australia/Lord_Howe"]),
    st.lists(instants, min_size=1, max_size=5),
)
def test_local_time_matches_zoneinfo(tz: str, stamps: list[datetime]) -> None:
    con = database()[0]
    data = pa.table(
        {"row": range(len(stamps) + 1), "ts": pa.array([*stamps, None], pa.timestamp("us"))}
    )
    t = con.create_table("moments", data, overwrite=True)
    result = local_time(t, "ts", offsets_table(tz), "local").order_by("row").to_pyarrow()
    expected = [s.replace(tzinfo=UTC).astimezone(ZoneInfo(tz)).replace(tzinfo=None) for s in stamps]
    assert result["local"].to_pylist() == [*expected, None]
    assert result.column_names == ["row", "ts", "local"]


def test_parse_schedule_normalises() -> None:
    s = parse_schedule(
        "s", "UTC", '{"Mon": [["13:00", "17:00"], ["9:00", "12:00"], ["11:00", "12:30"]]}', None
    )
    assert s.hours == {"mon": [("09:00", "12:30"), ("13:00", "17:00")]}
    assert s.holidays == frozenset()
    assert parse_schedule("s", "UTC", {}, '["2024-12-25"]').holidays == {date(2024, 12, 25)}
    assert parse_schedule("s", "UTC", {}, "null").holidays == frozenset()


@pytest.mark.parametrize(
    ("timezone", "hours", "holidays", "message"),
    [
        ("Europe/Stokholm", {}, None, "unknown timezone 'Europe/Stokholm'.*IANA"),
        ("", {}, None, "unknown timezone ''"),
        ("Europe", {}, None, "unknown timezone 'Europe'"),
        ("europe/stockholm", {}, None, "did you mean 'Europe/Stockholm'"),
        ("UTC", {"monday": []}, None, "bad day key 'monday'.*mon, tue"),
        ("UTC", {"mon": [], "MON": []}, None, "bad day key 'MON'"),
        ("UTC", {"mon": [["9am", "17:00"]]}, None, "bad time '9am'.*HH:MM"),
        ("UTC", {"mon": [["09:00", "25:00"]]}, None, "bad time '25:00'.*24:00"),
        ("UTC", {"mon": [["09:60", "17:00"]]}, None, "bad time '09:60'"),
        ("UTC", {"mon": [["09:00\n", "17:00"]]}, None, "bad time '09:00\\\\n'"),
        ("UTC", {"mon": [["24:00", "24:00"]]}, None, "bad time '24:00'.*23:59"),
        ("UTC", {"mon": [["17:00", "09:00"]]}, None, "ends before it starts"),
        ("UTC", {"mon": [["09:00", "09:00"]]}, None, "ends before it starts"),
        ("UTC", {"mon": [["09:00"]]}, None, "bad interval"),
        ("UTC", {"mon": "09:00-17:00"}, None, r"list of \[start, end\] pairs"),
        ("UTC", '[["09:00", "17:00"]]', None, "hours must be a JSON object"),
        ("UTC", "{mon: 1}", None, "invalid JSON"),
        ("UTC", {}, '["2024-13-01"]', "bad holiday '2024-13-01'.*YYYY-MM-DD"),
        ("UTC", {}, ["25/12/2024"], "bad holiday '25/12/2024'"),
        ("UTC", {}, '"2024-12-25"', "holidays must be a JSON array"),
    ],
)
def test_parse_schedule_errors(timezone: str, hours: Any, holidays: Any, message: str) -> None:
    with pytest.raises(ValueError, match=f"schedule 'x'.*{message}"):
        parse_schedule("x", timezone, hours, holidays)


def test_business_segments_errors() -> None:
    with pytest.raises(ValueError, match="given twice"):
        business_segments([SPLIT, SPLIT], date(2024, 1, 1), date(2024, 1, 2))
    with pytest.raises(ValueError, match="before first_day"):
        business_segments([SPLIT], date(2024, 1, 2), date(2024, 1, 1))
    assert business_segments([], date(2024, 1, 1), date(2024, 1, 2)).num_rows == 0
