"""AI customer agent metrics on hand-built conversations (see data/README.md)."""

from __future__ import annotations

import pytest

from supportlens.api import Workspace
from tests.handbuilt_ai.conftest import NOW


def only(report: dict) -> dict:
    assert len(report["rows"]) == 1
    return report["rows"][0]


def by_group(report: dict, dim: str) -> dict:
    return {r["group"][dim]: r["value"] for r in report["rows"]}


def test_ai_conversations_and_handling_rate(ws: Workspace) -> None:
    # AI-handled: every ticket with a public AI reply = all but A11 = 12 of 13
    assert only(ws.report("ai_conversations", now=NOW))["value"] == 12
    row = only(ws.report("ai_handling_rate", now=NOW))
    assert (row["numerator"], row["denominator"]) == (12, 13)


def test_resolutions_follow_the_four_criteria(ws: Workspace) -> None:
    # resolved: A1 (action only), A2 (negative feedback not on r), A4 (rep after T),
    # A6 (T == now), A13 (handoff after T) = 5
    assert only(ws.report("ai_resolutions", now=NOW))["value"] == 5
    # not pending: 12 - A7 = 11
    row = only(ws.report("ai_resolution_rate", now=NOW))
    assert (row["numerator"], row["denominator"]) == (5, 11)
    assert row["value"] == pytest.approx(5 / 11)


def test_pending_at_the_edge(ws: Workspace) -> None:
    # one second earlier, A6's T (04-01 00:00) is after now: pending too
    earlier = "2026-03-31T23:59:59Z"
    assert only(ws.report("ai_resolutions", now=earlier))["value"] == 4
    row = only(ws.report("ai_resolution_rate", now=earlier))
    assert (row["numerator"], row["denominator"]) == (4, 10)


def test_a_second_reply_inside_the_window_moves_t(ws: Workspace) -> None:
    # A3: T moves from 03-06 09:01 to 03-08 09:00. With now = 03-07 00:00 the first T has
    # passed but the moved one has not, so A3 is pending (left out of the denominator).
    # Not pending at 03-07 00:00: A1 (T 03-05 10:01), A2 (03-05 11:05), A5? T 03-08 10:01 no;
    # A4 T 03-07 10:01 no; so A1, A2 only: both resolved.
    row = only(ws.report("ai_resolution_rate", now="2026-03-07T00:00:00Z"))
    assert (row["numerator"], row["denominator"]) == (2, 2)


def test_resolution_time(ws: Workspace) -> None:
    # r - created_at of the resolved: A1 60, A2 300, A4 60, A6 60, A13 60
    row = only(ws.report("ai_resolution_time", now=NOW))
    assert row["n"] == 5
    assert row["value"] == pytest.approx(540 / 5)
    assert row["median"] == pytest.approx(60)
    # p90: sorted [60,60,60,60,300], position 0.9*4 = 3.6 -> 60 + 0.6*240 = 204
    assert row["p90"] == pytest.approx(204)


def test_deflections(ws: Workspace) -> None:
    # no handoff and no rep reply as of now: A1, A2, A6, A7, A9, A10 = 6 of 12
    assert only(ws.report("ai_deflections", now=NOW))["value"] == 6
    row = only(ws.report("ai_deflection_rate", now=NOW))
    assert (row["numerator"], row["denominator"]) == (6, 12)
    # as of 03-08 09:00, A4's rep reply (03-08 10:00), A12's handoff (03-09 10:05) and
    # A13's handoff (03-14) have not happened yet, so A4, A12 and A13 are deflected too:
    # 6 + 3 = 9 (the range is all data, so later-created conversations still count)
    assert only(ws.report("ai_deflections", now="2026-03-08T09:00:00Z"))["value"] == 9


def test_handoffs_by_initiator(ws: Workspace) -> None:
    report = ws.report("ai_handoffs", now=NOW, group_by=["initiator"])
    assert by_group(report, "initiator") == {"ai_agent": 1, "automation": 1, "manual": 1,
                                             "visitor": 1}
    row = only(ws.report("ai_handoff_rate", now=NOW))
    assert (row["numerator"], row["denominator"]) == (4, 12)


