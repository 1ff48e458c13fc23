"""Speed metrics (metrics.md), expected values computed by hand.

Durations are seconds; value = mean, median and p90 by linear interpolation between
order statistics (numpy default / DuckDB quantile_cont): for sorted x0..x(n-1),
q(p) = x[k] + f * (x[k+1] - x[k]) with k + f = p * (n - 1).
Workspace tz UTC, NOW = 2026-04-06T00:00Z. Business hours = `default` schedule
(Europe/Stockholm Mon-Fri 09-17, holiday 2026-03-27): 08-16Z before the DST change on
2026-03-29, 07-15Z after it.
"""

from __future__ import annotations

# ------------------------------------------------------------------ first_response_time

# first_rep_reply_at - created_at (T03: - first handoff). T07 and T10 have no rep reply.
FRT = {"T01": 3600, "T02": 180, "T03": 240, "T04": 3600, "T05": 327600, "T06": 3600,
       "T08": 3600, "T09": 3600, "T11": 3600, "T12": 3600}


def test_first_response_time_total(utc, hb):
    # n = 10; sum = 7*3600 + 180 + 240 + 327600 = 353220; mean = 35322
    # sorted: 180, 240, 3600 x7, 327600 -> median = (x4+x5)/2 = 3600
    # p90: 0.9*9 = 8.1 -> x8 + 0.1*(x9-x8) = 3600 + 0.1*324000 = 36000
    rep = utc("first_response_time")
    assert rep["unit"] == "seconds"
    hb.duration(hb.only(rep), n=10, mean=35322, median=3600, p90=36000)


def test_first_response_time_per_ticket(utc, hb):
    # T01: reply 10:00 - 09:00 = 3600 (the 09:30 internal note is not a reply)
    # T03: reply 14:07 - handoff 14:03 = 240 (not 14:07 - 14:00)
    # T05: Mon 03-30 10:00 - Thu 03-26 15:00 = 3 d 19 h = 327600
    # T12: 03-01 00:30 - 02-28 23:30 = 3600. T07 (AI only) and T10 (unanswered) are absent.
    g = hb.by_group(utc("first_response_time", group_by=("ticket",)), "ticket")
    assert set(g) == set(FRT)
    for t, v in FRT.items():
        hb.duration(g[t], n=1, mean=v, median=v, p90=v)


def test_first_response_time_include_ai(utc, hb):
    # first reply of either kind from created_at: T03 -> AI 14:00:30 = 30; T07 -> AI 22:00:20
    # = 20; every other ticket as above. n = 11;
    # sum = 353220 - 240 + 30 + 20 = 353030; mean = 353030/11 = 32093.6363...
    # sorted: 20, 30, 180, 3600 x7, 327600 -> median x5 = 3600; p90 0.9*10 = 9 -> x9 = 3600
    opts = {"include_ai": "true"}
    hb.duration(hb.only(utc("first_response_time", options=opts)), n=11, mean=353030 / 11,
                median=3600, p90=3600)
    g = hb.by_group(utc("first_response_time", group_by=("ticket",), options=opts), "ticket")
    assert set(g) == set(FRT) | {"T07"}
    hb.duration(g["T03"], n=1, mean=30)
    hb.duration(g["T07"], n=1, mean=20)
    hb.duration(g["T05"], n=1, mean=327600)


def test_first_response_time_business_hours(utc, hb):
    # business seconds between the clock start and the first rep reply:
    #   T05: Thu 15:00Z-16:00Z (16-17 CET) = 1 h; Fri 03-27 holiday; weekend; Mon 03-30 from
    #        07:00Z (09:00 CEST) to 10:00Z = 3 h -> 4 h = 14400
    #   T09: Sun 04-05 12:00-13:00 -> 0;  T12: Sat 23:30 - Sun 00:30 -> 0
    #   T01 T04 T06 T08 T11: 1 h inside working hours = 3600; T02 180; T03 240
    # n = 10; sum = 5*3600 + 180 + 240 + 14400 = 32820; mean 3282
    # sorted: 0, 0, 180, 240, 3600 x5, 14400 -> median (x4+x5)/2 = 3600
    # p90: 8.1 -> 3600 + 0.1*(14400-3600) = 4680
    hb.duration(hb.only(utc("first_response_time", hours="business")), n=10, mean=3282,
                median=3600, p90=4680)
    g = hb.by_group(utc("first_response_time", group_by=("ticket",), hours="business"), "ticket")
    for t, v in {"T05": 14400, "T09": 0, "T12": 0, "T01": 3600, "T02": 180, "T03": 240}.items():
        hb.duration(g[t], n=1, mean=v)


