"""rep_status_time: hours each rep spent in each status, clipped to the period.

Stays and their hours are listed in data/README.md; the arithmetic is repeated here.
"""

from __future__ import annotations

import pytest

from supportlens.errors import QueryError

METRIC = "rep_status_time"


def test_unit_and_totals_by_status(utc, hb) -> None:
    rep = utc(METRIC, group_by=["status"])
    assert rep["unit"] == "hours"
    # From the first row (Fri 03-06, r2) to the last piece's day (Sun 04-05; now is
    # Mon 04-06 00:00, excluded).
    assert (rep["from"], rep["to"]) == ("2026-03-06", "2026-04-05")
    rows = hb.by_group(rep, "status")
    # available: r1 4+4.5+3.5+2+2+9+4 = 29, r2 5+5 = 10, r3 1+0.5 = 1.5, r4 2 → 42.5
    hb.hours(rows["available"], 42.5, 4)
    hb.hours(rows["busy"], 1, 1)  # r1 12:00–13:00 on 03-09
    hb.hours(rows["away"], 4.5, 2)  # r3 3.5 + r4 1
    # offline: r1 5.5+424.5+23+42.5+148.5 = 644, r2 67+654 = 721, r3 655, r4 638 → 2658
    hb.hours(rows["offline"], 2658, 4)


def test_each_rep_adds_up_to_now_minus_first_row(utc, hb) -> None:
    rows = hb.by_group(utc(METRIC, group_by=["rep"]), "rep")
    hb.hours(rows["r1"], 674, 1)  # Sun 03-08 22:00 → Mon 04-06 00:00 = 28 d 2 h
    hb.hours(rows["r2"], 731, 1)  # Fri 03-06 13:00 → 04-06 00:00 = 30 d 11 h
    hb.hours(rows["r3"], 660, 1)  # 03-09 12:00 → 04-06 00:00 = 27 d 12 h
    hb.hours(rows["r4"], 641, 1)  # 03-10 07:00 → 04-06 00:00 = 26 d 17 h


def test_time_before_the_first_row_is_unknown_not_offline(utc, hb) -> None:
    rep = utc(METRIC, date_from="2026-03-01", date_to="2026-03-08", group_by=["rep", "status"])
    rows = hb.by_group(rep, "rep", "status")
    # r1's first row is 03-08 22:00: only 2 h available, no offline before it.
    # r2: available 03-06 13–18 (5 h), offline 03-06 18:00 → 03-09 00:00 (6 + 48 = 54 h).
    # r3 and r4 start on 03-09 and 03-10: not in the range at all.
    assert set(rows) == {("r1", "available"), ("r2", "available"), ("r2", "offline")}
    hb.hours(rows[("r1", "available")], 2, 1)
    hb.hours(rows[("r2", "available")], 5, 1)
    hb.hours(rows[("r2", "offline")], 54, 1)


def test_stay_across_midnight_is_split_by_day(utc, hb) -> None:
    rep = utc(METRIC, date_from="2026-03-08", date_to="2026-03-09", by="day",
              group_by=["status"], where=["rep=r1"])
    rows = hb.by_period_group(rep, "status")
    # S01 available Sun 22:00 → Mon 02:00: 2 h on each day.
    hb.hours(rows[("2026-03-08", "available")], 2, 1)
    # Mon: 2 (00–02) + 4.5 (07:30–12:00) + 3.5 (13:00–16:30) = 10 h available,
    # 5.5 (02:00–07:30) + 7.5 (16:30–24:00) = 13 h offline, 1 h busy: 24 h in all.
    hb.hours(rows[("2026-03-09", "available")], 10, 1)
    hb.hours(rows[("2026-03-09", "offline")], 13, 1)
    hb.hours(rows[("2026-03-09", "busy")], 1, 1)
    # Statuses with data in the range appear on every day: 0 h where there is none.
    hb.hours(rows[("2026-03-08", "offline")], 0, 0)
    hb.hours(rows[("2026-03-08", "busy")], 0, 0)
    assert len(rows) == 6


def test_stay_across_a_week_start_is_split_by_week(utc, hb) -> None:
    rep = utc(METRIC, date_from="2026-03-02", date_to="2026-03-15", by="week",
              where=["rep=r1", "status=available"])
    rows = hb.by_period(rep)
    hb.hours(rows["2026-03-02"], 2, 1)  # Sun 03-08 22:00–24:00
    hb.hours(rows["2026-03-09"], 10, 1)  # 2 + 4.5 + 3.5 on Mon 03-09
    assert list(rows) == ["2026-03-02", "2026-03-09"]


def test_periods_follow_the_workspace_timezone(sthlm, hb) -> None:
    rep = sthlm(METRIC, date_from="2026-03-08", date_to="2026-03-09", by="day",
                where=["rep=r1", "status=available"])
    rows = hb.by_period(rep)
    # In Stockholm (CET) S01 is Sun 23:00 → Mon 03:00: 1 h on Sunday, 3 h on Monday;
    # Monday adds 08:30–13:00 (4.5 h) and 14:00–17:30 (3.5 h) → 11 h.
    hb.hours(rows["2026-03-08"], 1, 1)
    hb.hours(rows["2026-03-09"], 11, 1)


def test_a_local_day_of_23_hours(sthlm, hb) -> None:
    # r2 is offline all of Sunday 03-29, the day Stockholm skips 02:00–03:00.
    row = hb.only(sthlm(METRIC, date_from="2026-03-29", date_to="2026-03-29",
                        where=["rep=r2"]))
    hb.hours(row, 23, 1)
    hours = sthlm(METRIC, date_from="2026-03-29", date_to="2026-03-29", by="day",
                  group_by=["hour_of_day"], where=["rep=r2"])
    rows = hb.by_period_group(hours, "hour_of_day")
    assert sorted(h for _, h in rows) == [h for h in range(24) if h != 2]
    assert all(r["value"] == pytest.approx(1) for r in rows.values())


