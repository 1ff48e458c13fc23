"""Self-service and social (metrics.md), computed by hand from data/README.md.

View events: K01 K02 K03 K04 K05 K06 K07 K08 K14 K15 (10; K15 in January, the rest in
March). Unique (session, article) views: (s1,A1) K01 K02 K08, (s1,A2) K03, (s2,A1) K04,
K05 and K06 (no session: one each), (s3,A3) K07, (s6,A9) K14, (s7,A1) K15 -> 8.
Categories: A1 account; A2, A3 billing; A9 not in kb_articles (null).
"""

from __future__ import annotations

import pytest

from supportlens.errors import QueryError

# -------------------------------------------------------------------------------- kb_views


def test_kb_views_total(sat, hb):
    # K01, K02 and K08 are one (s1, A1) view; K05 and K06 have no session and count alone
    rep = sat("kb_views")
    assert rep["unit"] == "count"
    hb.count(hb.only(rep), 8)


def test_kb_views_by_week_counts_a_pair_in_each_week(sat, hb):
    # week Mar 2: (s1,A1) K01+K02, (s1,A2) K03, (s2,A1) K04, K05, K06 -> 5
    # week Mar 9: (s1,A1) again (K08), (s3,A3) K07, (s6,A9) K14 -> 3
    # the whole range: 7, not 5 + 3, since (s1,A1) is one unique view
    p = hb.by_period(sat("kb_views", date_from="2026-03-02", date_to="2026-03-15", by="week"))
    assert [p[w]["value"] for w in ("2026-03-02", "2026-03-09")] == [5, 3]
    hb.count(hb.only(sat("kb_views", date_from="2026-03-02", date_to="2026-03-15")), 7)


def test_kb_views_by_month(sat, hb):
    # Jan (s7,A1) -> 1; Feb none -> 0; Mar 7; Apr none -> 0
    p = hb.by_period(sat("kb_views", **hb.JAN_TO_APR))
    assert [p[m]["value"] for m in hb.MONTHS] == [1, 0, 7, 0]


def test_kb_views_by_article_and_category(sat, hb):
    # A1: (s1,A1) (s2,A1) (s7,A1) -> 3; A2: (s1,A2), K05, K06 -> 3; A3 1; A9 1
    g = hb.by_group(sat("kb_views", group_by=["article"]), "article")
    assert {k: v["value"] for k, v in g.items()} == {"A1": 3, "A2": 3, "A3": 1, "A9": 1}
    # account = A1 -> 3; billing = A2 + A3 -> 4; A9 has no category -> null, 1
    g = hb.by_group(sat("kb_views", group_by=["category"]), "category")
    assert {k: v["value"] for k, v in g.items()} == {"account": 3, "billing": 4, None: 1}
    hb.count(hb.only(sat("kb_views", where=["category=billing"])), 4)


def test_kb_views_have_no_ticket_dimensions(sat):
    with pytest.raises(QueryError, match="unknown dimension 'channel'"):
        sat("kb_views", group_by=["channel"])


# -------------------------------------------------------------------------- kb_bounce_rate


def test_kb_bounce_rate(sat, hb):
    # over view events, not unique views: 10 views, bounced K02 K04 K07 -> 3/10
    # (K05 has no `bounced`: not bounced)
    rep = sat("kb_bounce_rate")
    assert rep["unit"] == "rate"
    hb.rate(hb.only(rep), 3, 10)


def test_kb_bounce_rate_by_category_and_month(sat, hb):
    # account (A1): K01 K02 K04 K08 K15, bounced K02 K04 -> 2/5
    # billing (A2, A3): K03 K05 K06 K07, bounced K07 -> 1/4; null (A9): K14 -> 0/1
    g = hb.by_group(sat("kb_bounce_rate", group_by=["category"]), "category")
    hb.rate(g["account"], 2, 5)
    hb.rate(g["billing"], 1, 4)
    hb.rate(g[None], 0, 1)
    # Jan K15 -> 0/1; Feb none -> null; Mar 3/9; Apr none -> null
    p = hb.by_period(sat("kb_bounce_rate", **hb.JAN_TO_APR))
    hb.rate(p["2026-01-01"], 0, 1)
    hb.rate(p["2026-02-01"], 0, 0)
    hb.rate(p["2026-03-01"], 3, 9)
    hb.rate(p["2026-04-01"], 0, 0)


# ------------------------------------------------------------------------- kb_time_on_page


def test_kb_time_on_page(sat, hb):
    # views with seconds (K07 has none): 30 10 60 5 45.5 14.5 20 8 12 -> n 9, sum 205
    # sorted 5 8 10 12 14.5 20 30 45.5 60: median 14.5;
    # p90 at position 0.9 * 8 = 7.2 -> 45.5 + 0.2 * (60 - 45.5) = 48.4
    rep = sat("kb_time_on_page")
    assert rep["unit"] == "seconds"
    row = hb.only(rep)
    assert row["n"] == 9
    assert row["value"] == pytest.approx(205 / 9)
    assert row["median"] == pytest.approx(14.5)
    assert row["p90"] == pytest.approx(48.4)