def test_first_response_time_by_team_and_rep(utc, hb):
    # owner at first_rep_reply_at: T01 r1, T02 r2, T03 r3 (assigned 14:04), T04 r1 (r2 only
    # from 10:00), T05 r3, T06 r1, T08 r2, T09 r1, T11 r1, T12 r3
    # t1: 3600,180,3600,3600,3600,3600,3600 -> n 7, sum 21780, mean 3111.428...,
    #     sorted 180, 3600 x6 -> median 3600, p90 (5.4) 3600
    # t2: T03 240, T05 327600, T12 3600 -> n 3, sum 331440, mean 110480; sorted 240, 3600, 327600
    #     median 3600; p90 1.8 -> 3600 + 0.8*324000 = 262800
    g = hb.by_group(utc("first_response_time", group_by=("team",)), "team")
    assert set(g) == {"t1", "t2"}
    hb.duration(g["t1"], n=7, mean=21780 / 7, median=3600, p90=3600)
    hb.duration(g["t2"], n=3, mean=110480, median=3600, p90=262800)
    # r1: T01 T04 T06 T09 T11, all 3600; r2: T02 180, T08 3600 -> mean 1890, median 1890,
    # p90 180 + 0.9*3420 = 3258; r3 = t2
    g = hb.by_group(utc("first_response_time", group_by=("rep",)), "rep")
    assert set(g) == {"r1", "r2", "r3"}
    hb.duration(g["r1"], n=5, mean=3600, median=3600, p90=3600)
    hb.duration(g["r2"], n=2, mean=1890, median=1890, p90=3258)
    hb.duration(g["r3"], n=3, mean=110480, median=3600, p90=262800)


def test_first_response_time_march(utc, hb):
    # dated by first_rep_reply_at within 03-01..03-31: T12 (03-01 00:30) in; T11 (02-10) and
    # T09 (04-05) out -> T01 3600, T02 180, T03 240, T04 3600, T05 327600, T06 3600, T08 3600,
    # T12 3600: n 8, sum 5*3600 + 420 + 327600 = 346020, mean 43252.5
    # sorted 180, 240, 3600 x5, 327600: median (x3+x4)/2 = 3600; p90 6.3 -> 3600 + 0.3*324000
    # = 100800
    rep = utc("first_response_time", date_from="2026-03-01", date_to="2026-03-31")
    assert rep["from"] == "2026-03-01" and rep["to"] == "2026-03-31"
    hb.duration(hb.only(rep), n=8, mean=43252.5, median=3600, p90=100800)


# ------------------------------------------------------------------ response_time

RT_VALUES = [3600, 180, 602640, 420, 120, 3600, 3600, 327600, 3600, 3600, 7200, 3600, 3600,
             3600, 3600]


def test_response_time_total(utc, hb):
    # one value per rep reply answering waiting customer messages (see README):
    #   T01 3600 | T02 180, 03-10 09:30 - 03-03 10:06 (earliest unanswered) = 602640 |
    #   T03 14:07 - 14:00 = 420 (AI replies do not answer), 120 | T04 3600, 3600 | T05 327600 |
    #   T06 3600 | T08 3600, 7200 | T09 3600 | T11 3600, 3600 | T12 3600
    # n = 15; sum = 9*3600 + 180 + 602640 + 420 + 120 + 327600 + 7200 = 970560; mean 64704
    # sorted: 120, 180, 420, 3600 x9 (x3..x11), 7200, 327600, 602640
    # median x7 = 3600; p90 0.9*14 = 12.6 -> 7200 + 0.6*(327600-7200) = 199440
    assert sum(RT_VALUES) == 970560
    rep = utc("response_time")
    assert rep["unit"] == "seconds"
    hb.duration(hb.only(rep), n=15, mean=64704, median=3600, p90=199440)


