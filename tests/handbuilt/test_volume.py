"""Volume and workload metrics (metrics.md), expected values computed by hand.

Ticket stories and per-ticket facts: data/README.md. Workspace tz UTC, NOW = 2026-04-06T00:00Z.
Weeks start on Monday; the weekly ranges below run Mon 2026-02-16 .. Sun 2026-04-05
(weeks Feb16, Feb23, Mar2, Mar9, Mar16, Mar23, Mar30).
"""

from __future__ import annotations

import pytest

WEEKS = ["2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23",
         "2026-03-30"]
WEEK_RANGE = {"date_from": "2026-02-16", "date_to": "2026-04-05", "by": "week"}


# ------------------------------------------------------------------ tickets_created


def test_tickets_created_total(utc, hb):
    rep = utc("tickets_created")
    assert rep["unit"] == "count"
    # T01..T12 = 12 tickets
    hb.count(hb.only(rep), 12)


def test_tickets_created_by_channel(utc, hb):
    rep = utc("tickets_created", group_by=("channel",))
    # email: T01 T04 T05 T09 T11 = 5; chat: T02 T03 T07 T10 = 4; phone: T06 T12 = 2; form: T08 = 1
    g = hb.by_group(rep, "channel")
    assert hb.group_order(rep, "channel") == ["chat", "email", "form", "phone"]
    for ch, v in {"chat": 4, "email": 5, "form": 1, "phone": 2}.items():
        hb.count(g[ch], v)


def test_tickets_created_by_rep_is_owner_at_created_at(utc, hb):
    # Owner at created_at = latest `assigned` at or before it. Only T09 is assigned at the
    # very instant it is created (e09-1 at 12:00:00 = created_at); every other ticket is
    # assigned later (or never) -> unassigned at creation. r1: 1, unassigned: 11.
    rep = utc("tickets_created", group_by=("rep",))
    g = hb.by_group(rep, "rep")
    assert set(g) == {"r1", "unassigned"}
    hb.count(g["r1"], 1)
    hb.count(g["unassigned"], 11)


def test_tickets_created_by_team_is_owner_at_created_at(utc, hb):
    rep = utc("tickets_created", group_by=("team",))
    g = hb.by_group(rep, "team")
    # same reasoning as by rep: T09 -> t1, the rest unassigned
    assert set(g) == {"t1", "unassigned"}
    hb.count(g["t1"], 1)
    hb.count(g["unassigned"], 11)


def test_tickets_created_by_customer_segment(utc, hb):
    # customers column: c1 (enterprise) has T01 T04 T08 T09 T11 = 5;
    # c2/c3 (smb) have T02 T03 T05 T06 T07 T10 T12 = 7
    g = hb.by_group(utc("tickets_created", group_by=("segment",)), "segment")
    assert set(g) == {"enterprise", "smb"}
    hb.count(g["enterprise"], 5)
    hb.count(g["smb"], 7)


def test_tickets_created_by_week(utc, hb):
    rep = utc("tickets_created", **WEEK_RANGE)
    p = hb.by_period(rep)
    assert list(p) == WEEKS
    # Feb16: none -> 0 (filled); Feb23: T12 (Sat 02-28 23:30); Mar2: T01 T02 T03 T04;
    # Mar9: T06 T07 (Sun 03-15 22:00); Mar16: T08; Mar23: T05; Mar30: T09 T10 (Sun 04-05)
    for wk, v in zip(WEEKS, [0, 1, 4, 2, 1, 1, 2], strict=True):
        hb.count(p[wk], v)


# ------------------------------------------------------------------ tickets_resolved


def test_tickets_resolved_total(utc, hb):
    # currently solved: T01 T02 T03 T04 T05 T06 T07 T08 T11 = 9 (T09 T10 T12 open).
    # T02 and T11 were solved twice but count once (one current solved state each).
    rep = utc("tickets_resolved")
    assert rep["unit"] == "count"
    hb.count(hb.only(rep), 9)


def test_tickets_resolved_by_week(utc, hb):
    # dated by solved_at (start of the current solved state):
    #   T01 03-02 12:00 (resolved; the close on Mon 03-09 keeps it solved -> stays in week Mar2)
    #   T11 03-02 10:00 (the re-solve; its 02-11 solve is not the current state)
    #   T03 03-04 14:30, T04 03-06 09:00            -> week Mar2: 4
    #   T06 03-11 10:00                             -> week Mar9: 1
    #   T02 03-16 10:00 (re-solve), T07 03-16 22:00, T08 03-18 08:00 -> week Mar16: 3
    #   T05 03-31 15:00                             -> week Mar30: 1
    p = hb.by_period(utc("tickets_resolved", **WEEK_RANGE))
    assert list(p) == WEEKS
    for wk, v in zip(WEEKS, [0, 0, 4, 1, 3, 0, 1], strict=True):
        hb.count(p[wk], v)


