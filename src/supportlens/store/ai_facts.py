"""Facts of AI-handled conversations: when each is judged, and how it was judged.

metrics.md: let T = r + window (72 h by default) for the first AI reply r that is not
followed by another AI reply within the window. At T a conversation is `resolved` when
all four criteria hold on what happened at or before T:
1. some AI reply referenced a source or performed an action;
2. the visitor did not ask for a human (`human_requested`, or a visitor `handoff`);
3. the visitor gave no `not_helpful` feedback on r;
4. no `handoff` and no rep reply happened.
Whether T has passed depends on `now`, so the status (`pending` or not) is decided at
report time; everything else is fixed by the data and derived here once per import.
The table keeps each criterion, so a report can say why a conversation is unresolved.
"""

from __future__ import annotations

import duckdb

# owners.py stores it as ai_facts, with the owner at T
AI_FACTS = """
CREATE OR REPLACE TEMP TABLE ai_facts_unowned AS
WITH ai AS (
  SELECT ticket_id, message_id, "at", sources, action,
         lead("at") OVER (PARTITION BY ticket_id ORDER BY "at", message_id) AS next_at
  FROM messages WHERE author_type = 'ai_agent' AND coalesce(public, true)
), judged AS (
  SELECT ticket_id,
         first(message_id ORDER BY "at", message_id) AS r_message_id,
         min("at") AS r_at
  FROM ai
  WHERE next_at IS NULL OR next_at > "at" + to_microseconds({window_us})
  GROUP BY ticket_id
), t AS (
  SELECT *, r_at + to_microseconds({window_us}) AS t_at FROM judged
), grounded AS (
  SELECT t.ticket_id, bool_or(coalesce(len(a.sources), 0) > 0
                              OR coalesce(trim(a.action), '') <> '') AS any_grounded
  FROM t JOIN ai a ON a.ticket_id = t.ticket_id AND a."at" <= t.t_at
  GROUP BY t.ticket_id
), events AS (  -- asked for a human, handed off: one join with ticket_events for both
  SELECT t.ticket_id,
         coalesce(bool_or(e.type = 'human_requested'
                          OR (e.type = 'handoff' AND e.initiator = 'visitor')), false) AS asked,
         bool_or(e.type = 'handoff') AS handed
  FROM t JOIN ticket_events e ON e.ticket_id = t.ticket_id AND e."at" <= t.t_at
  WHERE e.type IN ('human_requested', 'handoff')
  GROUP BY t.ticket_id
), rep_replied AS (
  SELECT DISTINCT t.ticket_id
  FROM t JOIN messages m ON m.ticket_id = t.ticket_id AND m."at" <= t.t_at
  WHERE m.author_type = 'rep' AND coalesce(m.public, true)
), disliked AS (
  SELECT DISTINCT t.ticket_id
  FROM t JOIN feedback f ON f.message_id = t.r_message_id AND f."at" <= t.t_at
  WHERE f.rating = 'not_helpful'
)
SELECT t.ticket_id, t.r_message_id, t.r_at, t.t_at,
  coalesce(g.any_grounded, false) AS grounded,
  NOT coalesce(e.asked, false) AS no_human_asked,
  disliked.ticket_id IS NULL AS no_negative_feedback,
  NOT coalesce(e.handed, false) AND rep_replied.ticket_id IS NULL AS no_human_involved,
  coalesce(g.any_grounded, false) AND NOT coalesce(e.asked, false)
    AND disliked.ticket_id IS NULL
    AND NOT coalesce(e.handed, false) AND rep_replied.ticket_id IS NULL AS resolved_at_t
FROM t
LEFT JOIN grounded g ON g.ticket_id = t.ticket_id
LEFT JOIN events e ON e.ticket_id = t.ticket_id
LEFT JOIN rep_replied ON rep_replied.ticket_id = t.ticket_id
LEFT JOIN disliked ON disliked.ticket_id = t.ticket_id
"""


# A gap question is the latest public customer message before an AI reply with
# answered = false, in the same conversation (metrics.md, Knowledge gaps). Two fallback
# replies to the same message give one question: questions are keyed by message id.
GAP_QUESTIONS = """
CREATE OR REPLACE TABLE gap_questions AS
WITH fallback AS (
  SELECT ticket_id, message_id AS ai_message_id, "at" AS ai_at FROM messages
  WHERE author_type = 'ai_agent' AND coalesce(public, true) AND answered = false
), customer AS (
  SELECT ticket_id, message_id, "at", text FROM messages
  WHERE author_type = 'customer' AND coalesce(public, true)
), asked AS (
  SELECT c.message_id, c.ticket_id, c."at", c.text, f.ai_message_id, f.ai_at
  FROM fallback f ASOF JOIN customer c ON c.ticket_id = f.ticket_id AND f.ai_at > c."at"
)
SELECT a.message_id, a.ticket_id, a."at", coalesce(a.text, '') AS text,
       first(a.ai_message_id ORDER BY a.ai_at) AS ai_message_id, t.url
FROM asked a JOIN tickets t ON t.ticket_id = a.ticket_id
GROUP BY a.message_id, a.ticket_id, a."at", a.text, t.url
"""


def build_ai_facts(con: duckdb.DuckDBPyConnection, window_hours: float) -> None:
    """Derive `ai_facts_unowned` (with the given resolution window, recorded in meta;
    owners.py stores it as `ai_facts`) and the knowledge-gap questions."""
    window_us = int(round(window_hours * 3600 * 1_000_000))
    con.execute(AI_FACTS.format(window_us=window_us))
    con.execute(GAP_QUESTIONS)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('ai_resolution_window_hours', ?)",
                [str(window_hours)])