def test_response_time_per_ticket(utc, hb):
    g = hb.by_group(utc("response_time", group_by=("ticket",)), "ticket")
    assert set(g) == {"T01", "T02", "T03", "T04", "T05", "T06", "T08", "T09", "T11", "T12"}
    # T02: (180 + 602640)/2 = 301410, p90 = 180 + 0.9*602460 = 542394
    hb.duration(g["T02"], n=2, mean=301410, median=301410, p90=542394)
    # T03: (420 + 120)/2 = 270, p90 = 120 + 0.9*300 = 390
    hb.duration(g["T03"], n=2, mean=270, median=270, p90=390)
    # T08: (3600 + 7200)/2 = 5400 (customer 10:00+01:00 = 09:00Z -> 11:00Z = 7200)
    hb.duration(g["T08"], n=2, mean=5400, median=5400, p90=6840)
    hb.duration(g["T05"], n=1, mean=327600)
    hb.duration(g["T11"], n=2, mean=3600)


def test_response_time_by_customer_is_wait_time(utc, hb):
    # c1: T01 3600, T04 3600 3600, T08 3600 7200, T09 3600, T11 3600 3600 -> n 8, sum 32400,
    #     mean 4050; sorted 3600 x7, 7200: median 3600; p90 6.3 -> 3600 + 0.3*3600 = 4680
    # c2: T02 180 602640, T05 327600, T12 3600 -> n 4, sum 934020, mean 233505;
    #     sorted 180, 3600, 327600, 602640: median (3600+327600)/2 = 165600;
    #     p90 2.7 -> 327600 + 0.7*275040 = 520128
    # c3: T03 420 120, T06 3600 -> n 3, sum 4140, mean 1380; sorted 120, 420, 3600: median 420;
    #     p90 1.8 -> 420 + 0.8*3180 = 2964
    g = hb.by_group(utc("response_time", group_by=("customer",)), "customer")
    assert set(g) == {"c1", "c2", "c3"}
    hb.duration(g["c1"], n=8, mean=4050, median=3600, p90=4680)
    hb.duration(g["c2"], n=4, mean=233505, median=165600, p90=520128)
    hb.duration(g["c3"], n=3, mean=1380, median=420, p90=2964)


# ------------------------------------------------------------------ customer_response_time


def test_customer_response_time(utc, hb):
    # first customer message after a rep reply - that (latest) rep reply:
    #   T01 11:00 - 10:00 = 3600; T02 10:06 - 10:03 = 180 (03-10 09:00 is not the first after
    #   10:03); T03 14:10 - 14:07 = 180 (14:02 has no earlier rep reply); T04 09:30 - 09:00 =
    #   1800; T08 03-17 09:00 - 03-16 09:00 = 86400 (the 03-17 08:30 internal note is not a rep
    #   reply); T11 03-02 08:00 - 02-10 11:00 = 20 d - 3 h = 1717200
    # n = 6; sum 1809360; mean 301560; sorted 180, 180, 1800, 3600, 86400, 1717200
    # median (1800+3600)/2 = 2700; p90 4.5 -> 86400 + 0.5*1630800 = 901800
    rep = utc("customer_response_time")
    assert rep["unit"] == "seconds"
    hb.duration(hb.only(rep), n=6, mean=301560, median=2700, p90=901800)
    g = hb.by_group(utc("customer_response_time", group_by=("ticket",)), "ticket")
    expected = {"T01": 3600, "T02": 180, "T03": 180, "T04": 1800, "T08": 86400, "T11": 1717200}
    assert set(g) == set(expected)
    for t, v in expected.items():
        hb.duration(g[t], n=1, mean=v)