def test_tickets_resolved_by_month(utc, hb):
    # Jan 0; Feb 0 (T11's February solve is not its current solved state); Mar 9; Apr 0
    p = hb.by_period(utc("tickets_resolved", date_from="2026-01-01", date_to="2026-04-30",
                         by="month"))
    assert list(p) == ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"]
    for m, v in zip(p, [0, 0, 9, 0], strict=True):
        hb.count(p[m], v)


def test_tickets_resolved_by_rep_and_team_owner_at_solved_at(utc, hb):
    # owner at solved_at: T01 r1, T02 r2, T03 r3, T04 r2 (reassigned 03-05 10:00),
    # T05 r3, T06 r1, T07 unassigned, T08 r3 (reassigned 03-17 10:00), T11 r1
    g = hb.by_group(utc("tickets_resolved", group_by=("rep",)), "rep")
    assert set(g) == {"r1", "r2", "r3", "unassigned"}
    for k, v in {"r1": 3, "r2": 2, "r3": 3, "unassigned": 1}.items():
        hb.count(g[k], v)
    # teams: t1 = r1+r2 tickets = 5; t2 = r3 tickets = 3; unassigned 1
    g = hb.by_group(utc("tickets_resolved", group_by=("team",)), "team")
    assert set(g) == {"t1", "t2", "unassigned"}
    for k, v in {"t1": 5, "t2": 3, "unassigned": 1}.items():
        hb.count(g[k], v)


# ------------------------------------------------------------------ tickets_unresolved


def test_tickets_unresolved_weekly_snapshots(utc, hb):
    # snapshot at each week's end (= next Monday 00:00, excluded):
    #   Feb16 (02-23 00:00): T11 solved since 02-11 -> 0
    #   Feb23 (03-02 00:00): T12 (created 02-28 23:30) -> 1; T11 still closed (reopens 08:00)
    #   Mar2  (03-09 00:00): T12 -> 1 (T11 re-solved 03-02 10:00, T02 solved 03-03 10:20)
    #   Mar9  (03-16 00:00): T02 (reopened 03-10, re-solved 03-16 10:00), T07 (solved 03-16 22:00),
    #                        T12 -> 3
    #   Mar16 (03-23 00:00): T12 -> 1
    #   Mar23 (03-30 00:00): T05 (solved 03-31), T12 -> 2
    #   Mar30 (04-06 00:00): T09, T10, T12 -> 3
    rep = utc("tickets_unresolved", **WEEK_RANGE)
    assert rep["unit"] == "count"
    p = hb.by_period(rep)
    assert list(p) == WEEKS
    for wk, v in zip(WEEKS, [0, 1, 1, 3, 1, 2, 3], strict=True):
        hb.count(p[wk], v)


def test_tickets_unresolved_monthly_snapshots(utc, hb):
    # end of Jan (02-01): nothing created -> 0; end of Feb (03-01 00:00): T12 -> 1;
    # end of Mar (04-01 00:00): T12 -> 1 (T05 solved 03-31 15:00)
    p = hb.by_period(utc("tickets_unresolved", date_from="2026-01-01", date_to="2026-03-31",
                         by="month"))
    assert list(p) == ["2026-01-01", "2026-02-01", "2026-03-01"]
    for m, v in zip(p, [0, 1, 1], strict=True):
        hb.count(p[m], v)


def test_tickets_unresolved_totals_use_end_of_range(utc, hb):
    # to 2026-03-29 -> snapshot at 03-30 00:00: T05, T12 -> 2
    hb.count(hb.only(utc("tickets_unresolved", date_from="2026-03-23", date_to="2026-03-29")), 2)
    # to 2026-03-15 -> snapshot at 03-16 00:00: T02, T07, T12 -> 3. T12 was created before
    # date_from; backlog counts every ticket created at or before the snapshot.
    hb.count(hb.only(utc("tickets_unresolved", date_from="2026-03-09", date_to="2026-03-15")), 3)


def test_tickets_unresolved_totals_without_to_use_now(utc, hb):
    # no date_to -> snapshot at now = 04-06 00:00: T09, T10, T12 -> 3
    hb.count(hb.only(utc("tickets_unresolved")), 3)
    # now = 03-12 00:00: created by then and unsolved then: T02 (reopened 03-10 09:00) and
    # T12 -> 2 (T06 was solved 03-11; T07 is created later). Later events must not leak in.
    hb.count(hb.only(utc("tickets_unresolved", now="2026-03-12T00:00:00Z")), 2)


