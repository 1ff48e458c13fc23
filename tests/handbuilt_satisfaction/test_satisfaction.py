"""Satisfaction and customers (metrics.md; churn_rate excluded), computed by hand.

Answered surveys (responded_at and score both present; data/README.md):
  CSAT V01 5, V02 4, V03 2, V05 3, V06 5, V07 1   (V04 and V08 are not answered)
  NPS  N01 10, N02 9, N03 6, N04 0, N05 7, N07 8, N08 7, N09 10, N10 3, N11 5, N12 9,
       N14 10                                      (N06 is not answered)
  CES  E01 7, E02 5, E03 4, E04 2                  (E05 is not answered)
"""

from __future__ import annotations

import pytest

# ------------------------------------------------------------------------------ csat


def test_csat_total(sat, hb):
    # responses V01 V02 V03 V05 V06 V07; score >= 4: V01 (5), V02 (4), V06 (5) -> 3 / 6
    # (unanswered V04 and score-less V08 are not responses)
    # mean_score = (5 + 4 + 2 + 3 + 5 + 1) / 6 = 20 / 6
    rep = sat("csat")
    assert rep["unit"] == "rate"
    row = hb.only(rep)
    hb.rate(row, 3, 6)
    assert row["mean_score"] == pytest.approx(20 / 6)


def test_csat_by_month_fills_february(sat, hb):
    # dated by responded_at: Jan V06 (5) -> 1/1, mean 5; Feb nothing -> null;
    # Mar V01 V02 V03 V05 -> 5, 4 hit; 2, 3 not -> 2/4, mean (5+4+2+3)/4 = 3.5;
    # Apr V07 (answered 04-01 though sent 03-31) -> 0/1, mean 1
    p = hb.by_period(sat("csat", **hb.JAN_TO_APR))
    assert list(p) == hb.MONTHS
    hb.rate(p["2026-01-01"], 1, 1)
    assert p["2026-01-01"]["mean_score"] == pytest.approx(5)
    hb.rate(p["2026-02-01"], 0, 0)
    assert p["2026-02-01"]["mean_score"] is None
    hb.rate(p["2026-03-01"], 2, 4)
    assert p["2026-03-01"]["mean_score"] == pytest.approx(3.5)
    hb.rate(p["2026-04-01"], 0, 1)
    assert p["2026-04-01"]["mean_score"] == pytest.approx(1)


def test_csat_date_range(sat, hb):
    # March only: V01 V02 V03 V05 -> 2/4
    hb.rate(hb.only(sat("csat", date_from="2026-03-01", date_to="2026-03-31")), 2, 4)


def test_csat_by_rep(sat, hb):
    # r1: V01 (5), V06 (5) -> 2/2, mean 5
    # r2: V02 (no rep_id; owner of S2 at responded_at 03-04 09:00 is r2, r1 only from
    #     03-05) 4 hit, V03 (rep_id r2) 2 -> 1/2, mean 3
    # r3: V07 (1) -> 0/1, mean 1
    # unassigned: V05 (no rep_id, S4 never assigned) 3 -> 0/1, mean 3
    g = hb.by_group(sat("csat", group_by=["rep"]), "rep")
    assert set(g) == {"r1", "r2", "r3", "unassigned"}
    hb.rate(g["r1"], 2, 2)
    hb.rate(g["r2"], 1, 2)
    hb.rate(g["r3"], 0, 1)
    hb.rate(g["unassigned"], 0, 1)
    assert [g[r]["mean_score"] for r in ("r1", "r2", "r3", "unassigned")] == \
        pytest.approx([5, 3, 1, 3])


def test_csat_by_team(sat, hb):
    # t1 (r1, r2): V01 V06 V02 hit, V03 not -> 3/4, mean (5+5+4+2)/4 = 4
    # t2 (r3): V07 -> 0/1; the `unassigned` V05 has no team -> null group, 0/1
    g = hb.by_group(sat("csat", group_by=["team"]), "team")
    assert set(g) == {"t1", "t2", None}
    hb.rate(g["t1"], 3, 4)
    assert g["t1"]["mean_score"] == pytest.approx(4)
    hb.rate(g["t2"], 0, 1)
    hb.rate(g[None], 0, 1)