def test_last_status_lasts_until_now(utc, hb) -> None:
    # S13 available from Sun 04-05 20:00, the rep's last row before NOW (04-06 00:00): 4 h.
    day = {"date_from": "2026-04-05", "date_to": "2026-04-05",
           "where": ["rep=r1", "status=available"]}
    hb.hours(hb.only(utc(METRIC, **day)), 4, 1)
    # With now at 21:30 the same stay is 1.5 h.
    hb.hours(hb.only(utc(METRIC, now="2026-04-05T21:30:00Z", **day)), 1.5, 1)


def test_rows_after_now_have_not_happened(utc, hb) -> None:
    # now = Fri 03-27 10:00: S07 available from 09:00 runs to now (1 h); S08 (11:00) is
    # in the future, so nothing is offline that day yet.
    rep = utc(METRIC, now="2026-03-27T10:00:00Z", date_from="2026-03-27",
              date_to="2026-03-27", group_by=["status"], where=["rep=r1"])
    rows = hb.by_group(rep, "status")
    # offline: S06 from 03-09 16:30 runs until S07 at 09:00 → 9 h of 03-27.
    assert set(rows) == {"available", "offline"}
    hb.hours(rows["available"], 1, 1)
    hb.hours(rows["offline"], 9, 1)
    # now = 04-08 00:00: S13 available 04-05 20:00 → S14 04-07 08:00 = 36 h, then S14
    # offline until now = 16 h; offline also 04-05 00:00–20:00 (S12) = 20 h.
    rep = utc(METRIC, now="2026-04-08T00:00:00Z", date_from="2026-04-05",
              date_to="2026-04-07", group_by=["status"], where=["rep=r1"])
    rows = hb.by_group(rep, "status")
    hb.hours(rows["available"], 36, 1)
    hb.hours(rows["offline"], 36, 1)


def test_rows_at_the_same_instant(utc, hb) -> None:
    # r4: D02 offline and D03 away both at 03-10 09:00; D03 (greater id) holds, D02
    # lasts no time. Tue 03-10: available 07–09 (2 h), away 09–10 (1 h), offline
    # 10:00–24:00 (14 h).
    rows = hb.by_group(utc(METRIC, date_from="2026-03-10", date_to="2026-03-10",
                           group_by=["status"], where=["rep=r4"]), "status")
    hb.hours(rows["available"], 2, 1)
    hb.hours(rows["away"], 1, 1)
    hb.hours(rows["offline"], 14, 1)


def test_group_by_team_and_filters(utc, hb) -> None:
    rows = hb.by_group(utc(METRIC, group_by=["team"], where=["status=available"]), "team")
    hb.hours(rows["t1"], 39, 2)  # r1 29 + r2 10
    hb.hours(rows["t2"], 3.5, 2)  # r3 1.5 + r4 2
    rows = hb.by_group(utc(METRIC, group_by=["rep"], where=["team=t2", "status=available"]),
                       "rep")
    hb.hours(rows["r3"], 1.5, 1)
    hb.hours(rows["r4"], 2, 1)
    # busy 1 (r1) + away 4.5 (r3 3.5, r4 1) = 5.5 h by three reps.
    hb.hours(hb.only(utc(METRIC, where=["status in (busy,away)"])), 5.5, 3)


def test_top_and_compare(utc, hb) -> None:
    top = utc(METRIC, group_by=["rep"], where=["status=available"], top=1)
    assert [r["group"]["rep"] for r in top["rows"]] == ["r1"]
    hb.hours(top["rows"][0], 29, 1)
    # Mon 03-09 available: r1 10 + r2 5 + r3 1.5 = 16.5; the day before: r1 2.
    row = hb.only(utc(METRIC, date_from="2026-03-09", date_to="2026-03-09",
                      where=["status=available"], compare="previous"))
    hb.hours(row, 16.5, 3)
    assert row["previous"] == pytest.approx(2)
    assert row["change_pct"] == pytest.approx(725)  # (16.5 − 2) / 2 × 100


def test_business_hours_count_only_the_default_schedule(utc, hb) -> None:
    # default: UTC Mon–Fri 08–18. r1 available Mon 03-09: 00–02 (closed), 07:30–12:00
    # (08–12 = 4 h), 13:00–16:30 (3.5 h) → 7.5 business hours.
    row = hb.only(utc(METRIC, date_from="2026-03-09", date_to="2026-03-09",
                      where=["rep=r1", "status=available"], hours="business"))
    hb.hours(row, 7.5, 1)


def test_empty_days_are_filled_with_zero(utc, hb) -> None:
    rows = hb.by_period(utc(METRIC, date_from="2026-03-16", date_to="2026-03-18", by="day",
                            where=["status=available"]))
    assert list(rows) == ["2026-03-16", "2026-03-17", "2026-03-18"]
    for row in rows.values():
        hb.hours(row, 0, 0)
    # Everyone is offline those days: 4 reps × 24 h.
    rows = hb.by_period(utc(METRIC, date_from="2026-03-16", date_to="2026-03-18", by="day"))
    for row in rows.values():
        hb.hours(row, 96, 4)
    # Before any data at all: still every day, with 0 hours.
    rows = hb.by_period(utc(METRIC, date_from="2026-01-01", date_to="2026-01-02", by="day"))
    assert [r["value"] for r in rows.values()] == [0, 0]


def test_unknown_dimension_names_the_valid_ones(utc) -> None:
    with pytest.raises(QueryError, match="unknown dimension 'channel'.*status"):
        utc(METRIC, group_by=["channel"])
