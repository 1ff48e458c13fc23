"""Service-level metrics (metrics.md), expected values computed by hand.

Policy choice per ticket (most specific: both > priority only > channel only > any; ties
-> smallest policy_id), due times and outcomes are tabulated in data/README.md:

  ticket  policy  first-response due   outcome        resolution due      outcome
  T01     p2      03-02 11:00          met            03-04 09:00         met
  T02     p3      03-03 10:10          met            03-03 14:00         met
  T03     p7      03-04 14:05          BREACH 14:07   03-04 16:00         met
  T04     p6      03-05 09:00          met (=due)     03-05 16:00         BREACH
  T05     p4 (business)  03-30 10:00   met (=due)     03-31 14:00         BREACH
  T06     p1      03-10 17:00          met            03-13 09:00         met
  T07     p3      03-15 22:10          BREACH (none)  03-16 02:00         BREACH
  T08     p1      03-16 16:00          met            03-19 08:00         met
  T09     p2      04-05 14:00          met            04-07 12:00         pending
  T10     p3      04-06 00:05          pending        04-06 03:55         pending
  T11     p2      02-10 12:00          met            02-12 10:00         met
  T12     p1      03-01 07:30          met            03-03 23:30         BREACH (open)
NOW = 2026-04-06T00:00Z.
"""

from __future__ import annotations

# ------------------------------------------------------------------ first_response_sla_rate


def test_first_response_sla_rate_total(utc, hb):
    # denominator: due passed or answered = all but T10 (unanswered, due 00:05 > now) = 11
    # numerator: answered by a rep at or before due = 11 - T03 - T07 = 9
    #   (T04 and T05 replied exactly at the due time -> met; T05 needs p4's business-hours due
    #   03-30 10:00Z; with p2 or p5 it would breach; T03 needs p7's 5 minutes: with p6 it
    #   would be met)
    rep = utc("first_response_sla_rate")
    assert rep["unit"] == "rate"
    hb.rate(hb.only(rep), 9, 11)


def test_sla_ignores_hours_option(utc, hb):
    # due times follow each policy's business_hours flag, not the report's `hours` option
    hb.rate(hb.only(utc("first_response_sla_rate", hours="business")), 9, 11)
    hb.rate(hb.only(utc("resolution_sla_rate", hours="business")), 6, 10)


def test_first_response_sla_rate_per_ticket(utc, hb):
    g = hb.by_group(utc("first_response_sla_rate", group_by=("ticket",)), "ticket")
    assert set(g) == {"T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T11",
                      "T12"}
    for t in g:
        hb.rate(g[t], 0 if t in ("T03", "T07") else 1, 1)


def test_first_response_sla_rate_by_channel(utc, hb):
    # email T01 T04 T05 T09 T11 -> 5/5; chat T02 (met) T03 T07 (breach), T10 pending -> 1/3;
    # phone T06 T12 -> 2/2; form T08 -> 1/1
    g = hb.by_group(utc("first_response_sla_rate", group_by=("channel",)), "channel")
    hb.rate(g["email"], 5, 5)
    hb.rate(g["chat"], 1, 3)
    hb.rate(g["phone"], 2, 2)
    hb.rate(g["form"], 1, 1)


def test_first_response_sla_rate_by_week(utc, hb):
    # dated by the first-response due time:
    #   Feb16 none -> null; Feb23 T12 (Sun 03-01 07:30) -> 1/1; Mar2 T01 T02 T03 T04 -> 3/4;
    #   Mar9 T06, T07 (Sun 03-15 22:10) -> 1/2; Mar16 T08 -> 1/1;
    #   Mar23 none (T05 is created this week but due on 03-30) -> null; Mar30 T05 T09 -> 2/2
    #   (T11 is due 02-10, before the range; T10 pending)
    p = hb.by_period(utc("first_response_sla_rate", date_from="2026-02-16", date_to="2026-04-05",
                         by="week"))
    assert list(p) == ["2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16",
                       "2026-03-23", "2026-03-30"]
    for wk, (num, den) in zip(p, [(0, 0), (1, 1), (3, 4), (1, 2), (1, 1), (0, 0), (2, 2)],
                              strict=True):
        hb.rate(p[wk], num, den)


def test_first_response_sla_pending_depends_on_now(utc, hb):
    # now = 04-06 00:10: T10's first-response due (00:05) has passed unanswered -> it joins
    # the denominator as a miss: 9/12; its resolution target (03:55) is still pending.
    hb.rate(hb.only(utc("first_response_sla_rate", now="2026-04-06T00:10:00Z")), 9, 12)
    hb.count(hb.only(utc("sla_breaches", now="2026-04-06T00:10:00Z")), 7)


# ------------------------------------------------------------------ resolution_sla_rate


