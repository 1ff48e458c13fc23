"""CSAT, CES and NPS surveys.

CSAT (1-5) and CES (1-7) go out after a ticket is first solved; NPS (0-10) is a
relationship survey sent to customers independently of tickets. Many are never
answered (responded_at and score null). Scores follow a latent satisfaction
that is higher with skilled reps, lower after reopens and slow first replies,
so that the satisfaction metrics have real structure to find.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from supportlens.generate.calendar import DAY, END, HOUR, MINUTE
from supportlens.generate.catalog import COUNTRY_LANGUAGE_P, LANGUAGES
from supportlens.generate.chunk import Chunk
from supportlens.generate.rows import NO_TIME, Coded
from supportlens.generate.timing import lognormal, uniform

CSAT_CUTS = np.array([-1.0, -0.3, 0.4, 1.1])  # latent -> 1..5
CES_CUTS = np.array([-1.3, -0.8, -0.3, 0.2, 0.7, 1.3])  # latent -> 1..7
RESPONSE_RATE = {"csat": 0.33, "ces": 0.3, "nps": 0.25}


def _sentiment(kind: str, score: np.ndarray) -> np.ndarray:
    """0 positive, 1 neutral, 2 negative (the order of phrasings.SENTIMENTS)."""
    good, ok = {"csat": (4, 3), "ces": (5, 4), "nps": (9, 7)}[kind]
    return np.where(score >= good, 0, np.where(score >= ok, 1, 2))


def _add(
    chunk: Chunk,
    rng: np.random.Generator,
    kind: str,
    sent_at: np.ndarray,
    score: np.ndarray,
    language: np.ndarray,
    ticket: Coded | None,
    customer: Coded,
    rep: Coded | None,
) -> None:
    """Add surveys of one kind; decides which are answered and their comments."""
    n = sent_at.size
    responded_at = sent_at + lognormal(rng, np.full(n, 3 * HOUR), sigma=1.2)
    answered = (rng.random(n) < RESPONSE_RATE[kind]) & (responded_at < END)
    groups = _sentiment(kind, score) * len(LANGUAGES) + language
    comment = chunk.world.pools.comment.pick(rng, groups)
    commented = pa.array(answered & (rng.random(n) < 0.35))
    chunk.surveys.add(
        n,
        kind=kind,
        sent_at=sent_at,
        responded_at=np.where(answered, responded_at, NO_TIME),
        score=pa.array(score, pa.int64(), mask=~answered),
        ticket_id=ticket,
        customer_id=customer,
        rep_id=rep,
        comment=pc.if_else(commented, comment, pa.nulls(n, pa.string())),
    )


def add_surveys(chunk: Chunk) -> None:
    """Surveys about the chunk's solved tickets, and NPS surveys sent in its period."""
    rng = chunk.rng("surveys")
    n = chunk.n
    skill = np.where(chunk.final_rep >= 0, chunk.world.staff.rep_skill[chunk.final_rep], 0.3)
    slow = (chunk.first_reply != NO_TIME) & (chunk.first_reply - chunk.created > DAY)
    latent = 1.0 + 0.5 * skill - 1.3 * chunk.reopened - 0.6 * slow + rng.normal(0, 0.9, n)
    solved = chunk.first_solved != NO_TIME
    for kind, share, cuts, delay in (
        ("csat", 0.55, CSAT_CUTS, 2 * HOUR),
        ("ces", 0.12, CES_CUTS, HOUR),
    ):
        rows = np.flatnonzero(solved & (rng.random(n) < share))
        sent = chunk.first_solved[rows] + uniform(rng, 5 * MINUTE, delay, rows.size)
        score = 1 + (latent[rows, None] > cuts[None, :]).sum(axis=1)
        _add(
            chunk,
            rng,
            kind,
            sent,
            score,
            chunk.language[rows],
            chunk.tickets(rows),
            chunk.customers(rows),
            chunk.reps(chunk.final_rep[rows]),
        )

    # NPS: a relationship survey to customers active in this period.
    m = int(round(n * 0.06))
    anchor = rng.integers(0, n, size=m) if n else np.zeros(0, dtype=np.int64)
    sent = chunk.created[anchor] + uniform(rng, 0, DAY, m)
    customers = chunk.world.customers
    who = customers.pick(rng, chunk.region[anchor], sent)
    lift = np.array([0.4, 0.2, 0.0, -0.2])[customers.segment[who]]  # by people.SEGMENTS
    score = np.clip(np.round(7.8 + 1.8 * (rng.normal(0, 1, m) + lift)), 0, 10).astype(np.int64)
    language = np.argmax(COUNTRY_LANGUAGE_P[customers.country[who]], axis=1)
    _add(chunk, rng, "nps", sent, score, language, None, Coded(who, customers.ids), None)
