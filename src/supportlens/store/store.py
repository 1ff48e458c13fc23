"""The embedded store: one DuckDB file, replaced whole by each import.

DuckDB lets one process write a file, and a reader holding it open blocks writers.
So an import never writes the live file: it copies it to a working file beside it,
imports and derives facts there, checkpoints, and then renames the working file over
the live one (an atomic `os.replace`). This gives three properties at once:

- all-or-nothing: a failed import deletes the working file; the store is untouched;
- readers never block an import: a server keeps reading the old file (the rename
  does not disturb open handles) and `Store.reader()` reopens when the file changed,
  so it sees the new data as soon as the import commits;
- imports run one at a time: a lock file beside the store serialises writers.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import ibis

from supportlens.errors import StoreError
from supportlens.importing.coerce import SQL_TYPES, q
from supportlens.schema.tables import TABLES

DEFAULT_DB = "supportlens.duckdb"
ENV_DB = "SUPPORTLENS_DB"
# DuckDB may use this much memory before it spills to disk (default 80% of RAM).
MEMORY_LIMIT = os.environ.get("SUPPORTLENS_MEMORY_LIMIT", "3GB")


def default_db_path() -> Path:
    """`$SUPPORTLENS_DB`, else ./supportlens.duckdb (interfaces.md)."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB)


def create_base_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every import table (empty) and the meta table, if missing."""
    for table in TABLES.values():
        cols = ", ".join(f"{q(c.name)} {SQL_TYPES[c.type]}" for c in table.columns)
        con.execute(f"CREATE TABLE IF NOT EXISTS {q(table.name)} ({cols})")
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")


class _Memo(dict[Any, Any]):
    """What reports may reuse on one read-only store connection: the Ibis table objects
    (Ibis `Backend.table()` runs a DESCRIBE on every call, ~1 s of the warm catalog at 1M
    tickets) and small values derived from the data (the span of interval records). A
    store connection never sees its data change: an import replaces the file and
    `Store.reader()` opens a new connection, which starts with an empty memo."""


# id(connection) -> its memo, held weakly: the memo lives and dies with the Store's open
# reader (which also holds the connection, so the id cannot be reused meanwhile).
_MEMOS: weakref.WeakValueDictionary[int, _Memo] = weakref.WeakValueDictionary()


def store_memo(con: Any) -> dict[Any, Any] | None:
    """The memo of a read-only store connection, or None for any other connection (an
    external engine may be republished under the same connection: nothing is kept)."""
    return _MEMOS.get(id(con))


@dataclass
class _OpenReader:
    con: Any
    identity: tuple[int, int, int]
    memo: _Memo = field(default_factory=_Memo)


class Store:
    """A supportlens store file and the ways to read and write it."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else default_db_path()
        self._reader: _OpenReader | None = None

    def exists(self) -> bool:
        return self.path.is_file()

    def require(self) -> None:
        if not self.exists():
            raise StoreError(
                f"no store at {self.path}: import data first with "
                f"`supportlens import FOLDER --db {self.path}`, or pass --db with the right file")

    def _identity(self) -> tuple[int, int, int]:
        st = self.path.stat()
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def reader(self) -> Any:
        """A read-only Ibis connection on the current data (reopened after an import)."""
        self.require()
        identity = self._identity()
        if self._reader is None or self._reader.identity != identity:
            self.close()
            try:
                con = ibis.duckdb.connect(str(self.path), read_only=True,
                                          memory_limit=MEMORY_LIMIT)
            except duckdb.Error as exc:
                raise StoreError(f"cannot open {self.path}: {exc}") from exc
            self._reader = _OpenReader(con, identity)
            self._check_facts(con)
            _MEMOS[id(con)] = self._reader.memo
        return self._reader.con

    def _check_facts(self, con: Any) -> None:
        """Refuse to read derived tables made by another version of supportlens."""
        from supportlens.store.facts import FACTS_VERSION

        rows = con.raw_sql("SELECT value FROM meta WHERE key = 'facts_version'").fetchall()
        found = rows[0][0] if rows else "none"
        if found != FACTS_VERSION:
            self.close()
            raise StoreError(
                f"{self.path} holds facts derived by another version of supportlens "
                f"(version {found}, this one needs {FACTS_VERSION}): run "
                f"`supportlens refresh --db {self.path}` to rebuild them")

    def close(self) -> None:
        if self._reader is not None:
            _MEMOS.pop(id(self._reader.con), None)
            self._reader.con.disconnect()
            self._reader = None

    def meta(self) -> dict[str, str]:
        """The store's settings (workspace timezone, last import…), read once per reader
        (every report asks for the timezone)."""
        con = self.reader()
        assert self._reader is not None
        memo = self._reader.memo
        if "meta" not in memo:
            memo["meta"] = dict(con.raw_sql("SELECT key, value FROM meta").fetchall())
        return dict(memo["meta"])

    @contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A DuckDB connection on a working copy that replaces the store on success."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._write_lock():
            work = self.path.with_name(f".{self.path.name}.importing-{os.getpid()}")
            _remove(work)
            if self.exists():
                shutil.copyfile(self.path, work)
            con = duckdb.connect(str(work), config={"memory_limit": MEMORY_LIMIT})
            try:
                con.execute("SET preserve_insertion_order = false")
                create_base_tables(con)
                yield con
                con.execute("CHECKPOINT")
                con.close()
                os.replace(work, self.path)
            except BaseException:
                con.close()
                _remove(work)
                raise

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        lock_path = self.path.with_name(f".{self.path.name}.lock")
        with open(lock_path, "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(
                    f"another import into {self.path} is running; wait for it to finish "
                    "and run this one again") from None
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        if p.exists():
            p.unlink()
