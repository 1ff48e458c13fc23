"""Satisfaction and customers: CSAT, NPS, CES, survey response rate and offers.

Survey records keep the survey's own `ticket_id`, `customer_id` and `rep_id`, so a
report can be grouped by any ticket or customer column (the survey's customer wins
over the ticket's) and by the rep the survey is about. churn_rate and the
agent leaderboard live elsewhere (they need more than one record per row).
"""

from __future__ import annotations

import ibis

from supportlens.metrics.context import Context, as_number
from supportlens.metrics.dimensions import UNASSIGNED, owner_at
from supportlens.metrics.registry import Extra, Metric, register

SECTION = "Satisfaction and customers"

# NPS bands on the 0–10 scale (metrics.md): promoters 9–10, detractors 0–6.
PROMOTER_FROM = 9
DETRACTOR_UP_TO = 6
CSAT_GOOD_FROM = 4  # CSAT 1–5: 4 and 5 are satisfied
CES_HIGH_FROM = 5  # CES 1–7 (7 = very easy): 5, 6 and 7 are easy


def answered(s: ibis.Table) -> ibis.Value:
    """A survey is answered when it has both a response time and a score."""
    return s.responded_at.notnull() & s.score.notnull()


def survey_rep(s: ibis.Table, at: str) -> ibis.Value:
    """The rep a survey is about: its own rep_id, else the owner of its ticket at `at`
    (metrics.md, owner at a time; stored in survey_facts), else `unassigned`. Its team is
    that rep's (dimensions._join_people)."""
    return ibis.coalesce(s.rep_id, owner_at(s, at)["owner_rep"], ibis.literal(UNASSIGNED))


def responses(ctx: Context, kind: str) -> ibis.Table:
    """Answered surveys of one kind, dated by responded_at, with ticket, customer, rep."""
    s = ctx.table("survey_facts")
    s = s.filter((s.kind == kind) & answered(s))
    return s.select("ticket_id", "customer_id", "score", rep_id=survey_rep(s, "responded_at"),
                    dated_at=s.responded_at)


def csat(ctx: Context) -> ibis.Table:
    r = responses(ctx, "csat")
    return r.mutate(hit=r.score >= CSAT_GOOD_FROM)


def nps_category(score: ibis.Value) -> ibis.Value:
    return ibis.cases((score >= PROMOTER_FROM, "promoter"),
                      (score <= DETRACTOR_UP_TO, "detractor"), else_="passive")


def nps(ctx: Context) -> ibis.Table:
    """Each response scores +100 (promoter), −100 (detractor) or 0 (passive): their mean
    is 100 × (promoters − detractors) / responses."""
    r = responses(ctx, "nps")
    category = nps_category(r.score)
    # Integers, then a cast: PostgreSQL reads 100.0 as numeric (and ibis would skip the cast).
    x = ibis.cases((category == "promoter", 100), (category == "detractor", -100), else_=0)
    return r.mutate(nps_category=category, x=x.cast("float64"))


def ces(ctx: Context) -> ibis.Table:
    r = responses(ctx, "ces")
    return r.mutate(x=r.score.cast("float64"))


def survey_response_rate(ctx: Context) -> ibis.Table:
    s = ctx.table("survey_facts")
    return s.select("ticket_id", "customer_id", "kind", rep_id=survey_rep(s, "sent_at"),
                    dated_at=s.sent_at, hit=answered(s))


def offers_given(ctx: Context) -> ibis.Table:
    o = ctx.table("offer_facts")
    return o.select("ticket_id", "customer_id", "kind", "value", dated_at=o["at"],
                    **owner_at(o, "at"))


_BANDS = {"promoter": "scores 9–10", "passive": "scores 7–8", "detractor": "scores 0–6"}


def _count_of(category: str) -> Extra:
    """Extra: how many responses of the row fall in one NPS band."""
    return Extra(f"{category}s", f"number of {category} responses ({_BANDS[category]})",
                 lambda t: as_number(t.nps_category == category).sum(), unit="count")

SURVEY_RULES = (
    "A survey counts as a response when it has both responded_at and a score; one with "
    "only a response time or only a score is left out. Scores are used as imported (not "
    "range-checked). Grouped by rep: the survey's rep_id, else the owner of its ticket at "
    "responded_at, else `unassigned`; team is that rep's team (null for `unassigned`). "
    "Customer columns use the survey's customer_id, else its ticket's customer.")

register(Metric(
    "csat", SECTION, "rate", "responded_at",
    "Customer satisfaction: CSAT responses scoring 4 or 5 / all CSAT responses (scores "
    "1–5). The mean score is reported beside it.",
    csat,
    rules=SURVEY_RULES + " Unanswered surveys are not in CSAT (see survey_response_rate).",
    extras=(Extra("mean_score", "mean CSAT score (1–5) of the responses",
                  lambda t: t.score.cast("float64").mean(), unit="mean"),)))
register(Metric(
    "nps", SECTION, "mean", "responded_at",
    "Net Promoter Score: 100 × (promoters scoring 9–10 − detractors scoring 0–6) / NPS "
    "responses, from −100 to 100; dimension `nps_category` (promoter, passive, detractor).",
    nps, dimensions=("nps_category",), unit_override="score",
    rules=SURVEY_RULES + " Passives (7–8) count in the responses but on neither side. "
          "Grouped by nps_category each row is +100, 0 or −100 by construction; its n is "
          "the number of responses in that band.",
    extras=tuple(_count_of(c) for c in ("promoter", "passive", "detractor"))))
register(Metric(
    "ces", SECTION, "mean", "responded_at",
    "Customer effort score: mean CES score (1–7, 7 = very easy). The share of responses "
    "scoring 5 or more is reported beside it.",
    ces, rules=SURVEY_RULES,
    extras=(Extra("share_high", "share of responses scoring 5, 6 or 7 (easy)",
                  lambda t: as_number(t.score >= CES_HIGH_FROM, "float64").mean(), unit="rate"),)))
register(Metric(
    "survey_response_rate", SECTION, "rate", "sent_at",
    "Answered surveys / surveys sent, all kinds together; dimension `kind` (csat, nps, "
    "ces) splits them.",
    survey_response_rate, dimensions=("kind",),
    rules="Answered = responded_at and score both present (the same responses csat, nps "
          "and ces use). A survey is dated by when it was sent, so an answer given in a later "
          "period still counts for the sending period; a survey not answered yet counts as "
          "unanswered (no grace period). Grouped by rep: the survey's rep_id, else the owner "
          "of its ticket at sent_at, else `unassigned`."))
register(Metric(
    "offers_given", SECTION, "count", "at",
    "Offers given (discounts, coupons, gifts, refunds); dimension `kind`. The total value "
    "of the offers is reported beside the count.",
    offers_given, dimensions=("kind",),
    rules="An offer without a value counts in the number of offers but adds nothing to "
          "total_value, which is null when no offer of the row has a value. Customer columns "
          "use the offer's customer_id, else its ticket's customer; grouped by rep, the "
          "owner of its ticket at the offer time (`unassigned` without a ticket).",
    extras=(Extra("total_value", "sum of the offers' value",
                  lambda t: t["value"].sum()),)))
