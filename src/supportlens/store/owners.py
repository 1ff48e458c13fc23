"""The ticket's owner at each of its fact times, stored beside the facts at import.

A report grouped by rep or team puts each record under the ticket's owner at the
record's dated-by time (metrics.md, owner at a time). Looked up at report time, that is
a join of every record with owner_history on the ticket and a time range: at a million
tickets about 0.25 s per report, more than the report itself. Every record of a
ticket is dated by a column of a stored table (ticket_facts.solved_at,
stage_stays.first_entered_at, survey_facts.responded_at…), so the owner at each of
those times is found once here and stored as two columns per time, `<time>_owner_rep`
and `<time>_owner_team` (OWNED_FACTS); records that carry them as `owner_rep` and
`owner_team` skip the join (dimensions.owner_at, dimensions._join_people).

How, cheaply: a ticket's owner spans are half-open and do not overlap (owner_history
with the empty spans of simultaneous assignments left out). Most tickets have one span:
their owner at time t is the span's rep once t reaches its start (the only span is the
last, open one). Only tickets with several spans go through the range join, one lookup
per (row, time) after unpivoting. At 1M tickets (11 % with several spans) this adds
about 3 s to the import (ticket_facts 1.6 s, stage_stays 1.1 s) and removes 0.1–0.6 s
from each report by rep or team.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

# The ticket_facts times whose owner is stored (every one a metric is dated by).
OWNER_TIMES = (
    "created_at", "first_rep_reply_at", "first_assigned_at", "first_handoff_at",
    "first_solved_at", "solved_at", "closed_at", "first_response_due_at",
    "resolution_due_at",
)
OWNER_COLUMNS = ("rep", "team")
# The fact tables that carry owner columns: (table, the columns of a row's key, the
# times whose owner is stored).
OWNED_FACTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("ticket_facts", ("ticket_id",), OWNER_TIMES),
    ("stage_stays", ("ticket_id", "stage"), ("first_entered_at",)),
    ("ai_facts", ("ticket_id",), ("t_at",)),
    ("reopen_events", ("ticket_id", "at"), ("at",)),
    ("reassignment_events", ("ticket_id", "at"), ("at",)),
    # records of the imported tables (record_facts.py)
    ("survey_facts", ("survey_id",), ("sent_at", "responded_at")),
    ("feedback_facts", ("feedback_id",), ("at",)),
    ("offer_facts", ("offer_id",), ("at",)),
    ("engagement_facts", ("engagement_id",), ("at",)),
)


def owner_column(time: str, who: str) -> str:
    """The stored column of the owner's `who` (rep or team) at the fact column `time`."""
    return f"{time}_owner_{who}"


# Non-empty owner spans, each with how many its ticket has.
OWNER_SPANS = """
CREATE OR REPLACE TEMP TABLE owner_spans AS
SELECT ticket_id, rep_id, team_id, valid_from, valid_to,
       count(*) OVER (PARTITION BY ticket_id) AS spans
FROM owner_history WHERE valid_to IS NULL OR valid_to > valid_from
"""


def _owners_of_several(source: str, key: tuple[str, ...], times: tuple[str, ...]) -> str:
    """The owner at every time of the rows of tickets with several spans: one row per key.
    The times are unpivoted under aliases (`t__<time>`), so a time may also be part of the
    key (reopen_events: a ticket and its reopen time)."""
    carried = key if "ticket_id" in key else ("ticket_id", *key)
    keys = ", ".join(f'"{k}"' for k in carried)
    aliased = ", ".join(f'"{t}" AS "t__{t}"' for t in times)
    columns = ", ".join(f'"t__{t}"' for t in times)
    picks = ", ".join(
        f"any_value(o.{who}_id) FILTER (WHERE l.fact = 't__{t}') AS \"{owner_column(t, who)}\""
        for t in times for who in OWNER_COLUMNS)
    return f"""
CREATE OR REPLACE TEMP TABLE owners_of_several AS
WITH lookups AS (
  UNPIVOT (SELECT {keys}, {aliased} FROM {source}
           WHERE ticket_id IN (SELECT ticket_id FROM owner_spans WHERE spans > 1))
  ON {columns} INTO NAME fact VALUE fact_at
)
SELECT {", ".join(f'l."{k}"' for k in key)}, {picks}
FROM lookups l JOIN owner_spans o
  ON o.ticket_id = l.ticket_id AND o.valid_from <= l.fact_at
 AND (o.valid_to IS NULL OR l.fact_at < o.valid_to)
GROUP BY {", ".join(f'l."{k}"' for k in key)}
"""


def _with_owners(source: str, target: str, key: tuple[str, ...], times: tuple[str, ...]) -> str:
    """`target`: every row of `source` plus the owner columns of each of its `times`."""
    cases = ", ".join(
        f'CASE WHEN s.valid_from <= f."{t}" THEN s.{who}_id '
        f'ELSE m."{owner_column(t, who)}" END AS "{owner_column(t, who)}"'
        for t in times for who in OWNER_COLUMNS)
    same_key = " AND ".join(f'm."{k}" IS NOT DISTINCT FROM f."{k}"' for k in key)
    return f"""
CREATE OR REPLACE TABLE {target} AS
SELECT f.*, {cases}
FROM {source} f
LEFT JOIN owner_spans s ON s.ticket_id = f.ticket_id AND s.spans = 1
LEFT JOIN owners_of_several m ON {same_key}
"""


def store_owners(con: duckdb.DuckDBPyConnection,
                 step: Callable[[str], None] | None = None) -> None:
    """Store each table of OWNED_FACTS from its temporary `<table>_unowned` (which the
    fact statements write) plus its owner columns; `step` is told each table's name."""
    if step is not None:
        step("owner spans")
    con.execute(OWNER_SPANS)
    for table, key, times in OWNED_FACTS:
        if step is not None:
            step(f"owners in {table}")
        source = f"{table}_unowned"
        con.execute(_owners_of_several(source, key, times))
        con.execute(_with_owners(source, table, key, times))
        con.execute(f"DROP TABLE {source}; DROP TABLE owners_of_several")
    con.execute("DROP TABLE owner_spans")
