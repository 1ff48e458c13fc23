"""Quality and effort metrics (metrics.md; agent_leaderboard excluded), computed by hand.

Solved tickets (currently solved at NOW): T01 T02 T03 T04 T05 T06 T07 T08 T11.
Per ticket (public rep replies / customer messages / reopened?):
  T01 1/2/no  T02 2/3/yes  T03 2/3/no  T04 2/2/no  T05 1/1/no  T06 1/1/no  T07 0/2/no
  T08 2/2/no  T11 2/2/yes
"""

from __future__ import annotations

# ------------------------------------------------------------------ first_contact_resolution_rate


def test_fcr_total(utc, hb):
    # exactly one rep reply before first_solved_at and no reopen:
    #   T01 yes (the 09:30 internal note does not count; 1 reply before 12:00)
    #   T02 no (1 reply before the first solve, but reopened)
    #   T03 no (2 replies), T04 no (2), T05 yes (1), T06 yes (1), T07 no (0 replies),
    #   T08 no (2), T11 no (1 reply before 02-11, but reopened)
    # -> 3 / 9
    rep = utc("first_contact_resolution_rate")
    assert rep["unit"] == "rate"
    hb.rate(hb.only(rep), 3, 9)


def test_fcr_per_ticket(utc, hb):
    g = hb.by_group(utc("first_contact_resolution_rate", group_by=("ticket",)), "ticket")
    assert set(g) == {"T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T11"}
    for t in g:
        hb.rate(g[t], 1 if t in ("T01", "T05", "T06") else 0, 1)


def test_fcr_by_month(utc, hb):
    # dated by first_solved_at: Jan none -> null; Feb T11 (02-11) -> 0/1;
    # Mar T01..T08 -> T01 T05 T06 = 3/8; Apr none -> null
    p = hb.by_period(utc("first_contact_resolution_rate", date_from="2026-01-01",
                         date_to="2026-04-30", by="month"))
    assert list(p) == ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"]
    hb.rate(p["2026-01-01"], 0, 0)
    hb.rate(p["2026-02-01"], 0, 1)
    hb.rate(p["2026-03-01"], 3, 8)
    hb.rate(p["2026-04-01"], 0, 0)


def test_fcr_by_channel(utc, hb):
    # email T01(y) T04 T05(y) T11 -> 2/4; chat T02 T03 T07 -> 0/3; phone T06(y) -> 1/1;
    # form T08 -> 0/1
    g = hb.by_group(utc("first_contact_resolution_rate", group_by=("channel",)), "channel")
    hb.rate(g["email"], 2, 4)
    hb.rate(g["chat"], 0, 3)
    hb.rate(g["phone"], 1, 1)
    hb.rate(g["form"], 0, 1)


# ------------------------------------------------------------------ rep_replies_per_ticket


def test_rep_replies_per_ticket(utc, hb):
    # (1+2+2+2+1+1+0+2+2) = 13 rep replies over 9 solved tickets = 1.444...
    rep = utc("rep_replies_per_ticket")
    assert rep["unit"] == "mean"
    hb.mean(hb.only(rep), n=9, mean=13 / 9)


def test_rep_replies_per_ticket_by_channel(utc, hb):
    # email T01 1, T04 2, T05 1, T11 2 -> 6/4 = 1.5; chat T02 2, T03 2, T07 0 -> 4/3;
    # phone T06 1 -> 1; form T08 2 -> 2
    g = hb.by_group(utc("rep_replies_per_ticket", group_by=("channel",)), "channel")
    hb.mean(g["email"], n=4, mean=1.5)
    hb.mean(g["chat"], n=3, mean=4 / 3)
    hb.mean(g["phone"], n=1, mean=1)
    hb.mean(g["form"], n=1, mean=2)


def test_rep_replies_per_ticket_by_week(utc, hb):
    # dated by solved_at: Mar2 T01 1, T03 2, T04 2, T11 2 -> 7/4 = 1.75; Mar9 T06 1;
    # Mar16 T02 2, T07 0, T08 2 -> 4/3; Mar23 none -> null; Mar30 T05 1
    p = hb.by_period(utc("rep_replies_per_ticket", date_from="2026-03-02", date_to="2026-04-05",
                         by="week"))
    hb.mean(p["2026-03-02"], n=4, mean=1.75)
    hb.mean(p["2026-03-09"], n=1, mean=1)
    hb.mean(p["2026-03-16"], n=3, mean=4 / 3)
    hb.mean(p["2026-03-23"], n=0, mean=None)
    hb.mean(p["2026-03-30"], n=1, mean=1)


# ------------------------------------------------------------------ customer_replies_per_ticket


def test_customer_replies_per_ticket(utc, hb):
    # customer messages after the first one: T01 1, T02 2, T03 2, T04 1, T05 0, T06 0, T07 1,
    # T08 1, T11 1 -> 9 / 9 = 1.0
    rep = utc("customer_replies_per_ticket")
    assert rep["unit"] == "mean"
    hb.mean(hb.only(rep), n=9, mean=1.0)


def test_customer_replies_per_ticket_by_channel(utc, hb):
    # email T01 1, T04 1, T05 0, T11 1 -> 0.75; chat T02 2, T03 2, T07 1 -> 5/3;
    # phone T06 0 -> 0; form T08 1 -> 1
    g = hb.by_group(utc("customer_replies_per_ticket", group_by=("channel",)), "channel")
    hb.mean(g["email"], n=4, mean=0.75)
    hb.mean(g["chat"], n=3, mean=5 / 3)
    hb.mean(g["phone"], n=1, mean=0)
    hb.mean(g["form"], n=1, mean=1)