def test_kb_time_on_page_by_category(sat, hb):
    # account: 30 10 5 20 12 -> mean 77/5 = 15.4, median 12, p90 at 3.6 -> 20 + 0.6*10 = 26
    # billing: 60 45.5 14.5 (K07 left out) -> mean 40, median 45.5,
    #          p90 at 1.8 -> 45.5 + 0.8 * 14.5 = 57.1
    g = hb.by_group(sat("kb_time_on_page", group_by=["category"]), "category")
    assert (g["account"]["n"], g["billing"]["n"], g[None]["n"]) == (5, 3, 1)
    assert g["account"]["value"] == pytest.approx(15.4)
    assert g["account"]["median"] == pytest.approx(12)
    assert g["account"]["p90"] == pytest.approx(26)
    assert g["billing"]["value"] == pytest.approx(40)
    assert g["billing"]["median"] == pytest.approx(45.5)
    assert g["billing"]["p90"] == pytest.approx(57.1)


# --------------------------------------------------------------------------------- kb_votes


def test_kb_votes(sat, hb):
    # up K09 K10 K13, down K11 K12 -> 5 votes; helpfulness 3 / (3 + 2) = 0.6
    row = hb.only(sat("kb_votes"))
    hb.count(row, 5)
    assert row["helpfulness"] == pytest.approx(0.6)
    g = hb.by_group(sat("kb_votes", group_by=["vote"]), "vote")
    hb.count(g["up"], 3)
    assert g["up"]["helpfulness"] == pytest.approx(1)
    hb.count(g["down"], 2)
    assert g["down"]["helpfulness"] == pytest.approx(0)


def test_kb_votes_by_article_and_week(sat, hb):
    # A1: K09 up, K13 up -> 2, 1.0; A2: K10 up, K11 down -> 2, 0.5; A3: K12 down -> 1, 0.0
    g = hb.by_group(sat("kb_votes", group_by=["article"]), "article")
    assert {k: (v["value"], v["helpfulness"]) for k, v in g.items()} == \
        {"A1": (2, 1.0), "A2": (2, 0.5), "A3": (1, 0.0)}
    # week Mar 2: K09 K10 -> 2, 1.0; week Mar 9: K11 K12 down, K13 up -> 3, 1/3;
    # week Mar 16: none -> 0, helpfulness null
    p = hb.by_period(sat("kb_votes", date_from="2026-03-02", date_to="2026-03-22", by="week"))
    hb.count(p["2026-03-02"], 2)
    assert p["2026-03-02"]["helpfulness"] == pytest.approx(1)
    hb.count(p["2026-03-09"], 3)
    assert p["2026-03-09"]["helpfulness"] == pytest.approx(1 / 3)
    hb.count(p["2026-03-16"], 0)
    assert p["2026-03-16"]["helpfulness"] is None


# -------------------------------------------------------------------------- kb_success_rate


def test_kb_success_rate_is_documented(sat):
    rep_unit = next(m["unit"] for m in sat.ws.metrics() if m["id"] == "kb_success_rate")
    assert rep_unit == "ratio"


def test_kb_success_rate_total(sat, hb):
    # unique views 8 / tickets created S1-S6 = 6
    rep = sat("kb_success_rate")
    assert rep["unit"] == "ratio"
    row = hb.only(rep)
    assert (row["numerator"], row["denominator"], row["n"]) == (8, 6, 6)
    assert row["value"] == pytest.approx(8 / 6)


def test_kb_success_rate_by_month(sat, hb):
    # Jan: 1 view (s7,A1) / 1 ticket (S5) = 1.0; Feb: 0 views / 1 ticket (S6) = 0.0;
    # Mar: 7 unique views / 4 tickets (S1-S4) = 1.75; Apr: 0 / 0 -> null
    p = hb.by_period(sat("kb_success_rate", **hb.JAN_TO_APR))
    assert list(p) == hb.MONTHS
    assert [p[m]["value"] for m in hb.MONTHS] == [pytest.approx(1.0), pytest.approx(0.0),
                                                  pytest.approx(1.75), None]
    assert (p["2026-03-01"]["numerator"], p["2026-03-01"]["denominator"]) == (7, 4)


def test_kb_success_rate_has_no_ticket_dimensions(sat, hb):
    with pytest.raises(QueryError, match="unknown dimension 'channel'"):
        sat("kb_success_rate", group_by=["channel"])
    # weekday of the dated-by time works on both sides. Mondays: 01-05 (K15, (s7,A1)),
    # 03-02 (K01-K03: (s1,A1), (s1,A2)), 03-09 (K08: (s1,A1) again) -> 3 unique views;
    # tickets created on a Monday: S1 (03-02) -> 3 / 1
    g = hb.by_group(sat("kb_success_rate", group_by=["weekday"]), "weekday")
    assert (g[1]["numerator"], g[1]["denominator"]) == (3, 1)