def test_customer_response_time_by_week(utc, hb):
    # dated by the customer message: Mar2 T01 3600, T02 180, T03 180, T04 1800, T11 1717200
    # (03-02 08:00) -> n 5, sum 1722960, mean 344592; sorted 180 180 1800 3600 1717200:
    # median 1800; p90 3.6 -> 3600 + 0.6*1713600 = 1031760. Mar9 -> null. Mar16 T08 86400.
    p = hb.by_period(utc("customer_response_time", date_from="2026-03-02", date_to="2026-03-22",
                         by="week"))
    assert list(p) == ["2026-03-02", "2026-03-09", "2026-03-16"]
    hb.duration(p["2026-03-02"], n=5, mean=344592, median=1800, p90=1031760)
    hb.duration(p["2026-03-09"], n=0, mean=None)
    hb.duration(p["2026-03-16"], n=1, mean=86400, median=86400, p90=86400)


# ------------------------------------------------------------------ resolution_time

RES = {"T01": 10800, "T02": 1123200, "T03": 1800, "T04": 90000, "T05": 432000, "T06": 90000,
       "T07": 86400, "T08": 172800, "T11": 1728000}


def test_resolution_time_total(utc, hb):
    # solved_at - created_at for currently solved tickets:
    #   T01 12:00-09:00 = 10800 (resolved time, not the 03-09 close)
    #   T02 03-16 10:00 - 03-03 10:00 = 13 d = 1123200 (re-solve)
    #   T03 1800; T04 25 h = 90000; T05 5 d = 432000; T06 25 h = 90000; T07 24 h = 86400;
    #   T08 48 h = 172800; T11 03-02 10:00 - 02-10 10:00 = 20 d = 1728000
    # n 9; sum 3735000; mean 415000
    # sorted 1800, 10800, 86400, 90000, 90000, 172800, 432000, 1123200, 1728000
    # median x4 = 90000; p90 7.2 -> 1123200 + 0.2*604800 = 1244160
    assert sum(RES.values()) == 3735000
    rep = utc("resolution_time")
    assert rep["unit"] == "seconds"
    hb.duration(hb.only(rep), n=9, mean=415000, median=90000, p90=1244160)
    g = hb.by_group(utc("resolution_time", group_by=("ticket",)), "ticket")
    assert set(g) == set(RES)
    for t, v in RES.items():
        hb.duration(g[t], n=1, mean=v)


def test_resolution_time_business_hours(utc, hb):
    # business seconds created_at -> solved_at (working day 08-16Z before 03-29, 07-15Z after):
    #   T01 Mon 09-12Z = 3 h = 10800
    #   T02 Tue 03-03 10-16Z 6 h + Wed..Fri 24 h + Mon..Fri 03-09..13 40 h + Mon 03-16 08-10Z
    #       2 h = 72 h = 259200
    #   T03 1800; T04 Thu 08-16Z 8 h + Fri 08-09Z 1 h = 32400
    #   T05 Thu 15-16Z 1 h + (Fri holiday) + Mon 07-15Z 8 h + Tue 07-15Z 8 h = 17 h = 61200
    #   T06 Tue 09-16Z 7 h + Wed 08-10Z 2 h = 32400; T07 Sun 22Z -> Mon 22Z = Mon 8 h = 28800
    #   T08 Mon 8 h + Tue 8 h + Wed 08:00Z (0) = 57600
    #   T11 Tue 02-10 10-16Z 6 h + Wed-Fri 24 h + two full weeks 80 h + Mon 03-02 08-10Z 2 h
    #       = 112 h = 403200
    # n 9; sum 887400; mean 98600
    # sorted 1800, 10800, 28800, 32400, 32400, 57600, 61200, 259200, 403200
    # median 32400; p90 7.2 -> 259200 + 0.2*144000 = 288000
    hb.duration(hb.only(utc("resolution_time", hours="business")), n=9, mean=98600,
                median=32400, p90=288000)
    g = hb.by_group(utc("resolution_time", group_by=("ticket",), hours="business"), "ticket")
    expected = {"T01": 10800, "T02": 259200, "T03": 1800, "T04": 32400, "T05": 61200,
                "T06": 32400, "T07": 28800, "T08": 57600, "T11": 403200}
    for t, v in expected.items():
        hb.duration(g[t], n=1, mean=v)


