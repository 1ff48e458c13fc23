"""Per-ticket facts, derived from the raw tables once per import.

Metrics read these narrow, precomputed tables instead of re-deriving status
histories and reply sequences on every report. Each statement below is one fact
table of metrics.md ("Per-ticket facts used below") or a helper history:

- `ticket_facts`: one row per ticket — its number (`ticket_no`, for cheap distinct
  counts), first replies, first assignment, first handoff, current status,
  first_solved_at, solved_at, closed_at, reopens, reassignments, reply counts, SLA
  policy and due times, and the owner (rep, team) at each of those times (owners.py);
- `owner_history`: who owned a ticket from when to when (for "owner at time t");
- `reopen_events`, `reassignment_events`: one row per reopen / reassignment, with
  the owner at its time;
- `unsolved_spans`: intervals a ticket was open (for backlog snapshots);
- `owned_unsolved_spans`: the pieces of those intervals under each owner (for the
  backlog by rep or team);
- `reply_waits`, `customer_waits`: the waits behind response_time and
  customer_response_time;
- `stage_stays`: first entry and last exit of each pipeline stage of a ticket;
- `rep_stays`: each rep's stays in a status (a row until the rep's next one), cut at
  UTC midnights;
- `business_calendar`: business-hour segments of every schedule (see calendar.py);
- `ai_facts`: when each AI-handled conversation is judged and how (see ai_facts.py);
- `survey_facts`, `feedback_facts`, `offer_facts`, `engagement_facts`,
  `kb_view_facts`: the records of those imported tables with their ticket's owner at
  their times, and what else their reports would look up each time (record_facts.py).

The whole derivation is a handful of set-based SQL statements; DuckDB rebuilds it
for a million tickets in seconds, so every import rebuilds it whole (simple and
always consistent) rather than patching it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import duckdb

from supportlens.settings import load_settings
from supportlens.store.ai_facts import build_ai_facts
from supportlens.store.calendar import Schedule, business_segments, parse_schedule
from supportlens.store.owners import store_owners
from supportlens.store.record_facts import build_record_facts

# Bump when the derived tables change shape or meaning: stores with another version
# must rebuild their facts (`supportlens refresh`) before reports read them.
FACTS_VERSION = "10"

SOLVED = "('resolved','closed')"
PUBLIC = "coalesce(public, true)"

STATUS_STEPS = f"""
CREATE OR REPLACE TEMP TABLE status_steps AS
WITH s AS (
  SELECT ticket_id, "at", event_id, status,
         lag(status) OVER w AS prev_status,
         lead(event_id) OVER w IS NULL AS is_last
  FROM ticket_events WHERE type = 'status_changed'
  WINDOW w AS (PARTITION BY ticket_id ORDER BY "at", event_id)
)
SELECT *, status IN {SOLVED} AS solved,
       coalesce(prev_status IN {SOLVED}, false) AS prev_solved
FROM s
"""

STATUS_FACTS = """
CREATE OR REPLACE TEMP TABLE status_facts AS
SELECT ticket_id,
  -- the ticket's last status change (`is_last` comes from the window's sort; cheaper
  -- than last(status ORDER BY "at", event_id))
  any_value(status) FILTER (WHERE is_last) AS status,
  min("at") FILTER (WHERE solved AND NOT prev_solved) AS first_solved_at,
  max("at") FILTER (WHERE solved AND NOT prev_solved) AS last_solved_start,
  max("at") FILTER (WHERE status = 'closed' AND coalesce(prev_status, '') <> 'closed')
      AS last_closed_start,
  count(*) FILTER (WHERE prev_solved AND NOT solved) AS reopens
FROM status_steps GROUP BY ticket_id
"""

# owners.py stores reopen_events and reassignment_events, with the owner at `at`
REOPEN_EVENTS = """
CREATE OR REPLACE TEMP TABLE reopen_events_unowned AS
SELECT ticket_id, "at" FROM status_steps WHERE prev_solved AND NOT solved
"""

UNSOLVED_SPANS = """
CREATE OR REPLACE TABLE unsolved_spans AS
WITH changes AS (
  SELECT ticket_id, created_at AS "at", false AS solved FROM tickets
  UNION ALL
  SELECT ticket_id, "at", solved FROM status_steps WHERE solved <> prev_solved
), ordered AS (
  SELECT *, lead("at") OVER (PARTITION BY ticket_id ORDER BY "at", solved) AS next_at
  FROM changes
)
SELECT ticket_id, "at" AS span_from, next_at AS span_to FROM ordered WHERE NOT solved
"""

OWNER_HISTORY = """
CREATE OR REPLACE TABLE owner_history AS
SELECT ticket_id, rep_id, team_id, "at" AS valid_from,
       lead("at") OVER (PARTITION BY ticket_id ORDER BY "at", event_id) AS valid_to
