"""The human part of a ticket's life: routing, assignment, replies, resolution, reopen.

Tickets reach this phase straight from the customer or after a handoff from the
AI agent. Everything is vectorised over the tickets of a chunk: a ticket has up
to `MAX_ROUNDS` rounds of (rep reply, customer answer), and the optional
episodes (reassignment, internal note, reopen, escalation) are masks.

Timing: reps answer inside their own schedule's working hours (a message that
arrives at night is answered the next working morning), after channel-,
priority- and rep-dependent delays. Timestamps within a ticket are causal:
every rep reply follows the customer message it answers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from supportlens.generate.calendar import DAY, HOUR
from supportlens.generate.catalog import (
    CHANNELS,
    COUNTRY_CODES,
    INTENT_TYPE,
    NORDICS,
    PIPELINE_KEYS,
    SOCIAL_CHANNELS,
    TICKET_TYPES,
)
from supportlens.generate.chunk import Chunk
from supportlens.generate.people import TEAM_INDEX, TEAMS
from supportlens.generate.rows import NO_TIME, Coded
from supportlens.generate.sla import due_times
from supportlens.generate.timing import lognormal, next_open, uniform
from supportlens.schema.tables import ACTOR_TYPES

MAX_ROUNDS = 4
ACTORS = pa.array(ACTOR_TYPES, pa.string())
REP, AUTOMATION = ACTOR_TYPES.index("rep"), ACTOR_TYPES.index("automation")
ESCALATION_REASONS = ("customer_request", "vip_customer", "complex_issue", "legal_threat")

# Per channel (catalog.CHANNELS order): median seconds of each kind of wait.
ASSIGN_S = np.array([1200, 20, 5, 1800, 1500, 600, 900, 60])
FIRST_REPLY_S = np.array([9000, 90, 30, 10800, 10800, 2400, 3600, 600])
FOLLOW_REPLY_S = np.array([7200, 60, 60, 7200, 7200, 1800, 2700, 480])
CUSTOMER_S = np.array([28800, 60, 3600, 36000, 36000, 7200, 10800, 1800])
LIVE = np.isin(np.array(CHANNELS), ("chat", "phone"))
ROUNDS_P = {True: [0.55, 0.3, 0.1, 0.05], False: [0.4, 0.32, 0.18, 0.1]}
PRIORITY_FACTOR = np.array([1.4, 1.0, 0.6, 0.3])  # low .. urgent; no priority = 1.0


@dataclass
class Handling:
    """The human handling of a set of tickets (chunk `rows`), built step by step."""

    rows: np.ndarray
    channel: np.ndarray
    lang: np.ndarray
    team: np.ndarray
    rep: np.ndarray  # the rep it is first assigned to
    speed: np.ndarray  # delay multiplier (rep speed × priority)
    assigned_at: np.ndarray
    assigned_by_rep: np.ndarray  # picked up by a rep (else routed by a rule)
    rounds: np.ndarray  # number of rep replies before resolution (1..MAX_ROUNDS)
    reply: np.ndarray  # MAX_ROUNDS × n rep reply times (NO_TIME when absent)
    answer: np.ndarray  # MAX_ROUNDS × n customer answers after reply j (NO_TIME when absent)

    @property
    def n(self) -> int:
        return int(self.rows.size)

    def last_reply(self) -> np.ndarray:
        return self.reply[self.rounds - 1, np.arange(self.n)]


def route(chunk: Chunk, rows: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The team each ticket is routed to: regional teams, with billing topics, bugs and
    social-media conversations going to specialist teams most of the time."""
    n = rows.size
    country = np.array(COUNTRY_CODES)[chunk.country[rows]]
    region = chunk.region[rows]
    team = np.select(
        [np.isin(country, NORDICS), region == 0, region == 1],
        [TEAM_INDEX["nordics"], TEAM_INDEX["emea"], TEAM_INDEX["americas"]],
        TEAM_INDEX["apac"],
    )
    type_ = np.array(TICKET_TYPES)[INTENT_TYPE[chunk.intent[rows]]]
    u = rng.random(n)
    billing = np.isin(type_, ("billing", "refund")) & (u < 0.7)
    team = np.where(billing, TEAM_INDEX["billing"], team)
    team = np.where((type_ == "bug") & (u < 0.45), TEAM_INDEX["tier2"], team)
    social = np.isin(np.array(CHANNELS)[chunk.channel[rows]], SOCIAL_CHANNELS)
    return np.where(social & (rng.random(n) < 0.65), TEAM_INDEX["social"], team)


