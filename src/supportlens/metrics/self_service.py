"""Self-service and social: knowledge base, community forum and social engagement.

KB and forum records belong to no ticket, so they group only by their own dimensions
(article, category, vote, author_type…) and by hour_of_day / weekday. Social
engagement carries its ticket (when it has one), like ticket metrics. Social *ticket*
metrics are the ticket metrics filtered with `channel_group=social`.
"""

from __future__ import annotations

import ibis

from supportlens.metrics.context import Context, as_number
from supportlens.metrics.dimensions import owner_at
from supportlens.metrics.distinct import KEY_FACTS
from supportlens.metrics.registry import Extra, Metric, register

SECTION = "Self-service and social"
KB_DIMS = ("article", "category")


def kb_votes_of(ctx: Context) -> ibis.Table:
    """KB vote events with `article` and the article's `category`."""
    e = ctx.table("kb_events")
    e = e.filter(e.type.isin(["upvote", "downvote"]))
    a = ctx.table("kb_articles")
    a = a.select(ka__article=a.article_id, ka__category=a.category)
    j = e.left_join(a, e.article_id == a.ka__article)
    return j.mutate(article=j.article_id, category=j.ka__category, dated_at=j["at"])


def kb_view_events(ctx: Context) -> ibis.Table:
    """KB view events with `article`, `category` and `view_key`: one integer per
    (session, article), and one per view without a session (store/record_facts.py)."""
    v = ctx.table("kb_view_facts")
    return v.mutate(article=v.article_id, dated_at=v["at"])


def kb_views(ctx: Context) -> ibis.Table:
    """Views keyed by view_key, with its key facts (metrics/distinct.py): a key is one
    (session, article), so its views agree on article and category."""
    v = kb_view_events(ctx)
    return v.select("dated_at", *KB_DIMS, *KEY_FACTS, key=v.view_key)


def kb_bounce_rate(ctx: Context) -> ibis.Table:
    v = kb_view_events(ctx)
    return v.select("dated_at", *KB_DIMS, hit=v.bounced.fill_null(False))


def kb_time_on_page(ctx: Context) -> ibis.Table:
    """Each view as a span of its seconds on the page (to the microsecond, as every
    duration), with those seconds: the engine need not work them out of the span's ends
    (0.12 -> 0.07 s at 1M tickets)."""
    v = kb_view_events(ctx)
    v = v.filter(v.seconds_on_page >= 0)
    micros = (v.seconds_on_page * 1_000_000).round().cast("int64")
    return v.select("dated_at", *KB_DIMS, start_at=v["at"],
                    end_at=v["at"] + micros.as_interval("us"),
                    seconds=micros.cast("float64") / 1_000_000)


def kb_votes(ctx: Context) -> ibis.Table:
    v = kb_votes_of(ctx)
    return v.select("dated_at", *KB_DIMS, vote=(v.type == "upvote").ifelse("up", "down"))


def kb_success_rate(ctx: Context) -> ibis.Table:
    """Unique KB views (side `num`, keyed as in kb_views) and tickets created (side `den`,
    keyed by their number) in one table, for the `ratio` kind, with key facts."""
    v = kb_view_events(ctx)
    views = v.select("dated_at", *KEY_FACTS, side=ibis.literal("num"), key=v.view_key)
    t = ctx.table("ticket_facts")
    # a ticket is its own key: one record, its first, in one quarter-hour
    tickets = t.select(dated_at=t.created_at, key_compact=ibis.literal(True),
                       key_first=ibis.literal(True), side=ibis.literal("den"), key=t.ticket_no)
    # UNION ALL: the distinct union deduplicated 3.3M rows at 1M tickets for nothing, as
    # both sides are counted as distinct keys (EXPLAIN ANALYZE 2.45 -> 1.50 s of operator
    # time; wall time on an idle machine about the same, 0.6 s; 4.1 -> 1.7 s under load).
    return views.union(tickets, distinct=False)


def forum_posts(ctx: Context) -> ibis.Table:
    p = ctx.table("forum_posts")
    return p.select("thread_id", "author_type", dated_at=p["at"])


def forum_success_rate(ctx: Context) -> ibis.Table:
    p = ctx.table("forum_posts")
    return p.group_by("thread_id").aggregate(
        dated_at=p["at"].min(), hit=p.accepted_answer.fill_null(False).any())


