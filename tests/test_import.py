"""Import: formats, typing, custom columns, upserts, and every bad-input case."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from supportlens.api import Workspace
from supportlens.errors import InputError, StoreError

TICKETS = """ticket_id,created_at,channel,priority,plan
T1,2026-03-02T09:00:00Z,Email,high,pro
T2,2026-03-02T10:00:00,chat,,free
"""
EVENTS = """event_id,ticket_id,at,type,status,rep_id
E1,T1,2026-03-02T09:10:00Z,assigned,,r1
E2,T1,2026-03-02T11:00:00Z,status_changed,resolved,
"""
MESSAGES = """message_id,ticket_id,at,author_type,author_id,public,sources
M1,T1,2026-03-02T09:00:00Z,customer,c1,,
M2,T1,2026-03-02T09:30:00Z,rep,r1,TRUE,
M3,T2,2026-03-02T10:01:00Z,ai_agent,,yes,"[""kb:1"",""kb:2""]"
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write(tmp_path / "good", {"tickets.csv": TICKETS, "ticket_events.csv": EVENTS,
                                     "messages.csv": MESSAGES})


@pytest.fixture
def store(tmp_path: Path, good: Path) -> Path:
    db = tmp_path / "s.duckdb"
    Workspace.open(db).import_folder(good)
    return db


def test_csv_values_are_typed(store: Path) -> None:
    assert rows(store, "SELECT channel, priority, plan FROM tickets ORDER BY ticket_id") == [
        ("email", "high", "pro"), ("chat", None, "free")]
    got = rows(store, 'SELECT message_id, public, sources FROM messages ORDER BY message_id')
    assert got == [("M1", True, None), ("M2", True, None), ("M3", True, ["kb:1", "kb:2"])]


def test_naive_timestamps_use_the_workspace_timezone(tmp_path: Path) -> None:
    folder = write(tmp_path / "d", {"tickets.csv": TICKETS})
    db = tmp_path / "tz.duckdb"
    Workspace.open(db).import_folder(folder, tz="Europe/Stockholm")
    got = rows(db, "SELECT ticket_id, CAST(created_at AS VARCHAR) FROM tickets ORDER BY 1")
    # T1 has Z: exact. T2 is naive 10:00 in Stockholm (CET, UTC+1) = 09:00 UTC.
    assert got == [("T1", "2026-03-02 09:00:00"), ("T2", "2026-03-02 09:00:00")]
    assert Workspace.open(db).timezone == "Europe/Stockholm"


