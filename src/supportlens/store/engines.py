"""Other engines: publish the store to PostgreSQL or Spark and run the reports there.

An *engine* is where reports run; the default is the embedded DuckDB store itself.
Naming another one (`--engine URL`, or `$SUPPORTLENS_ENGINE`) keeps every import step
as it is and adds one:

- **Import stays in DuckDB.** Validation, upserts and derived facts always run in the
  embedded store (one code path, all or nothing, see store.py). An engine receives a
  copy of every table of the store afterwards: the imported tables, the derived facts,
  the business calendar and `meta` — *publishing*. Derived facts are SQL written for
  DuckDB; computing them once and shipping the result is what lets the metric code,
  which only reads tables, run unchanged elsewhere.
- **PostgreSQL** (`postgres://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE[?schema=NAME]`,
  schema `supportlens` by default): one transaction creates `<schema>__publishing`,
  creates every table there (Ibis `create_table`) and fills it with COPY, drops the old
  schema and renames the new one. DDL is transactional in PostgreSQL, so a reader sees
  the old tables or the new ones, never half a publish, and a failed publish leaves the
  old ones. Readers set `search_path` to the schema.
- **Spark** (`spark:local[N]`, `spark:local[*]`, or a master URL `spark://HOST:PORT`;
  `?path=DIR` and any `spark.*` setting as query parameters): Spark has no transactions
  and, in local mode, no catalog that outlives the process. So publishing writes one
  Parquet file per table (by DuckDB) into a new version folder under DIR (default: the
  store's path + `.spark`), then replaces the pointer file `DIR/CURRENT` atomically
  (`os.replace`); readers register one temporary view per table over the version the
  pointer names and re-register when it changes. The previous version is kept for
  readers still using it; older ones are deleted. On a cluster DIR must be a path every
  executor can read (a shared mount).

Reports run the unchanged metric code on the engine's Ibis backend; every timestamp is
naive UTC there too (PostgreSQL `timestamp`, Spark `TIMESTAMP_NTZ` with the session
time zone set to UTC). A metric that cannot run on a backend says so in its registry
entry (`Metric.not_on`) and the report engine refuses it with that reason.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import socket
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import duckdb
import ibis
import pyarrow as pa
import pyarrow.parquet as pq

from supportlens.errors import StoreError
from supportlens.importing.coerce import q
from supportlens.store.store import MEMORY_LIMIT

ENV_ENGINE = "SUPPORTLENS_ENGINE"
EMBEDDED = "duckdb"  # the --engine value that means the embedded store
DEFAULT_SCHEMA = "supportlens"
POINTER = "CURRENT"
MANIFEST = "manifest.json"
# Spark local mode: the default 200 shuffle partitions make every small query slow.
LOCAL_SHUFFLE_PARTITIONS = "8"
MASTER_TIMEOUT_S = 3  # to connect to a Spark cluster's master before starting a session
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,40}$")
URL_FORMS = ("postgres://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE[?schema=NAME]",
             "spark:local[N] or spark:local[*]", "spark://HOST:PORT[?path=DIR]", EMBEDDED)
Step = Callable[[str], None]


class EngineError(StoreError):
    """An engine URL that cannot be read or reached, or a publish that failed."""


@dataclass(frozen=True)
class PublishSummary:
    """What a publish did: where to, the tables and rows copied, and how long it took."""

    target: str
    tables: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def resolve_engine(url: str | None) -> str | None:
    """The engine URL in force: `url`, else `$SUPPORTLENS_ENGINE`; None for the embedded
    DuckDB store (also when either says `duckdb`)."""
    value = url if url is not None else os.environ.get(ENV_ENGINE)
    if value is None or not value.strip() or value.strip().lower() == EMBEDDED:
        return None
    return value.strip()


def open_engine(url: str, store_path: Path) -> ExternalEngine:
    """The engine an URL names (nothing is connected yet).

    `store_path` is the embedded store the engine is published from; Spark keeps its
    files beside it unless the URL says `?path=DIR`."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("postgres", "postgresql"):
        return PostgresEngine.from_url(url)
    if scheme == "spark":
        return SparkEngine.from_url(url, store_path)
    raise EngineError(f"unknown engine {safe_url(url)!r}: write one of {'; '.join(URL_FORMS)}")


def safe_url(url: str) -> str:
    """`url` with any password replaced by ***, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def store_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables of a store file (imported, derived and meta), in name order."""
    rows = con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
                       "AND NOT temporary AND NOT internal ORDER BY table_name").fetchall()
    return [r[0] for r in rows]


