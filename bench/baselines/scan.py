"""The physical floor: one pass over every column the subset reads, summed.

No filters, grouping or joins — just reading each column of `ticket_facts`,
`unsolved_spans`, `ai_facts` (and `tickets.created_at`) that the subset's queries
touch, and reducing it to a number so DuckDB cannot skip it. Nothing that computes
these metrics from this store can be faster than this.
"""

from __future__ import annotations

from typing import Any

import duckdb

from baselines.common import best_of, timed

COLUMNS: dict[str, tuple[str, ...]] = {
    "ticket_facts": ("ticket_id", "created_at", "first_rep_reply_at", "first_handoff_at",
                     "solved_at", "first_solved_at", "rep_replies_to_first_solve", "reopens",
                     "first_response_due_at"),
    "unsolved_spans": ("span_from", "span_to"),
    "ai_facts": ("ticket_id", "t_at", "resolved_at_t"),
    "tickets": ("created_at",),
}


def reduce(table: str, column: str, sql_type: str) -> str:
    """An aggregate that must read every value of the column."""
    c = f'"{column}"'
    if sql_type.startswith("TIMESTAMP"):
        return f"sum(epoch_us({c}))"
    if sql_type == "VARCHAR":
        return f"sum(strlen({c}))"
    if sql_type == "BOOLEAN":
        return f"count(*) FILTER (WHERE {c})"
    return f"sum({c})"


def scan_sql(con: duckdb.DuckDBPyConnection) -> list[str]:
    """One SELECT of sums per table."""
    out = []
    for table, columns in COLUMNS.items():
        types = dict(con.execute(f"SELECT column_name, data_type FROM information_schema.columns "
                                 f"WHERE table_name = '{table}'").fetchall())
        sums = ", ".join(reduce(table, c, types[c]) for c in columns)
        out.append(f"SELECT {sums} FROM {table}")
    return out


def run(db: str, repeat: int = 3) -> dict[str, Any]:
    """The scan once cold (fresh connection), then the best of `repeat` warm."""
    con = duckdb.connect(db, read_only=True)
    queries = scan_sql(con)

    def scan() -> None:
        for q in queries:
            con.execute(q).fetchall()

    _, cold = timed(scan)
    _, warm = best_of(scan, repeat)
    rows = sum(con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in COLUMNS)
    con.close()
    return {"total_s": warm, "cold_total_s": cold, "rows": rows,
            "columns": sum(len(c) for c in COLUMNS.values())}
