"""Self-service and goodwill: help-center views and votes, forum threads, social
engagement and offers.

Activity is generated per chunk for the chunk's period, anchored on its tickets'
creation times, so it inherits their weekday and hour-of-day seasonality and
scales with the dataset.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from supportlens.generate.calendar import HOUR, MINUTE
from supportlens.generate.catalog import CHANNELS, INTENT_INDEX, INTENT_P, INTENTS
from supportlens.generate.chunk import Chunk
from supportlens.generate.rows import NO_TIME, Coded
from supportlens.generate.timing import lognormal, uniform

REFUND_TOPICS = (
    "refund_status",
    "damaged_item",
    "wrong_item",
    "double_charged",
    "delivery_delay",
    "warranty_claim",
)
OFFER_KINDS = pa.array(["refund", "discount", "coupon", "gift"], pa.string())
PLATFORMS = pa.array(["twitter", "facebook", "instagram", "linkedin"], pa.string())
PLATFORM_P = [0.35, 0.3, 0.25, 0.1]
ENGAGEMENTS = pa.array(["like", "share", "mention", "positive_reply"], pa.string())
ENGAGEMENT_P = [0.45, 0.2, 0.25, 0.1]
VIEW, UPVOTE, DOWNVOTE = range(3)
KB_EVENT_TYPES = pa.array(["view", "upvote", "downvote"], pa.string())


def _anchors(chunk: Chunk, rng: np.random.Generator, m: int, before: int, after: int) -> np.ndarray:
    """m times near random tickets of the chunk (from `before` s earlier to `after` s later)."""
    if chunk.n == 0 or m == 0:
        return np.zeros(0, dtype=np.int64)
    t = chunk.created[rng.integers(0, chunk.n, size=m)] + uniform(rng, -before, after, m)
    return np.maximum(t, chunk.world.span.start)


def add_offers(chunk: Chunk) -> None:
    """Refunds, discounts, coupons and gifts given while handling human tickets."""
    rng = chunk.rng("offers")
    n = chunk.n
    refund_topic = np.isin(chunk.intent, [INTENT_INDEX[k] for k in REFUND_TOPICS])
    given = (chunk.first_reply != NO_TIME) & (rng.random(n) < np.where(refund_topic, 0.3, 0.035))
    rows = np.flatnonzero(given)
    m = rows.size
    goodwill = rng.choice(3, size=m, p=[0.45, 0.35, 0.2]) + 1
    kind = np.where(refund_topic[rows] & (rng.random(m) < 0.7), 0, goodwill)
    value = np.select(
        [kind == 0, kind == 1, kind == 2],
        [
            np.round(rng.lognormal(np.log(60), 0.8, m), 2),
            rng.choice([10.0, 15.0, 20.0, 25.0, 30.0], m),
            rng.choice([5.0, 10.0, 20.0, 25.0], m),
        ],
        np.round(rng.uniform(15, 40, m)),
    )
    # Offered while the ticket is worked on: after the first reply, by the time it is solved.
    at = chunk.first_reply[rows] + uniform(rng, MINUTE, HOUR, m)
    solved = chunk.first_solved[rows]
    at = np.where(
        solved != NO_TIME, np.minimum(at, np.maximum(solved, chunk.first_reply[rows])), at
    )
    chunk.offers.add(
        m,
        at=at,
        kind=Coded(kind, OFFER_KINDS),
        value=value,
        customer_id=chunk.customers(rows),
        ticket_id=chunk.tickets(rows),
    )


def add_social(chunk: Chunk) -> None:
    """Brand engagement on social platforms, plus thanks on solved social tickets."""
    rng = chunk.rng("social")
    platform_of = {c: i for i, c in enumerate(PLATFORMS.to_pylist())}
    channel = np.array(CHANNELS)[chunk.channel]
    social = np.isin(channel, list(platform_of))
    rows = np.flatnonzero(social & (chunk.first_solved != NO_TIME) & (rng.random(chunk.n) < 0.3))
    kind = np.where(rng.random(rows.size) < 0.6, 3, 0)  # positive_reply or like
    chunk.social.add(
        rows.size,
        at=chunk.first_solved[rows] + uniform(rng, MINUTE, 6 * HOUR, rows.size),
        platform=Coded(np.array([platform_of[c] for c in channel[rows]], np.int64), PLATFORMS),
        type=Coded(kind, ENGAGEMENTS),
        count=1,
        ticket_id=chunk.tickets(rows),
    )
    m = int(round(chunk.n * 0.05))
    kind = rng.choice(len(ENGAGEMENT_P), size=m, p=ENGAGEMENT_P)
    median = np.array([12.0, 3.0, 1.0, 1.0])[kind]
    count = np.where(kind == 3, 1, 1 + (median * rng.lognormal(0, 0.9, m)).astype(np.int64))
    chunk.social.add(
        m,
        at=_anchors(chunk, rng, m, 6 * HOUR, 0),
        platform=Coded(rng.choice(len(PLATFORM_P), size=m, p=PLATFORM_P), PLATFORMS),
        type=Coded(kind, ENGAGEMENTS),
        count=count,
    )


def add_kb_events(chunk: Chunk) -> None:
    """Help-center sessions: page views (time on page, bounces) and some votes."""
    rng = chunk.rng("kb")
    kb = chunk.world.kb
    sessions = int(round(chunk.n * 1.4))
    if sessions == 0:
        return
    start = _anchors(chunk, rng, sessions, 3 * HOUR, 0)
    size = np.minimum(rng.geometric(0.6, size=sessions), 6)
    topic = rng.choice(len(INTENTS), size=sessions, p=INTENT_P)
    session = np.repeat(np.arange(sessions), size)
    v = session.size
    article = kb.by_intent[topic[session], (rng.random(v) * kb.count[topic[session]]).astype(int)]
    article = np.where(rng.random(v) < 0.2, rng.integers(0, len(kb.ids), size=v), article)
    bounced = (size[session] == 1) & (rng.random(v) < 0.55)
    seconds = np.where(
        bounced, lognormal(rng, np.full(v, 7.0), 0.6), lognormal(rng, np.full(v, 50.0), 0.9)
    )
    seconds = np.minimum(seconds, 1800)
    # Views of a session follow each other: each starts when the previous one ended
    # (plus a few seconds to click), i.e. after the session's earlier steps.
    step = seconds + uniform(rng, 2, 20, v)
    earlier = np.cumsum(step) - step
    first_of_session = np.cumsum(size) - size
    at = start[session] + earlier - np.repeat(earlier[first_of_session], size)
    chunk.kb_events.add(
        v,
        _session=session,
        article_id=Coded(article, kb.ids),
        at=at,
        type="view",
        seconds_on_page=seconds.astype(np.float64),
        bounced=bounced,
    )
    voted = np.flatnonzero(~bounced & (rng.random(v) < 0.07))
    up = rng.random(voted.size) < kb.helpfulness[article[voted]]
    chunk.kb_events.add(
        voted.size,
        _session=session[voted],
        article_id=Coded(article[voted], kb.ids),
        at=at[voted] + seconds[voted],
        type=Coded(np.where(up, UPVOTE, DOWNVOTE), KB_EVENT_TYPES),
    )


def add_forum(chunk: Chunk) -> None:
    """Community forum threads; about half get an accepted answer."""
    rng = chunk.rng("forum")
    threads = int(round(chunk.n * 0.03))
    if threads == 0:
        return
    start = _anchors(chunk, rng, threads, 0, 2 * HOUR)
    size = 1 + np.minimum(rng.poisson(1.6, size=threads), 7)
    thread = np.repeat(np.arange(threads), size)
    p = thread.size
    first = np.cumsum(size) - size
    position = np.arange(p) - np.repeat(first, size)
    gap = np.where(position == 0, 0, lognormal(rng, np.full(p, 4.0 * HOUR), 1.2))
    total = np.cumsum(gap)
    elapsed = total - np.repeat(total[first], size)
    accepted_at = np.where(
        (size > 1) & (rng.random(threads) < 0.5),
        1 + (rng.random(threads) * (size - 1)).astype(np.int64),
        -1,
    )
    accepted = position == np.repeat(accepted_at, size)
    by_rep = (position > 0) & ((rng.random(p) < 0.35) | (accepted & (rng.random(p) < 0.6)))
    chunk.forum.add(
        p,
        _thread=thread,
        at=start[thread] + elapsed,
        author_type=Coded(by_rep.astype(np.int64), pa.array(["customer", "rep"])),
        accepted_answer=accepted,
    )