def _open_store(store_path: Path) -> duckdb.DuckDBPyConnection:
    if not store_path.is_file():
        raise EngineError(f"no store at {store_path} to publish: import data first with "
                          f"`supportlens import FOLDER --db {store_path}`")
    try:
        # The readers' configuration: DuckDB refuses a second connection to a file in one
        # process with another one.
        return duckdb.connect(str(store_path), read_only=True,
                              config={"memory_limit": MEMORY_LIMIT})
    except duckdb.Error as exc:
        raise EngineError(f"cannot open {store_path} to publish it: {exc}") from exc


def _check_name(value: str, what: str, url: str) -> str:
    if not _NAME.match(value):
        raise EngineError(f"{what} {value!r} in {safe_url(url)!r}: use lowercase letters, "
                          "digits and underscores, starting with a letter (e.g. supportlens)")
    return value


class ExternalEngine(ABC):
    """An engine other than the embedded store: publish to it, then read from it.

    It reads like `Store`: `reader()` is an Ibis backend on the published tables
    (checked to hold facts of this version of supportlens), `meta()` the published
    settings, `close()` lets go of the connection."""

    #: the Ibis backend's name, as `Metric.not_on` lists it
    backend: str = ""

    def __init__(self, url: str):
        self.url = url
        self._con: Any = None

    @property
    @abstractmethod
    def label(self) -> str:
        """Where the data goes, for messages (no password)."""

    @abstractmethod
    def publish(self, store_path: Path, step: Step | None = None) -> PublishSummary:
        """Copy every table of the store file to the engine, replacing what it held."""

    @abstractmethod
    def _connect(self) -> Any:
        """A new Ibis backend on the published tables."""

    def reader(self) -> Any:
        """An Ibis backend on the published tables (connected once, then reused)."""
        if self._con is None:
            con = self._connect()
            _check_published(con, self.label)
            self._con = con
        return self._con

    def meta(self) -> dict[str, str]:
        """The store's settings as published (workspace timezone, last import…)."""
        rows = self.reader().table("meta").to_pyarrow().to_pylist()
        return {r["key"]: r["value"] for r in rows}

    def close(self) -> None:
        self._con = None


def _check_published(con: Any, label: str) -> None:
    """Refuse an engine without published tables, or with another version's facts."""
    from supportlens.store.facts import FACTS_VERSION

    try:
        meta = con.table("meta").to_pyarrow().to_pylist()
    except Exception as exc:  # the backend's own "no such table"
        raise EngineError(
            f"{label} holds no supportlens tables ({type(exc).__name__}): publish the "
            f"store there first with `supportlens import FOLDER --engine URL` or "
            "`supportlens publish --engine URL`") from None
    found = next((r["value"] for r in meta if r["key"] == "facts_version"), "none")
    if found != FACTS_VERSION:
        raise EngineError(
            f"{label} holds facts derived by another version of supportlens (version "
            f"{found}, this one needs {FACTS_VERSION}): run `supportlens refresh --engine "
            "URL` to rebuild and publish them")


# ----------------------------------------------------------------------------- PostgreSQL


