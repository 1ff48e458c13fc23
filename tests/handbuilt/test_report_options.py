"""Report options on ticket metrics: periods and filling, group-bys, filters, date ranges,
top N, compare previous, business hours, and workspace timezone. Computed by hand.

Per-ticket facts: data/README.md. NOW = 2026-04-06T00:00Z unless a test says otherwise.
"""

from __future__ import annotations

import pytest

# ------------------------------------------------------------------ periods and filling


def test_by_month_fills_empty_count_periods(utc, hb):
    # created: Jan none -> 0; Feb T11 T12 = 2; Mar T01..T08 = 8; Apr T09 T10 = 2
    rep = utc("tickets_created", date_from="2026-01-01", date_to="2026-04-30", by="month")
    assert rep["from"] == "2026-01-01" and rep["to"] == "2026-04-30"
    p = hb.by_period(rep)
    assert list(p) == ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"]
    for m, v in zip(p, [0, 2, 8, 2], strict=True):
        hb.count(p[m], v)


def test_by_week_fills_empty_duration_periods_with_null(utc, hb):
    # FRT dated by first_rep_reply_at:
    #   Feb16 none -> null; Feb23 T12 (Sun 03-01 00:30) 3600
    #   Mar2 T01 3600, T02 180, T03 240, T04 3600 -> n 4, sum 7620, mean 1905;
    #        sorted 180 240 3600 3600: median 1920; p90 2.7 -> 3600
    #   Mar9 T06 3600; Mar16 T08 3600; Mar23 none -> null (T05 created, not answered yet)
    #   Mar30 T05 327600, T09 3600 -> mean 165600, median 165600, p90 3600 + 0.9*324000 = 295200
    p = hb.by_period(utc("first_response_time", date_from="2026-02-16", date_to="2026-04-05",
                         by="week"))
    assert list(p) == ["2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16",
                       "2026-03-23", "2026-03-30"]
    hb.duration(p["2026-02-16"], n=0, mean=None)
    hb.duration(p["2026-02-23"], n=1, mean=3600, median=3600, p90=3600)
    hb.duration(p["2026-03-02"], n=4, mean=1905, median=1920, p90=3600)
    hb.duration(p["2026-03-09"], n=1, mean=3600)
    hb.duration(p["2026-03-16"], n=1, mean=3600)
    hb.duration(p["2026-03-23"], n=0, mean=None)
    hb.duration(p["2026-03-30"], n=2, mean=165600, median=165600, p90=295200)


def test_by_day(utc, hb):
    # created 03-02 T01, 03-03 T02, 03-04 T03, 03-05 T04, 03-06 .. 03-08 none
    p = hb.by_period(utc("tickets_created", date_from="2026-03-02", date_to="2026-03-08",
                         by="day"))
    assert list(p) == [f"2026-03-0{d}" for d in range(2, 9)]
    for d, v in zip(p, [1, 1, 1, 1, 0, 0, 0], strict=True):
        hb.count(p[d], v)


def test_by_month_and_group_fills_every_group(utc, hb):
    # every channel with data in Feb..Apr appears in every month:
    #   Feb: email T11, phone T12;  Mar: chat T02 T03 T07, email T01 T04 T05, form T08, phone T06
    #   Apr: chat T10, email T09
    rep = utc("tickets_created", date_from="2026-02-01", date_to="2026-04-30", by="month",
              group_by=("channel",))
    rows = hb.by_period_group(rep, "channel")
    expected = {
        "2026-02-01": {"chat": 0, "email": 1, "form": 0, "phone": 1},
        "2026-03-01": {"chat": 3, "email": 3, "form": 1, "phone": 1},
        "2026-04-01": {"chat": 1, "email": 1, "form": 0, "phone": 0},
    }
    assert len(rows) == 12
    for per, groups in expected.items():
        for ch, v in groups.items():
            hb.count(rows[(per, ch)], v)
    # ordered by period, then group value
    assert [(r["period"], r["group"]["channel"]) for r in rep["rows"]] == [
        (per, ch) for per in expected for ch in ("chat", "email", "form", "phone")]