def run_lifecycle(
    chunk: Chunk, rows: np.ndarray, start: np.ndarray, via_ai: np.ndarray, manual: np.ndarray
) -> None:
    """Generate the human handling of `rows`, which reach a human at `start`.

    `via_ai` marks conversations handed over by the AI agent (already open);
    `manual` those a rep took over by hand (assigned to that rep at once).
    """
    if rows.size == 0:
        return
    rng = chunk.rng("lifecycle")
    h = _plan(chunk, rng, rows, start, manual)
    _assign(chunk, h, via_ai)
    author = _reassign(chunk, rng, h)
    _converse(chunk, rng, h, author)
    final_rep = author[h.rounds - 1, np.arange(h.n)]  # who owns the ticket in the end
    solved = _resolve(chunk, rng, h, final_rep)
    _escalate(chunk, rng, h, solved)
    chunk.first_reply[rows] = h.reply[0]
    chunk.first_solved[rows] = solved
    chunk.final_rep[rows] = final_rep


def _plan(
    chunk: Chunk,
    rng: np.random.Generator,
    rows: np.ndarray,
    start: np.ndarray,
    manual: np.ndarray,
) -> Handling:
    """Draw team, rep and every time of the normal path (assignment, replies, answers)."""
    n = rows.size
    staff = chunk.world.staff
    channel = chunk.channel[rows]
    priority = chunk.priority[rows]
    team = route(chunk, rows, rng)
    # Of three random team members, the one whose shift starts first gets it (routing
    # prefers reps on duty, so weekday tickets rarely wait for a weekend-only rep).
    rep = staff.pick_rep(rng, team)
    for _ in range(2):
        other = staff.pick_rep(rng, team)
        rep = np.where(next_open(staff, other, start) < next_open(staff, rep, start), other, rep)
    speed = staff.rep_speed[rep] * np.where(
        priority >= 0, PRIORITY_FACTOR[np.maximum(priority, 0)], 1.0
    )
    # Assigned by a routing rule at once, or by a rep picking it up in working hours.
    by_rep = rng.random(n) < 0.35
    queued = np.where(by_rep, next_open(staff, rep, start), start)
    assigned_at = np.where(manual, start + 1, queued + lognormal(rng, ASSIGN_S[channel]))
    rounds = 1 + np.where(
        LIVE[channel],
        rng.choice(MAX_ROUNDS, size=n, p=ROUNDS_P[True]),
        rng.choice(MAX_ROUNDS, size=n, p=ROUNDS_P[False]),
    )
    reply = np.full((MAX_ROUNDS, n), NO_TIME, dtype=np.int64)
    answer = np.full((MAX_ROUNDS, n), NO_TIME, dtype=np.int64)
    t = assigned_at.copy()
    for j in range(MAX_ROUNDS):
        median = (FIRST_REPLY_S if j == 0 else FOLLOW_REPLY_S)[channel] * speed
        at = next_open(staff, rep, t) + lognormal(rng, median)
        reply[j] = np.where(rounds > j, at, NO_TIME)
        t = at + lognormal(rng, CUSTOMER_S[channel])
        answer[j] = np.where(rounds > j + 1, t, NO_TIME)
    return Handling(
        rows=rows,
        channel=channel,
        lang=chunk.language[rows],
        team=team,
        rep=rep,
        speed=speed,
        assigned_at=assigned_at,
        assigned_by_rep=by_rep | manual,
        rounds=rounds,
        reply=reply,
        answer=answer,
    )


def _assign(chunk: Chunk, h: Handling, via_ai: np.ndarray) -> None:
    """The first assignment; it opens the ticket and moves it to the working stage."""
    actor = np.where(h.assigned_by_rep, REP, AUTOMATION)
    rows, at = h.rows, h.assigned_at
    chunk.event(
        rows,
        at,
        "assigned",
        rep_id=chunk.reps(h.rep),
        team_id=chunk.teams(h.team),
        actor_type=Coded(actor, ACTORS),
    )
    fresh = ~via_ai  # conversations from the AI agent are open already
    chunk.event(
        rows[fresh],
        at[fresh],
        "status_changed",
        status="open",
        actor_type=Coded(actor[fresh], ACTORS),
    )
    chunk.event(rows, at, "stage_changed", stage=chunk.stage(rows, 1), actor_type="automation")


