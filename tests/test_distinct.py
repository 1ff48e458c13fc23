"""Distinct keys counted through key facts (metrics/distinct.py), checked by hand and
against the plain deduplication.

The views below (no other data but two tickets), with the expected counts worked out
from metrics.md (a session's views of one article count once per report row):

| key       | views (UTC)                          | compact (one UTC quarter-hour) |
|-----------|--------------------------------------|--------------------------------|
| (s1, A1)  | 2026-03-04 10:01, 10:14              | yes                            |
| (s2, A1)  | 2026-03-04 10:20, 10:40              | no (same hour)                 |
| (s3, A2)  | 2026-03-08 23:50 (Sun), 03-09 00:10  | no (two UTC days and weeks)    |
| K06 alone | 2026-03-04 11:00 (no session)        | yes                            |
| (s4, A2)  | 2026-03-04 11:00, twice (K07, K08)   | yes; K07 is the first          |
| (s5, A3)  | 1990-04-01 04:00:10, 04:02           | yes, but America/Goose_Bay     |
|           |                                      | moved its clocks at 04:01 UTC  |
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from supportlens.api import Workspace
from supportlens.metrics import distinct
from tests.support import store_of_files

NOW = "2026-04-01T00:00:00Z"
MARCH: dict[str, Any] = {"date_from": "2026-03-01", "date_to": "2026-03-31"}

KB_EVENTS = """event_id,article_id,session_id,at,type,seconds_on_page,bounced
K01,A1,s1,2026-03-04T10:01:00Z,view,10,false
K02,A1,s1,2026-03-04T10:14:00Z,view,10,false
K03,A1,s2,2026-03-04T10:20:00Z,view,10,false
K04,A1,s2,2026-03-04T10:40:00Z,view,10,false
K05,A2,s3,2026-03-08T23:50:00Z,view,10,false
K09,A2,s3,2026-03-09T00:10:00Z,view,10,false
K06,A2,,2026-03-04T11:00:00Z,view,10,false
K08,A2,s4,2026-03-04T11:00:00Z,view,10,false
K07,A2,s4,2026-03-04T11:00:00Z,view,10,false
K10,A3,s5,1990-04-01T04:00:10Z,view,10,false
K11,A3,s5,1990-04-01T04:02:00Z,view,10,false
K12,A3,s5,1990-04-01T04:02:00Z,upvote,,
"""
KB_ARTICLES = "article_id,title,category\nA1,One,account\nA2,Two,billing\nA3,Three,billing\n"
TICKETS = """ticket_id,created_at,channel
T1,2026-03-04T09:00:00Z,email
T2,2026-03-09T12:00:00Z,email
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store_of_files(tmp_path_factory, "distinct", {
        "kb_events": KB_EVENTS, "kb_articles": KB_ARTICLES, "tickets": TICKETS})


@pytest.fixture(scope="module")
def ws(store: Path) -> Iterator[Workspace]:
    ws = Workspace.open(store)
    yield ws
    ws.close()


def values(ws: Workspace, metric: str, key: str = "period", **kwargs: Any) -> dict[Any, Any]:
    """The report's non-zero values by period (or by the group `key`)."""
    rows = ws.report(metric, now=NOW, **kwargs)["rows"]
    return {(r["period"] if key == "period" else r["group"][key]): r["value"]
            for r in rows if r["value"]}


def test_key_facts_are_stored_per_view(store: Path) -> None:
    with duckdb.connect(str(store), read_only=True) as con:
        rows = con.execute('SELECT "at", view_key, key_compact, key_first FROM kb_view_facts '
                           'ORDER BY "at", key_first DESC').fetchall()
    facts = [(str(at)[:19], compact, first) for at, _, compact, first in rows]
    assert facts == [
        ("1990-04-01 04:00:10", True, True), ("1990-04-01 04:02:00", True, False),
        ("2026-03-04 10:01:00", True, True), ("2026-03-04 10:14:00", True, False),
        ("2026-03-04 10:20:00", False, True), ("2026-03-04 10:40:00", False, False),
        # K06 alone, then (s4, A2): K07 first (ties by event_id), K08 not
        ("2026-03-04 11:00:00", True, True), ("2026-03-04 11:00:00", True, True),
        ("2026-03-04 11:00:00", True, False),
        ("2026-03-08 23:50:00", False, True), ("2026-03-09 00:10:00", False, False)]


