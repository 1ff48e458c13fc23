"""Import a dataset folder into the store, all or nothing.

For each table file, in dependency order (tickets before their events and
messages): type and check its rows (`checks.FileChecker`; DuckDB reads a Parquet
file directly, CSV and JSONL are streamed into a staging table first) and upsert them
by primary key into the store's working copy (`import_file` says which copies are
made when). Then rebuild the derived facts. Any error aborts the run and the store file stays
exactly as it was (see `store.Store.writer`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from supportlens.errors import InputError
from supportlens.importing.checks import TYPED, FileChecker
from supportlens.importing.coerce import LINE, q
from supportlens.importing.readers import (
    TableFile,
    find_table_files,
    parquet_relation,
    plain_parquet,
    read_batches,
)
from supportlens.metrics.request import parse_timezone
from supportlens.schema.tables import TABLES
from supportlens.store.calendar import parse_schedule
from supportlens.store.facts import rebuild_facts
from supportlens.store.store import Store

STAGING = "__staging"
PROGRESS_POLL_S = 0.25


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
        # query_progress() (progress bars while DuckDB reads a Parquet file) needs these
        con.execute("SET enable_progress_bar = true")
        con.execute("SET enable_progress_bar_print = false")
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
    """Read, type, check and upsert one file; returns (rows read, stored rows replaced).

    Three ways, by measurement (ticket_events at 1M tickets, 10.5M rows, 2 busy cores):
    - a plain Parquet file into an empty table: no copy at all — DuckDB reads the file
      once, to insert, and the checks read the stored rows (`insert_then_check`);
      copying it to a typed table first cost more (9.8 + 4.5 + 10.4 s against 7.1 +
      10.5 s for checking the file and then inserting from it);
    - a plain Parquet file into a table with rows (an upsert): one typed copy
      (`TYPED`), which the checks, the key lookups and the insert read;
    - CSV and JSONL files: streamed into a staging table, then as in the second way.
    A `.parquet.gz` is decompressed to a temporary file first and read as Parquet.
    """
    size = tf.path.stat().st_size
    progress.file_started(tf, size)
    with plain_parquet(tf, progress.bytes_read) as parquet:
        rows, replaced = _import_rows(con, tf, parquet, tz, progress)
    progress.file_done(tf, rows)
    return rows, replaced


def _import_rows(con: duckdb.DuckDBPyConnection, tf: TableFile, parquet: Path | None,
                 tz: str, progress: ImportProgress) -> tuple[int, int]:
    """`import_file` once the file is readable (`parquet`: a plain Parquet file)."""
    table = TABLES[tf.table]
    source = parquet_relation(tf, parquet) if parquet is not None else None
    direct = source is not None
    if source is None:
        stage_file(con, tf, progress, parquet)
        source = STAGING
    checker = FileChecker(con, tf, table, source, tz)
    checker.check_required_columns()
    # the bar moves with DuckDB's reads of a plain Parquet file; otherwise it has moved
    size = tf.path.stat().st_size if direct and not tf.gzipped else 0
    reads = FileReads(con, size, progress, passes=1)
    tickets = "tickets" if table.ticket_ref_required else None
    first = direct and _is_empty(con, tf.table)
    if first:
        checker.typed = checker.typed_query()
    else:
        reads(f"CREATE OR REPLACE TEMP TABLE {TYPED} AS "
              f"SELECT {checker.typed_select()} FROM {source}")
    rows, replaced = _count(con, checker.typed), 0
    if first:
        _add_custom_columns(con, tf.table, checker)
        insert_then_check(con, checker, tf.table, reads, tickets)
    else:
        checker.run(tickets)
    if tf.table == "schedules":
        check_schedules(con, checker.typed, tf, has_holidays="holidays" in checker.known)
    if not first:
        _add_custom_columns(con, tf.table, checker)
        replaced = upsert(con, tf.table, table.pk, checker.insert_select(), checker.typed,
                          reads)
    con.execute(f"DROP TABLE IF EXISTS {STAGING}")
    con.execute(f"DROP TABLE IF EXISTS {TYPED}")
    return rows, replaced


def _add_custom_columns(con: duckdb.DuckDBPyConnection, table: str,
                        checker: FileChecker) -> None:
    for name in checker.custom_columns:
        con.execute(f"ALTER TABLE {q(table)} ADD COLUMN IF NOT EXISTS {q(name)} VARCHAR")


def insert_then_check(con: duckdb.DuckDBPyConnection, checker: FileChecker, table: str,
                      reads: FileReads, tickets: str | None) -> None:
    """First import of a plain Parquet file into an empty table: insert the typed rows
    straight from the file, then screen the stored rows (`FileChecker.screen`); only if
    the screen finds a possible problem do the exact checks read the file again, and they
    raise the InputError that names the line. The file is read once instead of twice:
    at 1M tickets (2 busy cores) the check pass over ticket_events.parquet took 7.6 s
    plus 0.6 s for the ticket references, the screen of the stored rows takes 2.6–3.2 s
    (most of it the duplicate-key count). A bad import leaves nothing behind: the
    store's working copy is thrown away."""
    try:
        reads(f"INSERT INTO {q(table)} BY NAME SELECT {checker.insert_select()} "
              f"FROM {checker.typed}")
    except duckdb.Error:
        checker.run(tickets)  # a value that stopped the insert: name its line if we can
        raise
    if checker.screen(table, tickets):
        checker.run(tickets)