FROM ticket_events WHERE type = 'assigned'
"""

# The overlap of each unsolved span with each owner span of its ticket ([from, to),
# null `to` when both are open; DuckDB's least skips nulls): the backlog by rep or team
# over many snapshots moves tickets between owners at these pieces' ends. Joined here
# once, not on every report (tickets_unresolved by team at 1M tickets: 0.34 s of 0.46).
OWNED_UNSOLVED_SPANS = """
CREATE OR REPLACE TABLE owned_unsolved_spans AS
SELECT s.ticket_id, o.rep_id AS owner_rep, o.team_id AS owner_team,
       greatest(s.span_from, o.valid_from) AS piece_from,
       least(s.span_to, o.valid_to) AS piece_to
FROM unsolved_spans s JOIN owner_history o
  ON o.ticket_id = s.ticket_id
 AND o.valid_from < coalesce(s.span_to, TIMESTAMP '9999-12-31')
 AND s.span_from < coalesce(o.valid_to, TIMESTAMP '9999-12-31')
"""

REASSIGNMENT_EVENTS = """
CREATE OR REPLACE TEMP TABLE reassignment_events_unowned AS
WITH a AS (
  SELECT ticket_id, "at", rep_id,
         lag(rep_id) OVER (PARTITION BY ticket_id ORDER BY "at", event_id) AS prev_rep
  FROM ticket_events WHERE type = 'assigned' AND rep_id IS NOT NULL
)
SELECT ticket_id, "at", rep_id FROM a WHERE prev_rep IS NOT NULL AND prev_rep <> rep_id
"""

# Public customer and rep messages in order; `reps_before` numbers the blocks of
# customer messages between two rep replies, and `prev_*` describe the message just
# before (for the customer waits). AI replies are left out on purpose: only rep replies
# answer a customer (metrics.md, tie-breaks).
CONVERSATION = f"""
CREATE OR REPLACE TEMP TABLE conversation AS
SELECT ticket_id, message_id, "at", author_type, author_id,
  row_number() OVER w AS rn,
  coalesce(sum(CAST(author_type = 'rep' AS INTEGER)) OVER (
    w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS reps_before,
  lag(author_type) OVER w AS prev_type, lag("at") OVER w AS prev_at,
  lag(author_id) OVER w AS prev_author_id
FROM messages WHERE {PUBLIC} AND author_type IN ('customer', 'rep')
-- every window shares this order (message_id makes it total, so it is the order of rn):
-- one sort instead of two
WINDOW w AS (PARTITION BY ticket_id ORDER BY "at", author_type = 'rep', message_id)
"""

REPLY_WAITS = """
CREATE OR REPLACE TABLE reply_waits AS
WITH waiting AS (
  SELECT ticket_id, reps_before AS block, min("at") AS wait_from
  FROM conversation WHERE author_type = 'customer' GROUP BY ticket_id, reps_before
)
SELECT r.ticket_id, r.message_id, r.author_id AS rep_id, r."at" AS reply_at, w.wait_from
FROM conversation r JOIN waiting w ON r.ticket_id = w.ticket_id AND r.reps_before = w.block
WHERE r.author_type = 'rep'
"""

# Each block of customer messages after a rep reply (`reps_before` >= 1) starts right
# after that reply, so its first message and the reply are one row and its predecessor
# (`prev_*`): the same rows as grouping the blocks and joining each block to the reply
# before it, without the grouping and the join (0.9 s -> 0.5 s at 1M tickets).
CUSTOMER_WAITS = """
CREATE OR REPLACE TABLE customer_waits AS
SELECT ticket_id, "at" AS message_at, prev_at AS reply_at, prev_author_id AS rep_id
FROM conversation WHERE author_type = 'customer' AND prev_type = 'rep'
"""

# owners.py stores it as stage_stays, with the owner at first_entered_at
STAGE_STAYS = """
CREATE OR REPLACE TEMP TABLE stage_stays_unowned AS
WITH s AS (
  SELECT ticket_id, stage, "at",
         lead("at") OVER (PARTITION BY ticket_id ORDER BY "at", event_id) AS left_at
  FROM ticket_events WHERE type = 'stage_changed'
)
SELECT ticket_id, stage, min("at") AS first_entered_at,
       CASE WHEN bool_or(left_at IS NULL) THEN NULL ELSE max(left_at) END AS last_left_at
FROM s GROUP BY ticket_id, stage
"""

# Each rep's stays, cut at UTC midnights: a stay lasts from a rep_status row's "at" to
# the rep's next row, and each piece [start_at, end_at) lies within the UTC day
# `utc_day`. A rep's last stay has not ended: it is stored as one row, on the day it
# starts, with end_at null (metrics/availability.py ends it at `now` and cuts it by day
# then). A stay of no time (two rows of a rep at one instant) is left out: it counts
# nowhere. Stored once, so the availability reports neither sort every row by rep (0.2 s
# per query at 1M tickets) nor split every stay by day (rep_status_time 0.11 -> 0.06 s).
REP_STAYS = """
CREATE OR REPLACE TABLE rep_stays AS
WITH stays AS (
  SELECT rep_id, status_id, status, "at",
         lead("at") OVER (PARTITION BY rep_id ORDER BY "at", status_id) AS next_at
  FROM rep_status
), days AS (
  SELECT *, unnest(range(date_trunc('day', "at"),
                         coalesce(next_at, "at" + INTERVAL 1 MICROSECOND),
                         INTERVAL 1 DAY)) AS utc_day
  FROM stays WHERE next_at IS NULL OR next_at > "at"
)
SELECT rep_id, status_id, status, greatest("at", utc_day) AS start_at,
       CASE WHEN next_at IS NOT NULL THEN least(next_at, utc_day + INTERVAL 1 DAY) END
         AS end_at,
       utc_day
FROM days
"""

# The most specific policy: both priority and channel (3) > priority (2) > channel (1)
# > neither (0); ties go to the smallest policy_id (metrics.md, tie-breaks). It depends
# only on the ticket's (priority, channel), so it is chosen once per pair that occurs
# (a few dozen) and TICKET_FACTS joins it on the pair: 0.05 s instead of 0.8 s at 1M
# tickets, where ranking the candidates of every ticket took a join and a window.
TICKET_POLICY = """
CREATE OR REPLACE TEMP TABLE ticket_policy AS
WITH kinds AS (
  SELECT DISTINCT priority, channel FROM tickets
), candidates AS (
  SELECT k.priority, k.channel, p.policy_id, p.first_response_minutes,
         p.resolution_minutes, coalesce(p.business_hours, false) AS business_hours,
         2 * CAST(p.priority IS NOT NULL AS INTEGER) + CAST(p.channel IS NOT NULL AS INTEGER)
           AS specificity
  FROM kinds k JOIN sla_policies p
    ON (p.priority IS NULL OR p.priority = k.priority)
   AND (p.channel IS NULL OR p.channel = k.channel)
), ranked AS (
  SELECT *, row_number() OVER (PARTITION BY priority, channel
                               ORDER BY specificity DESC, policy_id) AS rank
  FROM candidates
)
SELECT * EXCLUDE (rank, specificity) FROM ranked WHERE rank = 1
"""

MESSAGE_FACTS = f"""
CREATE OR REPLACE TEMP TABLE message_facts AS
SELECT ticket_id,
  min("at") FILTER (WHERE author_type = 'rep' AND {PUBLIC}) AS first_rep_reply_at,
  min("at") FILTER (WHERE author_type = 'ai_agent' AND {PUBLIC}) AS first_ai_reply_at,
  count(*) FILTER (WHERE author_type = 'rep' AND {PUBLIC}) AS rep_replies,
  count(*) FILTER (WHERE author_type = 'ai_agent' AND {PUBLIC}) AS ai_replies,
  count(*) FILTER (WHERE author_type = 'customer' AND {PUBLIC}) AS customer_messages
FROM messages GROUP BY ticket_id
"""

EVENT_FACTS = """
CREATE OR REPLACE TEMP TABLE event_facts AS
SELECT ticket_id,
  min("at") FILTER (WHERE type = 'assigned' AND rep_id IS NOT NULL) AS first_assigned_at,
  min("at") FILTER (WHERE type = 'handoff') AS first_handoff_at,
  arg_min(initiator, "at") FILTER (WHERE type = 'handoff') AS first_handoff_initiator,
  min("at") FILTER (WHERE type = 'human_requested') AS first_human_requested_at,
  count(*) FILTER (WHERE type = 'escalated') AS escalations
FROM ticket_events GROUP BY ticket_id
"""

REPLIES_TO_FIRST_SOLVE = f"""
CREATE OR REPLACE TEMP TABLE replies_to_first_solve AS
SELECT m.ticket_id, count(*) AS n
FROM messages m JOIN status_facts s ON m.ticket_id = s.ticket_id
WHERE m.author_type = 'rep' AND {PUBLIC.replace("public", "m.public")}
  AND m."at" <= s.first_solved_at
GROUP BY m.ticket_id
"""

# Temporary tables: SLA_DUE_TIMES adds the due times, then owners.py the owner at each
# time and stores `ticket_facts` once (storing each step wrote 1M rows thrice).
TICKET_FACTS = f"""
CREATE OR REPLACE TEMP TABLE ticket_facts_base AS
SELECT t.ticket_id, row_number() OVER (ORDER BY t.ticket_id) AS ticket_no, t.created_at,
  m.first_rep_reply_at, m.first_ai_reply_at,
  coalesce(m.rep_replies, 0) AS rep_replies,
  coalesce(m.ai_replies, 0) AS ai_replies,
  coalesce(m.customer_messages, 0) AS customer_messages,
  e.first_assigned_at, e.first_handoff_at, e.first_handoff_initiator,
  e.first_human_requested_at, coalesce(e.escalations, 0) AS escalations,
  coalesce(s.status, 'new') AS status,
  s.first_solved_at,
  CASE WHEN s.status IN {SOLVED} THEN s.last_solved_start END AS solved_at,
  CASE WHEN s.status = 'closed' THEN s.last_closed_start END AS closed_at,
  coalesce(s.reopens, 0) AS reopens,
  coalesce(ra.n, 0) AS reassignments,
  coalesce(rf.n, 0) AS rep_replies_to_first_solve,
  p.policy_id AS sla_policy_id, p.business_hours AS sla_business_hours,
  p.first_response_minutes, p.resolution_minutes
FROM tickets t
LEFT JOIN message_facts m ON m.ticket_id = t.ticket_id
LEFT JOIN event_facts e ON e.ticket_id = t.ticket_id
LEFT JOIN status_facts s ON s.ticket_id = t.ticket_id
LEFT JOIN (SELECT ticket_id, count(*) AS n FROM reassignment_events_unowned GROUP BY ticket_id) ra
  ON ra.ticket_id = t.ticket_id
LEFT JOIN replies_to_first_solve rf ON rf.ticket_id = t.ticket_id
LEFT JOIN ticket_policy p
  ON p.priority IS NOT DISTINCT FROM t.priority AND p.channel IS NOT DISTINCT FROM t.channel
"""

STATEMENTS: tuple[tuple[str, str], ...] = (
    ("status history", STATUS_STEPS),
    ("status facts", STATUS_FACTS),
    ("reopens", REOPEN_EVENTS),
    ("backlog spans", UNSOLVED_SPANS),
    ("owner history", OWNER_HISTORY),
    ("backlog owners", OWNED_UNSOLVED_SPANS),
    ("reassignments", REASSIGNMENT_EVENTS),
    ("conversation order", CONVERSATION),
    ("reply waits", REPLY_WAITS),
    ("customer waits", CUSTOMER_WAITS),
    ("pipeline stages", STAGE_STAYS),
    ("rep stays", REP_STAYS),
    ("SLA policies", TICKET_POLICY),
    ("message facts", MESSAGE_FACTS),
    ("event facts", EVENT_FACTS),
    ("first-contact replies", REPLIES_TO_FIRST_SOLVE),
    ("ticket facts", TICKET_FACTS),
)


def rebuild_facts(con: duckdb.DuckDBPyConnection,
                  step: Callable[[str], None] | None = None) -> list[str]:
    """Rebuild every fact table from the raw tables; returns warnings for the user."""
    warnings = build_business_calendar(con)
    for name, sql in STATEMENTS:
        if step is not None:
            step(name)
        con.execute(sql)
    add_sla_due_times(con)
    if step is not None:
        step("AI conversations")
    build_ai_facts(con, load_settings().ai_resolution_window_hours)
    build_record_facts(con, step)
    store_owners(con, step)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('facts_version', ?)", [FACTS_VERSION])
    return warnings


def stored_schedules(con: duckdb.DuckDBPyConnection) -> list[Schedule]:
    rows = con.execute("SELECT schedule_id, timezone, hours, holidays FROM schedules").fetchall()
    return [parse_schedule(*row) for row in rows]


ALWAYS_OPEN = {d: [("00:00", "24:00")] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def calendar_range(con: duckdb.DuckDBPyConnection) -> tuple[dt.date, dt.date]:
    """Days the business calendar covers: the data, a month before, three years after.
    The data are what durations and intervals are measured on: tickets (with their
    messages and events), rep statuses and knowledge-base views."""
    row = con.execute(
        "SELECT min(created_at), max(created_at) FROM tickets "
        "UNION ALL SELECT min(\"at\"), max(\"at\") FROM rep_status "
        "UNION ALL SELECT min(\"at\"), max(\"at\") FROM kb_events").fetchall()
    starts = [r[0] for r in row if r[0] is not None]
    ends = [r[1] for r in row if r[1] is not None]
    today = dt.date.today()
    first = min(starts).date() if starts else today
    last = max([e.date() for e in ends] + [today])
    return first - dt.timedelta(days=31), last + dt.timedelta(days=3 * 366)


def build_business_calendar(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Store the business-hour segments of every schedule (a 24/7 `default` if none)."""
    schedules = stored_schedules(con)
    warnings = []
    if not any(s.schedule_id == "default" for s in schedules):
        schedules.append(parse_schedule("default", "UTC", ALWAYS_OPEN, None))
        warnings.append("no schedule 'default' was imported: business hours count every hour "
                        "(add a row with schedule_id 'default' to schedules to set them)")
    first, last = calendar_range(con)
    segments = business_segments(schedules, first, last)  # noqa: F841 (read by DuckDB below)
    con.execute("CREATE OR REPLACE TABLE business_calendar AS SELECT * FROM segments")
    return warnings


# Due time = created_at + target, in calendar time, or in the `default` schedule's
# business time: the instant whose business clock reads B(created_at) + target.
# Of the instants that qualify, the earliest is taken (a target met at 17:00 on
# Friday is due then, not at 09:00 on Monday).
SLA_DUE_TIMES = """
CREATE OR REPLACE TEMP TABLE ticket_facts_unowned AS
WITH cal AS (
  SELECT * FROM business_calendar WHERE schedule_id = 'default'
), clock AS (
  SELECT f.ticket_id,
    c.cum_start + CASE WHEN c.is_open
        THEN epoch(f.created_at) - epoch(c.seg_start) ELSE 0 END AS created_b
  FROM ticket_facts_base f JOIN cal c
    ON c.day = CAST(f.created_at AS DATE)
   AND f.created_at >= c.seg_start AND f.created_at < c.seg_end
  WHERE f.sla_business_hours
), targets AS (
  SELECT k.ticket_id, 'fr' AS target, k.created_b + f.first_response_minutes * 60 AS x,
         f.first_response_minutes AS minutes
  FROM clock k JOIN ticket_facts_base f USING (ticket_id)
  WHERE f.first_response_minutes IS NOT NULL
  UNION ALL
  SELECT k.ticket_id, 'res', k.created_b + f.resolution_minutes * 60, f.resolution_minutes
  FROM clock k JOIN ticket_facts_base f USING (ticket_id)
  WHERE f.resolution_minutes IS NOT NULL
), open_segments AS (
  SELECT * FROM cal WHERE is_open
), due AS (
  SELECT g.ticket_id, g.target,
    CASE WHEN g.minutes = 0 THEN NULL
         ELSE o.seg_start + to_microseconds(CAST(round((g.x - o.cum_start) * 1e6) AS BIGINT))
    END AS due_at
  FROM targets g ASOF JOIN open_segments o ON g.x > o.cum_start
)
SELECT f.*,
  CASE WHEN f.first_response_minutes IS NULL THEN NULL
       WHEN NOT f.sla_business_hours OR f.first_response_minutes = 0
         THEN f.created_at + to_microseconds(CAST(round(f.first_response_minutes * 6e7) AS BIGINT))
       ELSE dfr.due_at END AS first_response_due_at,
  CASE WHEN f.resolution_minutes IS NULL THEN NULL
       WHEN NOT f.sla_business_hours OR f.resolution_minutes = 0
         THEN f.created_at + to_microseconds(CAST(round(f.resolution_minutes * 6e7) AS BIGINT))
       ELSE dres.due_at END AS resolution_due_at
FROM ticket_facts_base f
LEFT JOIN due dfr ON dfr.ticket_id = f.ticket_id AND dfr.target = 'fr'
LEFT JOIN due dres ON dres.ticket_id = f.ticket_id AND dres.target = 'res'
"""


def add_sla_due_times(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SLA_DUE_TIMES)