def test_by_week_and_group_rate_fill(utc, hb):
    # first_response_sla_rate by week and channel, weeks Mar2..Mar9; groups with data in range:
    #   Mar2: email T01 T04 -> 2/2, chat T02 (met) T03 (breach) -> 1/2
    #   Mar9: phone T06 -> 1/1, chat T07 -> 0/1
    # -> groups chat, email, phone in both weeks; empty cells null
    rep = utc("first_response_sla_rate", date_from="2026-03-02", date_to="2026-03-15", by="week",
              group_by=("channel",))
    rows = hb.by_period_group(rep, "channel")
    assert len(rows) == 6
    hb.rate(rows[("2026-03-02", "chat")], 1, 2)
    hb.rate(rows[("2026-03-02", "email")], 2, 2)
    hb.rate(rows[("2026-03-02", "phone")], 0, 0)
    hb.rate(rows[("2026-03-09", "chat")], 0, 1)
    hb.rate(rows[("2026-03-09", "email")], 0, 0)
    hb.rate(rows[("2026-03-09", "phone")], 1, 1)


# ------------------------------------------------------------------ group-bys


def test_group_by_custom_property(utc, hb):
    # plan: pro T01 T03 T04 T08 T09 T11 = 6, free T02 T05 T06 T07 T10 T12 = 6
    g = hb.by_group(utc("tickets_created", group_by=("plan",)), "plan")
    assert set(g) == {"free", "pro"}
    hb.count(g["pro"], 6)
    hb.count(g["free"], 6)
    # resolution_time by plan:
    #   pro: T01 10800, T03 1800, T04 90000, T08 172800, T11 1728000 -> n 5, sum 2003400,
    #        mean 400680; sorted 1800 10800 90000 172800 1728000: median 90000;
    #        p90 3.6 -> 172800 + 0.6*1555200 = 1105920
    #   free: T02 1123200, T05 432000, T06 90000, T07 86400 -> n 4, sum 1731600, mean 432900;
    #        sorted 86400 90000 432000 1123200: median 261000; p90 2.7 -> 432000 + 0.7*691200
    #        = 915840
    g = hb.by_group(utc("resolution_time", group_by=("plan",)), "plan")
    hb.duration(g["pro"], n=5, mean=400680, median=90000, p90=1105920)
    hb.duration(g["free"], n=4, mean=432900, median=261000, p90=915840)


def test_group_by_two_dimensions(utc, hb):
    # tickets_resolved by owner team at solved_at, then channel:
    #   t1: T01 email, T02 chat, T04 email, T06 phone, T11 email; t2: T03 chat, T05 email,
    #   T08 form; unassigned: T07 chat
    rep = utc("tickets_resolved", group_by=("team", "channel"))
    expected = {("t1", "chat"): 1, ("t1", "email"): 3, ("t1", "phone"): 1, ("t2", "chat"): 1,
                ("t2", "email"): 1, ("t2", "form"): 1, ("unassigned", "chat"): 1}
    g = hb.by_group(rep, "team", "channel")
    assert set(g) == set(expected)
    for k, v in expected.items():
        hb.count(g[k], v)
    assert hb.group_order(rep, "team", "channel") == sorted(expected)


# ------------------------------------------------------------------ filters


def test_where_channel_equals(utc, hb):
    # chat tickets with a rep reply: T02 180, T03 240 -> same as chat_wait_time
    hb.duration(hb.only(utc("first_response_time", where=("channel=chat",))), n=2, mean=210,
                median=210, p90=234)
    hb.count(hb.only(utc("tickets_created", where=("channel=chat",))), 4)


