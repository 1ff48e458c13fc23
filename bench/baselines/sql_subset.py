"""The subset as hand-written DuckDB SQL over the facts supportlens derived at import.

The floor for what the metric layer could cost on the same store: one aggregate query
per metric straight over `ticket_facts`, `unsolved_spans` and `ai_facts`, no Ibis, no
engine, no empty-period filling. The backlog uses running sums instead of a range join:
a span is open at the end of week w when it started in week ≤ w and did not end in a
week ≤ w.
"""

from __future__ import annotations

from typing import Any

import duckdb

from baselines.common import AI_WINDOW_HOURS, NOW_NAIVE_UTC, SUBSET, Result, Row, best_of, timed

NOW_SQL = f"TIMESTAMP '{NOW_NAIVE_UTC}'"

DURATION = """
SELECT period, value, n, q[1] AS median, q[2] AS p90 FROM (
  SELECT date_trunc('week', d) AS period, avg(s) AS value, count(*) AS n,
         quantile_cont(s, [0.5, 0.9]) AS q
  FROM ({records}) GROUP BY 1)
"""

RATE = """
SELECT date_trunc('week', d) AS period, count(*) AS n,
       count(*) FILTER (WHERE hit) AS numerator
FROM ({records}) GROUP BY 1
"""

QUERIES: dict[str, str] = {
    "first_response_time": DURATION.format(records="""
        SELECT first_rep_reply_at AS d,
               epoch(first_rep_reply_at)
                 - epoch(CASE WHEN first_handoff_at <= first_rep_reply_at
                              THEN first_handoff_at ELSE created_at END) AS s
        FROM ticket_facts WHERE first_rep_reply_at IS NOT NULL"""),
    "resolution_time": DURATION.format(records="""
        SELECT solved_at AS d, epoch(solved_at) - epoch(created_at) AS s
        FROM ticket_facts WHERE solved_at IS NOT NULL"""),
    "first_contact_resolution_rate": RATE.format(records="""
        SELECT first_solved_at AS d, rep_replies_to_first_solve = 1 AND reopens = 0 AS hit
        FROM ticket_facts WHERE first_solved_at IS NOT NULL"""),
    "first_response_sla_rate": RATE.format(records=f"""
        SELECT first_response_due_at AS d,
               coalesce(first_rep_reply_at <= first_response_due_at, false) AS hit
        FROM ticket_facts
        WHERE first_response_due_at IS NOT NULL
          AND (first_rep_reply_at IS NOT NULL OR first_response_due_at < {NOW_SQL})"""),
    "tickets_unresolved": f"""
        WITH deltas AS (
          SELECT date_trunc('week', span_from) AS w, count(*) AS d FROM unsolved_spans GROUP BY 1
          UNION ALL
          SELECT date_trunc('week', span_to), -count(*) FROM unsolved_spans
          WHERE span_to IS NOT NULL GROUP BY 1
        ), weeks AS (
          SELECT unnest(range(date_trunc('week', (SELECT min(created_at) FROM tickets)),
                              date_trunc('week', {NOW_SQL}) + INTERVAL 1 WEEK,
                              INTERVAL 1 WEEK)) AS w
        ), per_week AS (
          SELECT weeks.w, coalesce(sum(d), 0) AS d
          FROM weeks LEFT JOIN deltas ON deltas.w = weeks.w GROUP BY weeks.w
        )
        SELECT w AS period, sum(d) OVER (ORDER BY w) AS n FROM per_week""",
    "ai_resolution_rate": RATE.format(records=f"""
        SELECT f.created_at AS d, a.resolved_at_t AS hit
        FROM ai_facts a JOIN ticket_facts f ON f.ticket_id = a.ticket_id
        WHERE a.t_at <= {NOW_SQL}"""),
}


def as_rows(metric: str, rel: list[tuple[Any, ...]], names: list[str]) -> dict[str, Row]:
    out: dict[str, Row] = {}
    for values in rel:
        row = dict(zip(names, values, strict=True))
        n = int(row["n"])
        if not n:
            continue
        r: Row = {"n": n}
        if "numerator" in row:
            r["numerator"] = int(row["numerator"])
            r["value"] = int(row["numerator"]) / n
        elif "median" in row:
            r.update(value=row["value"], median=row["median"], p90=row["p90"])
        else:
            r["value"] = n
        out[row["period"].date().isoformat()] = r
    return out


def query(con: duckdb.DuckDBPyConnection, metric: str) -> dict[str, Row]:
    cur = con.execute(QUERIES[metric])
    names = [d[0] for d in cur.description]
    return as_rows(metric, cur.fetchall(), names)


def check_window(con: duckdb.DuckDBPyConnection) -> None:
    """ai_facts were derived with a window; the comparison assumes the 72 hours rule."""
    row = con.execute("SELECT value FROM meta WHERE key = 'ai_resolution_window_hours'"
                      ).fetchone()
    if row is None or float(row[0]) != AI_WINDOW_HOURS:
        raise SystemExit(f"store derived with an AI window of {row}, not {AI_WINDOW_HOURS} h")


def run(db: str, repeat: int = 3) -> dict[str, Any]:
    """Each query once cold (fresh connection), then the best of `repeat` warm."""
    con = duckdb.connect(db, read_only=True)
    check_window(con)
    results: Result = {}
    cold: dict[str, float] = {}
    warm: dict[str, float] = {}
    for metric in SUBSET:
        def one(m: str = metric) -> dict[str, Row]:
            return query(con, m)
        _, cold[metric] = timed(one)
        results[metric], warm[metric] = best_of(one, repeat)
    con.close()
    return {"results": results, "cold_s": cold, "seconds": warm,
            "total_s": sum(warm.values()), "cold_total_s": sum(cold.values())}