def _reassign(chunk: Chunk, rng: np.random.Generator, h: Handling) -> np.ndarray:
    """Some tickets move to another rep (often Technical Tier 2) before the first reply
    or between the first two, sometimes via the team queue (assigned with no rep).
    Returns the rep who writes each reply (MAX_ROUNDS × n)."""
    n, rows, reply = h.n, h.rows, h.reply
    staff = chunk.world.staff
    moved = rng.random(n) < 0.13
    late = moved & (h.rounds > 1) & (rng.random(n) < 0.5)
    low = np.where(late, reply[0], h.assigned_at)
    high = np.where(late, reply[np.minimum(1, h.rounds - 1), np.arange(n)], reply[0])
    moved_at = low + 1 + ((high - low) * rng.uniform(0.2, 0.8, size=n)).astype(np.int64)
    team = np.where(rng.random(n) < 0.4, TEAM_INDEX["tier2"], h.team)
    rep = staff.pick_rep(rng, team, exclude=h.rep)
    stuck = rep == h.rep  # a one-person team: move it to the next team instead
    team = np.where(stuck, (h.team + 1) % len(TEAMS), team)
    rep = np.where(stuck, staff.pick_rep(rng, team), rep)

    queue = moved & (rng.random(n) < 0.25)
    queued_at = low + (moved_at - low) // 2
    chunk.event(
        rows[queue],
        queued_at[queue],
        "assigned",
        rep_id=None,
        team_id=chunk.teams(h.team[queue]),
        actor_type="rep",
    )
    chunk.event(
        rows[moved],
        moved_at[moved],
        "assigned",
        rep_id=chunk.reps(rep[moved]),
        team_id=chunk.teams(team[moved]),
        actor_type="rep",
    )
    noted = np.flatnonzero(moved & (rng.random(n) < 0.3))  # a handover note
    _note(chunk, rng, rows[noted], moved_at[noted], h.rep[noted])
    return np.where(moved & (reply > moved_at), rep, h.rep)


def _note(
    chunk: Chunk, rng: np.random.Generator, rows: np.ndarray, at: np.ndarray, rep: np.ndarray
) -> None:
    """Internal notes (public = false) by `rep`."""
    text = chunk.world.pools.note.pick(rng, np.zeros(rows.size, np.int64))
    chunk.message(rows, at, "rep", author_id=chunk.reps(rep), public=False, text=text)


def _converse(chunk: Chunk, rng: np.random.Generator, h: Handling, author: np.ndarray) -> None:
    """Rep replies and customer answers, with the status and stage changes they cause:
    pending (on hold for some engineering tickets) while waiting for the customer, open
    again when the customer answers; the first wait moves the stage to "waiting"."""
    pools, rows, lang = chunk.world.pools, h.rows, h.lang
    hold = (chunk.pipeline[rows] == PIPELINE_KEYS.index("engineering")) & (rng.random(h.n) < 0.4)
    for j in range(MAX_ROUNDS):
        if j == 0:
            text = pools.rep_first.pick(rng, lang)
        else:  # the last reply of a conversation wraps it up
            wrap_up = pa.array(h.rounds == j + 1)
            resolve, follow = pools.rep_resolve.pick(rng, lang), pools.rep_follow.pick(rng, lang)
            text = pc.if_else(wrap_up, resolve, follow)
        a = np.flatnonzero(h.rounds > j)
        chunk.message(
            rows[a],
            h.reply[j][a],
            "rep",
            author_id=chunk.reps(author[j][a]),
            public=True,
            text=text.take(pa.array(a)),
        )

        more = np.flatnonzero(h.rounds > j + 1)
        r, replied, answered = rows[more], h.reply[j][more] + 1, h.answer[j][more]
        waiting = pa.array(np.where(hold[more] & (j == 0), "on_hold", "pending"), pa.string())
        chunk.event(r, replied, "status_changed", status=waiting, actor_type="rep")
        chunk.message(
            r,
            answered,
            "customer",
            author_id=chunk.customers(r),
            public=True,
            text=pools.more_info.pick(rng, lang[more]),
        )
        chunk.event(r, answered, "status_changed", status="open", actor_type="customer")
        if j == 0:
            chunk.event(r, replied, "stage_changed", stage=chunk.stage(r, 2), actor_type="rep")
            chunk.event(
                r, answered, "stage_changed", stage=chunk.stage(r, 1), actor_type="automation"
            )

    noted = np.flatnonzero(rng.random(h.n) < 0.18)  # notes while working on it
    share = rng.uniform(0.1, 0.9, size=noted.size)
    at = h.assigned_at[noted] + ((h.reply[0][noted] - h.assigned_at[noted]) * share).astype(int)
    _note(chunk, rng, rows[noted], at, h.rep[noted])


