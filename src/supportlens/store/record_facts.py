"""Facts of the imported records that are not tickets: surveys, AI feedback, offers,
social engagement, messages and knowledge-base views, each stored with what its reports
would otherwise look up or filter on every report.

- `survey_facts`, `offer_facts`, `engagement_facts`: the rows of surveys, offers and
  social_engagement as imported; owners.py adds the owner of their ticket at their
  times (a report grouped by rep or team then skips the range join with owner_history:
  csat by team at 1M tickets …).
- `feedback_facts`: each feedback row with the ticket of the message it rates (and the
  owner at `at`): ai_feedback read the 4.8M messages of a 1M-ticket store for that on
  every report.
- `message_records`: the public messages of customers and reps (what `messages` and
  `rep_replies` count) with whether the rep sent it and the rep: the reports
  filtered the 4.9M messages of a 1M-ticket store by text on every report
  (messages by team 0.20 -> 0.10 s).
- `kb_view_facts`: the view events of kb_events with their article's category and an
  integer `view_key`, one per unique view (metrics.md: a session's views of one article
  count once; a view without a session on its own): counting distinct integers is
  about twice as fast as counting the text keys the reports built before. With the
  key facts of metrics/distinct.py, most unique views are counted without
  deduplicating them.

Statements here write `<table>_unowned` temporary tables where owners.py stores the
table (OWNED_FACTS); kb_view_facts and message_records, which have no owner, are
stored directly.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

SURVEY_FACTS = "CREATE OR REPLACE TEMP TABLE survey_facts_unowned AS SELECT * FROM surveys"
OFFER_FACTS = "CREATE OR REPLACE TEMP TABLE offer_facts_unowned AS SELECT * FROM offers"
ENGAGEMENT_FACTS = """
CREATE OR REPLACE TEMP TABLE engagement_facts_unowned AS SELECT * FROM social_engagement
"""

# A feedback row whose message is not in messages keeps a null ticket (as the report
# time join did): it counts, under no ticket and `unassigned`.
FEEDBACK_FACTS = """
CREATE OR REPLACE TEMP TABLE feedback_facts_unowned AS
SELECT f.*, m.ticket_id
FROM feedback f LEFT JOIN messages m ON m.message_id = f.message_id
"""

MESSAGE_RECORDS = """
CREATE OR REPLACE TABLE message_records AS
SELECT ticket_id, "at", author_type = 'rep' AS sent,
       CASE WHEN author_type = 'rep' THEN author_id END AS rep_id
FROM messages
WHERE coalesce(public, true) AND author_type IN ('customer', 'rep')
"""

# view_key: the unique views of sessions are numbered 1, 2, … in (session, article)
# order, views without a session -1, -2, … in event order: the same keys whatever order
# the rows were imported in (a re-import must store the same tables). Each view also
# carries its key's facts (metrics/distinct.py): whether the key's views lie in one UTC
# quarter-hour, and whether it is the key's first view (the earliest, ties by event_id).
KB_VIEW_FACTS = """
CREATE OR REPLACE TABLE kb_view_facts AS
WITH views AS (
  SELECT e.event_id, e.session_id, e.article_id, a.category, e."at", e.seconds_on_page,
         e.bounced
  FROM kb_events e LEFT JOIN kb_articles a ON a.article_id = e.article_id
  WHERE e.type = 'view'
), sessions AS (
  SELECT session_id, article_id,
         time_bucket(INTERVAL 15 MINUTE, min("at"))
           = time_bucket(INTERVAL 15 MINUTE, max("at")) AS key_compact,
         min({'at': "at", 'event': event_id}).event AS first_event,
         row_number() OVER (ORDER BY session_id, article_id) AS view_key
  FROM views WHERE session_id IS NOT NULL
  GROUP BY session_id, article_id
), alone AS (
  SELECT event_id, -row_number() OVER (ORDER BY event_id) AS view_key
  FROM views WHERE session_id IS NULL
)
SELECT v."at", v.article_id, v.category, v.seconds_on_page, v.bounced,
       coalesce(s.view_key, l.view_key) AS view_key,
       coalesce(s.key_compact, true) AS key_compact,
       s.first_event IS NULL OR s.first_event = v.event_id AS key_first
FROM views v
LEFT JOIN sessions s ON s.session_id = v.session_id AND s.article_id = v.article_id
LEFT JOIN alone l ON l.event_id = v.event_id
"""

STATEMENTS: tuple[tuple[str, str], ...] = (
    ("survey facts", SURVEY_FACTS),
    ("offer facts", OFFER_FACTS),
    ("engagement facts", ENGAGEMENT_FACTS),
    ("feedback facts", FEEDBACK_FACTS),
    ("knowledge-base views", KB_VIEW_FACTS),
    ("messages", MESSAGE_RECORDS),
)


def build_record_facts(con: duckdb.DuckDBPyConnection,
                       step: Callable[[str], None] | None = None) -> None:
    """Derive the tables above (the owned ones as `<table>_unowned`, see owners.py)."""
    for name, sql in STATEMENTS:
        if step is not None:
            step(name)
        con.execute(sql)