def _count(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {relation}").fetchone()
    return int(row[0]) if row else 0


def _is_empty(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return _count(con, f"(SELECT 1 FROM {q(table)} LIMIT 1)") == 0


class FileReads:
    """Runs the statements that read a whole file, each moving the file's progress bar
    by an equal share of its size (`size` 0: the bar already moved while staging)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, size: int, progress: ImportProgress,
                 passes: int):
        self.con, self.size, self.progress, self.passes = con, size, progress, passes
        self.done = 0  # passes finished

    def __call__(self, sql: str) -> duckdb.DuckDBPyConnection:
        if self.done >= self.passes or not self.size:
            return self.con.execute(sql)
        share = (self.size * (self.done + 1) // self.passes
                 - self.size * self.done // self.passes)
        reported = 0

        def report(percent: float) -> None:
            nonlocal reported
            now = int(share * min(max(percent, 0.0), 100.0) / 100)
            if now > reported:
                self.progress.bytes_read(now - reported)
                reported = now

        result = execute_with_progress(self.con, sql, report)
        report(100.0)
        self.done += 1
        return result


def execute_with_progress(con: duckdb.DuckDBPyConnection, sql: str,
                          report: Callable[[float], None]) -> duckdb.DuckDBPyConnection:
    """Run one long statement, calling `report(percent)` about every quarter second.

    The statement runs in a worker thread (DuckDB releases the GIL) while this thread
    polls `query_progress()`, so `report` — the caller's progress bar — is only ever
    called from the caller's thread. Errors of the statement are raised here; an error
    or Ctrl-C in this thread interrupts the statement.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(con.execute, sql)
        try:
            while not wait([future], timeout=PROGRESS_POLL_S).done:
                report(con.query_progress())
        except BaseException:  # Ctrl-C, or the progress bar failed: stop the statement
            con.interrupt()  # rather than wait for it when the pool shuts down
            raise
        return future.result()


def stage_file(con: duckdb.DuckDBPyConnection, tf: TableFile, progress: ImportProgress,
               parquet: Path | None = None) -> int:
    """Stream the file's batches into a temporary staging table; returns the row count."""
    con.execute(f"DROP TABLE IF EXISTS {STAGING}")
    rows = 0
    columns: set[str] = set()
    for batch in read_batches(tf, progress.bytes_read, parquet):
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


def check_schedules(con: duckdb.DuckDBPyConnection, typed: str, tf: TableFile,
                    has_holidays: bool) -> None:
    """Schedules carry JSON that SQL cannot check: parse each one as the calendar will."""
    holidays = "holidays" if has_holidays else "NULL"  # `typed` has the file's columns only
    rows = con.execute(
        f"SELECT schedule_id, timezone, hours, {holidays}, {LINE} FROM {typed}").fetchall()
    for schedule_id, timezone, hours, holidays, line in rows:
        try:
            parse_schedule(schedule_id, timezone, hours, holidays)
        except ValueError as exc:
            raise InputError(tf.name, line, None, f"schedule {schedule_id!r}: {exc}",
                             'write hours like {"mon": [["09:00","17:00"]]} and holidays '
                             'like ["2026-12-24"], with an IANA timezone') from exc


def upsert(con: duckdb.DuckDBPyConnection, table: str, pk: str, select: str, typed: str,
           reads: FileReads) -> int:
    """Replace stored rows that share a key with the new ones, then insert the new rows
    (`select`: the `typed` relation's columns as the stored table names them; `reads`
    runs the insert, which reads the file again when `typed` is a query over it)."""
    n = 0
    if not _is_empty(con, table):
        keys = f"{q(pk)} IN (SELECT {q(pk)} FROM {typed})"
        n = _count(con, f"{q(table)} WHERE {keys}")
        if n:
            con.execute(f"DELETE FROM {q(table)} WHERE {keys}")
    reads(f"INSERT INTO {q(table)} BY NAME SELECT {select} FROM {typed}")
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