def _resolve(chunk: Chunk, rng: np.random.Generator, h: Handling, rep: np.ndarray) -> np.ndarray:
    """Resolve (sometimes after the customer's thanks), sometimes reopen and resolve
    again, and close a few days later; a few tickets are abandoned while pending.
    Returns the first time each ticket was solved (NO_TIME if never)."""
    n, rows, lang, channel = h.n, h.rows, h.lang, h.channel
    staff, pools = chunk.world.staff, chunk.world.pools
    last_reply = h.last_reply()
    abandoned = rng.random(n) < 0.05  # the customer never comes back
    thanks = np.flatnonzero(~abandoned & (rng.random(n) < 0.3))
    thanks_at = last_reply + lognormal(rng, CUSTOMER_S[channel] * 0.5)
    r = rows[thanks]
    chunk.message(
        r,
        thanks_at[thanks],
        "customer",
        author_id=chunk.customers(r),
        public=True,
        text=pools.thanks.pick(rng, lang[thanks]),
    )
    resolved = last_reply.copy()
    resolved[thanks] = thanks_at[thanks]
    resolved += uniform(rng, 5, 600, n)
    done = np.flatnonzero(~abandoned)
    _solve(chunk, rows[done], resolved[done])

    left = np.flatnonzero(abandoned)
    chunk.event(
        rows[left], last_reply[left] + 1, "status_changed", status="pending", actor_type="rep"
    )
    expires = abandoned & (rng.random(n) < 0.5)  # closed by automation after a week
    expired = np.flatnonzero(expires)
    expire_at = last_reply + 7 * DAY
    chunk.event(
        rows[expired],
        expire_at[expired],
        "status_changed",
        status="closed",
        actor_type="automation",
    )

    p_reopen = np.clip(0.07 - 0.03 * staff.rep_skill[rep], 0.02, 0.15)
    reopen = ~abandoned & (rng.random(n) < p_reopen)
    again = resolved + uniform(rng, HOUR, 2 * DAY, n)
    fix = next_open(staff, rep, again) + lognormal(rng, FOLLOW_REPLY_S[channel] * h.speed)
    solved_again = fix + uniform(rng, 5, 900, n)
    re = np.flatnonzero(reopen)
    r = rows[re]
    chunk.message(
        r,
        again[re],
        "customer",
        author_id=chunk.customers(r),
        public=True,
        text=pools.still_broken.pick(rng, lang[re]),
    )
    chunk.event(r, again[re], "status_changed", status="open", actor_type="customer")
    chunk.event(r, again[re], "stage_changed", stage=chunk.stage(r, 1), actor_type="automation")
    chunk.message(
        r,
        fix[re],
        "rep",
        author_id=chunk.reps(rep[re]),
        public=True,
        text=pools.rep_resolve.pick(rng, lang[re]),
    )
    _solve(chunk, r, solved_again[re])

    final = np.where(reopen, solved_again, resolved)
    closes = np.flatnonzero(~abandoned & (rng.random(n) < 0.85))
    close_at = final + uniform(rng, 2 * DAY, 4 * DAY, n)
    chunk.event(
        rows[closes], close_at[closes], "status_changed", status="closed", actor_type="automation"
    )
    chunk.reopened[rows] = reopen
    return np.select([~abandoned, expires], [resolved, expire_at], NO_TIME)


def _solve(chunk: Chunk, rows: np.ndarray, at: np.ndarray) -> None:
    """A rep resolves tickets: status resolved, last pipeline stage."""
    chunk.event(rows, at, "status_changed", status="resolved", actor_type="rep")
    chunk.event(rows, at, "stage_changed", stage=chunk.stage(rows, 3), actor_type="rep")


def _escalate(chunk: Chunk, rng: np.random.Generator, h: Handling, solved: np.ndarray) -> None:
    """Most tickets that miss an SLA target are escalated when the target passes
    (reason sla_breach); a few others are escalated for other reasons."""
    n, rows, first_reply = h.n, h.rows, h.reply[0]
    default_hours = chunk.world.staff.intervals[0]  # the `default` schedule
    due_first, due_resolve = due_times(
        chunk.created[rows], chunk.priority[rows], h.channel, default_hours
    )
    late_reply = (first_reply > due_first) & (rng.random(n) < 0.6)
    unsolved_at_due = (solved == NO_TIME) | (solved > due_resolve)
    late_solve = ~late_reply & unsolved_at_due & (rng.random(n) < 0.25)
    for mask, due in ((late_reply, due_first), (late_solve, due_resolve)):
        chunk.event(
            rows[mask], due[mask], "escalated", reason="sla_breach", actor_type="automation"
        )
    other = ~late_reply & ~late_solve & (rng.random(n) < 0.03)
    end = np.where(solved == NO_TIME, first_reply + DAY, solved)
    share = rng.uniform(0.1, 0.9, size=n)
    at = h.assigned_at + ((end - h.assigned_at) * share).astype(np.int64)
    reasons = np.array(ESCALATION_REASONS)[rng.integers(len(ESCALATION_REASONS), size=n)]
    chunk.event(
        rows[other],
        at[other],
        "escalated",
        reason=pa.array(reasons[other], pa.string()),
        actor_type="rep",
    )