def test_resolution_time_by_week(utc, hb):
    # dated by solved_at. Mar2: T01 10800, T03 1800, T04 90000, T11 1728000 -> n 4,
    #   sum 1830600, mean 457650; sorted 1800 10800 90000 1728000: median 50400;
    #   p90 2.7 -> 90000 + 0.7*1638000 = 1236600
    # Mar9: T06 90000. Mar16: T02 1123200, T07 86400, T08 172800 -> n 3, mean 460800,
    #   sorted 86400 172800 1123200: median 172800; p90 1.8 -> 172800 + 0.8*950400 = 933120
    # Mar23: null. Mar30: T05 432000
    p = hb.by_period(utc("resolution_time", date_from="2026-03-02", date_to="2026-04-05",
                         by="week"))
    assert list(p) == ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30"]
    hb.duration(p["2026-03-02"], n=4, mean=457650, median=50400, p90=1236600)
    hb.duration(p["2026-03-09"], n=1, mean=90000, median=90000, p90=90000)
    hb.duration(p["2026-03-16"], n=3, mean=460800, median=172800, p90=933120)
    hb.duration(p["2026-03-23"], n=0, mean=None)
    hb.duration(p["2026-03-30"], n=1, mean=432000)


# ------------------------------------------------------------------ first_resolution_time


def test_first_resolution_time(utc, hb):
    # first_solved_at - created_at: as resolution_time except T02 10:20 - 10:00 = 1200 and
    # T11 02-11 10:00 - 02-10 10:00 = 86400.
    # n 9; sum 10800+1200+1800+90000+432000+90000+86400+172800+86400 = 971400;
    # mean 107933.33; sorted 1200, 1800, 10800, 86400, 86400, 90000, 90000, 172800, 432000
    # median 86400; p90 7.2 -> 172800 + 0.2*259200 = 224640
    rep = utc("first_resolution_time")
    assert rep["unit"] == "seconds"
    hb.duration(hb.only(rep), n=9, mean=971400 / 9, median=86400, p90=224640)
    g = hb.by_group(utc("first_resolution_time", group_by=("ticket",)), "ticket")
    hb.duration(g["T02"], n=1, mean=1200)
    hb.duration(g["T11"], n=1, mean=86400)
    hb.duration(g["T01"], n=1, mean=10800)


def test_first_resolution_time_by_month(utc, hb):
    # dated by first_solved_at: Feb T11 86400; Mar the other 8 -> sum 971400-86400 = 885000,
    # mean 110625; sorted 1200 1800 10800 86400 90000 90000 172800 432000: median
    # (86400+90000)/2 = 88200; p90 6.3 -> 172800 + 0.3*259200 = 250560
    p = hb.by_period(utc("first_resolution_time", date_from="2026-02-01", date_to="2026-03-31",
                         by="month"))
    hb.duration(p["2026-02-01"], n=1, mean=86400, median=86400, p90=86400)
    hb.duration(p["2026-03-01"], n=8, mean=110625, median=88200, p90=250560)


# ------------------------------------------------------------------ time_to_close


def test_time_to_close(utc, hb):
    # currently closed: T01 closed_at 03-09 12:00 - 03-02 09:00 = 7 d 3 h = 615600;
    # T11 closed_at = start of its current closed state 03-04 10:00 - 02-10 10:00 = 22 d
    # = 1900800 (not the 02-13 close). n 2, mean 1258200, median 1258200,
    # p90 = 615600 + 0.9*1285200 = 1772280
    rep = utc("time_to_close")
    assert rep["unit"] == "seconds"
    hb.duration(hb.only(rep), n=2, mean=1258200, median=1258200, p90=1772280)
    # dated by closed_at: both in March, none in February (T11's first close was 02-13)
    p = hb.by_period(utc("time_to_close", date_from="2026-02-01", date_to="2026-03-31",
                         by="month"))
    hb.duration(p["2026-02-01"], n=0, mean=None)
    hb.duration(p["2026-03-01"], n=2, mean=1258200)


# ------------------------------------------------------------------ time_to_first_assignment