def test_where_in(utc, hb):
    # priority in (high, urgent): T03 urgent, T04 urgent, T05 high -> 3 created
    hb.count(hb.only(utc("tickets_created", where=("priority in (high,urgent)",))), 3)
    # their resolution times: 1800, 90000, 432000 -> mean 174600, median 90000,
    # p90 1.8 -> 90000 + 0.8*342000 = 363600
    hb.duration(hb.only(utc("resolution_time", where=("priority in (high,urgent)",))), n=3,
                mean=174600, median=90000, p90=363600)
    # first_response_sla_rate: T03 breach, T04 met, T05 met -> 2/3
    hb.rate(hb.only(utc("first_response_sla_rate", where=("priority in (high,urgent)",))), 2, 3)


def test_where_not_equal(utc, hb):
    # channel != email: 12 - 5 = 7 (T02 T03 T06 T07 T08 T10 T12)
    hb.count(hb.only(utc("tickets_created", where=("channel!=email",))), 7)
    # resolved non-email: T02 T03 T06 T07 T08 = 5
    hb.count(hb.only(utc("tickets_resolved", where=("channel!=email",))), 5)


def test_where_filters_are_anded(utc, hb):
    # channel != email AND priority in (high, urgent): only T03
    hb.count(hb.only(utc("tickets_created",
                         where=("channel!=email", "priority in (high,urgent)"))), 1)


def test_where_custom_property_and_group(utc, hb):
    # plan = pro, grouped by channel: email T01 T04 T09 T11 = 4, chat T03 = 1, form T08 = 1
    g = hb.by_group(utc("tickets_created", where=("plan=pro",), group_by=("channel",)),
                    "channel")
    assert set(g) == {"chat", "email", "form"}
    hb.count(g["email"], 4)
    hb.count(g["chat"], 1)
    hb.count(g["form"], 1)


# ------------------------------------------------------------------ date ranges


def test_date_range_is_inclusive(utc, hb):
    # 03-02..03-05 both inclusive: T01 (03-02 09:00) .. T04 (03-05 08:00) -> 4
    hb.count(hb.only(utc("tickets_created", date_from="2026-03-02", date_to="2026-03-05")), 4)
    # single day 03-05 -> T04 only
    hb.count(hb.only(utc("tickets_created", date_from="2026-03-05", date_to="2026-03-05")), 1)


def test_empty_range(utc, hb):
    # nothing happens in 2026-01-05..2026-01-11: counts 0, rates and durations null
    rng = {"date_from": "2026-01-05", "date_to": "2026-01-11"}
    hb.count(hb.only(utc("tickets_created", **rng)), 0)
    hb.count(hb.only(utc("sla_breaches", **rng)), 0)
    hb.duration(hb.only(utc("first_response_time", **rng)), n=0, mean=None)
    hb.rate(hb.only(utc("escalation_rate", **rng)), 0, 0)
    # with by=week: the one week of the range is present, filled
    p = hb.by_period(utc("tickets_created", by="week", **rng))
    assert list(p) == ["2026-01-05"]
    hb.count(p["2026-01-05"], 0)
    p = hb.by_period(utc("resolution_time", by="week", **rng))
    assert list(p) == ["2026-01-05"]
    hb.duration(p["2026-01-05"], n=0, mean=None)


# ------------------------------------------------------------------ top N


def test_top_highest(utc, hb):
    # rep_replies by rep: r1 6, r3 5, r2 4 -> top 2 = r1, r3, highest first
    rep = utc("rep_replies", group_by=("rep",), top=2)
    assert [(r["group"]["rep"], r["value"]) for r in rep["rows"]] == [("r1", 6), ("r3", 5)]


def test_top_lowest(utc, hb):
    # the lowest one: r2 (4)
    rep = utc("rep_replies", group_by=("rep",), top=-1)
    assert [(r["group"]["rep"], r["value"]) for r in rep["rows"]] == [("r2", 4)]