def test_csat_by_segment_uses_the_surveys_customer(sat, hb):
    # enterprise: V01 (c1) 5, V05 (its own c4, not the ticket's c1) 3 -> 1/2, mean 4
    # smb: V02 (c2) 4, V03 (no customer: ticket S3's c3) 2, V06 (c2) 5, V07 (c3) 1
    #      -> 2/4, mean 3
    g = hb.by_group(sat("csat", group_by=["segment"]), "segment")
    assert set(g) == {"enterprise", "smb"}
    hb.rate(g["enterprise"], 1, 2)
    assert g["enterprise"]["mean_score"] == pytest.approx(4)
    hb.rate(g["smb"], 2, 4)
    assert g["smb"]["mean_score"] == pytest.approx(3)


def test_csat_by_customer(sat, hb):
    # c1: V01 -> 1/1; c2: V02 V06 -> 2/2; c3: V03 V07 -> 0/2; c4: V05 -> 0/1
    g = hb.by_group(sat("csat", group_by=["customer"]), "customer")
    assert set(g) == {"c1", "c2", "c3", "c4"}
    hb.rate(g["c1"], 1, 1)
    hb.rate(g["c2"], 2, 2)
    hb.rate(g["c3"], 0, 2)
    hb.rate(g["c4"], 0, 1)


def test_csat_filters(sat, hb):
    # channel in (email, chat): V01 (S1 email) 5, V02 (S2 chat) 4, V06 (S5 email) 5 -> 3/3;
    # V07 has no ticket, so no channel, and is left out
    hb.rate(hb.only(sat("csat", where=["channel in (email,chat)"])), 3, 3)
    # rep=r2: V02, V03 -> 1/2
    hb.rate(hb.only(sat("csat", where=["rep=r2"])), 1, 2)
    # segment=enterprise and rep=unassigned: V05 -> 0/1
    hb.rate(hb.only(sat("csat", where=["segment=enterprise", "rep=unassigned"])), 0, 1)


# ------------------------------------------------------------------------------- nps


def test_nps_total(sat, hb):
    # 12 responses: promoters N01 N02 N09 N12 N14 = 5; detractors N03 N04 N10 N11 = 4;
    # passives N05 N07 N08 = 3. NPS = 100 * (5 - 4) / 12 = 8.333...
    rep = sat("nps")
    assert rep["unit"] == "score"
    row = hb.only(rep)
    hb.mean(row, 12, 100 * (5 - 4) / 12)
    assert (row["promoters"], row["passives"], row["detractors"]) == (5, 3, 4)


def test_nps_by_month(sat, hb):
    # Jan: only passives N07 (8), N08 (7) -> 100 * (0 - 0) / 2 = 0 (not null: 2 responses)
    # Feb: nothing -> null
    # Mar: promoters N01 N02 N12 N14, detractors N03 N04, passive N05 (N06 unanswered)
    #      -> 100 * (4 - 2) / 7 = 28.571...
    # Apr: no passives: promoter N09, detractors N10 N11 -> 100 * (1 - 2) / 3 = -33.33...
    p = hb.by_period(sat("nps", **hb.JAN_TO_APR))
    assert list(p) == hb.MONTHS
    hb.mean(p["2026-01-01"], 2, 0.0)
    assert (p["2026-01-01"]["promoters"], p["2026-01-01"]["passives"],
            p["2026-01-01"]["detractors"]) == (0, 2, 0)
    hb.mean(p["2026-02-01"], 0, None)
    hb.mean(p["2026-03-01"], 7, 100 * 2 / 7)
    assert (p["2026-03-01"]["promoters"], p["2026-03-01"]["passives"],
            p["2026-03-01"]["detractors"]) == (4, 1, 2)
    hb.mean(p["2026-04-01"], 3, -100 / 3)
    assert p["2026-04-01"]["passives"] == 0


