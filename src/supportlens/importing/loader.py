"""Import a dataset folder into the store, all or nothing.

For each table file, in dependency order (tickets before their events and
messages): stream it into a staging table, check it (`coerce.FileChecker`), and
upsert it by primary key into the store's working copy. Then rebuild the derived
facts. Any error aborts the run and the store file stays exactly as it was (see
`store.Store.writer`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from supportlens.errors import InputError
from supportlens.importing.coerce import LINE, FileChecker, q
from supportlens.importing.readers import TableFile, find_table_files, read_batches
from supportlens.metrics.request import parse_timezone
from supportlens.schema.tables import TABLES
from supportlens.store.calendar import parse_schedule
from supportlens.store.facts import rebuild_facts
from supportlens.store.store import Store

STAGING = "__staging"
TYPED = "__typed"


class ImportProgress:
    """What the importer tells its caller while it works (the CLI draws Rich bars)."""

    def file_started(self, tf: TableFile, size: int) -> None: ...
    def bytes_read(self, n: int) -> None: ...
    def file_done(self, tf: TableFile, rows: int) -> None: ...
    def step(self, text: str) -> None: ...


@dataclass
class ImportSummary:
    """What an import did: rows read per table, how many replaced stored rows, notes."""

    rows: dict[str, int] = field(default_factory=dict)
    replaced: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def import_folder(store: Store, folder: Path, tz: str | None = None,
                  progress: ImportProgress | None = None) -> ImportSummary:
    """Import every table file of `folder`; the store changes only if all succeed."""
    progress = progress or ImportProgress()
    files, skipped = find_table_files(Path(folder))
    summary = ImportSummary(notes=list(skipped))
    if not files:
        raise InputError(str(folder), None, None, "no table files found",
                         "put files named like tickets.csv, messages.jsonl or "
                         "ticket_events.parquet (optionally .gz) in the folder")
    with store.writer() as con:
        workspace_tz = parse_timezone(tz or _stored_tz(con) or "UTC")
        con.execute(f"SET TimeZone = '{workspace_tz}'")
        for tf in files:
            rows, replaced = import_file(con, tf, workspace_tz, progress)
            summary.rows[tf.table] = rows
            summary.replaced[tf.table] = replaced
        progress.step("deriving ticket facts")
        summary.notes += rebuild_facts(con, progress.step)
        _write_meta(con, workspace_tz)
        progress.step("saving")
    return summary


def _stored_tz(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = 'workspace_tz'").fetchone()
    return row[0] if row else None


def _write_meta(con: duckdb.DuckDBPyConnection, tz: str) -> None:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for key, value in (("workspace_tz", tz), ("imported_at", now)):
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def import_file(con: duckdb.DuckDBPyConnection, tf: TableFile, tz: str,
                progress: ImportProgress) -> tuple[int, int]:
    """Stage, check and upsert one file; returns (rows read, stored rows replaced)."""
    table = TABLES[tf.table]
    progress.file_started(tf, tf.path.stat().st_size)
    rows = stage_file(con, tf, progress)
    checker = FileChecker(con, tf, table, STAGING, tz)
    tickets = "tickets" if table.ticket_ref_required else None
    checker.run(tickets)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {TYPED} AS "
                f"SELECT {checker.select_list()}, {LINE} FROM {STAGING}")
    if tf.table == "schedules":
        check_schedules(con, tf)
    for name in checker.custom_columns:
        con.execute(f"ALTER TABLE {q(tf.table)} ADD COLUMN IF NOT EXISTS {q(name)} VARCHAR")
    replaced = upsert(con, tf.table, table.pk)
    con.execute(f"DROP TABLE {STAGING}")
    con.execute(f"DROP TABLE {TYPED}")
    progress.file_done(tf, rows)
    return rows, replaced


def stage_file(con: duckdb.DuckDBPyConnection, tf: TableFile, progress: ImportProgress) -> int:
    """Stream the file's batches into a temporary staging table; returns the row count."""
    con.execute(f"DROP TABLE IF EXISTS {STAGING}")
    rows = 0
    columns: set[str] = set()
    for batch in read_batches(tf, progress.bytes_read):
        con.register("__batch", batch)
        if not columns:
            con.execute(f"CREATE TEMP TABLE {STAGING} AS SELECT * FROM __batch")
            columns = set(batch.schema.names)
        else:
            for name in batch.schema.names:
                if name not in columns:
                    con.execute(f"ALTER TABLE {STAGING} ADD COLUMN {q(name)} VARCHAR")
                    columns.add(name)
            con.execute(f"INSERT INTO {STAGING} BY NAME SELECT * FROM __batch")
        con.unregister("__batch")
        rows += batch.num_rows
    return rows


def check_schedules(con: duckdb.DuckDBPyConnection, tf: TableFile) -> None:
    """Schedules carry JSON that SQL cannot check: parse each one as the calendar will."""
    rows = con.execute(
        f"SELECT schedule_id, timezone, hours, holidays, {LINE} FROM {TYPED}").fetchall()
    for schedule_id, timezone, hours, holidays, line in rows:
        try:
            parse_schedule(schedule_id, timezone, hours, holidays)
        except ValueError as exc:
            raise InputError(tf.name, line, None, f"schedule {schedule_id!r}: {exc}",
                             'write hours like {"mon": [["09:00","17:00"]]} and holidays '
                             'like ["2026-12-24"], with an IANA timezone') from exc


def upsert(con: duckdb.DuckDBPyConnection, table: str, pk: str) -> int:
    """Replace stored rows that share a key with the new ones, then insert the new rows."""
    replaced = con.execute(
        f"SELECT count(*) FROM {q(table)} WHERE {q(pk)} IN (SELECT {q(pk)} FROM {TYPED})"
    ).fetchone()
    n = int(replaced[0]) if replaced else 0
    if n:
        con.execute(f"DELETE FROM {q(table)} WHERE {q(pk)} IN (SELECT {q(pk)} FROM {TYPED})")
    con.execute(f"INSERT INTO {q(table)} BY NAME SELECT * EXCLUDE ({LINE}) FROM {TYPED}")
    return n


def refresh(store: Store, progress: ImportProgress | None = None) -> list[str]:
    """Rebuild the derived facts from the stored tables (after an upgrade or a settings
    change); all or nothing like an import."""
    progress = progress or ImportProgress()
    store.require()
    with store.writer() as con:
        progress.step("deriving ticket facts")
        notes = rebuild_facts(con, progress.step)
        progress.step("saving")
    return notes