def test_time_to_first_assignment(utc, hb):
    # T01 600, T02 60, T03 240, T04 1800, T05 1800, T06 300, T08 1800, T09 0 (assigned at the
    # creation instant), T11 1800, T12 2400 (00:10, the first `assigned` *with a rep*; the
    # team-only event at 23:40 does not count); T07/T10 never assigned.
    # n 10; sum 10800; mean 1080; sorted 0, 60, 240, 300, 600, 1800 x4, 2400
    # median (600+1800)/2 = 1200; p90 8.1 -> 1800 + 0.1*600 = 1860
    rep = utc("time_to_first_assignment")
    assert rep["unit"] == "seconds"
    hb.duration(hb.only(rep), n=10, mean=1080, median=1200, p90=1860)


# ------------------------------------------------------------------ chat_wait_time


def test_chat_wait_time(utc, hb):
    # FRT on chat tickets: T02 180, T03 240 (from the handoff); T07, T10 have no rep reply.
    # n 2, mean 210, median 210, p90 = 180 + 0.9*60 = 234
    rep = utc("chat_wait_time")
    assert rep["unit"] == "seconds"
    hb.duration(hb.only(rep), n=2, mean=210, median=210, p90=234)


# ------------------------------------------------------------------ time_in_stage


def test_time_in_stage_by_stage(utc, hb):
    # T08: triage 03-16 08:00-10:00, 03-17 08:00-12:00 -> end of last stay 03-17 12:00 - first
    #      start 03-16 08:00 = 28 h = 100800
    #      investigating 03-16 10:00 .. 03-18 08:00 (end of last stay) = 46 h = 165600
    #      done since 03-18 08:00, still there -> NOW 04-06 00:00 - 03-18 08:00 = 18 d 16 h
    #      = 1612800
    # T09: triage since 04-05 12:00, still there -> 12 h = 43200
    # triage: n 2, mean (100800+43200)/2 = 72000, median 72000, p90 43200 + 0.9*57600 = 95040
    rep = utc("time_in_stage", group_by=("stage",))
    assert rep["unit"] == "seconds"
    g = hb.by_group(rep, "stage")
    assert hb.group_order(rep, "stage") == ["done", "investigating", "triage"]
    hb.duration(g["triage"], n=2, mean=72000, median=72000, p90=95040)
    hb.duration(g["investigating"], n=1, mean=165600, median=165600, p90=165600)
    hb.duration(g["done"], n=1, mean=1612800, median=1612800, p90=1612800)


def test_time_in_stage_depends_on_now(utc, hb):
    # with now = 2026-04-06T12:00Z the open stays grow by 12 h: T09 triage 86400, T08 done
    # 1612800 + 43200 = 1656000; closed stays do not change
    g = hb.by_group(utc("time_in_stage", group_by=("stage",), now="2026-04-06T12:00:00Z"),
                    "stage")
    hb.duration(g["triage"], n=2, mean=(100800 + 86400) / 2)
    hb.duration(g["investigating"], n=1, mean=165600)
    hb.duration(g["done"], n=1, mean=1656000)


def test_time_in_stage_dated_by_first_entry(utc, hb):
    # dated by first entry: T08 triage + investigating on 03-16 (week Mar16), T08 done 03-18
    # (week Mar16); T09 triage 04-05 (week Mar30)
    rep = utc("time_in_stage", date_from="2026-03-16", date_to="2026-04-05", by="week",
              group_by=("stage",))
    rows = hb.by_period_group(rep, "stage")
    hb.duration(rows[("2026-03-16", "triage")], n=1, mean=100800)
    hb.duration(rows[("2026-03-16", "investigating")], n=1, mean=165600)
    hb.duration(rows[("2026-03-16", "done")], n=1, mean=1612800)
    hb.duration(rows[("2026-03-30", "triage")], n=1, mean=43200)
    # every group with data appears in every period, empty ones null
    hb.duration(rows[("2026-03-23", "triage")], n=0, mean=None)
    hb.duration(rows[("2026-03-30", "done")], n=0, mean=None)
    assert len(rows) == 3 * 3