def test_nps_category_dimension(sat, hb):
    # grouped by category each row is +100, 0 or -100; n = the responses in the band
    g = hb.by_group(sat("nps", group_by=["nps_category"]), "nps_category")
    assert set(g) == {"promoter", "passive", "detractor"}
    hb.mean(g["promoter"], 5, 100)
    hb.mean(g["passive"], 3, 0)
    hb.mean(g["detractor"], 4, -100)
    assert g["promoter"]["promoters"] == 5 and g["promoter"]["detractors"] == 0


def test_nps_filtered_by_category(sat, hb):
    # without passives: 100 * (5 - 4) / 9 = 11.11...
    hb.mean(hb.only(sat("nps", where=["nps_category!=passive"])), 9, 100 / 9)
    # only passives: 3 responses, NPS 0
    hb.mean(hb.only(sat("nps", where=["nps_category=passive"])), 3, 0)


def test_nps_by_segment(sat, hb):
    # enterprise (c1, c4): N01 P, N04 D, N05 pas, N08 pas, N09 P, N11 D -> (2-2)/6 = 0
    # smb (c2, c3): N02 P, N03 D, N07 pas, N10 D, N12 P, N14 P -> 100 * (3-2)/6 = 16.67
    g = hb.by_group(sat("nps", group_by=["segment"]), "segment")
    hb.mean(g["enterprise"], 6, 0)
    hb.mean(g["smb"], 6, 100 / 6)


def test_nps_without_ticket_or_rep_is_unassigned(sat, hb):
    # NPS surveys here have no ticket and no rep: all 12 responses are `unassigned`
    g = hb.by_group(sat("nps", group_by=["rep"]), "rep")
    assert list(g) == ["unassigned"]
    hb.mean(g["unassigned"], 12, 100 / 12)


# ------------------------------------------------------------------------------- ces


def test_ces_total(sat, hb):
    # E01 7, E02 5, E03 4, E04 2 (E05 unanswered): mean 18 / 4 = 4.5;
    # share >= 5: E01, E02 (5 counts) -> 2 / 4
    rep = sat("ces")
    assert rep["unit"] == "mean"
    row = hb.only(rep)
    hb.mean(row, 4, 4.5)
    assert row["share_high"] == pytest.approx(0.5)


def test_ces_by_rep(sat, hb):
    # r1 E01 7 (share 1); r2 E02 5, E03 4 -> 4.5 (share 1/2); unassigned E04 2 (share 0)
    g = hb.by_group(sat("ces", group_by=["rep"]), "rep")
    hb.mean(g["r1"], 1, 7)
    assert g["r1"]["share_high"] == pytest.approx(1)
    hb.mean(g["r2"], 2, 4.5)
    assert g["r2"]["share_high"] == pytest.approx(0.5)
    hb.mean(g["unassigned"], 1, 2)
    assert g["unassigned"]["share_high"] == pytest.approx(0)


# ------------------------------------------------------------------- survey_response_rate


def test_response_rate_total_and_by_kind(sat, hb):
    # sent: csat V01-V08 = 8, answered 6 (V04 nothing, V08 no score);
    #       nps N01-N12, N14 = 13, answered 12 (N06); ces E01-E05 = 5, answered 4 (E05)
    # all: 22 / 26
    hb.rate(hb.only(sat("survey_response_rate")), 22, 26)
    g = hb.by_group(sat("survey_response_rate", group_by=["kind"]), "kind")
    hb.rate(g["csat"], 6, 8)
    hb.rate(g["nps"], 12, 13)
    hb.rate(g["ces"], 4, 5)
    hb.rate(hb.only(sat("survey_response_rate", where=["kind=csat"])), 6, 8)