def test_tickets_unresolved_by_rep_at_period_end(utc, hb):
    # week Mar9, snapshot 03-16 00:00: T02 owner r2, T07 unassigned, T12 owner r3
    rep = utc("tickets_unresolved", date_from="2026-03-09", date_to="2026-03-15", by="week",
              group_by=("rep",))
    rows = hb.by_period_group(rep, "rep")
    assert set(rows) == {("2026-03-09", "r2"), ("2026-03-09", "r3"), ("2026-03-09", "unassigned")}
    for r in rows.values():
        hb.count(r, 1)


def test_tickets_unresolved_by_weekday_is_the_snapshot_instants(utc, hb):
    # by day, snapshots at the next midnight; a snapshot's weekday and hour are those of
    # its last instant (23:59:59.999999 of the day):
    #   Sat 03-14 (03-15 00:00): T02 (reopened 03-10), T12 -> 2; T07 is created 03-15 22:00
    #   Sun 03-15 (03-16 00:00): T02, T07, T12 -> 3
    # each day's whole backlog under its own weekday, 0 under the other
    days = {"date_from": "2026-03-14", "date_to": "2026-03-15", "by": "day"}
    rows = hb.by_period_group(utc("tickets_unresolved", group_by=("weekday",), **days),
                              "weekday")
    assert {k: r["value"] for k, r in rows.items()} == {
        ("2026-03-14", 6): 2, ("2026-03-14", 7): 0, ("2026-03-15", 6): 0, ("2026-03-15", 7): 3}
    rows = hb.by_period_group(utc("tickets_unresolved", group_by=("hour_of_day",), **days),
                              "hour_of_day")
    assert {k: r["value"] for k, r in rows.items()} == {("2026-03-14", 23): 2,
                                                       ("2026-03-15", 23): 3}


@pytest.mark.parametrize("kwargs", [
    {"by": "day", "group_by": ("rep",), "date_from": "2026-02-01", "date_to": "2026-04-05"},
    {"by": "day", "group_by": ("team", "channel"), "date_from": "2026-02-01"},
    {"by": "week", "group_by": ("team",), "where": ("rep!=unassigned",)},
    {"group_by": ("rep",), "date_from": "2026-03-01", "date_to": "2026-03-31"},
])
def test_tickets_unresolved_by_owner_moves_equals_the_snapshot_join(utc, kwargs, monkeypatch):
    # Over many snapshots the backlog by rep/team comes from changes that move tickets
    # between owners, over few from a join per snapshot: forced either way, the same rows.
    from supportlens.metrics import volume

    monkeypatch.setattr(volume, "MAX_SNAPSHOTS_TO_JOIN", 10_000)
    joined = utc("tickets_unresolved", **kwargs)
    monkeypatch.setattr(volume, "MAX_SNAPSHOTS_TO_JOIN", -1)
    moved = utc("tickets_unresolved", **kwargs)
    assert moved == joined
    assert sum(r["value"] for r in moved["rows"]) > 0


@pytest.mark.parametrize("kwargs", [
    {"by": "day", "date_from": "2026-02-01", "date_to": "2026-04-05"},
    {"by": "week", "group_by": ("channel",)},
    {"by": "week", "date_from": "2026-03-09", "compare": "previous"},
    {"by": "month", "group_by": ("team",), "date_to": "2026-03-20"},
    {"by": "day", "group_by": ("rep",), "date_from": "2026-03-10"},  # owner moves
    {"by": "week", "tz": "America/New_York", "date_from": "2026-03-02"},
    {"by": "day", "tz": "Asia/Kolkata", "group_by": ("priority",)},
])
def test_tickets_unresolved_by_local_period_equals_the_snapshot_join(utc, sthlm, kwargs,
                                                                     monkeypatch):
    # With --by, changes are bucketed by their local period, not joined with the
    # snapshots; forced either way, the same rows (Stockholm: across the DST change).
    from supportlens.metrics import volume

    for reports in (utc, sthlm):
        if "rep" in kwargs.get("group_by", ()):
            monkeypatch.setattr(volume, "MAX_SNAPSHOTS_TO_JOIN", -1)
        monkeypatch.setattr(volume, "by_local_period", lambda ctx: False)
        joined = reports("tickets_unresolved", **kwargs)
        monkeypatch.undo()
        if "rep" in kwargs.get("group_by", ()):
            monkeypatch.setattr(volume, "MAX_SNAPSHOTS_TO_JOIN", -1)
        bucketed = reports("tickets_unresolved", **kwargs)
        monkeypatch.undo()
        assert bucketed == joined
        assert sum(r["value"] for r in bucketed["rows"]) > 0


