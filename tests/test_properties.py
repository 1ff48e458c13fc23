"""Properties that hold for any data: additivity, bounds, idempotent imports."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportlens.api import Workspace
from supportlens.metrics.registry import all_metrics

START = dt.datetime(2026, 1, 1)
CHANNELS = ["email", "chat", "phone"]
STATUSES = ["open", "pending", "resolved", "closed"]
REPS = ["r1", "r2", "r3"]
NOW = "2026-06-01T00:00:00Z"


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, list[dict[str, str]]]:
    """Small random helpdesks: tickets with status changes, assignments and messages."""
    n = draw(st.integers(1, 12))
    tickets, events, messages = [], [], []
    for i in range(n):
        created = START + dt.timedelta(minutes=draw(st.integers(0, 60 * 24 * 90)))
        tid = f"T{i}"
        tickets.append({"ticket_id": tid, "created_at": created.isoformat() + "Z",
                        "channel": draw(st.sampled_from(CHANNELS)),
                        "priority": draw(st.sampled_from(["low", "high", ""]))})
        t = created
        for j in range(draw(st.integers(0, 5))):
            t += dt.timedelta(minutes=draw(st.integers(1, 60 * 48)))
            kind = draw(st.sampled_from(["status", "assign", "customer", "rep"]))
            if kind == "status":
                events.append({"event_id": f"E{i}-{j}", "ticket_id": tid, "at": t.isoformat(),
                               "type": "status_changed", "status": draw(st.sampled_from(STATUSES)),
                               "rep_id": ""})
            elif kind == "assign":
                events.append({"event_id": f"E{i}-{j}", "ticket_id": tid, "at": t.isoformat(),
                               "type": "assigned", "status": "",
                               "rep_id": draw(st.sampled_from(REPS))})
            else:
                messages.append({"message_id": f"M{i}-{j}", "ticket_id": tid,
                                 "at": t.isoformat(), "author_type": kind,
                                 "author_id": draw(st.sampled_from(REPS)) if kind == "rep" else "",
                                 "public": draw(st.sampled_from(["true", "true", "false"]))})
    return {"tickets": tickets, "ticket_events": events, "messages": messages}


def write_folder(folder: Path, data: dict[str, list[dict[str, str]]]) -> None:
    columns = {
        "tickets": ["ticket_id", "created_at", "channel", "priority"],
        "ticket_events": ["event_id", "ticket_id", "at", "type", "status", "rep_id"],
        "messages": ["message_id", "ticket_id", "at", "author_type", "author_id", "public"],
    }
    for table, rows in data.items():
        with open(folder / f"{table}.csv", "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns[table])
            writer.writeheader()
            writer.writerows(rows)


def imported(data: dict[str, list[dict[str, str]]]) -> tuple[Workspace, Path]:
    folder = Path(tempfile.mkdtemp())
    write_folder(folder, data)
    ws = Workspace.open(folder / "store.duckdb")
    ws.import_folder(folder)
    return ws, folder


SETTINGS = settings(max_examples=8, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
COUNTS = ["tickets_created", "tickets_resolved", "messages", "rep_replies", "sla_breaches"]


def total(report: dict) -> int:
    return sum(r["value"] for r in report["rows"])


@SETTINGS
@given(datasets())
def test_counts_are_additive_across_groups_and_periods(data: dict) -> None:
    ws, _ = imported(data)
    for metric in COUNTS:
        whole = ws.report(metric, now=NOW)["rows"][0]["value"]
        assert total(ws.report(metric, now=NOW, group_by=["channel"])) == whole, metric
        assert total(ws.report(metric, now=NOW, group_by=["rep"])) == whole, metric
        assert total(ws.report(metric, now=NOW, by="week")) == whole, metric
        assert total(ws.report(metric, now=NOW, by="month", group_by=["priority"])) == whole


@SETTINGS
@given(datasets())
def test_rates_stay_between_zero_and_one(data: dict) -> None:
    ws, _ = imported(data)
    for metric in (m for m in all_metrics() if m.unit == "rate"):
        for row in ws.report(metric.id, now=NOW, by="week", group_by=["hour_of_day"])["rows"]:
            assert row["value"] is None or 0 <= row["value"] <= 1, metric.id
            assert row["numerator"] <= row["denominator"]


@SETTINGS
@given(datasets())
def test_durations_are_never_negative_and_ordered(data: dict) -> None:
    ws, _ = imported(data)
    for metric in (m for m in all_metrics() if m.unit == "seconds"):
        for row in ws.report(metric.id, now=NOW, group_by=["hour_of_day"])["rows"]:
            if row["value"] is not None:
                assert row["median"] <= row["p90"] + 1e-6, metric.id
                assert row["n"] > 0


def table_contents(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute("SHOW TABLES").fetchall() if r[0] != "meta"]
        return {n: sorted(map(str, con.execute(f'SELECT * FROM "{n}"').fetchall()))
                for n in names}
    finally:
        con.close()


@SETTINGS
@given(datasets())
def test_reimporting_the_same_folder_changes_nothing(data: dict) -> None:
    ws, folder = imported(data)
    before = table_contents(ws.store.path)
    ws.import_folder(folder)
    assert table_contents(ws.store.path) == before