# ------------------------------------------------------------------------------ forum_posts


def test_forum_posts(sat, hb):
    # P1-P9 = 9; customer P1 P3 P4 P5 P6 P9 = 6, rep P2 P7 P8 = 3
    hb.count(hb.only(sat("forum_posts")), 9)
    g = hb.by_group(sat("forum_posts", group_by=["author_type"]), "author_type")
    assert {k: v["value"] for k, v in g.items()} == {"customer": 6, "rep": 3}
    # Jan P8 -> 1; Feb 0; Mar 8; Apr 0
    p = hb.by_period(sat("forum_posts", **hb.JAN_TO_APR))
    assert [p[m]["value"] for m in hb.MONTHS] == [1, 0, 8, 0]


def test_forum_success_rate(sat, hb):
    # threads F1 (two accepted answers: once), F2 no, F3 yes, F4 no, F5 no -> 2/5
    rep = sat("forum_success_rate")
    assert rep["unit"] == "rate"
    hb.rate(hb.only(rep), 2, 5)


def test_forum_success_rate_dated_by_thread_start(sat, hb):
    # week Mar 2: F1 yes, F2 no -> 1/2; week Mar 9: F3 (started 03-09, accepted 03-16)
    # -> 1/1; week Mar 16: F5 -> 0/1 (P7's acceptance does not make a thread of week Mar 16)
    p = hb.by_period(sat("forum_success_rate", date_from="2026-03-02", date_to="2026-03-22",
                         by="week"))
    hb.rate(p["2026-03-02"], 1, 2)
    hb.rate(p["2026-03-09"], 1, 1)
    hb.rate(p["2026-03-16"], 0, 1)
    # up to 03-15: F1 F2 F3 -> 2/3 (F3's answer came after --to and still counts)
    hb.rate(hb.only(sat("forum_success_rate", date_from="2026-03-01", date_to="2026-03-15")),
            2, 3)


# ------------------------------------------------------------------------ social_engagement


def test_social_engagement_total(sat, hb):
    # 5 + 1 (G2 empty) + 3 + 1 (G4 empty) + 2 + 10 = 22 over 6 rows
    rep = sat("social_engagement")
    assert rep["unit"] == "count"
    hb.count(hb.only(rep), 22, n=6)


def test_social_engagement_by_platform_and_type(sat, hb):
    # twitter G1 5 + G2 1 + G5 2 = 8; facebook G3 3 + G4 1 = 4; instagram G6 10
    g = hb.by_group(sat("social_engagement", group_by=["platform"]), "platform")
    hb.count(g["twitter"], 8, n=3)
    hb.count(g["facebook"], 4, n=2)
    hb.count(g["instagram"], 10, n=1)
    # like G1 5 + G3 3 + G6 10 = 18; share 1; mention 1; positive_reply 2
    g = hb.by_group(sat("social_engagement", group_by=["type"]), "type")
    assert {k: v["value"] for k, v in g.items()} == \
        {"like": 18, "share": 1, "mention": 1, "positive_reply": 2}
    hb.count(hb.only(sat("social_engagement", where=["platform=twitter", "type=like"])), 5,
             n=1)


def test_social_engagement_by_month(sat, hb):
    # Jan G6 10; Feb 0; Mar 5 + 1 + 3 + 1 + 2 = 12; Apr 0
    p = hb.by_period(sat("social_engagement", **hb.JAN_TO_APR))
    assert [p[m]["value"] for m in hb.MONTHS] == [10, 0, 12, 0]
    assert [p[m]["n"] for m in hb.MONTHS] == [1, 0, 5, 0]


def test_social_engagement_by_ticket_channel_and_rep(sat, hb):
    # by the ticket's channel: twitter (S3) G1 5 + G5 2 = 7; facebook (S4) G3 3 + G4 1 = 4;
    # no ticket: G2 1 + G6 10 = 11
    g = hb.by_group(sat("social_engagement", group_by=["channel"]), "channel")
    assert {k: v["value"] for k, v in g.items()} == {"twitter": 7, "facebook": 4, None: 11}
    # by the ticket's owner at the engagement time: r2 (S3 from 03-10 08:10) G1 + G5 = 7;
    # unassigned: S4 (G3, G4) and no ticket (G2, G6) = 3 + 1 + 1 + 10 = 15
    g = hb.by_group(sat("social_engagement", group_by=["rep"]), "rep")
    hb.count(g["r2"], 7, n=2)
    hb.count(g["unassigned"], 15, n=4)