class PostgresEngine(ExternalEngine):
    """Tables in one schema of a PostgreSQL database, replaced whole by each publish."""

    backend = "postgres"

    def __init__(self, url: str, params: dict[str, Any], schema: str):
        super().__init__(url)
        self.params, self.schema = params, schema

    @classmethod
    def from_url(cls, url: str) -> PostgresEngine:
        """`postgres://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE[?schema=NAME]`."""
        parts = urlsplit(url)
        database = unquote(parts.path.lstrip("/"))
        if not parts.hostname or not database:
            raise EngineError(f"engine {safe_url(url)!r} names no host or database: write e.g. "
                              "postgres://127.0.0.1:5432/analytics")
        query = dict(parse_qsl(parts.query))
        unknown = sorted(set(query) - {"schema"})
        if unknown:
            raise EngineError(f"engine {safe_url(url)!r}: unknown setting {unknown[0]!r} (the "
                              "only one is schema=NAME)")
        try:
            port = parts.port or 5432
        except ValueError:
            raise EngineError(f"engine {safe_url(url)!r}: the port is not a number") from None
        params: dict[str, Any] = {"host": parts.hostname, "port": port, "database": database,
                                  "user": unquote(parts.username) if parts.username else None,
                                  "password": unquote(parts.password) if parts.password
                                  else None}
        schema = _check_name(query.get("schema", DEFAULT_SCHEMA), "schema", url)
        return cls(url, params, schema)

    @property
    def label(self) -> str:
        p = self.params
        user = f"{p['user']}@" if p["user"] else ""
        return f"postgres://{user}{p['host']}:{p['port']}/{p['database']} (schema {self.schema})"

    def _backend(self, schema: str | None) -> Any:
        try:
            return ibis.postgres.connect(schema=schema, connect_timeout=10, **self.params)
        except ModuleNotFoundError as exc:
            raise EngineError(f"PostgreSQL needs the psycopg package ({exc}): install "
                              "supportlens with `pip install 'supportlens[engines]'`") from None
        except Exception as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EngineError(
                f"cannot connect to {self.label}: {first}. Check that PostgreSQL runs there, "
                "accepts this user (password in the URL or ~/.pgpass) and that the database "
                "exists") from None

    def _connect(self) -> Any:
        return self._backend(self.schema)

    def publish(self, store_path: Path, step: Step | None = None) -> PublishSummary:
        """One transaction: fill `<schema>__publishing`, drop `<schema>`, rename."""
        started = time.monotonic()
        step = step or (lambda _text: None)
        duck = _open_store(store_path)
        pg = self._backend(None)
        staging = f"{self.schema}__publishing"
        tables: dict[str, int] = {}
        try:
            ibis_duck = ibis.duckdb.from_connection(duck)
            with pg.con.transaction(), pg.con.cursor() as cur:
                cur.execute(f"DROP SCHEMA IF EXISTS {q(staging)} CASCADE")
                cur.execute(f"CREATE SCHEMA {q(staging)}")
                for name in store_tables(duck):
                    step(f"publishing {name} to {self.label}")
                    schema = ibis_duck.table(name).schema()
                    pg.create_table(name, schema=schema, database=staging)
                    tables[name] = _copy_rows(duck, cur, name, staging, list(schema.names))
                cur.execute(f"DROP SCHEMA IF EXISTS {q(self.schema)} CASCADE")
                cur.execute(f"ALTER SCHEMA {q(staging)} RENAME TO {q(self.schema)}")
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(f"publishing to {self.label} failed, nothing changed there: "
                              f"{type(exc).__name__}: {exc}") from exc
        finally:
            duck.close()
            pg.disconnect()
        self.close()
        return PublishSummary(self.label, tables, time.monotonic() - started)


def _copy_rows(duck: duckdb.DuckDBPyConnection, cur: Any, table: str, schema: str,
               columns: list[str]) -> int:
    """COPY one store table into `schema.table`; returns the rows copied.

    DuckDB writes the rows as CSV to a temporary file and PostgreSQL parses them: 3.1M
    rows (100k tickets) took 36.5 s as Python rows through psycopg's write_row and
    13.7 s this way. In CSV an unquoted empty field is NULL and "" the empty string, on
    both sides; list columns are written as PostgreSQL array literals."""
    stored = duck.table(table)
    types = dict(zip(stored.columns, stored.types, strict=True))
    select = ", ".join(_postgres_text(c, str(types[c])) for c in columns)
    names = ", ".join(q(c) for c in columns)
    with tempfile.TemporaryDirectory(prefix="supportlens-publish-") as tmp:
        path = Path(tmp) / "rows.csv"
        written = duck.execute(f"COPY (SELECT {select} FROM {q(table)}) TO '{path}' "
                               "(FORMAT csv, HEADER false)").fetchone()
        with cur.copy(f"COPY {q(schema)}.{q(table)} ({names}) FROM STDIN (FORMAT csv)") as copy, \
                path.open("rb") as rows:
            while chunk := rows.read(1 << 20):
                copy.write(chunk)
    return int(written[0]) if written else 0


def _postgres_text(column: str, duck_type: str) -> str:
    """A column as PostgreSQL's COPY reads it: lists become array literals
    ({"a","b"}, elements quoted and escaped, NULL for a null element); the rest as is."""
    c = q(column)
    if not duck_type.endswith("[]"):
        return c
    element = ("CASE WHEN x IS NULL THEN 'NULL' ELSE '\"' || "
               "replace(replace(CAST(x AS VARCHAR), '\\', '\\\\'), '\"', '\\\"') || '\"' END")
    return (f"CASE WHEN {c} IS NULL THEN NULL ELSE '{{' || "
            f"array_to_string(list_transform({c}, lambda x: {element}), ',') || '}}' END AS {c}")


