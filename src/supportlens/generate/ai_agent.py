"""The AI agent's part of chat conversations: questions, AI replies, feedback, handoffs.

A conversation has 1-3 rounds of (customer question, AI reply). Whether the
agent can answer depends on the topic's coverage in the help center; answers
cite articles (`sources`) and/or perform an action, non-answers are fallback
replies (answered = false) whose preceding question is recorded in the gap
labels. The conversation then ends one of seven ways: the AI resolves it, the
visitor leaves, the visitor asks for a human that nobody answers, or it is
handed off to a human by the AI agent, an automation rule, a person (manual)
or at the visitor's request. Handed-off conversations continue in `lifecycle`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from supportlens.generate.calendar import DAY, HOUR, MINUTE
from supportlens.generate.catalog import (
    ACTIONS,
    COVERAGE,
    INTENT_ACTION,
    INTENT_P,
    INTENTS,
    LANGUAGES,
    pick_weighted,
)
from supportlens.generate.chunk import Chunk
from supportlens.generate.rows import NO_TIME, Coded
from supportlens.generate.timing import uniform
from supportlens.generate.world import KnowledgeBase

MAX_AI_ROUNDS = 3
ROUNDS_P = [0.55, 0.3, 0.15]
OUTCOMES = (
    "resolved",
    "left",
    "handoff_ai_agent",
    "handoff_visitor",
    "handoff_automation",
    "handoff_manual",
    "asked_no_handoff",
)
RESOLVED, LEFT, BY_AI, BY_VISITOR, BY_AUTOMATION, MANUAL, ASKED = range(len(OUTCOMES))
# Outcome probabilities after the last AI reply, when it answered / when it fell back.
P_AFTER_ANSWER = np.array([0.62, 0.10, 0.0, 0.10, 0.08, 0.05, 0.05])
P_AFTER_FALLBACK = np.array([0.0, 0.28, 0.40, 0.17, 0.04, 0.04, 0.07])
RATINGS = pa.array(["helpful", "not_helpful"], pa.string())


@dataclass(frozen=True)
class Handoffs:
    """Conversations passed to a human: chunk rows, when a human takes over, and
    whether a person took it over by hand (then a rep assigns it at once)."""

    rows: np.ndarray
    start: np.ndarray
    manual: np.ndarray


def sources_for(
    rng: np.random.Generator, kb: KnowledgeBase, intent: np.ndarray, cited: np.ndarray
) -> pa.Array:
    """A list of 1-3 distinct article ids of each row's topic (null where not `cited`)."""
    n = intent.size
    count = kb.count[intent]
    m = 1 + (rng.random(n) < 0.4) + (rng.random(n) < 0.15)
    m = np.where(cited, np.minimum(m, count), 0)
    offsets = np.concatenate(([0], np.cumsum(m))).astype(np.int32)
    first = (rng.random(n) * count).astype(np.int64)
    row = np.repeat(np.arange(n), m)
    j = np.arange(row.size) - offsets[row]
    articles = kb.by_intent[intent[row], (first[row] + j) % count[row]]
    values = kb.ids.take(pa.array(articles, pa.int64()))
    return pa.ListArray.from_arrays(pa.array(offsets), values, mask=pa.array(~cited))


