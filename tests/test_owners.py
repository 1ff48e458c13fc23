"""The owner at each fact time, stored at import (store/owners.py), is the owner the
range join on owner_history finds (metrics.md, owner at a time), and reports by rep or
team read from it give the same rows as reports that join owner_history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import ibis
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import supportlens.metrics.dimensions as dimensions
from supportlens.api import Workspace
from supportlens.metrics.registry import all_metrics
from supportlens.store.facts import OWNER_HISTORY
from supportlens.store.owners import OWNED_FACTS, OWNER_TIMES, owner_column, store_owners
from tests.support import generated_workspace, import_dataset

START = dt.datetime(2026, 3, 1)
TESTS = Path(__file__).parent
NOW = "2026-04-06T00:00:00Z"


def _instant(draw: st.DrawFn, nullable: bool = False) -> dt.datetime | None:
    # few distinct instants, so assignments at the same instant and fact times on a
    # span's edge are common
    if nullable and draw(st.booleans()):
        return None
    return START + dt.timedelta(hours=draw(st.integers(0, 6)))


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """`assigned` events (rep or team may be null) and ticket_facts times of a few tickets."""
    events, facts = [], []
    for i in range(draw(st.integers(1, 6))):
        ticket = f"T{i}"
        for j in range(draw(st.integers(0, 4))):
            events.append((f"E{i}-{j}", ticket, _instant(draw), "assigned",
                           draw(st.sampled_from(["r1", "r2", None])),
                           draw(st.sampled_from(["t1", "t2", None]))))
        facts.append((ticket, *(_instant(draw, nullable=True) for _ in OWNER_TIMES)))
    return events, facts


def _owners_by_join(con: duckdb.DuckDBPyConnection, time: str) -> dict[str, tuple[Any, Any]]:
    """The definition: the owner span holding the instant, [valid_from, valid_to)."""
    rows = con.execute(f"""
        SELECT f.ticket_id, o.rep_id, o.team_id FROM facts f LEFT JOIN owner_history o
          ON o.ticket_id = f.ticket_id AND o.valid_from <= f."{time}"
         AND (o.valid_to IS NULL OR f."{time}" < o.valid_to)""").fetchall()
    return {t: (rep, team) for t, rep, team in rows}


@settings(max_examples=150, deadline=None)
@given(histories())
def test_stored_owner_is_the_span_holding_each_time(
        history: tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]) -> None:
    events, facts = history
    con = duckdb.connect()
    con.execute('CREATE TABLE ticket_events (event_id VARCHAR, ticket_id VARCHAR, '
                '"at" TIMESTAMP, type VARCHAR, rep_id VARCHAR, team_id VARCHAR)')
    if events:
        con.executemany("INSERT INTO ticket_events VALUES (?, ?, ?, ?, ?, ?)", events)
    columns = ", ".join(f'"{t}" TIMESTAMP' for t in OWNER_TIMES)
    con.execute(f"CREATE TABLE facts (ticket_id VARCHAR, {columns})")
    con.executemany(f"INSERT INTO facts VALUES ({', '.join('?' * (1 + len(OWNER_TIMES)))})",
                    facts)
    con.execute("CREATE TABLE ticket_facts_unowned AS SELECT * FROM facts")
    sources = _other_sources(con)
    con.execute(OWNER_HISTORY)
    store_owners(con)
    for time in OWNER_TIMES:
        stored = con.execute(f"""SELECT ticket_id, "{owner_column(time, 'rep')}",
                                 "{owner_column(time, 'team')}" FROM ticket_facts""").fetchall()
        assert {t: (rep, team) for t, rep, team in stored} == _owners_by_join(con, time), time
    assert con.execute("SELECT count(*) FROM ticket_facts").fetchone() == (len(facts),)
    for table, times in sources.items():
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (len(facts),)
        for time, fact_time in times.items():
            stored = con.execute(f"""SELECT ticket_id, "{owner_column(time, 'rep')}",
                                     "{owner_column(time, 'team')}" FROM {table}""").fetchall()
            assert {t: (rep, team) for t, rep, team in stored} == _owners_by_join(
                con, fact_time), (table, time)


def _other_sources(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """`<table>_unowned` for every owned table but ticket_facts, a row per ticket of
    `facts`: each of its times is one of the facts' times (a different one per table),
    each other key column the ticket's id made unique (stage_stays: null, as a null in a
    row's key must still find its owner). Returns table → {its time: the facts' time}."""
    sources = {}
    for n, (table, key, times) in enumerate(OWNED_FACTS):
        if table == "ticket_facts":
            continue
        picked = {t: OWNER_TIMES[(n + i) % len(OWNER_TIMES)] for i, t in enumerate(times)}
        columns = [f'"{fact}" AS "{t}"' for t, fact in picked.items()] + [
            ("CAST(NULL AS VARCHAR)" if table == "stage_stays" else f"ticket_id || '-{k}'")
            + f' AS "{k}"' for k in key if k != "ticket_id" and k not in times]
        con.execute(f"CREATE TABLE {table}_unowned AS SELECT ticket_id, "
                    f"{', '.join(columns)} FROM facts")
        sources[table] = picked
    return sources


# ------------------------------------------------ reports: stored owners = the join

def _join_people_ignoring_stored_owners(t: ibis.Table, dims: list[str],
                                        ctx: Any) -> ibis.Table:
    stored = [c for c in ("owner_rep", "owner_team") if c in t.columns]
    return _original_join_people(t.drop(*stored), dims, ctx)


_original_join_people = dimensions._join_people


def _stores(tmp_path_factory: pytest.TempPathFactory) -> list[Workspace]:
    stores = [import_dataset(tmp_path_factory, TESTS / name / "data", name)
              for name in ("handbuilt", "handbuilt_ai", "handbuilt_satisfaction")]
    return [*stores, generated_workspace(tmp_path_factory, tickets=400, seed=11)]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> list[Workspace]:
    return _stores(tmp_path_factory)


# tickets_unresolved's owner columns are the backlog's own (owner moves), not a lookup.
OWN_OWNERS = {"tickets_unresolved"}


def _people_reports(ws: Workspace, now: str) -> dict[tuple[str, str], Any]:
    out = {}
    for metric in all_metrics():
        if metric.id in OWN_OWNERS:
            continue
        for dim in ("rep", "team"):
            try:
                out[metric.id, dim] = ws.report(metric.id, by="week", group_by=[dim],
                                                now=now)["rows"]
            except Exception as e:  # metrics without the dimension
                if "unknown dimension" not in str(e):
                    raise
    return out


def test_reports_by_rep_and_team_equal_the_owner_join(
        stores: list[Workspace], monkeypatch: pytest.MonkeyPatch) -> None:
    for ws in stores:
        stored = _people_reports(ws, NOW)
        with monkeypatch.context() as m:
            m.setattr(dimensions, "_join_people", _join_people_ignoring_stored_owners)
            joined = _people_reports(ws, NOW)
        assert stored.keys() == joined.keys()
        assert len(stored) > 60  # most metrics have rep and team
        for key, rows in stored.items():
            assert rows == joined[key], key