# ----------------------------------------------------------------------------------- Spark


class SparkEngine(ExternalEngine):
    """Parquet files per published version, read by Spark as temporary views."""

    backend = "pyspark"

    def __init__(self, url: str, master: str, path: Path, conf: dict[str, str]):
        super().__init__(url)
        self.master, self.path, self.conf = master, path, conf
        self._version: str | None = None

    @classmethod
    def from_url(cls, url: str, store_path: Path) -> SparkEngine:
        """`spark:local[N]`, `spark:local[*]` or `spark://HOST:PORT`, with `?path=DIR`
        and `spark.*` settings as query parameters."""
        parts = urlsplit(url)
        # spark://HOST:PORT is the standalone master URL itself; spark:MASTER names one.
        master = f"spark://{parts.netloc}" if parts.netloc else parts.path
        if not master or not re.match(r"^(local(\[(\d+|\*)\])?|spark://[^/?]+)$", master):
            raise EngineError(f"engine {url!r} names no Spark master: write spark:local[2], "
                              "spark:local[*] or spark://HOST:7077")
        query = dict(parse_qsl(parts.query))
        unknown = sorted(k for k in query if k != "path" and not k.startswith("spark."))
        if unknown:
            raise EngineError(f"engine {url!r}: unknown setting {unknown[0]!r} (use path=DIR "
                              "or a Spark setting such as spark.executor.memory=2g)")
        path = Path(query.pop("path")) if "path" in query else store_path.with_name(
            store_path.name + ".spark")
        if re.match(r"^[a-z][a-z0-9+.-]*:", str(path)):
            raise EngineError(f"path {str(path)!r} in {url!r}: give a directory path every "
                              "Spark executor can read (a local or shared-mount path, no URL)")
        return cls(url, master, path, query)

    @property
    def label(self) -> str:
        return f"Spark {self.master} (data in {self.path})"

    # -- publishing ------------------------------------------------------------------------
    def publish(self, store_path: Path, step: Step | None = None) -> PublishSummary:
        """Parquet files into a new version folder, then swap the CURRENT pointer."""
        started = time.monotonic()
        step = step or (lambda _text: None)
        duck = _open_store(store_path)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
        version = f"v{stamp}-{os.getpid()}"
        folder = self.path / version
        tables: dict[str, int] = {}
        schemas: dict[str, str | None] = {}
        try:
            folder.mkdir(parents=True)
            for name in store_tables(duck):
                step(f"publishing {name} to {self.label}")
                target = folder / f"{name}.parquet"
                duck.execute(f"COPY {q(name)} TO '{_sql_path(target)}' (FORMAT parquet)")
                row = duck.execute(f"SELECT count(*) FROM {q(name)}").fetchone()
                tables[name] = int(row[0]) if row else 0
                schemas[name] = spark_ddl(pq.read_schema(target))
            (folder / MANIFEST).write_text(json.dumps(
                {"tables": schemas, "published_at": stamp}, indent=1))
            pointer = self.path / f".{POINTER}.{os.getpid()}"
            pointer.write_text(version + "\n")
            os.replace(pointer, self.path / POINTER)
        except (OSError, duckdb.Error) as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise EngineError(f"publishing to {self.label} failed, readers keep the previous "
                              f"version: {exc}. Check that {self.path} is writable") from exc
        finally:
            duck.close()
        self._prune(keep=version)
        return PublishSummary(self.label, tables, time.monotonic() - started)

    def _prune(self, keep: str) -> None:
        """Delete published versions older than the previous one (readers may hold it)."""
        versions = sorted(p for p in self.path.glob("v*-*") if p.is_dir() and p.name != keep)
        for old in versions[:-1]:
            shutil.rmtree(old, ignore_errors=True)

    # -- reading ---------------------------------------------------------------------------
    def current_version(self) -> str:
        """The published version readers should use (the pointer file's content)."""
        try:
            return (self.path / POINTER).read_text().strip()
        except FileNotFoundError:
            raise EngineError(
                f"{self.label} holds no supportlens tables ({self.path / POINTER} is missing): "
                "publish the store there first with `supportlens import FOLDER --engine URL` "
                "or `supportlens publish --engine URL`") from None

    def session(self) -> Any:
        """The Spark session (an active one is reused) with the time zone set to UTC.

        A process holds one Spark context, whose master cannot change: an active session
        of another master is refused rather than silently used in this one's place."""
        try:
            from pyspark.sql import SparkSession
        except ModuleNotFoundError as exc:
            raise EngineError(f"Spark needs the pyspark package ({exc}): install supportlens "
                              "with `pip install 'supportlens[engines]'`") from None
        self._check_master_answers()
        builder = SparkSession.builder.master(self.master).appName("supportlens")
        conf = {"spark.sql.session.timeZone": "UTC", "spark.ui.enabled": "false"}
        if self.master.startswith("local"):
            conf["spark.sql.shuffle.partitions"] = LOCAL_SHUFFLE_PARTITIONS
        conf.update(self.conf)
        for key, value in conf.items():
            builder = builder.config(key, value)
        try:
            session = builder.getOrCreate()
        except Exception as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EngineError(
                f"cannot start Spark with master {self.master}: {first}. Check that the "
                "master is running and reachable from here and that Java 17 or newer is "
                "installed (JAVA_HOME)") from None
        running = session.sparkContext.master
        if running != self.master:
            raise EngineError(
                f"{self.label}: this process already runs Spark with master {running}, and "
                "one process can use one Spark master. Use that master's URL, or run this "
                "report in another process (another `supportlens` command)")
        return session

    def _check_master_answers(self) -> None:
        """For a cluster master, that one of its addresses accepts a connection: Spark
        itself retries for a minute before giving up, printing Java stack traces."""
        if not self.master.startswith("spark://"):
            return
        addresses = self.master.removeprefix("spark://").split(",")  # HA: several masters
        for address in addresses:
            host, _, port = address.rpartition(":")
            try:
                with socket.create_connection((host, int(port)), timeout=MASTER_TIMEOUT_S):
                    return
            except (OSError, ValueError):
                continue
        raise EngineError(f"no Spark master answers at {self.master}: start the cluster "
                          "(sbin/start-master.sh and start-worker.sh) or correct the URL "
                          "(spark://HOST:PORT; a standalone master listens on 7077 unless "
                          "started with another port)")

    def _connect(self) -> Any:
        session = self.session()
        version = self.current_version()
        self._register(session, version)
        return ibis.pyspark.connect(session)

    def reader(self) -> Any:
        """The Ibis backend; the views follow the pointer when a new version is published."""
        if self._con is not None and self.current_version() != self._version:
            self._register(self._con._session, self.current_version())
        return super().reader()

    def _register(self, session: Any, version: str) -> None:
        folder = self.path / version
        try:
            manifest = json.loads((folder / MANIFEST).read_text())
        except (OSError, ValueError) as exc:
            raise EngineError(f"{self.label}: version {version} is unreadable ({exc}): "
                              "publish the store again") from None
        for name, ddl in manifest["tables"].items():
            # A known schema spares Spark a job per table to read the Parquet footers.
            read = session.read.schema(ddl) if ddl else session.read
            read.parquet(str(folder / f"{name}.parquet")).createOrReplaceTempView(name)
        self._version = version

    def close(self) -> None:
        """Forget the connection; the Spark session stays for other users in the process."""
        self._con = None
        self._version = None


