"""agent_leaderboard, computed by hand from data/README.md.

Tickets, owners (assigned events) and what happened (status events, messages):
  S1 created 03-02 09:00, owner r1; rep reply M2 10:00; resolved 11:00
  S2 created 03-03 10:00, owner r2, r1 from 03-05 12:00; rep replies M3 10:30 and
     M8 03-04 09:00 (both r2's time); resolved 03-05 13:00 (owner then: r1)
  S3 created 03-10 08:00, owner r2; rep reply M4 08:20; resolved 09:00
  S5 created 01-20 10:00, owner r1; rep reply M6 12:00; resolved 01-21 08:00
  S4, S6: no rep reply, never solved
Per rep (each column is its metric grouped by rep, i.e. the owner at its dated-by time):
  tickets_resolved (owner at solved_at): r1 S1 S2 S5 = 3; r2 S3 = 1
  first_response_time (owner at the first rep reply): r1 S1 3600, S5 7200 -> 5400;
      r2 S2 1800 (owner at 10:30 is r2), S3 1200 -> 1500
  resolution_time (owner at solved_at): r1 S1 7200, S2 51 h = 183600, S5 22 h = 79200
      -> 270000 / 3 = 90000; r2 S3 3600
  first_contact_resolution_rate: S1 S3 S5 one rep reply, no reopen: hits; S2 two replies:
      miss -> r1 (S1, S2, S5) 2/3; r2 (S3) 1/1
  csat (test_satisfaction.py): r1 2/2 = 1.0; r2 1/2 = 0.5; r3 0/1 = 0; unassigned 0/1 = 0
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from supportlens.errors import QueryError

from .conftest import NOW

EXPECTED = {  # rep: (tickets_resolved, frt, resolution_time, fcr, csat)
    "r1": (3, 5400, 90000, 2 / 3, 1.0),
    "r2": (1, 1500, 3600, 1.0, 0.5),
    "r3": (0, None, None, None, 0.0),
    "unassigned": (0, None, None, None, 0.0),
}


def columns(row: dict) -> tuple:
    return (row["value"], row["first_response_time"], row["resolution_time"],
            row["first_contact_resolution_rate"], row["csat"])


def test_leaderboard_rows(sat):
    rep = sat("agent_leaderboard")
    assert rep["unit"] == "count" and rep["sort"] == "tickets_resolved"
    rows = {r["group"]["rep"]: r for r in rep["rows"]}
    assert set(rows) == set(EXPECTED)
    for rep_id, expected in EXPECTED.items():
        assert columns(rows[rep_id]) == pytest.approx(expected), rep_id
        assert rows[rep_id]["n"] == expected[0]
    assert rows["r1"]["rep_name"] == "Alice" and rows["unassigned"]["rep_name"] is None
    # default order: tickets_resolved descending; ties (r3, unassigned at 0) by rep
    assert [r["group"]["rep"] for r in rep["rows"]] == ["r1", "r2", "r3", "unassigned"]


def test_leaderboard_sort_by_any_column(sat):
    def order(**options: str) -> list[str]:
        rep = sat("agent_leaderboard", options=options)
        return [r["group"]["rep"] for r in rep["rows"]]

    # csat 1.0 r1, 0.5 r2, 0 r3 and unassigned (tie: by rep)
    assert order(sort="csat") == ["r1", "r2", "r3", "unassigned"]
    # first_response_time 5400 r1, 1500 r2; nulls last in either order
    assert order(sort="first_response_time") == ["r1", "r2", "r3", "unassigned"]
    assert order(sort="first_response_time", order="asc") == ["r2", "r1", "r3", "unassigned"]
    # fcr 1.0 r2, 2/3 r1
    assert order(sort="first_contact_resolution_rate") == ["r2", "r1", "r3", "unassigned"]
    assert order(sort="rep", order="asc") == ["r1", "r2", "r3", "unassigned"]
    with pytest.raises(QueryError, match="option sort='speed': use one of tickets_resolved"):
        sat("agent_leaderboard", options={"sort": "speed"})


def test_leaderboard_top_and_filters(sat):
    # --top 1 by resolution_time: r1 (90000); --top -1: the lowest non-null, r2 (3600)
    rep = sat("agent_leaderboard", top=1, options={"sort": "resolution_time"})
    assert [r["group"]["rep"] for r in rep["rows"]] == ["r1"]
    rep = sat("agent_leaderboard", top=-1, options={"sort": "resolution_time"})
    assert [r["group"]["rep"] for r in rep["rows"]] == ["r2"]
    # January only: S5 resolved by r1 (22 h), first reply 2 h, FCR 1/1; csat V06 r1 5 -> 1/1
    rows = sat("agent_leaderboard", date_from="2026-01-01", date_to="2026-01-31")["rows"]
    assert [r["group"]["rep"] for r in rows] == ["r1"]
    assert columns(rows[0]) == pytest.approx((1, 7200, 79200, 1.0, 1.0))


def test_leaderboard_by_month(sat):
    # Jan: r1 (S5 and V06) only; Mar: r1 S1 S2 -> 2, r2 S3 -> 1, r3 nothing in March (V07
    # is answered in April), unassigned V05 -> 0
    rows = sat("agent_leaderboard", date_from="2026-01-01", date_to="2026-03-31",
               by="month")["rows"]
    march = {r["group"]["rep"]: r for r in rows if r["period"] == "2026-03-01"}
    assert march["r1"]["value"] == 2 and march["r2"]["value"] == 1
    # r1 in March: frt S1 3600 only; resolution S1 7200, S2 183600 -> 95400
    assert march["r1"]["first_response_time"] == pytest.approx(3600)
    assert march["r1"]["resolution_time"] == pytest.approx(95400)


def test_leaderboard_cli_formats(sat):
    from supportlens.cli.main import app

    db = str(sat.ws.store.path)
    runner = CliRunner()
    base = ["report", "agent_leaderboard", "--db", db, "--now", NOW,
            "--option", "sort=csat"]
    out = runner.invoke(app, [*base, "--format", "json"])
    assert out.exit_code == 0, out.output
    assert [r["group"]["rep"] for r in json.loads(out.output)["rows"]][:2] == ["r1", "r2"]
    out = runner.invoke(app, [*base, "--format", "csv"])
    assert out.exit_code == 0, out.output
    table = list(csv.DictReader(io.StringIO(out.output)))
    assert table[0]["rep"] == "r1" and float(table[0]["resolution_time"]) == 90000
    assert table[1]["csat"] == "0.5"
    out = runner.invoke(app, base)
    assert out.exit_code == 0, out.output
    assert "Alice" in out.output and "50.0%" in out.output  # r2's csat shown as a rate
