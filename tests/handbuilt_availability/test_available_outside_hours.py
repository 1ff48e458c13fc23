"""available_outside_hours: available time inside and outside the rep's own schedule.

Each rep's schedule, in its own timezone, and the split of every available stay are in
data/README.md; the arithmetic is repeated here.
"""

from __future__ import annotations

METRIC = "available_outside_hours"


def test_totals_inside_and_outside(utc, hb) -> None:
    rep = utc(METRIC, group_by=["working_hours"])
    assert rep["unit"] == "hours"
    rows = hb.by_group(rep, "working_hours")
    # inside: r1 4+3+8 = 15, r2 4+5 = 9, r3 1+0.5 = 1.5, r4 1 → 26.5
    hb.hours(rows["inside"], 26.5, 4)
    # outside: r1 4+0.5+0.5+2+2+1+4 = 14, r2 1, r3 0, r4 1 → 16
    hb.hours(rows["outside"], 16, 3)
    assert rows["inside"]["reps_outside"] == 0
    assert rows["outside"]["reps_outside"] == 3


def test_ungrouped_counts_the_reps_with_time_outside(utc, hb) -> None:
    row = hb.only(utc(METRIC))
    hb.hours(row, 42.5, 4)  # all available time: 26.5 + 16
    assert row["reps_outside"] == 3  # r1, r2, r4 (r3 stays inside default's 08–18)


def test_by_rep(utc, hb) -> None:
    rows = hb.by_group(utc(METRIC, group_by=["rep", "working_hours"]), "rep", "working_hours")
    expected = {("r1", "inside"): 15, ("r1", "outside"): 14, ("r2", "inside"): 9,
                ("r2", "outside"): 1, ("r3", "inside"): 1.5, ("r4", "inside"): 1,
                ("r4", "outside"): 1}
    assert set(rows) == set(expected)  # r3 has no outside time: no such row
    for key, hours in expected.items():
        hb.hours(rows[key], hours, 1)
        assert rows[key]["reps_outside"] == (1 if key[1] == "outside" else 0)


def test_by_team(utc, hb) -> None:
    rows = hb.by_group(utc(METRIC, group_by=["team"], where=["working_hours=outside"]), "team")
    hb.hours(rows["t1"], 15, 2)  # r1 14 + r2 1
    hb.hours(rows["t2"], 1, 1)  # r4 1 (r3 none)
    assert (rows["t1"]["reps_outside"], rows["t2"]["reps_outside"]) == (2, 1)


def test_schedule_in_its_own_timezone_across_dst(utc, hb) -> None:
    def split(rep_id: str, day: str) -> dict:
        rows = hb.by_group(utc(METRIC, date_from=day, date_to=day, group_by=["working_hours"],
                               where=[f"rep={rep_id}"]), "working_hours")
        return {k: r["value"] for k, r in rows.items()}

    # r1, Stockholm 09–17. Mon 03-09 (CET, 08–16 UTC): 07:30–12:00 and 13:00–16:30 plus
    # Sunday night's 00–02 → inside 4 + 3 = 7, outside 2 + 0.5 + 0.5 = 3.
    assert split("r1", "2026-03-09") == {"inside": 7, "outside": 3}
    # Mon 03-30 (CEST, 07–15 UTC): 06:30–15:30 → inside 8, outside 0.5 + 0.5 = 1
    # (with the winter offset it would be 7.5 / 1.5).
    assert split("r1", "2026-03-30") == {"inside": 8, "outside": 1}
    # r2, New York 09–17. Fri 03-06 (EST, 14–22 UTC): 13:00–18:00 → 4 inside, 1 outside;
    # Mon 03-09 (EDT since Sun 03-08, 13–21 UTC): the same 13:00–18:00 is all inside.
    assert split("r2", "2026-03-06") == {"inside": 4, "outside": 1}
    assert split("r2", "2026-03-09") == {"inside": 5}


def test_holiday_and_weekend_are_outside(utc, hb) -> None:
    # Fri 03-27 is a holiday of r1's schedule; Sat 03-28 a weekend: 2 h outside each.
    for day in ("2026-03-27", "2026-03-28"):
        rows = hb.by_group(utc(METRIC, date_from=day, date_to=day, group_by=["working_hours"],
                               where=["rep=r1"]), "working_hours")
        assert set(rows) == {"outside"}
        hb.hours(rows["outside"], 2, 1)


def test_rep_without_a_known_schedule_uses_default(utc, hb) -> None:
    # r4's schedule 'ghost' was never imported: default (UTC Mon–Fri 08–18) applies to
    # Tue 03-10 07:00–09:00 → 1 h outside, 1 h inside. r3 has no schedule: 12–13 and
    # 16:30–17:00 on Mon 03-09 are inside default's hours.
    rows = hb.by_group(utc(METRIC, group_by=["rep", "working_hours"], where=["team=t2"]),
                       "rep", "working_hours")
    assert {k: r["value"] for k, r in rows.items()} == {
        ("r3", "inside"): 1.5, ("r4", "inside"): 1, ("r4", "outside"): 1}


def test_by_week_fills_empty_weeks(utc, hb) -> None:
    rep = utc(METRIC, by="week", group_by=["working_hours"], where=["rep=r1"])
    assert (rep["from"], rep["to"]) == ("2026-03-08", "2026-04-05")
    rows = hb.by_period_group(rep, "working_hours")
    expected = {
        "2026-03-02": (0, 2),  # Sun 03-08 22–24
        "2026-03-09": (7, 3),  # Mon 03-09 (see test above)
        "2026-03-16": (0, 0),  # nothing: filled
        "2026-03-23": (0, 4),  # holiday 2 + Saturday 2
        "2026-03-30": (8, 5),  # Mon 03-30 8 / 1, plus Sun 04-05 20:00–24:00 (4)
    }
    assert len(rows) == 2 * len(expected)
    for week, (inside, outside) in expected.items():
        assert rows[(week, "inside")]["value"] == inside, week
        assert rows[(week, "outside")]["value"] == outside, week
        assert rows[(week, "outside")]["reps_outside"] == (1 if outside else 0), week


def test_workspace_timezone_moves_the_day_not_the_schedule(sthlm, hb) -> None:
    rep = sthlm(METRIC, date_from="2026-03-08", date_to="2026-03-09", by="day",
                group_by=["working_hours"], where=["rep=r1"])
    rows = hb.by_period_group(rep, "working_hours")
    # Stockholm days: Sun 03-08 has 23:00–24:00 (1 h outside); Mon 03-09 has 00–03
    # (3 h) + 08:30–09:00 + 17:00–17:30 outside = 4 h, and 09–13 + 14–17 = 7 h inside.
    assert rows[("2026-03-08", "outside")]["value"] == 1
    assert rows[("2026-03-08", "inside")]["value"] == 0
    assert rows[("2026-03-09", "outside")]["value"] == 4
    assert rows[("2026-03-09", "inside")]["value"] == 7


def test_empty_range(utc, hb) -> None:
    rows = hb.by_period(utc(METRIC, date_from="2026-03-16", date_to="2026-03-17", by="day"))
    assert [(r["value"], r["n"], r["reps_outside"]) for r in rows.values()] == [
        (0, 0, 0), (0, 0, 0)]