# ------------------------------------------------------------------ tickets_reopened


def test_tickets_reopened(utc, hb):
    # reopens: T11 closed -> open at 03-02 08:00 (week Mar2); T02 resolved -> open 03-10 09:00
    # (week Mar9). T04's pending -> open is not a reopen (pending is not solved).
    rep = utc("tickets_reopened")
    assert rep["unit"] == "count"
    hb.count(hb.only(rep), 2)
    p = hb.by_period(utc("tickets_reopened", **WEEK_RANGE))
    for wk, v in zip(WEEKS, [0, 0, 1, 1, 0, 0, 0], strict=True):
        hb.count(p[wk], v)


# ------------------------------------------------------------------ tickets_reassigned


def test_tickets_reassigned(utc, hb):
    # T04: r1 (08:30) -> r2 (10:00) is a reassignment; r2 again at 11:00 is not.
    # T08: r2 (08:30) -> r3 (03-17 10:00). First assignments are not reassignments.
    # T06: r1 (09:05) -> no rep (11:00) -> r1 (12:00): the rep-less event is no reassignment
    # and r1 equals the previous non-null rep (r1) -> none. T12's team-only event neither.
    rep = utc("tickets_reassigned")
    assert rep["unit"] == "count"
    hb.count(hb.only(rep), 2)
    # by week: T04 in week Mar2, T08 in week Mar16
    p = hb.by_period(utc("tickets_reassigned", **WEEK_RANGE))
    for wk, v in zip(WEEKS, [0, 0, 1, 0, 1, 0, 0], strict=True):
        hb.count(p[wk], v)


def test_tickets_reassigned_by_rep_owner_at_reassignment(utc, hb):
    # owner at the reassignment time includes the `assigned` event at that instant:
    # T04 at 10:00 -> r2; T08 at 03-17 10:00 -> r3
    g = hb.by_group(utc("tickets_reassigned", group_by=("rep",)), "rep")
    assert set(g) == {"r2", "r3"}
    hb.count(g["r2"], 1)
    hb.count(g["r3"], 1)


# ------------------------------------------------------------------ escalation_rate


def test_escalation_rate_total(utc, hb):
    # escalated: T04 (sla_breach), T05 (sla_breach), T08 (customer_request) -> 3 / 12
    rep = utc("escalation_rate")
    assert rep["unit"] == "rate"
    hb.rate(hb.only(rep), 3, 12)


def test_escalation_rate_sla_breach_filter(utc, hb):
    # reading: the reason filter narrows the escalations counted, the denominator is still
    # every ticket created: T04, T05 / 12
    hb.rate(hb.only(utc("escalation_rate", where=("reason=sla_breach",))), 2, 12)


def test_escalation_rate_by_week(utc, hb):
    # dated by created_at: Feb16 0/0 -> null; Feb23 T12 -> 0/1; Mar2 T01..T04 (T04) -> 1/4;
    # Mar9 T06 T07 -> 0/2; Mar16 T08 -> 1/1; Mar23 T05 -> 1/1; Mar30 T09 T10 -> 0/2
    p = hb.by_period(utc("escalation_rate", **WEEK_RANGE))
    assert list(p) == WEEKS
    for wk, (num, den) in zip(WEEKS, [(0, 0), (0, 1), (1, 4), (0, 2), (1, 1), (1, 1), (0, 2)],
                              strict=True):
        hb.rate(p[wk], num, den)


def test_escalation_rate_by_month(utc, hb):
    # Jan 0/0 null; Feb T11 T12 -> 0/2; Mar T01..T08 (T04 T05 T08) -> 3/8; Apr T09 T10 -> 0/2
    p = hb.by_period(utc("escalation_rate", date_from="2026-01-01", date_to="2026-04-30",
                         by="month"))
    for m, (num, den) in zip(p, [(0, 0), (0, 2), (3, 8), (0, 2)], strict=True):
        hb.rate(p[m], num, den)


# ------------------------------------------------------------------ messages


def test_messages_total_excludes_notes_and_ai(utc, hb):
    # public customer + rep messages. Per ticket (received/sent):
    #   T01 2/1 (note m01-2 excluded)  T02 3/2  T03 3/2 (2 AI replies excluded)  T04 2/2
    #   T05 1/1  T06 1/1  T07 2/0 (2 AI excluded)  T08 2/2 (note m08-3 excluded)  T09 1/1
    #   T10 1/0  T11 2/2  T12 1/1
    # received = 2+3+3+2+1+1+2+2+1+1+2+1 = 21; sent = 1+2+2+2+1+1+0+2+1+0+2+1 = 15; total 36
    rep = utc("messages")
    assert rep["unit"] == "count"
    hb.count(hb.only(rep), 36)
    rep = utc("messages", group_by=("direction",))
    assert hb.group_order(rep, "direction") == ["received", "sent"]
    g = hb.by_group(rep, "direction")
    hb.count(g["received"], 21)
    hb.count(g["sent"], 15)