def test_response_rate_by_month_dated_by_sent_at(sat, hb):
    # Jan: V06, N07, N08 sent and answered -> 3/3; Feb: nothing -> null
    # Mar: csat V01 V02 V03 V04 V05 V07 (sent 03-31, answered in April) V08 -> 7 sent,
    #      5 answered; nps N01-N06 N12 N14 -> 8 sent, 7 answered; ces E01-E05 -> 5 sent,
    #      4 answered -> 16 / 20
    # Apr: N09 N10 N11 -> 3/3
    p = hb.by_period(sat("survey_response_rate", **hb.JAN_TO_APR))
    assert list(p) == hb.MONTHS
    hb.rate(p["2026-01-01"], 3, 3)
    hb.rate(p["2026-02-01"], 0, 0)
    hb.rate(p["2026-03-01"], 16, 20)
    hb.rate(p["2026-04-01"], 3, 3)


def test_response_rate_by_rep_uses_owner_at_sent_at(sat, hb):
    # csat only. r1: V01, V06, V08 (rep_id r1, no score) -> 2/3
    # r2: V02 (owner of S2 at sent 03-03 12:00 is r2), V03 -> 2/2
    # r3: V07 -> 1/1; unassigned: V04, V05 (S4 never assigned) -> 1/2
    g = hb.by_group(sat("survey_response_rate", group_by=["rep"], where=["kind=csat"]), "rep")
    hb.rate(g["r1"], 2, 3)
    hb.rate(g["r2"], 2, 2)
    hb.rate(g["r3"], 1, 1)
    hb.rate(g["unassigned"], 1, 2)


# ------------------------------------------------------------------------ offers_given


def test_offers_total(sat, hb):
    # O1-O5 = 5 offers; total value 10.5 + 5 + 20 + (O4 none) + 100 = 135.5
    rep = sat("offers_given")
    assert rep["unit"] == "count"
    row = hb.only(rep)
    hb.count(row, 5)
    assert row["total_value"] == pytest.approx(135.5)


def test_offers_by_kind(sat, hb):
    # discount O1 O3 -> 2, 30.5; coupon O2 -> 1, 5; gift O4 -> 1, no value (null);
    # refund O5 -> 1, 100
    g = hb.by_group(sat("offers_given", group_by=["kind"]), "kind")
    hb.count(g["discount"], 2)
    assert g["discount"]["total_value"] == pytest.approx(30.5)
    hb.count(g["coupon"], 1)
    assert g["gift"]["total_value"] is None
    hb.count(g["gift"], 1)
    assert g["refund"]["total_value"] == pytest.approx(100)
    row = hb.only(sat("offers_given", where=["kind=discount"]))
    hb.count(row, 2)
    assert row["total_value"] == pytest.approx(30.5)


def test_offers_by_month_and_segment(sat, hb):
    # Jan O5 (100); Feb none -> 0 (a count); Mar O1 O2 O3 O4 -> 4, 35.5; Apr none -> 0
    p = hb.by_period(sat("offers_given", **hb.JAN_TO_APR))
    assert [p[m]["value"] for m in hb.MONTHS] == [1, 0, 4, 0]
    assert p["2026-03-01"]["total_value"] == pytest.approx(35.5)
    # enterprise (c1): O1, O4 -> 2, 10.5; smb: O2 (c2), O3 (ticket S3's c3), O5 (c2) -> 3, 125
    g = hb.by_group(sat("offers_given", group_by=["segment"]), "segment")
    hb.count(g["enterprise"], 2)
    assert g["enterprise"]["total_value"] == pytest.approx(10.5)
    hb.count(g["smb"], 3)
    assert g["smb"]["total_value"] == pytest.approx(125)


def test_offers_by_rep_is_the_tickets_owner(sat, hb):
    # owner at the offer time: O1 (S1) r1, O5 (S5) r1, O2 (S2 03-03) r2, O3 (S3) r2,
    # O4 (S4) unassigned
    g = hb.by_group(sat("offers_given", group_by=["rep"]), "rep")
    assert {k: v["value"] for k, v in g.items()} == {"r1": 2, "r2": 2, "unassigned": 1}