def test_top_on_durations(utc, hb):
    # response_time by customer: c2 233505 > c1 4050 > c3 1380
    rep = utc("response_time", group_by=("customer",), top=1)
    assert [r["group"]["customer"] for r in rep["rows"]] == ["c2"]
    assert rep["rows"][0]["value"] == pytest.approx(233505)
    rep = utc("response_time", group_by=("customer",), top=-2)
    # the two lowest: c3 1380 and c1 4050 (order of the two left to the engine: see report)
    got = {r["group"]["customer"]: r["value"] for r in rep["rows"]}
    assert got == {"c3": pytest.approx(1380), "c1": pytest.approx(4050)}


# ------------------------------------------------------------------ compare previous


def test_compare_previous_totals(utc, hb):
    # 03-09..03-15 (7 days) vs 03-02..03-08: created T06 T07 = 2 vs T01..T04 = 4
    # change_pct = (2 - 4) / 4 * 100 = -50
    row = hb.only(utc("tickets_created", date_from="2026-03-09", date_to="2026-03-15",
                      compare="previous"))
    assert row["value"] == 2
    assert row["previous"] == 4
    assert row["change_pct"] == pytest.approx(-50.0)


def test_compare_previous_by_week(utc, hb):
    # each week against the week before it (the first one reaches outside the range):
    #   Mar2: 4 vs Feb23 1 (T12) -> +300 %;  Mar9: 2 vs 4 -> -50 %
    p = hb.by_period(utc("tickets_created", date_from="2026-03-02", date_to="2026-03-15",
                         by="week", compare="previous"))
    assert (p["2026-03-02"]["value"], p["2026-03-02"]["previous"]) == (4, 1)
    assert p["2026-03-02"]["change_pct"] == pytest.approx(300.0)
    assert (p["2026-03-09"]["value"], p["2026-03-09"]["previous"]) == (2, 4)
    assert p["2026-03-09"]["change_pct"] == pytest.approx(-50.0)


def test_compare_previous_zero_gives_null_change(utc, hb):
    # week Feb23: 1 (T12) vs week Feb16: 0 -> change_pct null
    p = hb.by_period(utc("tickets_created", date_from="2026-02-23", date_to="2026-03-01",
                         by="week", compare="previous"))
    row = p["2026-02-23"]
    assert (row["value"], row["previous"]) == (1, 0)
    assert row["change_pct"] is None
    # escalation_rate, March vs the 31 days before (01-29..02-28, holding T11 and T12):
    # 3/8 = 0.375 vs 0/2 = 0 -> change_pct null
    row = hb.only(utc("escalation_rate", date_from="2026-03-01", date_to="2026-03-31",
                      compare="previous"))
    assert row["value"] == pytest.approx(0.375)
    assert row["previous"] == pytest.approx(0.0)
    assert row["change_pct"] is None


def test_compare_previous_duration(utc, hb):
    # resolution_time dated by solved_at. 03-09..03-15: T06 90000.
    # 03-02..03-08: T01 10800, T03 1800, T04 90000, T11 1728000 -> 1830600 / 4 = 457650
    # change_pct = (90000 - 457650) / 457650 * 100 = -80.3343...
    row = hb.only(utc("resolution_time", date_from="2026-03-09", date_to="2026-03-15",
                      compare="previous"))
    assert row["value"] == pytest.approx(90000)
    assert row["previous"] == pytest.approx(457650)
    # (an engine may round change_pct for display; allow 2-decimal rounding)
    assert row["change_pct"] == pytest.approx((90000 - 457650) / 457650 * 100, abs=0.006)


def test_compare_previous_backlog(utc, hb):
    # tickets_unresolved, week Mar9: snapshot at 03-16 00:00 = 3 vs week Mar2 (03-09 00:00) = 1
    # -> +200 %
    p = hb.by_period(utc("tickets_unresolved", date_from="2026-03-09", date_to="2026-03-15",
                         by="week", compare="previous"))
    row = p["2026-03-09"]
    assert (row["value"], row["previous"]) == (3, 1)
    assert row["change_pct"] == pytest.approx(200.0)


# ------------------------------------------------------------------ business hours