def run_ai_agent(chunk: Chunk, rows: np.ndarray, first_question: np.ndarray) -> Handoffs:
    """Generate the AI-handled part of conversations `rows` (whose first customer
    message is at buffer position `first_question`)."""
    n = rows.size
    rng = chunk.rng("ai_agent")
    pools, kb = chunk.world.pools, chunk.world.kb
    lang = chunk.language[rows]
    languages = len(LANGUAGES)
    k = rng.choice(MAX_AI_ROUNDS, size=n, p=ROUNDS_P) + 1
    intent = chunk.intent[rows].copy()
    asked_at = chunk.created[rows].copy()
    question = first_question.copy()
    reply_at = np.full((MAX_AI_ROUNDS, n), NO_TIME, dtype=np.int64)
    reply_pos = np.full((MAX_AI_ROUNDS, n), -1, dtype=np.int64)
    answered = np.zeros((MAX_AI_ROUNDS, n), dtype=bool)

    for r in range(MAX_AI_ROUNDS):
        a = np.flatnonzero(k > r)
        if r > 0:  # a follow-up question: the same topic rephrased, or another topic
            other = rng.choice(len(INTENTS), size=n, p=INTENT_P)
            intent = np.where(rng.random(n) < 0.35, other, intent)
            asked_at = reply_at[r - 1] + uniform(rng, 15, 240, n)
            group = intent * languages + lang
            question[a] = chunk.message(
                rows[a],
                asked_at[a],
                "customer",
                author_id=chunk.customers(rows[a]),
                public=True,
                text=pools.question.pick(rng, group[a]),
            )
        at = asked_at + uniform(rng, 2, 25, n)
        ok = rng.random(n) < COVERAGE[intent]
        action = np.where(ok & (rng.random(n) < 0.55), INTENT_ACTION[intent], -1)
        cited = ok & ((action < 0) | (rng.random(n) < 0.45))
        text = pc.if_else(
            pa.array(ok),
            pc.if_else(
                pa.array(action >= 0),
                pools.ai_action.pick(rng, np.maximum(action, 0) * languages + lang),
                pools.ai_answer.pick(rng, intent * languages + lang),
            ),
            pools.fallback.pick(rng, lang),
        )
        sources = sources_for(rng, kb, intent, cited)
        take = pa.array(a)
        reply_pos[r, a] = chunk.message(
            rows[a],
            at[a],
            "ai_agent",
            public=True,
            text=text.take(take),
            sources=sources.take(take),
            action=Coded(action[a], pa.array(ACTIONS)),
            answered=ok[a],
        )
        reply_at[r, a] = at[a]
        answered[r, a] = ok[a]
        gap = a[~ok[a]]
        chunk.label(question[gap], reply_pos[r, gap], intent[gap], lang[gap])

    chunk.event(rows, reply_at[0], "status_changed", status="open", actor_type="ai_agent")
    index = np.arange(n)
    last_at, last_ok = reply_at[k - 1, index], answered[k - 1, index]
    p = np.where(last_ok[:, None], P_AFTER_ANSWER, P_AFTER_FALLBACK)
    outcome = pick_weighted(rng, p)
    _feedback(chunk, rng, reply_at, reply_pos, answered, k, outcome)
    return _conclude(chunk, rng, rows, outcome, last_at)


def _feedback(
    chunk: Chunk,
    rng: np.random.Generator,
    reply_at: np.ndarray,
    reply_pos: np.ndarray,
    answered: np.ndarray,
    k: np.ndarray,
    outcome: np.ndarray,
) -> None:
    """Thumbs up/down on some AI replies: mostly helpful on answers, mostly negative on
    fallbacks; never negative on the last reply of a conversation the AI resolved."""
    n = k.size
    for r in range(MAX_AI_ROUNDS):
        last_of_resolved = (k - 1 == r) & (outcome == RESOLVED)
        rate = np.where(answered[r], 0.15, 0.3)
        rate = np.where(last_of_resolved, 0.35, rate)
        rated = np.flatnonzero((k > r) & (rng.random(n) < rate))
        helpful = rng.random(n) < np.where(answered[r], 0.85, 0.12)
        helpful |= last_of_resolved
        at = reply_at[r] + uniform(rng, 5, 120, n)
        chunk.feedback.add(
            rated.size,
            _message=reply_pos[r, rated],
            at=at[rated],
            rating=Coded(np.where(helpful, 0, 1)[rated], RATINGS),
        )