_SPARK_TYPES = {
    pa.string(): "STRING", pa.large_string(): "STRING", pa.bool_(): "BOOLEAN",
    pa.int8(): "TINYINT", pa.int16(): "SMALLINT", pa.int32(): "INT", pa.int64(): "BIGINT",
    pa.uint8(): "SMALLINT", pa.uint16(): "INT", pa.uint32(): "BIGINT",
    pa.float32(): "FLOAT", pa.float64(): "DOUBLE", pa.date32(): "DATE",
}


def spark_type(t: pa.DataType) -> str | None:
    """The Spark SQL type that reads a Parquet column of Arrow type `t` (None: unknown)."""
    if t in _SPARK_TYPES:
        return _SPARK_TYPES[t]
    if pa.types.is_timestamp(t):
        return "TIMESTAMP" if t.tz else "TIMESTAMP_NTZ"  # naive UTC stays naive
    if pa.types.is_decimal(t):
        return f"DECIMAL({t.precision},{t.scale})"
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        inner = spark_type(t.value_type)
        return f"ARRAY<{inner}>" if inner else None
    return None


def spark_ddl(schema: pa.Schema) -> str | None:
    """A Spark schema string for a Parquet file (None when a column type is unknown, and
    Spark infers the schema itself)."""
    columns = []
    for f in schema:
        kind = spark_type(f.type)
        if kind is None:
            return None
        columns.append(f"`{f.name.replace('`', '``')}` {kind}")
    return ", ".join(columns)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
