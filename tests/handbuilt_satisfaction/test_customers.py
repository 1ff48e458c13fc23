"""churn_rate, customer dimensions (value_tier, custom properties) and customer lists,
computed by hand from data/README.md.

customers (created_at, churned_at; value; custom property `plan`):
  c1 Acme    enterprise SE  400  created 2025-01-01, active                      gold
  c2 Bolt    smb        NO   10  created 2025-06-01, churned 2026-03-01 00:00    gold
  c3 Cobalt  smb        SE  100  created 2026-01-15, churned 2026-03-20 12:00    basic
  c4 Delta   enterprise FI 1000  no created_at (always), churned 2026-01-10      basic
  c5 Echo    smb        SE    –  created 2026-02-15, churned 2026-02-20           basic
  c6 Fjord   smb        NO    –  created 2026-03-01 00:00, churned 2026-03-10     basic
value_tier, over the four values 10, 100, 400, 1000 (linear interpolation):
  p25 at 0.75 -> 10 + 0.75 * 90 = 77.5; p50 at 1.5 -> 100 + 0.5 * 300 = 250;
  p75 at 2.25 -> 400 + 0.25 * 600 = 550 -> c2 q1, c3 q2, c1 q3, c4 q4, c5 (no value) null
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from supportlens.errors import QueryError

from .conftest import NOW

# --------------------------------------------------------------------------- churn_rate


def test_churn_by_month(sat, hb):
    # Jan (start 01-01): active c1, c2, c4 (no created_at); c3, c5 not yet -> 3;
    #      churned in Jan: c4 (01-10) -> 1/3, retention 2/3
    # Feb (02-01): c1, c2, c3; c4 churned before -> 3; c5 joins 02-15 and churns 02-20
    #      inside February: not in the cohort, so not counted -> 0/3, retention 1
    # Mar (03-01 00:00): c1, c2 (churned_at = the very start: not before it, so active),
    #      c3 -> 3 (c6, created at that very instant, is not); churned in [03-01, 04-01):
    #      c2 (first instant of the period), c3 -> 2/3 (c6 churns too, but is not in it)
    # Apr: only c1 -> 0/1
    rep = sat("churn_rate", **hb.JAN_TO_APR)
    assert rep["unit"] == "rate"
    p = hb.by_period(rep)
    assert list(p) == hb.MONTHS
    for month, (num, den) in zip(hb.MONTHS, [(1, 3), (0, 3), (2, 3), (0, 1)], strict=True):
        hb.rate(p[month], num, den)
    assert [p[m]["retention"] for m in hb.MONTHS] == \
        pytest.approx([2 / 3, 1, 1 / 3, 1])


def test_churn_on_the_first_day_of_a_period(sat, hb):
    # by day: 2026-03-01 starts at c2's churned_at: c2 is active at the start and churns
    # that day. c6 is created at that very instant: not before the start, so not in the
    # cohort. Cohort c1 c2 c3 -> 1/3; on 03-02 c2 has churned before it and c6 is in:
    # c1 c3 c6 -> 0/3
    p = hb.by_period(sat("churn_rate", date_from="2026-03-01", date_to="2026-03-02", by="day"))
    hb.rate(p["2026-03-01"], 1, 3)
    hb.rate(p["2026-03-02"], 0, 3)
    # February alone (ends just before 03-01 00:00): c2 has not churned in it -> 0/3
    hb.rate(hb.only(sat("churn_rate", date_from="2026-02-01", date_to="2026-02-28")), 0, 3)


def test_churn_totals_treat_the_range_as_one_period(sat, hb):
    # 01-01..04-30: the cohort at 01-01 is c1, c2, c4; churned before 05-01: c2, c4 -> 2/3
    # (c3 churns too, but joined after the start; not 1/3+0/3+2/3+0/1 summed or averaged)
    row = hb.only(sat("churn_rate", date_from="2026-01-01", date_to="2026-04-30"))
    hb.rate(row, 2, 3)
    assert row["retention"] == pytest.approx(1 / 3)
    # no --from: the range starts on the first ticket's day, 2026-01-20 (S5), and ends now
    # (04-06). Cohort at 01-20: c1, c2, c3 (created 01-15); c4 churned 01-10 -> 3;
    # churned: c2, c3 -> 2/3
    rep = sat("churn_rate")
    assert (rep["from"], rep["to"]) == ("2026-01-20", "2026-04-06")
    hb.rate(hb.only(rep), 2, 3)


def test_churn_by_customer_columns(sat, hb):
    # March cohort c1 (enterprise, SE), c2 (smb, NO), c3 (smb, SE); churned c2, c3
    march = {"date_from": "2026-03-01", "date_to": "2026-03-31"}
    g = hb.by_group(sat("churn_rate", group_by=["segment"], **march), "segment")
    hb.rate(g["enterprise"], 0, 1)
    hb.rate(g["smb"], 2, 2)
    # customers have no ticket: `country` is the customer's -> SE c1 c3 1/2, NO c2 1/1
    g = hb.by_group(sat("churn_rate", group_by=["country"], **march), "country")
    hb.rate(g["SE"], 1, 2)
    hb.rate(g["NO"], 1, 1)
    # custom property plan: gold c1 c2 -> 1/2; basic c3 -> 1/1
    g = hb.by_group(sat("churn_rate", group_by=["plan"], **march), "plan")
    hb.rate(g["gold"], 1, 2)
    hb.rate(g["basic"], 1, 1)
    # value_tier: c2 q1 1/1, c3 q2 1/1, c1 q3 0/1
    g = hb.by_group(sat("churn_rate", group_by=["value_tier"], **march), "value_tier")
    assert {k: (v["numerator"], v["denominator"]) for k, v in g.items()} == \
        {"q1": (1, 1), "q2": (1, 1), "q3": (0, 1)}


def test_churn_has_no_rep_or_ticket_dimension(sat):
    with pytest.raises(QueryError, match="unknown dimension 'rep' for churn_rate"):
        sat("churn_rate", group_by=["rep"])
    with pytest.raises(QueryError, match="unknown dimension 'channel' for churn_rate"):
        sat("churn_rate", where=["channel=email"])


# ------------------------------------------------------------- customer dimensions


def test_value_tier_on_tickets_and_csat(sat, hb):
    # tickets: S1 c1 q3, S2 c2 q1, S3 c3 q2, S4 c1 q3, S5 c2 q1, S6 c3 q2 -> 2 each; no q4
    g = hb.by_group(sat("tickets_created", group_by=["value_tier"]), "value_tier")
    assert {k: v["value"] for k, v in g.items()} == {"q1": 2, "q2": 2, "q3": 2}
    # csat (the survey's own customer): q1 c2 V02 4, V06 5 -> 2/2; q2 c3 V03 2, V07 1 ->
    # 0/2; q3 c1 V01 5 -> 1/1; q4 c4 V05 3 -> 0/1
    g = hb.by_group(sat("csat", group_by=["value_tier"]), "value_tier")
    hb.rate(g["q1"], 2, 2)
    hb.rate(g["q2"], 0, 2)
    hb.rate(g["q3"], 1, 1)
    hb.rate(g["q4"], 0, 1)
    assert g["q2"]["mean_score"] == pytest.approx(1.5)
    hb.rate(hb.only(sat("csat", where=["value_tier in (q3,q4)"])), 1, 2)


def test_custom_property_and_customer_country(sat, hb):
    # csat by plan: gold c1 V01 5, c2 V02 4, V06 5 -> 3/3; basic c3 V03, V07, c4 V05 -> 0/3
    g = hb.by_group(sat("csat", group_by=["plan"]), "plan")
    hb.rate(g["gold"], 3, 3)
    hb.rate(g["basic"], 0, 3)
    # offers by the customer's country: O1 c1 SE, O2 c2 NO, O3 (ticket S3's c3) SE,
    # O4 c1 SE, O5 c2 NO -> SE 3 (10.5 + 20 = 30.5), NO 2 (5 + 100 = 105)
    g = hb.by_group(sat("offers_given", group_by=["customer.country"]), "customer.country")
    hb.count(g["SE"], 3)
    assert g["SE"]["total_value"] == pytest.approx(30.5)
    hb.count(g["NO"], 2)
    assert g["NO"]["total_value"] == pytest.approx(105)


# -------------------------------------------------------------------- customer lists


def test_the_detractors(sat):
    # detractors N03 c3 (6), N04 c4 (0), N10 c2 (3), N11 c4 (5): each customer's NPS over
    # its detractor responses is -100; sorted by value, then n (c4 has 2), then id
    result = sat.ws.customers("nps", where=["nps_category=detractor"], now=NOW)
    rows = result["customers"]
    assert [(r["customer_id"], r["name"], r["segment"], r["customer_value"], r["value"],
             r["n"]) for r in rows] == [
        ("c4", "Delta", "enterprise", 1000, -100, 2),
        ("c2", "Bolt", "smb", 10, -100, 1),
        ("c3", "Cobalt", "smb", 100, -100, 1)]
    assert rows[0]["detractors"] == 2 and rows[0]["group"] == {}


def test_customers_churned_in_march(sat):
    # the March cohort c1 c2 c3: c2 and c3 churned (1.0), c1 did not (0.0)
    result = sat.ws.customers("churn_rate", date_from="2026-03-01", date_to="2026-03-31",
                              now=NOW)
    assert [(r["customer_id"], r["value"], r["numerator"]) for r in result["customers"]] == \
        [("c2", 1.0, 1), ("c3", 1.0, 1), ("c1", 0.0, 0)]


def test_customer_list_errors_name_the_fix(sat):
    with pytest.raises(QueryError, match="kb_views has no customers.*pick a metric"):
        sat.ws.customers("kb_views", now=NOW)
    with pytest.raises(QueryError, match="agent_leaderboard is a table per rep"):
        sat.ws.customers("agent_leaderboard", now=NOW)


def test_customers_cli(sat):
    # csat by customer: c1 V01 -> 1/1; c2 V02 V06 -> 2/2 (1.0); c3 V03 V07 -> 0/2;
    # c4 V05 -> 0/1. Sorted by value, then n: c2 (1.0, 2), c1 (1.0, 1), c3 (0, 2), c4 (0, 1)
    from supportlens.cli.main import app

    db = str(sat.ws.store.path)
    runner = CliRunner()
    out = runner.invoke(app, ["customers", "csat", "--db", db, "--now", NOW,
                              "--format", "json"])
    assert out.exit_code == 0, out.output
    ids = [r["customer_id"] for r in json.loads(out.output)["customers"]]
    assert ids == ["c2", "c1", "c3", "c4"]
    out = runner.invoke(app, ["customers", "nps", "--db", db, "--now", NOW,
                              "--where", "nps_category=detractor", "--format", "csv"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0] == ("customer_id,name,segment,customer_value,value,n,promoters,"
                        "passives,detractors")
    assert lines[1] == "c4,Delta,enterprise,1000.0,-100.0,2,0,0,2"
    out = runner.invoke(app, ["customers", "nps", "--db", db, "--now", NOW])
    assert out.exit_code == 0 and "Delta" in out.output, out.output


@pytest.mark.parametrize("kwargs", [
    {"by": "month"},
    {"by": "week", "date_from": "2026-01-05", "date_to": "2026-04-12"},
    {"by": "day", "date_from": "2026-02-27", "date_to": "2026-03-03", "tz": "America/New_York"},
    {"by": "month", "group_by": ("segment", "value_tier"), "tz": "Europe/Stockholm"},
    {"by": "month", "compare": "previous", "date_from": "2026-02-01", "where": ("country=SE",)},
    {"date_from": "2026-01-01", "date_to": "2026-04-30", "group_by": ("plan",)},
    {"date_from": "2026-03-01", "date_to": "2026-03-31", "compare": "previous"},
    {},
])
def test_churn_by_changes_equals_the_cohorts(sat, kwargs, monkeypatch):
    # Cohorts as changes summed period by period give the rows of cohorts listed whole
    from supportlens.metrics import customers

    by_changes = sat("churn_rate", **kwargs)
    monkeypatch.setattr(customers, "by_changes", lambda ctx: False)
    assert sat("churn_rate", **kwargs) == by_changes
    assert any(r["denominator"] for r in by_changes["rows"])