def test_handoff_outcome(ws: Workspace) -> None:
    # handed off: A5 (solved), A8 (solved), A12 (open), A13 (never solved) -> 2 / 4
    row = only(ws.report("ai_handoff_outcome", now=NOW))
    assert (row["numerator"], row["denominator"]) == (2, 4)
    # solved_at - first AI reply: A5 10:01 -> 11:00 = 3540; A8 10:01 -> 12:01 = 7200
    assert row["mean_time_to_solve"] == pytest.approx((3540 + 7200) / 2)


def test_feedback(ws: Workspace) -> None:
    report = ws.report("ai_feedback", now=NOW, group_by=["rating"])
    assert by_group(report, "rating") == {"helpful": 2, "not_helpful": 2}
    row = only(ws.report("ai_helpful_rate", now=NOW))
    assert (row["numerator"], row["denominator"]) == (2, 4)


def test_resolutions_by_resolver(ws: Workspace) -> None:
    # ai_agent: A1, A2, A4, A6, A13 (by T); reps: the owner at solved_at of the other
    # solved tickets: A3 r1, A5 r1, A11 r1, A8 r2
    report = ws.report("resolutions_by_resolver", now=NOW, group_by=["resolver"])
    assert by_group(report, "resolver") == {"ai_agent": 5, "r1": 3, "r2": 1}
    # A6 is dated by its T (04-01), outside March
    march = ws.report("resolutions_by_resolver", now=NOW, group_by=["resolver"],
                      date_from="2026-03-01", date_to="2026-03-31")
    assert by_group(march, "resolver") == {"ai_agent": 4, "r1": 3, "r2": 1}


def test_ai_metrics_by_channel_and_week(ws: Workspace) -> None:
    # by channel: all AI conversations are chats
    report = ws.report("ai_conversations", now=NOW, group_by=["channel"])
    assert by_group(report, "channel") == {"chat": 12}
    # week of 03-02: A1, A2, A3, A4, A5, A8? (03-06 is in week 03-02) A8, A9, A10 (03-07) = 8
    weekly = ws.report("ai_conversations", now=NOW, by="week", date_from="2026-03-02",
                       date_to="2026-03-15")
    assert [(r["period"], r["value"]) for r in weekly["rows"]] == [
        ("2026-03-02", 8), ("2026-03-09", 2)]


def test_impact_this_week(ws: Workspace) -> None:
    # now 03-10 00:00 -> week 03-09..03-15: A12 (03-09) and A13 (03-10), both pending
    # (T 03-12 10:01 and 03-13 10:01 are after now).
    # Last week 03-02..03-08: A1 A2 A3 A4 A5 A8 A9 A10 = 8 conversations; judged by now:
    # A1, A2, A4 resolved (T passed, criteria hold); A3 A5 A8 A9 unresolved; A10 pending.
    impact = ws.impact_this_week(now="2026-03-10T00:00:00Z")
    assert (impact["from"], impact["to"]) == ("2026-03-09", "2026-03-15")
    assert impact["pending"] == 2 and "72 hours" in impact["note"]
    got = {f["metric"]: (f["value"], f["previous"], f["change_pct"]) for f in impact["figures"]}
    assert got["ai_conversations"] == (2, 8, -75.0)
    assert got["ai_resolutions"] == (0, 3, -100.0)
    # deflected now: this week A13 only (A12 handed off 03-09 10:05) = 1/2; last week
    # A1 A2 A9 A10 = 4/8 (A3, A4 had rep replies by now; A5, A8 handoffs)
    assert got["ai_deflection_rate"] == (0.5, 0.5, 0.0)
    # feedback: none this week; last week 2 helpful of 4
    assert got["ai_helpful_rate"] == (None, 0.5, None)
    # resolution time: none resolved this week; last week A1 60, A2 300, A4 60 -> 140
    assert got["ai_resolution_time"][0] is None
    assert got["ai_resolution_time"][1] == pytest.approx(140)