def test_resolution_sla_rate_total(utc, hb):
    # denominator: due passed or solved = all but T09 (due 04-07) and T10 (due 04-06 03:55) = 10
    # met (first_solved_at <= due): T01 T02 T03 T06 T08 T11 = 6
    #   (T02/T11 are judged on their first solve; T04 would be met under p2's 48 h)
    rep = utc("resolution_sla_rate")
    assert rep["unit"] == "rate"
    hb.rate(hb.only(rep), 6, 10)


def test_resolution_sla_rate_per_ticket(utc, hb):
    g = hb.by_group(utc("resolution_sla_rate", group_by=("ticket",)), "ticket")
    assert set(g) == {"T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T11", "T12"}
    for t in g:
        hb.rate(g[t], 0 if t in ("T04", "T05", "T07", "T12") else 1, 1)


def test_resolution_sla_rate_by_month(utc, hb):
    # dated by resolution due: Jan none -> null; Feb T11 (02-12) -> 1/1;
    # Mar T01 T02 T03 T06 T08 met, T04 T05 T07 T12 breach -> 5/9; Apr T09 T10 pending -> null
    p = hb.by_period(utc("resolution_sla_rate", date_from="2026-01-01", date_to="2026-04-30",
                         by="month"))
    assert list(p) == ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"]
    hb.rate(p["2026-01-01"], 0, 0)
    hb.rate(p["2026-02-01"], 1, 1)
    hb.rate(p["2026-03-01"], 5, 9)
    hb.rate(p["2026-04-01"], 0, 0)


# ------------------------------------------------------------------ sla_breaches


def test_sla_breaches_total_and_by_target(utc, hb):
    # first_response: T03, T07 = 2; resolution: T04, T05, T07, T12 = 4; T07 counts twice -> 6
    rep = utc("sla_breaches")
    assert rep["unit"] == "count"
    hb.count(hb.only(rep), 6)
    rep = utc("sla_breaches", group_by=("target",))
    assert hb.group_order(rep, "target") == ["first_response", "resolution"]
    g = hb.by_group(rep, "target")
    hb.count(g["first_response"], 2)
    hb.count(g["resolution"], 4)


def test_sla_breaches_by_ticket_and_target(utc, hb):
    rep = utc("sla_breaches", group_by=("ticket", "target"))
    g = hb.by_group(rep, "ticket", "target")
    expected = [("T03", "first_response"), ("T04", "resolution"), ("T05", "resolution"),
                ("T07", "first_response"), ("T07", "resolution"), ("T12", "resolution")]
    assert sorted(g) == expected
    assert hb.group_order(rep, "ticket", "target") == expected
    for k in expected:
        hb.count(g[k], 1)


def test_sla_breaches_by_week(utc, hb):
    # each dated by its own due time:
    #   Mar2: T03 FR (03-04), T04 RES (03-05), T12 RES (03-03 23:30) = 3
    #   Mar9: T07 FR (Sun 03-15 22:10) = 1;  Mar16: T07 RES (Mon 03-16 02:00) = 1
    #   Mar30: T05 RES (03-31 14:00) = 1;  other weeks 0
    p = hb.by_period(utc("sla_breaches", date_from="2026-02-16", date_to="2026-04-05", by="week"))
    for wk, v in zip(p, [0, 0, 3, 1, 1, 0, 1], strict=True):
        hb.count(p[wk], v)


def test_sla_breaches_by_day_split_ticket(utc, hb):
    # T07's two misses fall on two different days
    rep = utc("sla_breaches", date_from="2026-03-15", date_to="2026-03-16", by="day",
              group_by=("target",))
    rows = hb.by_period_group(rep, "target")
    assert set(rows) == {("2026-03-15", "first_response"), ("2026-03-15", "resolution"),
                         ("2026-03-16", "first_response"), ("2026-03-16", "resolution")}
    hb.count(rows[("2026-03-15", "first_response")], 1)
    hb.count(rows[("2026-03-15", "resolution")], 0)
    hb.count(rows[("2026-03-16", "first_response")], 0)
    hb.count(rows[("2026-03-16", "resolution")], 1)


def test_sla_breaches_by_rep_owner_at_due_time(utc, hb):
    # owner at each due time: T03 FR 14:05 -> r3 (assigned 14:04); T04 RES 16:00 -> r2
    # (reassigned 10:00); T05 RES -> r3; T07 FR/RES -> unassigned; T12 RES -> r3
    g = hb.by_group(utc("sla_breaches", group_by=("rep",)), "rep")
    assert set(g) == {"r2", "r3", "unassigned"}
    hb.count(g["r2"], 1)
    hb.count(g["r3"], 3)
    hb.count(g["unassigned"], 2)