def test_messages_by_month_and_direction(utc, hb):
    # Feb: received m11-1 (02-10), m12-1 (02-28) = 2; sent m11-2 = 1 (m12-2 is 03-01 00:30)
    # Apr: received m09-1, m10-1 = 2; sent m09-2 = 1
    # Mar: received 21-2-2 = 17; sent 15-1-1 = 13
    rep = utc("messages", date_from="2026-02-01", date_to="2026-04-30", by="month",
              group_by=("direction",))
    rows = hb.by_period_group(rep, "direction")
    expected = {
        ("2026-02-01", "received"): 2, ("2026-02-01", "sent"): 1,
        ("2026-03-01", "received"): 17, ("2026-03-01", "sent"): 13,
        ("2026-04-01", "received"): 2, ("2026-04-01", "sent"): 1,
    }
    assert set(rows) == set(expected)
    for k, v in expected.items():
        hb.count(rows[k], v)


def test_messages_by_week(utc, hb):
    # Feb16 0; Feb23 m12-1 m12-2 = 2; Mar2 T01 3 + T02 3 (03-03) + T03 5 + T04 4 + T11 2 (03-02)
    # = 17; Mar9 T02 2 (03-10) + T06 2 + T07 2 = 6; Mar16 T08 4; Mar23 m05-1 = 1;
    # Mar30 m05-2 + T09 2 + T10 1 = 4.   (+ T11's 2 February messages = 36)
    p = hb.by_period(utc("messages", **WEEK_RANGE))
    for wk, v in zip(WEEKS, [0, 2, 17, 6, 4, 1, 4], strict=True):
        hb.count(p[wk], v)


def test_messages_chat_only(utc, hb):
    # chat tickets T02 (3/2), T03 (3/2), T07 (2/0), T10 (1/0): 9 received + 4 sent = 13
    hb.count(hb.only(utc("messages", where=("channel=chat",))), 13)


# ------------------------------------------------------------------ rep_replies


def test_rep_replies_total_and_by_rep(utc, hb):
    # 15 public rep messages (internal notes m01-2, m08-3 excluded)
    rep = utc("rep_replies")
    assert rep["unit"] == "count"
    hb.count(hb.only(rep), 15)
    # grouped by the replying rep (author), not the ticket owner:
    #   r1: m01-3, m04-2, m06-2, m09-2, m11-2, m11-4 = 6
    #   r2: m02-2, m02-5, m04-4 (T04 now owned by r2), m08-2 = 4
    #   r3: m03-5, m03-7, m05-2, m08-5, m12-2 = 5
    g = hb.by_group(utc("rep_replies", group_by=("rep",)), "rep")
    assert set(g) == {"r1", "r2", "r3"}
    for k, v in {"r1": 6, "r2": 4, "r3": 5}.items():
        hb.count(g[k], v)


def test_rep_replies_by_week(utc, hb):
    # Feb16 0; Feb23 m12-2 (Sun 03-01 00:30) = 1; Mar2 m01-3 m02-2 m03-5 m03-7 m04-2 m04-4 m11-4
    # = 7; Mar9 m02-5 m06-2 = 2; Mar16 m08-2 m08-5 = 2; Mar23 0; Mar30 m05-2 m09-2 = 2
    p = hb.by_period(utc("rep_replies", **WEEK_RANGE))
    for wk, v in zip(WEEKS, [0, 1, 7, 2, 2, 0, 2], strict=True):
        hb.count(p[wk], v)


def test_tickets_created_by_hour_of_day(utc, hb):
    # hour of created_at in the workspace tz (UTC): T04 T08 08h; T01 T06 09h; T02 T11 10h;
    # T09 12h; T03 14h; T05 15h; T07 22h; T10 T12 23h. (Values compared as integers.)
    g = {int(k): v for k, v in hb.by_group(utc("tickets_created", group_by=("hour_of_day",)),
                                            "hour_of_day").items()}
    expected = {8: 2, 9: 2, 10: 2, 12: 1, 14: 1, 15: 1, 22: 1, 23: 2}
    assert set(g) == set(expected)
    for h, v in expected.items():
        hb.count(g[h], v)