def test_jsonl_gz_and_parquet_read_like_csv(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    lines = [{"ticket_id": "T1", "created_at": "2026-03-02T09:00:00Z", "channel": "email",
              "tier": 3}]
    with gzip.open(folder / "tickets.jsonl.gz", "wt") as f:
        f.write("\n".join(json.dumps(x) for x in lines) + "\n")
    pq.write_table(pa.table({
        "message_id": ["M1"], "ticket_id": ["T1"],
        "at": pa.array([1772442000000000], pa.timestamp("us", tz="UTC")),
        "author_type": ["ai_agent"], "sources": [["kb:9"]], "public": [True]}),
        folder / "messages.parquet")
    db = tmp_path / "m.duckdb"
    summary = Workspace.open(db).import_folder(folder)
    assert summary.rows == {"tickets": 1, "messages": 1}
    assert rows(db, "SELECT tier FROM tickets") == [("3",)]
    assert rows(db, "SELECT sources, answered FROM messages") == [(["kb:9"], True)]


def test_reimport_is_idempotent_and_upserts(tmp_path: Path, good: Path, store: Path) -> None:
    before = rows(store, "SELECT * FROM tickets ORDER BY ticket_id")
    summary = Workspace.open(store).import_folder(good)
    assert summary.replaced == {"tickets": 2, "ticket_events": 2, "messages": 3}
    assert rows(store, "SELECT * FROM tickets ORDER BY ticket_id") == before
    changed = write(tmp_path / "changed", {
        "tickets.csv": "ticket_id,created_at,channel\nT2,2026-03-02T10:00:00Z,phone\n"})
    Workspace.open(store).import_folder(changed)
    assert rows(store, "SELECT ticket_id, channel FROM tickets ORDER BY 1") == [
        ("T1", "email"), ("T2", "phone")]


BAD_CASES = {
    "missing required column": (
        {"tickets.csv": "ticket_id,channel\nT9,email\n"},
        "tickets.csv, line 1, column 'created_at': this required column is missing"),
    "unparsable timestamp": (
        {"tickets.csv": "ticket_id,created_at,channel\nT9,2026-03-02,email\n"
                        "T10,yesterday,email\n"},
        "tickets.csv, line 3, column 'created_at': cannot read 'yesterday' as timestamp"),
    "unknown enum value": (
        {"ticket_events.csv": "event_id,ticket_id,at,type\nE9,T1,2026-03-03T00:00:00Z,moved\n"},
        "ticket_events.csv, line 2, column 'type': unknown value 'moved'"),
    "duplicate key in a file": (
        {"tickets.csv": "ticket_id,created_at,channel\nT9,2026-03-02T00:00:00Z,email\n"
                        "T9,2026-03-03T00:00:00Z,chat\n"},
        "tickets.csv, line 3, column 'ticket_id': ticket_id 'T9' appears twice"),
    "event for an unknown ticket": (
        {"ticket_events.csv": "event_id,ticket_id,at,type,status\n"
                              "E9,T404,2026-03-03T00:00:00Z,status_changed,open\n"},
        "ticket_events.csv, line 2, column 'ticket_id': ticket 'T404' is not in tickets"),
    "message for an unknown ticket": (
        {"messages.csv": "message_id,ticket_id,at,author_type\n"
                         "M9,T404,2026-03-03T00:00:00Z,customer\n"},
        "messages.csv, line 2, column 'ticket_id': ticket 'T404' is not in tickets"),
    "status missing on a status change": (
        {"ticket_events.csv": "event_id,ticket_id,at,type,status\n"
                              "E9,T1,2026-03-03T00:00:00Z,status_changed,\n"},
        "ticket_events.csv, line 2, column 'status': a status_changed row needs a status"),
    "bad boolean": (
        {"messages.csv": "message_id,ticket_id,at,author_type,public\n"
                         "M9,T1,2026-03-03T00:00:00Z,rep,maybe\n"},
        "messages.csv, line 2, column 'public': cannot read 'maybe' as boolean"),
    "bad list": (
        {"messages.csv": "message_id,ticket_id,at,author_type,sources\n"
                         "M9,T1,2026-03-03T00:00:00Z,ai_agent,kb:1\n"},
        "messages.csv, line 2, column 'sources': cannot read 'kb:1' as list"),
    "empty required value": (
        {"tickets.csv": "ticket_id,created_at,channel\nT9,2026-03-02T00:00:00Z,\n"},
        "tickets.csv, line 2, column 'channel': this required value is empty"),
    "bad schedule": (
        {"schedules.csv": 'schedule_id,timezone,hours\ndefault,Mars/Base,"{""mon"": []}"\n'},
        "schedules.csv, line 2: schedule 'default'"),
    "bad json line": (
        {"tickets.jsonl": '{"ticket_id": "T9", "created_at": "2026-03-02", "channel": "x"}\n'
                          '{"ticket_id": \n'},
        "tickets.jsonl, line 2: this line is not valid JSON"),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_bad_input_names_the_place_and_changes_nothing(tmp_path: Path, store: Path,
                                                       case: str) -> None:
    files, message = BAD_CASES[case]
    # A good file first, so that the run has already written something when it fails.
    good_first = {"customers.csv": "customer_id,segment\nC1,smb\n"}
    folder = write(tmp_path / "bad", {**good_first, **files})
    before = digest(store)
    with pytest.raises(InputError) as info:
        Workspace.open(store).import_folder(folder)
    assert message in str(info.value)
    assert "Fix:" in str(info.value)
    assert digest(store) == before
    assert not list(tmp_path.glob(".s.duckdb.importing-*"))


def test_a_failed_first_import_leaves_no_store(tmp_path: Path) -> None:
    folder = write(tmp_path / "bad", {"tickets.csv": "ticket_id,channel\nT1,email\n"})
    db = tmp_path / "new.duckdb"
    with pytest.raises(InputError):
        Workspace.open(db).import_folder(folder)
    assert not db.exists()


def test_unknown_files_are_noted_not_imported(tmp_path: Path) -> None:
    folder = write(tmp_path / "d", {"tickets.csv": TICKETS, "notes.txt": "hello",
                                    "_labels.parquet": ""})
    summary = Workspace.open(tmp_path / "x.duckdb").import_folder(folder)
    assert summary.rows == {"tickets": 2}
    assert any("notes.txt" in n for n in summary.notes)


def test_reports_need_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="import data first"):
        Workspace.open(tmp_path / "missing.duckdb").report("tickets_created")


def test_reader_sees_new_data_after_an_import(tmp_path: Path, good: Path, store: Path) -> None:
    """A long-lived reader (the server) keeps working while an import replaces the file."""
    ws = Workspace.open(store)
    assert ws.report("tickets_created")["rows"][0]["value"] == 2
    more = write(tmp_path / "more", {
        "tickets.csv": "ticket_id,created_at,channel\nT3,2026-03-04T10:00:00Z,phone\n"})
    Workspace.open(store).import_folder(more)  # another writer, while `ws` holds a reader
    assert ws.report("tickets_created")["rows"][0]["value"] == 3


def test_a_file_with_a_header_and_no_rows_is_an_empty_table(tmp_path: Path) -> None:
    folder = write(tmp_path / "d", {"tickets.csv": TICKETS,
                                    "messages.csv": "message_id,ticket_id,at,author_type\n"})
    summary = Workspace.open(tmp_path / "e.duckdb").import_folder(folder)
    assert summary.rows == {"tickets": 2, "messages": 0}


def test_import_succeeds_while_another_process_reads(tmp_path: Path, store: Path) -> None:
    """DuckDB lets one process write a file; a server holding it open must not block imports."""
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time\n"
         f"c = duckdb.connect({str(store)!r}, read_only=True)\n"
         "print(c.execute('SELECT count(*) FROM tickets').fetchone()[0], flush=True)\n"
         "sys.stdin.readline()\n"
         "print(c.execute('SELECT count(*) FROM tickets').fetchone()[0], flush=True)\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "2"
        more = write(tmp_path / "more", {
            "tickets.csv": "ticket_id,created_at,channel\nT3,2026-03-04T10:00:00Z,phone\n"})
        Workspace.open(store).import_folder(more)
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "2"  # its open snapshot is intact
    finally:
        holder.kill()
        holder.wait()
    assert rows(store, "SELECT count(*) FROM tickets") == [(3,)]


# -- Parquet: DuckDB reads a plain .parquet file itself (into an empty table without a
# copy, into a table with rows through a typed copy); .parquet.gz goes through pyarrow.
def _ts(*iso: str) -> pa.Array:
    """UTC instants (a Parquet TIMESTAMP WITH TIME ZONE column) from naive UTC ISO text."""
    return pa.array([dt.datetime.fromisoformat(s).replace(tzinfo=dt.UTC) for s in iso],
                    pa.timestamp("us", tz="UTC"))


PARQUET_BAD_CASES = {
    "unparsable timestamp": (
        {"tickets": {"ticket_id": ["T8", "T9"], "channel": ["email", "chat"],
                     "created_at": ["2026-03-02T00:00:00Z", "yesterday"]}},
        "tickets.parquet, line 2, column 'created_at': cannot read 'yesterday' as timestamp"),
    "empty required value": (
        {"tickets": {"ticket_id": ["T8", "T9"], "channel": ["email", None],
                     "created_at": _ts("2026-03-02T00:00:00", "2026-03-02T00:00:00")}},
        "tickets.parquet, line 2, column 'channel': this required value is empty"),
    "missing required column": (
        {"tickets": {"ticket_id": ["T8"], "channel": ["email"]}},
        "tickets.parquet, line 1, column 'created_at': this required column is missing"),
    "duplicate key in a file": (
        {"tickets": {"ticket_id": ["T8", "T9", "T9"], "channel": ["a", "b", "c"],
                     "created_at": _ts("2026-03-02T00:00:00", "2026-03-02T00:00:00",
                                       "2026-03-03T00:00:00")}},
        "tickets.parquet, line 3, column 'ticket_id': ticket_id 'T9' appears twice in this "
        "file (rows 2 and 3)"),
    "unknown enum value": (
        {"ticket_events": {"event_id": ["E8", "E9"], "ticket_id": ["T1", "T1"],
                           "at": _ts("2026-03-03T00:00:00", "2026-03-03T00:00:00"),
                           "type": ["assigned", "moved"]}},
        "ticket_events.parquet, line 2, column 'type': unknown value 'moved'"),
    "event for an unknown ticket": (
        {"ticket_events": {"event_id": ["E8", "E9"], "ticket_id": ["T1", "T404"],
                           "at": _ts("2026-03-03T00:00:00", "2026-03-03T00:00:00"),
                           "type": ["assigned", "assigned"]}},
        "ticket_events.parquet, line 2, column 'ticket_id': ticket 'T404' is not in tickets"),
    "value required by the row's type": (
        {"ticket_events": {"event_id": ["E8", "E9"], "ticket_id": ["T1", "T1"],
                           "at": _ts("2026-03-03T00:00:00", "2026-03-03T00:00:00"),
                           "type": ["status_changed", "status_changed"],
                           "status": ["open", None]}},
        "ticket_events.parquet, line 2, column 'status': a status_changed row needs a status"),
    "bad boolean": (
        {"messages": {"message_id": ["M8", "M9"], "ticket_id": ["T1", "T1"],
                      "at": _ts("2026-03-03T00:00:00", "2026-03-03T00:00:00"),
                      "author_type": ["rep", "rep"], "public": ["yes", "maybe"]}},
        "messages.parquet, line 2, column 'public': cannot read 'maybe' as boolean"),
}


def write_parquet(folder: Path, tables: dict[str, dict], suffix: str = ".parquet") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, columns in tables.items():
        path = folder / f"{name}{suffix}"
        pq.write_table(pa.table(columns), path.with_suffix("") if suffix.endswith(".gz")
                       else path)
        if suffix.endswith(".gz"):
            raw = path.with_suffix("")
            path.write_bytes(gzip.compress(raw.read_bytes()))
            raw.unlink()
    return folder


@pytest.mark.parametrize("into", ["empty tables", "stored rows", "gzipped"])
@pytest.mark.parametrize("case", list(PARQUET_BAD_CASES))
def test_bad_parquet_names_the_place_and_changes_nothing(tmp_path: Path, good: Path,
                                                         case: str, into: str) -> None:
    tables, message = PARQUET_BAD_CASES[case]
    suffix = ".parquet.gz" if into == "gzipped" else ".parquet"
    folder = write_parquet(tmp_path / "bad", tables, suffix)
    db = tmp_path / "p.duckdb"
    if into == "empty tables":  # only the tickets the rows refer to are stored
        (folder / "customers.csv").write_text("customer_id,segment\nC1,smb\n")
        if "tickets" not in tables:
            (folder / "tickets.csv").write_text(TICKETS)
    else:
        Workspace.open(db).import_folder(good)
    before = digest(db) if db.exists() else None
    with pytest.raises(InputError) as info:
        Workspace.open(db).import_folder(folder)
    assert message.replace(".parquet,", f"{suffix},") in str(info.value)
    assert "Fix:" in str(info.value)
    assert (digest(db) if db.exists() else None) == before
    assert not list(tmp_path.glob(".p.duckdb.importing-*"))


@pytest.mark.parametrize("suffix", [".parquet", ".parquet.gz"])
def test_parquet_upserts_and_keeps_custom_columns(tmp_path: Path, good: Path,
                                                  suffix: str) -> None:
    """A first Parquet import (no copy) and a re-import (upsert) give the same rows."""
    tables = {"tickets": {
        "ticket_id": ["T1", "T3"], "channel": ["Phone", "chat"], "Tier": [3, None],
        "file_row_number": ["a", "b"],  # clashes with DuckDB's row number: still a property
        "created_at": pa.array([dt.datetime(2026, 3, 2, 10), dt.datetime(2026, 3, 4, 8)],
                               pa.timestamp("us")),  # naive: read in the workspace tz
        "priority": ["high", None]}}
    folder = write_parquet(tmp_path / "p", tables, suffix)
    db = tmp_path / "u.duckdb"
    sql = ("SELECT ticket_id, CAST(created_at AS VARCHAR), channel, priority, tier, "
           "file_row_number FROM tickets ORDER BY 1")
    expected = [("T1", "2026-03-02 09:00:00", "phone", "high", "3", "a"),
                ("T3", "2026-03-04 07:00:00", "chat", None, None, "b")]
    assert Workspace.open(db).import_folder(folder, tz="Europe/Stockholm").replaced == {
        "tickets": 0}
    assert rows(db, sql) == expected
    Workspace.open(db).import_folder(good)  # T1 replaced by the CSV's, T2 added
    summary = Workspace.open(db).import_folder(folder)  # and back: an upsert from Parquet
    assert summary.replaced == {"tickets": 2}
    assert rows(db, sql)[0] == expected[0]
    assert rows(db, "SELECT count(*) FROM tickets") == [(3,)]


def test_parquet_progress_reaches_the_file_size(tmp_path: Path) -> None:
    """DuckDB reads the file itself; the progress bar still ends at the file's size."""
    from supportlens.importing.loader import ImportProgress

    class Recorder(ImportProgress):
        def __init__(self) -> None:
            self.sizes: dict[str, int] = {}
            self.read: dict[str, int] = {}
            self.file = ""

        def file_started(self, tf, size: int) -> None:  # type: ignore[no-untyped-def]
            self.file, self.sizes[tf.name], self.read[tf.name] = tf.name, size, 0

        def bytes_read(self, n: int) -> None:
            self.read[self.file] += n

    n = 20_000
    folder = write_parquet(tmp_path / "p", {"tickets": {
        "ticket_id": [f"T{i}" for i in range(n)], "channel": ["email"] * n,
        "created_at": _ts(*["2026-03-02T00:00:00"] * n)}})
    recorder = Recorder()
    Workspace.open(tmp_path / "g.duckdb").import_folder(folder, progress=recorder)
    assert recorder.read == recorder.sizes