def social_engagement(ctx: Context) -> ibis.Table:
    s = ctx.table("engagement_facts")
    return s.select("ticket_id", "platform", "type", dated_at=s["at"],
                    x=s["count"].fill_null(1).cast("int64"), **owner_at(s, "at"))


def _helpfulness(t: ibis.Table) -> ibis.Value:
    return as_number(t.vote == "up", "float64").mean()


KB_RULES = ("Grouped by category, the category comes from kb_articles (null for an "
            "article missing there or without one).")

register(Metric(
    "kb_views", SECTION, "distinct", "at",
    "Unique knowledge-base page views: distinct (session, article) pairs among view "
    "events; dimensions `article` and `category`.",
    kb_views, dimensions=KB_DIMS,
    rules="A session that views the same article several times counts once per report row: "
          "once in a total, but once in each period in which it viewed it (so periods may "
          "add up to more than the total). A view without a session_id counts on its own. "
          + KB_RULES))
register(Metric(
    "kb_bounce_rate", SECTION, "rate", "at",
    "Bounced views / views of knowledge-base articles; dimensions `article` and `category`.",
    kb_bounce_rate, dimensions=KB_DIMS,
    rules="Counted over view events, not unique views: a session viewing an article twice "
          "gives two views, each bounced or not. A view with no `bounced` value counts as "
          "not bounced. " + KB_RULES))
register(Metric(
    "kb_time_on_page", SECTION, "duration", "at",
    "Time spent on a knowledge-base article per view (seconds_on_page); dimensions "
    "`article` and `category`.",
    kb_time_on_page, dimensions=KB_DIMS,
    rules="Views without seconds_on_page (or with a negative one) are left out; every view "
          "event counts, bounced ones included. The view spans from its `at` to `at` + "
          "seconds_on_page, so `--hours business` keeps only the seconds inside business "
          "hours (a view at night counts 0). " + KB_RULES))
register(Metric(
    "kb_votes", SECTION, "count", "at",
    "Upvotes and downvotes on knowledge-base articles; dimension `vote` (up, down), and "
    "`article`, `category`. Helpfulness = up / (up + down) is reported beside it.",
    kb_votes, dimensions=("vote", *KB_DIMS),
    rules="Every vote event counts, even several by one session on one article. "
          "Helpfulness is null when the row has no votes. " + KB_RULES,
    extras=(Extra("helpfulness", "upvotes / (upvotes + downvotes)", _helpfulness,
                  unit="rate"),)))
register(Metric(
    "kb_success_rate", SECTION, "ratio", "at / created_at",
    "Knowledge-base views per ticket: unique KB views (as kb_views) / tickets created "
    "(as tickets_created) in the same period. Above 1 means more articles read than "
    "tickets opened.",
    kb_success_rate,
    rules="Views are dated by their time, tickets by created_at; both are counted in the "
          "period that holds them. numerator = the unique views, denominator and n = the "
          "tickets; the value is null when no ticket was created in the period. It groups "
          "only by hour_of_day and weekday: KB views have no ticket, channel or article "
          "shared with tickets."))
register(Metric(
    "forum_posts", SECTION, "count", "at",
    "New community forum posts (thread starts and replies); dimension `author_type` "
    "(customer, rep).",
    forum_posts, dimensions=("author_type",)))
register(Metric(
    "forum_success_rate", SECTION, "rate", "thread start",
    "Forum threads with an accepted answer / threads started, dated by the thread's first "
    "post.",
    forum_success_rate,
    rules="A thread with several accepted answers counts once. An answer accepted later "
          "than the period (or after --to) still counts for the period the thread started "
          "in. A thread's start is its earliest post. A post with no accepted_answer value is "
          "not an accepted answer."))
register(Metric(
    "social_engagement", SECTION, "sum", "at",
    "Social engagement: the sum of `count` (likes, shares, positive replies, mentions) "
    "over engagement rows; dimensions `platform` and `type`.",
    social_engagement, dimensions=("platform", "type"),
    rules="A row with no count counts 1. `n` is the number of engagement rows, the value "
          "their summed count. Rows linked to a ticket group by its columns (channel, "
          "customer…) and by its owner at the engagement time; others have null there "
          "and `unassigned` as rep. `type` here is the engagement type, not the ticket's. "
          "Social *ticket* metrics (social tickets, social response time, social SLA, bot "
          "resolutions on social) are the ticket metrics filtered with `--where "
          "channel_group=social`: channels twitter, facebook, instagram and linkedin unless "
          "SUPPORTLENS_SOCIAL_CHANNELS lists others."))
