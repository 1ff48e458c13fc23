"""max_available_reps: the most reps available at the same moment, by day or by hour.

Available stays (UTC, from data/README.md):
    r1  Sun 03-08 22:00 – Mon 03-09 02:00, 03-09 07:30–12:00, 13:00–16:30,
        Fri 03-27 09–11, Sat 03-28 10–12, Mon 03-30 06:30–15:30, Sun 04-05 20:00 – now
    r2  Fri 03-06 13–18, Mon 03-09 13–18
    r3  Mon 03-09 12–13, 16:30–17:00
    r4  Tue 03-10 07–09
Monday 03-09 is the day of the boundary cases: r1 goes busy at 12:00 as r3 arrives;
r1 and r2 both arrive at 13:00 as r3 leaves; r3 returns at 16:30 as r1 leaves.
"""

from __future__ import annotations

METRIC = "max_available_reps"


def test_daily_peaks_and_empty_days(utc, hb) -> None:
    rep = utc(METRIC, date_from="2026-03-06", date_to="2026-03-10", by="day")
    assert rep["unit"] == "count"
    rows = hb.by_period(rep)
    hb.peak(rows["2026-03-06"], 1, 1)  # r2 alone
    hb.peak(rows["2026-03-07"], 0, 0)  # nobody: filled with 0
    hb.peak(rows["2026-03-08"], 1, 1)  # r1 22–24
    # Mon 03-09: 2 (r1 + r2 from 13:00; r3 left at 13:00, half-open) — 3 reps that day.
    hb.peak(rows["2026-03-09"], 2, 3)
    hb.peak(rows["2026-03-10"], 1, 1)  # r4 07–09
    assert len(rows) == 5


def test_half_open_boundaries(utc, hb) -> None:
    # 12:00: r1 leaves, r3 arrives → 1, not 2.
    noon = hb.only(utc(METRIC, date_from="2026-03-09", date_to="2026-03-09",
                       where=["rep in (r1,r3)"]))
    # r1 [07:30, 12:00) + [13:00, 16:30), r3 [12:00, 13:00) + [16:30, 17:00): they touch at
    # 12:00, 13:00 and 16:30 but never overlap.
    hb.peak(noon, 1, 2)
    # 13:00: r1 and r2 arrive at the very same instant → 2.
    hb.peak(hb.only(utc(METRIC, date_from="2026-03-09", date_to="2026-03-09",
                        where=["rep in (r1,r2)"])), 2, 2)


def test_hourly_peaks(utc, hb) -> None:
    rep = utc(METRIC, date_from="2026-03-09", date_to="2026-03-09", by="day",
              group_by=["hour_of_day"])
    rows = hb.by_period_group(rep, "hour_of_day")
    peaks = {hour: (row["value"], row["n"]) for (_, hour), row in rows.items()}
    assert peaks == {
        0: (1, 1), 1: (1, 1),  # r1 (since Sunday 22:00) until 02:00
        7: (1, 1), 8: (1, 1), 9: (1, 1), 10: (1, 1), 11: (1, 1),  # r1 from 07:30
        12: (1, 1),  # r3 (r1 is busy from 12:00)
        13: (2, 2), 14: (2, 2), 15: (2, 2),  # r1 and r2
        16: (2, 3),  # r1 until 16:30, r2, r3 from 16:30: three reps, never three at once
        17: (1, 1),  # r2
    }


def test_peaks_by_team(utc, hb) -> None:
    rep = utc(METRIC, date_from="2026-03-09", date_to="2026-03-10", by="day",
              group_by=["team"])
    rows = hb.by_period_group(rep, "team")
    hb.peak(rows[("2026-03-09", "t1")], 2, 2)  # r1 + r2 13:00–16:30
    hb.peak(rows[("2026-03-09", "t2")], 1, 1)  # r3
    hb.peak(rows[("2026-03-10", "t1")], 0, 0)  # filled
    hb.peak(rows[("2026-03-10", "t2")], 1, 1)  # r4


def test_weekly_and_total_peaks(utc, hb) -> None:
    rows = hb.by_period(utc(METRIC, by="week"))
    assert list(rows) == ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23",
                          "2026-03-30"]
    hb.peak(rows["2026-03-02"], 1, 2)  # r2 Fri 13–18 and r1 Sun 22–24 never meet
    hb.peak(rows["2026-03-09"], 2, 4)  # Monday's 2; r1 r2 r3 on Monday, r4 on Tuesday
    hb.peak(rows["2026-03-16"], 0, 0)
    hb.peak(rows["2026-03-23"], 1, 1)
    hb.peak(rows["2026-03-30"], 1, 1)
    hb.peak(hb.only(utc(METRIC)), 2, 4)


def test_a_stay_cut_at_midnight_is_one_rep(utc, hb) -> None:
    # r1 is available across Sunday→Monday midnight; the week of 03-09 filtered to r1
    # must still peak at 1 (its pieces meet at 00:00, they do not add up).
    hb.peak(hb.only(utc(METRIC, date_from="2026-03-08", date_to="2026-03-09",
                        where=["rep=r1"])), 1, 1)


def test_stockholm_hours(sthlm, hb) -> None:
    # In Stockholm (CET, UTC+1) Monday's 13:00 UTC is 14:00: hour 14 holds the peak.
    rep = sthlm(METRIC, date_from="2026-03-09", date_to="2026-03-09", by="day",
                group_by=["hour_of_day"])
    peaks = {hour: row["value"] for (_, hour), row in hb.by_period_group(
        rep, "hour_of_day").items()}
    assert peaks[13] == 1 and peaks[14] == 2 and peaks[18] == 1
    assert 19 not in peaks  # r2 left at 18:00 UTC = 19:00 local


def test_open_ended_ranges(utc, hb) -> None:
    # --from only: the range ends with the data (r1's last stay runs to now, 04-06 00:00).
    rep = utc(METRIC, date_from="2026-04-01")
    assert (rep["from"], rep["to"]) == ("2026-04-01", "2026-04-05")
    hb.peak(hb.only(rep), 1, 1)
    # --from after all the data: nothing to measure, a peak of 0.
    hb.peak(hb.only(utc(METRIC, date_from="2026-05-01")), 0, 0)
    # Before any data, by day: every day present, with 0.
    rows = hb.by_period(utc(METRIC, date_from="2026-01-01", date_to="2026-01-02", by="day"))
    assert [(r["value"], r["n"]) for r in rows.values()] == [(0, 0), (0, 0)]
