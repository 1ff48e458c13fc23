"""Saved reports and dashboards, kept in the app-state SQLite file beside the store.

A saved report is a name plus the report view's configuration: the metric and the
query string of its URL (the same one "Copy report URL" gives), so opening it is
opening that URL (with `saved=ID`, so the report view can save changes back to it).
A dashboard is an ordered grid of saved reports, each tile half or full width.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from supportlens.errors import SupportlensError
from supportlens.metrics.registry import get_metric
from supportlens.store.state_file import connect_state, state_path

SCHEMA = """
CREATE TABLE IF NOT EXISTS saved_reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  metric TEXT NOT NULL,
  query TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dashboards (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dashboard_reports (
  dashboard_id INTEGER NOT NULL REFERENCES dashboards(id) ON DELETE CASCADE,
  report_id INTEGER NOT NULL REFERENCES saved_reports(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  width TEXT NOT NULL DEFAULT 'half',
  PRIMARY KEY (dashboard_id, report_id)
);
"""

# The report URL's parameters (report.js writes them; the API reads most of them).
# How wide a dashboard tile is: half the grid or the whole row.
WIDTHS = ("half", "full")
CONFIG_KEYS = ("from", "to", "by", "group_by", "where", "hours", "compare", "top", "option",
               "now", "tz", "view", "chart", "range")


class NotFound(SupportlensError):
    """A saved report or dashboard that does not exist."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def clean_query(query: str) -> str:
    """The report configuration in `query`, keeping only the report URL's parameters."""
    pairs = [(k, v) for k, v in parse_qsl(query.lstrip("?"), keep_blank_values=False)
             if k in CONFIG_KEYS]
    return urlencode(pairs)


def _name(name: str, what: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 120:
        raise SupportlensError(f"give the {what} a name of 1–120 characters")
    return name


class SavedStore:
    """Saved reports and dashboards; every method is one transaction."""

    def __init__(self, path: Path):
        self.path = path
        self._migrated = False

    @classmethod
    def for_store(cls, db: Path) -> SavedStore:
        """The saved reports kept beside the store file `db`."""
        return cls(state_path(Path(db)))

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """One transaction with the schema in place (rows by column name); a state file
        made before tiles had widths gets the column."""
        with connect_state(self.path, SCHEMA, rows=True) as con:
            if not self._migrated:
                columns = {r[1] for r in con.execute("PRAGMA table_info(dashboard_reports)")}
                if "width" not in columns:
                    con.execute("ALTER TABLE dashboard_reports ADD COLUMN width TEXT NOT NULL "
                                "DEFAULT 'half'")
                self._migrated = True
            yield con

    # -- saved reports ----------------------------------------------------------------
    def save_report(self, name: str, metric: str, query: str, user: str) -> dict[str, Any]:
        """Save a report configuration under a name; returns it."""
        metric = get_metric(metric).id
        with self.connect() as con:
            cur = con.execute(
                "INSERT INTO saved_reports (name, metric, query, created_by, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (_name(name, "report"), metric, clean_query(query), user, _now()))
            report_id = int(cur.lastrowid or 0)
        return self.report(report_id)

    def report(self, report_id: int) -> dict[str, Any]:
        """One saved report, or NotFound."""
        with self.connect() as con:
            row = con.execute("SELECT * FROM saved_reports WHERE id = ?",
                              (report_id,)).fetchone()
        if row is None:
            raise NotFound(f"there is no saved report {report_id}: it may have been deleted")
        return _report_dict(row)

    def reports(self) -> list[dict[str, Any]]:
        """Every saved report, newest first."""
        with self.connect() as con:
            rows = con.execute("SELECT * FROM saved_reports ORDER BY id DESC").fetchall()
        return [_report_dict(r) for r in rows]

    def update_report(self, report_id: int, name: str | None = None, metric: str | None = None,
                      query: str | None = None) -> dict[str, Any]:
        """Rename a saved report or replace its configuration (what is None stays)."""
        current = self.report(report_id)
        new_name = _name(name, "report") if name is not None else current["name"]
        new_metric = get_metric(metric).id if metric is not None else current["metric"]
        new_query = clean_query(query) if query is not None else current["query"]
        with self.connect() as con:
            con.execute("UPDATE saved_reports SET name = ?, metric = ?, query = ? WHERE id = ?",
                        (new_name, new_metric, new_query, report_id))
        return self.report(report_id)

    def delete_report(self, report_id: int) -> None:
        """Delete a saved report (it leaves the dashboards holding it)."""
        self.report(report_id)
        with self.connect() as con:
            con.execute("DELETE FROM saved_reports WHERE id = ?", (report_id,))

    # -- dashboards -------------------------------------------------------------------
    def create_dashboard(self, name: str, user: str) -> dict[str, Any]:
        """A new empty dashboard."""
        with self.connect() as con:
            cur = con.execute(
                "INSERT INTO dashboards (name, created_by, created_at) VALUES (?, ?, ?)",
                (_name(name, "dashboard"), user, _now()))
            dashboard_id = int(cur.lastrowid or 0)
        return self.dashboard(dashboard_id)

    def dashboards(self) -> list[dict[str, Any]]:
        """Every dashboard with how many reports it holds, by name."""
        with self.connect() as con:
            rows = con.execute(
                "SELECT d.*, count(r.report_id) AS reports FROM dashboards d "
                "LEFT JOIN dashboard_reports r ON r.dashboard_id = d.id "
                "GROUP BY d.id ORDER BY d.name").fetchall()
        return [dict(r) for r in rows]

    def dashboard(self, dashboard_id: int) -> dict[str, Any]:
        """One dashboard with its saved reports in grid order, or NotFound."""
        with self.connect() as con:
            row = con.execute("SELECT * FROM dashboards WHERE id = ?",
                              (dashboard_id,)).fetchone()
            if row is None:
                raise NotFound(f"there is no dashboard {dashboard_id}: it may have been "
                               "deleted")
            items = con.execute(
                "SELECT s.*, r.width FROM dashboard_reports r "
                "JOIN saved_reports s ON s.id = r.report_id "
                "WHERE r.dashboard_id = ? ORDER BY r.position", (dashboard_id,)).fetchall()
        return {**dict(row), "reports": [_report_dict(i) for i in items]}

    def rename_dashboard(self, dashboard_id: int, name: str) -> dict[str, Any]:
        """Give a dashboard a new name."""
        self.dashboard(dashboard_id)
        with self.connect() as con:
            con.execute("UPDATE dashboards SET name = ? WHERE id = ?",
                        (_name(name, "dashboard"), dashboard_id))
        return self.dashboard(dashboard_id)

    def set_layout(self, dashboard_id: int, tiles: list[tuple[int, str]]) -> dict[str, Any]:
        """Put a dashboard's tiles in the order of `tiles`, (report id, width) each; the
        list must hold exactly the reports the dashboard has."""
        held = {r["id"] for r in self.dashboard(dashboard_id)["reports"]}
        given = [report_id for report_id, _ in tiles]
        if len(set(given)) != len(given) or set(given) != held:
            raise SupportlensError("the layout must list each report of the dashboard once: "
                                   "reload the page and try again")
        for _, width in tiles:
            if width not in WIDTHS:
                raise SupportlensError(f"unknown tile width {width!r}: use half or full")
        with self.connect() as con:
            con.executemany(
                "UPDATE dashboard_reports SET position = ?, width = ? "
                "WHERE dashboard_id = ? AND report_id = ?",
                [(i + 1, width, dashboard_id, report_id)
                 for i, (report_id, width) in enumerate(tiles)])
        return self.dashboard(dashboard_id)

    def add_to_dashboard(self, dashboard_id: int, report_id: int) -> dict[str, Any]:
        """Put a saved report at the end of a dashboard (once)."""
        self.dashboard(dashboard_id)
        self.report(report_id)
        with self.connect() as con:
            position = con.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM dashboard_reports "
                "WHERE dashboard_id = ?", (dashboard_id,)).fetchone()[0]
            con.execute("INSERT OR IGNORE INTO dashboard_reports (dashboard_id, report_id, "
                        "position) VALUES (?, ?, ?)",
                        (dashboard_id, report_id, position))
        return self.dashboard(dashboard_id)

    def remove_from_dashboard(self, dashboard_id: int, report_id: int) -> dict[str, Any]:
        """Take a report off a dashboard (the saved report stays)."""
        self.dashboard(dashboard_id)
        with self.connect() as con:
            con.execute("DELETE FROM dashboard_reports WHERE dashboard_id = ? AND report_id = ?",
                        (dashboard_id, report_id))
        return self.dashboard(dashboard_id)

    def delete_dashboard(self, dashboard_id: int) -> None:
        """Delete a dashboard (its saved reports stay)."""
        self.dashboard(dashboard_id)
        with self.connect() as con:
            con.execute("DELETE FROM dashboards WHERE id = ?", (dashboard_id,))


def _report_dict(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    query = data["query"] + ("&" if data["query"] else "") + f"saved={data['id']}"
    data["url"] = f"/report/{data['metric']}?{query}"
    return data
