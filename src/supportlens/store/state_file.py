"""The app-state file: a small SQLite database beside the store (`<store>.state.sqlite`).

An import replaces the DuckDB store whole, so what people decide and create in the app
— knowledge-gap decisions (gaps/state.py), users, sessions and tokens (accounts.py),
saved reports and dashboards (web/saved.py) — lives here instead, each module in tables
of its own, and no import touches it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def state_path(db: Path) -> Path:
    """supportlens.duckdb → supportlens.state.sqlite (beside the store)."""
    db = Path(db)
    return db.with_name(db.stem + ".state.sqlite")


@contextmanager
def connect_state(path: Path, schema: str, *, rows: bool = False) -> Iterator[sqlite3.Connection]:
    """One transaction on the state file, with `schema` (CREATE … IF NOT EXISTS) in place:
    committed when the block ends normally, rolled back on an error. `rows` gives
    sqlite3.Row results (by column name) instead of tuples."""
    con = sqlite3.connect(path, timeout=30)
    if rows:
        con.row_factory = sqlite3.Row
    try:
        con.execute("PRAGMA foreign_keys = ON")
        con.executescript(schema)
        with con:
            yield con
    finally:
        con.close()