def test_business_hours_time_to_first_assignment(utc, hb):
    # business seconds created -> first assignment. Inside working hours (08-16Z before
    # 03-29): T01 600, T02 60, T03 240, T04 1800 (08:00-08:30Z), T05 1800 (16:00-16:30 CET),
    # T06 300, T08 1800, T11 1800 (Feb, CET). Outside: T09 Sunday 0, T12 Sat 23:30 -> Sun
    # 00:10 = 0.  n 10, sum 600+60+240+1800+1800+300+1800+1800 = 8400, mean 840
    # sorted 0 0 60 240 300 600 1800 1800 1800 1800: median (300+600)/2 = 450; p90 8.1 -> 1800
    hb.duration(hb.only(utc("time_to_first_assignment", hours="business")), n=10, mean=840,
                median=450, p90=1800)


# ------------------------------------------------------------------ workspace timezone


def test_local_months_stockholm(sthlm, hb):
    # Europe/Stockholm periods: T12 (02-28 23:30Z) is 03-01 00:30 local -> March
    # Jan 0, Feb T11 = 1, Mar T01..T08 + T12 = 9, Apr T09, T10 (04-06 01:55 local) = 2
    p = hb.by_period(sthlm("tickets_created", date_from="2026-01-01", date_to="2026-04-30",
                           by="month"))
    for m, v in zip(p, [0, 1, 9, 2], strict=True):
        hb.count(p[m], v)


def test_local_weeks_stockholm(sthlm, hb):
    # T09 04-05 14:00 CEST -> week Mar30; T10 04-05 23:55Z = Mon 04-06 01:55 CEST -> week Apr6
    p = hb.by_period(sthlm("tickets_created", date_from="2026-03-30", date_to="2026-04-12",
                           by="week"))
    assert list(p) == ["2026-03-30", "2026-04-06"]
    hb.count(p["2026-03-30"], 1)
    hb.count(p["2026-04-06"], 1)


def test_local_date_range(utc, sthlm, hb):
    # the day 2026-03-01: in UTC nothing is created on it; in Stockholm T12 is (00:30 local)
    hb.count(hb.only(utc("tickets_created", date_from="2026-03-01", date_to="2026-03-01")), 0)
    hb.count(hb.only(sthlm("tickets_created", date_from="2026-03-01", date_to="2026-03-01")), 1)


def test_naive_timestamp_read_in_workspace_tz(utc, sthlm, hb):
    # T06 created_at "2026-03-10T09:00:00" has no offset: 09:00Z in UTC, 08:00Z in Stockholm
    # (CET). First rep reply 10:00Z -> FRT 3600 vs 7200; resolution 03-11 10:00Z -> 90000 vs
    # 93600; in business hours (Stockholm schedule either way) 3600 vs 7200.
    hb.duration(hb.only(utc("first_response_time", where=("ticket=T06",))), n=1, mean=3600)
    hb.duration(hb.only(sthlm("first_response_time", where=("ticket=T06",))), n=1, mean=7200)
    hb.duration(hb.only(sthlm("resolution_time", where=("ticket=T06",))), n=1, mean=93600)
    hb.duration(hb.only(sthlm("first_response_time", where=("ticket=T06",), hours="business")),
                n=1, mean=7200)
    # business hours do not depend on the workspace tz: T05 stays 14400
    hb.duration(hb.only(sthlm("first_response_time", where=("ticket=T05",), hours="business")),
                n=1, mean=14400)


def test_local_backlog_snapshots_stockholm(sthlm, hb):
    # month ends in Stockholm: Jan 0; Feb ends 02-28 23:00Z, before T12 (23:30Z) -> 0;
    # Mar ends 03-31 22:00Z (CEST): T12 open, T05 solved 15:00Z -> 1
    p = hb.by_period(sthlm("tickets_unresolved", date_from="2026-01-01", date_to="2026-03-31",
                           by="month"))
    for m, v in zip(p, [0, 0, 1], strict=True):
        hb.count(p[m], v)