def _conclude(
    chunk: Chunk,
    rng: np.random.Generator,
    rows: np.ndarray,
    outcome: np.ndarray,
    last_at: np.ndarray,
) -> Handoffs:
    """How each conversation ends after the AI agent's last reply."""
    n = rows.size
    pools = chunk.world.pools
    lang = chunk.language[rows]
    solved = np.full(n, NO_TIME, dtype=np.int64)

    resolved = np.flatnonzero(outcome == RESOLVED)
    thanks = resolved[rng.random(resolved.size) < 0.5]
    thanks_at = last_at + uniform(rng, 10, 90, n)
    chunk.message(
        rows[thanks],
        thanks_at[thanks],
        "customer",
        public=True,
        author_id=chunk.customers(rows[thanks]),
        text=pools.thanks.pick(rng, lang[thanks]),
    )
    done_at = last_at.copy()
    done_at[thanks] = thanks_at[thanks]
    done_at += uniform(rng, 60, 600, n)
    chunk.event(
        rows[resolved],
        done_at[resolved],
        "status_changed",
        status="resolved",
        actor_type="ai_agent",
    )
    chunk.event(
        rows[resolved],
        done_at[resolved],
        "stage_changed",
        stage=chunk.stage(rows[resolved], 3),
        actor_type="ai_agent",
    )
    closes = resolved[rng.random(resolved.size) < 0.7]
    close_at = done_at + uniform(rng, HOUR, DAY, n)
    chunk.event(
        rows[closes], close_at[closes], "status_changed", status="closed", actor_type="automation"
    )
    solved[resolved] = done_at[resolved]
    chunk.ai_resolved[rows[resolved]] = True

    left = np.flatnonzero(outcome == LEFT)  # the visitor went away; closed for inactivity
    idle_close = last_at + uniform(rng, 30 * MINUTE, 90 * MINUTE, n)
    chunk.event(
        rows[left], idle_close[left], "status_changed", status="closed", actor_type="automation"
    )
    solved[left] = idle_close[left]

    asks = np.flatnonzero((outcome == ASKED) | (outcome == BY_VISITOR))
    ask_at = last_at + uniform(rng, 10, 120, n)
    chunk.message(
        rows[asks],
        ask_at[asks],
        "customer",
        public=True,
        author_id=chunk.customers(rows[asks]),
        text=pools.human_request.pick(rng, lang[asks]),
    )
    chunk.event(rows[asks], ask_at[asks], "human_requested", actor_type="customer")

    unanswered = np.flatnonzero(outcome == ASKED)  # nobody available; never followed up
    chunk.message(
        rows[unanswered],
        ask_at[unanswered] + 2,
        "system",
        public=True,
        text=pools.system_offline.pick(rng, lang[unanswered]),
    )
    chunk.event(
        rows[unanswered],
        ask_at[unanswered] + 3,
        "status_changed",
        status="pending",
        actor_type="automation",
    )
    given_up = ask_at + uniform(rng, DAY, 3 * DAY, n)
    chunk.event(
        rows[unanswered],
        given_up[unanswered],
        "status_changed",
        status="closed",
        actor_type="automation",
    )
    solved[unanswered] = given_up[unanswered]

    handoff_at = np.select(
        [outcome == BY_VISITOR, outcome == BY_AI, outcome == BY_AUTOMATION, outcome == MANUAL],
        [
            ask_at + 2,
            last_at + 2,
            last_at + uniform(rng, 5, 60, n),
            last_at + uniform(rng, MINUTE, 15 * MINUTE, n),
        ],
        NO_TIME,
    )
    for code, initiator, actor in (
        (BY_VISITOR, "visitor", "customer"),
        (BY_AI, "ai_agent", "ai_agent"),
        (BY_AUTOMATION, "automation", "automation"),
        (MANUAL, "manual", "rep"),
    ):
        h = np.flatnonzero(outcome == code)
        chunk.event(rows[h], handoff_at[h], "handoff", initiator=initiator, actor_type=actor)
        if code != MANUAL:
            chunk.message(
                rows[h],
                handoff_at[h] + 1,
                "system",
                public=True,
                text=pools.system_transfer.pick(rng, lang[h]),
            )
    chunk.first_solved[rows] = solved
    handed = np.flatnonzero(handoff_at != NO_TIME)
    return Handoffs(rows[handed], handoff_at[handed] + 2, outcome[handed] == MANUAL)