def test_kb_views_by_week_and_hour(ws: Workspace) -> None:
    # all six keys once; in March, (s3, A2) in the week of its Sunday view and in the next
    assert values(ws, "kb_views") == {None: 6}
    assert values(ws, "kb_views", by="week", **MARCH) == {"2026-03-02": 5, "2026-03-09": 1}
    # hour 10: (s1, A1), (s2, A1); 11: K06, (s4, A2); (s3, A2) at 23 and at 0
    assert values(ws, "kb_views", "hour_of_day", group_by=["hour_of_day"], **MARCH) == {
        0: 1, 10: 2, 11: 2, 23: 1}


def test_kb_views_in_a_quarter_hour_zone(ws: Workspace) -> None:
    # Asia/Kathmandu is UTC+5:45: (s1, A1) at 15:46 and 15:59, (s2, A1) 16:05 and 16:25,
    # K06 and (s4, A2) 16:45; (s3, A2) 05:35 and 05:55 on Monday 03-09, one week only
    kathmandu: dict[str, Any] = {"tz": "Asia/Kathmandu", **MARCH}
    assert values(ws, "kb_views", "hour_of_day", group_by=["hour_of_day"], **kathmandu) == {
        5: 1, 15: 1, 16: 3}
    assert values(ws, "kb_views", by="week", **kathmandu) == {"2026-03-02": 4, "2026-03-09": 1}


def test_a_zone_that_changed_at_an_odd_minute_deduplicates(ws: Workspace) -> None:
    # Goose Bay went from UTC-4 to UTC-3 at 00:01 local (04:01 UTC): (s5, A3)'s views, in
    # one UTC quarter-hour, are at 00:00:10 and 01:02 local, so in two hours
    assert not distinct.quarter_aligned("America/Goose_Bay")
    got = values(ws, "kb_views", "hour_of_day", group_by=["hour_of_day"],
                 tz="America/Goose_Bay", date_from="1990-04-01", date_to="1990-04-01")
    assert got == {0: 1, 1: 1}


def test_kb_success_rate_counts_views_and_tickets(ws: Workspace) -> None:
    rows = ws.report("kb_success_rate", now=NOW, by="week", **MARCH)["rows"]
    got = {r["period"]: (r["numerator"], r["denominator"]) for r in rows if r["denominator"]}
    assert got == {"2026-03-02": (5, 1), "2026-03-09": (1, 1)}


@pytest.mark.parametrize("tz", ["UTC", "Asia/Kathmandu", "Europe/Stockholm",
                                "Australia/Eucla"])
def test_quarter_aligned_zones(tz: str) -> None:
    assert distinct.quarter_aligned(tz)


REPORTS: list[tuple[str, dict[str, Any]]] = [
    ("kb_views", {}),
    ("kb_views", {"by": "day", "group_by": ["article"]}),
    ("kb_views", {"by": "week", "group_by": ["category", "hour_of_day"], "tz": "Asia/Kathmandu"}),
    ("kb_views", {"by": "month", "group_by": ["weekday"], "where": ["category=billing"]}),
    ("kb_success_rate", {"by": "day"}),
    ("kb_success_rate", {"group_by": ["hour_of_day"], "tz": "America/New_York", **MARCH}),
]


def test_key_facts_give_the_numbers_of_plain_deduplication(
        store: Path, ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [ws.report(m, now=NOW, **kw) for m, kw in REPORTS]
    monkeypatch.setattr(distinct, "quarter_aligned", lambda tz: False)
    plain_ws = Workspace.open(store)  # its own connection: its own compiled queries
    try:
        plain = [plain_ws.report(m, now=NOW, **kw) for m, kw in REPORTS]
    finally:
        plain_ws.close()
    assert fast == plain


def test_regrouped_matches_null_groups_and_combines_each_column() -> None:
    """The stacking behind the key facts' two counts and the sweep's levels
    (context.regrouped): a null group is one group, a part without a column adds
    nothing to it."""
    import ibis
    import pyarrow as pa

    from supportlens.metrics.context import regrouped

    counted = ibis.memtable(pa.table({"g": pa.array([None, "a"], pa.string()),
                                      "x": pa.array([1, 2], pa.int64())}))
    facts = ibis.memtable(pa.table({"g": pa.array([None, "a"], pa.string()),
                                    "y": pa.array([5, 6], pa.int64())}))
    more = ibis.memtable(pa.table({"g": pa.array([None], pa.string()),
                                   "x": pa.array([3], pa.int64())}))
    out = regrouped([counted, facts, more], ["g"], {"x": "sum", "y": "max"})
    rows = sorted(ibis.duckdb.connect().to_pyarrow(out).to_pylist(),
                  key=lambda r: r["g"] or "")
    assert rows == [{"g": None, "x": 4, "y": 5}, {"g": "a", "x": 2, "y": 6}]
