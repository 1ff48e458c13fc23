"""The same metrics on PostgreSQL and Spark as on DuckDB (store/engines.py).

The hand-built store (tests/handbuilt/data, plus the rep_status rows of reps r1–r3 from
tests/handbuilt_availability/data and the knowledge base of
tests/handbuilt_satisfaction/data; workspace timezone UTC) is published to a
throwaway PostgreSQL schema (dropped afterwards) and to Spark in local mode (one
session for the module), and a representative set of reports must give exactly the
numbers DuckDB gives. PostgreSQL is expected at 127.0.0.1:5432 (trust auth, database
`test`; override with $SUPPORTLENS_TEST_POSTGRES); the PostgreSQL tests skip only when
nothing answers there.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from supportlens.api import Workspace
from supportlens.errors import QueryError
from supportlens.metrics.engine import check_backend
from supportlens.metrics.registry import Metric
from supportlens.store.engines import EngineError, open_engine, resolve_engine
from tests.support import free_port

DATA = Path(__file__).parent / "handbuilt" / "data"
REP_STATUS = Path(__file__).parent / "handbuilt_availability" / "data" / "rep_status.csv"
KB = [Path(__file__).parent / "handbuilt_satisfaction" / "data" / f"{name}.csv"
      for name in ("kb_events", "kb_articles")]
NOW = "2026-04-06T00:00:00Z"
POSTGRES = os.environ.get("SUPPORTLENS_TEST_POSTGRES", "postgres://127.0.0.1:5432/test")

# (metric, report arguments): every kind of record the engine aggregates, periods, a
# group-by through the owner history, business hours and the backlog's snapshots.
REPORTS: list[tuple[str, dict[str, Any]]] = [
    ("tickets_created", {"by": "week"}),
    ("tickets_created", {"group_by": ["channel"]}),
    ("first_response_time", {"by": "week"}),
    ("first_response_time", {"hours": "business", "group_by": ["team"]}),
    ("resolution_time", {"by": "week", "group_by": ["priority"]}),
    ("first_contact_resolution_rate", {"by": "week"}),
    ("first_response_sla_rate", {"group_by": ["channel"]}),
    ("tickets_unresolved", {"by": "week", "group_by": ["team"]}),  # the owner join
    ("tickets_unresolved", {"by": "week", "group_by": ["channel"]}),  # the running sum
    ("ai_resolution_rate", {"by": "week"}),
    # stays cut at UTC midnights, the last one by day until now; the sweep per day
    ("rep_status_time", {"by": "week", "group_by": ["status"]}),
    ("available_outside_hours", {"group_by": ["working_hours"]}),
    ("max_available_reps", {"by": "day"}),
    ("max_available_reps", {"by": "day", "group_by": ["team"]}),
    # distinct keys counted through key facts (metrics/distinct.py)
    ("kb_views", {"by": "week", "group_by": ["category"]}),
    ("kb_success_rate", {"by": "week"}),
]


def _normal(value: Any) -> Any:
    """A report with floats rounded to 6 significant digits (engines sum in any order)."""
    if isinstance(value, float):
        return float(f"{value:.6g}") if math.isfinite(value) else value
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def _reachable(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "", parts.port or 5432), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return engines_store(tmp_path_factory)


def engines_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-built dataset imported into a DuckDB store (workspace timezone UTC)."""
    base = tmp_path_factory.mktemp("engines")
    folder = base / "dataset"
    folder.mkdir()
    for f in DATA.glob("*.csv"):
        shutil.copy(f, folder / f.name)
    for f in KB:
        shutil.copy(f, folder / f.name)
    lines = REP_STATUS.read_text().splitlines(keepends=True)
    (folder / "rep_status.csv").write_text(
        "".join(lines[:1] + [line for line in lines[1:] if line.split(",")[1] != "r4"]))
    ws = Workspace.open(base / "store.duckdb")
    ws.import_folder(folder, tz="UTC")
    ws.close()
    return base / "store.duckdb"


@pytest.fixture(scope="module")
def duckdb_ws(store: Path) -> Iterator[Workspace]:
    ws = Workspace.open(store, engine="duckdb")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """A fresh schema in the test database, dropped after the module."""
    if not _reachable(POSTGRES):
        pytest.skip(f"no PostgreSQL answers at {POSTGRES} (set SUPPORTLENS_TEST_POSTGRES)")
    schema = f"sl_test_{uuid.uuid4().hex[:10]}"
    url = f"{POSTGRES}?schema={schema}"
    yield url
    import psycopg

    with psycopg.connect(**_psycopg_params(url), autocommit=True) as con:
        for name in (schema, f"{schema}_cli"):
            con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
            con.execute(f'DROP SCHEMA IF EXISTS "{name}__publishing" CASCADE')


def _psycopg_params(url: str) -> dict[str, Any]:
    engine = open_engine(url, Path("unused.duckdb"))
    params = {k: v for k, v in engine.params.items() if v is not None}  # type: ignore[attr-defined]
    params["dbname"] = params.pop("database")
    return params


@pytest.fixture(scope="module")
def postgres_ws(store: Path, postgres_url: str) -> Iterator[Workspace]:
    ws = Workspace.open(store, engine=postgres_url)
    summary = ws.publish()
    assert summary.tables["tickets"] == 12
    assert {"ticket_facts", "business_calendar", "meta", "unsolved_spans"} <= set(
        summary.tables)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def spark_session() -> Iterator[Any]:
    """One local Spark session for the module: 2 shuffle partitions, time zone UTC."""
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("supportlens-tests")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.memory", "1g")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spark_ws(store: Path, spark_session: Any, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("spark-data")
    ws = Workspace.open(store, engine=f"spark:local[2]?path={path}")
    summary = ws.publish()
    assert summary.tables["tickets"] == 12
    yield ws
    ws.engine.close()  # type: ignore[union-attr]  # the module's session stays up


def _compare(ws: Workspace, reference: Workspace) -> None:
    for metric, kwargs in REPORTS:
        expected = reference.report(metric, now=NOW, **kwargs)
        assert any(r["value"] not in (None, 0) for r in expected["rows"]), (metric, kwargs)
        got = ws.report(metric, now=NOW, **kwargs)
        assert _normal(got) == _normal(expected), (metric, kwargs)


def test_postgres_gives_the_numbers_of_duckdb(postgres_ws: Workspace,
                                              duckdb_ws: Workspace) -> None:
    assert postgres_ws.source.reader().name == "postgres"
    _compare(postgres_ws, duckdb_ws)


def test_spark_gives_the_numbers_of_duckdb(spark_ws: Workspace, duckdb_ws: Workspace) -> None:
    assert spark_ws.source.reader().name == "pyspark"
    _compare(spark_ws, duckdb_ws)


def test_spark_refuses_a_second_master_in_one_process(spark_ws: Workspace, store: Path,
                                                      tmp_path: Path) -> None:
    """The module's session runs local[2]: an engine of another master must not silently
    run its reports there."""
    _refused(Workspace.open(store, engine=f"spark:local[1]?path={tmp_path}"),
             r"already runs Spark with master local\[2\].*one process can use one Spark master")


def _refused(ws: Workspace, message: str) -> None:
    """Publishing to the workspace's engine works; a report there raises `message`."""
    ws.publish()
    with pytest.raises(EngineError, match=message):
        ws.report("tickets_created", now=NOW)
    ws.close()


def test_postgres_report_in_another_timezone(postgres_ws: Workspace,
                                             duckdb_ws: Workspace) -> None:
    """Local periods need the timezone's offset table on the engine too."""
    kwargs: dict[str, Any] = {"by": "week", "group_by": ["weekday"], "tz": "Europe/Stockholm",
                              "hours": "business", "now": NOW}
    expected = duckdb_ws.report("first_response_time", **kwargs)
    assert any(r["value"] for r in expected["rows"])
    assert _normal(postgres_ws.report("first_response_time", **kwargs)) == _normal(expected)


def test_postgres_receives_a_timezone_offset_table_once(postgres_ws: Workspace,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The ~30,000 offset rows of a timezone are uploaded once per connection, not per
    report."""
    kwargs: dict[str, Any] = {"by": "week", "tz": "America/New_York", "now": NOW}
    postgres_ws.report("tickets_created", **kwargs)
    con = postgres_ws.source.reader()
    uploaded: list[list[str]] = []
    register = con._register_in_memory_table

    def recording(op: Any) -> None:
        uploaded.append(list(op.schema.names))
        register(op)

    monkeypatch.setattr(con, "_register_in_memory_table", recording)
    postgres_ws.report("tickets_created", **kwargs)
    postgres_ws.report("first_response_time", **kwargs)
    assert not [names for names in uploaded if "offset_seconds" in names]


def test_engine_reads_settings_without_a_local_store(store: Path, postgres_ws: Workspace,
                                                     postgres_url: str,
                                                     tmp_path: Path) -> None:
    """A reader needs only the engine: the workspace timezone comes from its meta table."""
    ws = Workspace.open(tmp_path / "absent.duckdb", engine=postgres_url)
    assert ws.timezone == "UTC"
    rows = ws.report("tickets_created", now=NOW)["rows"]
    assert rows[0]["value"] == 12
    ws.close()


def test_failed_postgres_publish_leaves_the_previous_tables(
        store: Path, postgres_ws: Workspace, postgres_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from supportlens.store import engines

    def broken(duck: Any, cur: Any, table: str, schema: str, columns: list[str]) -> int:
        if table == "tickets":
            raise RuntimeError("disk full")
        return real(duck, cur, table, schema, columns)

    real = engines._copy_rows
    monkeypatch.setattr(engines, "_copy_rows", broken)
    ws = Workspace.open(store, engine=postgres_url)
    with pytest.raises(EngineError, match="nothing changed there.*disk full.*supportlens "
                                          "publish"):
        ws.publish()
    ws.close()
    assert postgres_ws.report("tickets_created", now=NOW)["rows"][0]["value"] == 12


def test_spark_publish_swaps_versions(spark_ws: Workspace) -> None:
    """A second publish moves the pointer; the reader follows it; old versions go."""
    engine = spark_ws.engine
    assert engine is not None
    first = engine.current_version()  # type: ignore[attr-defined]
    spark_ws.publish()
    spark_ws.publish()
    current = engine.current_version()  # type: ignore[attr-defined]
    assert current != first
    folders = sorted(p.name for p in engine.path.glob("v*"))  # type: ignore[attr-defined]
    assert len(folders) == 2 and current in folders and first not in folders
    assert spark_ws.report("tickets_created", now=NOW)["rows"][0]["value"] == 12


def test_failed_spark_publish_keeps_the_pointer(store: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Publishing to Spark needs no session: DuckDB writes the files, a rename commits."""
    from supportlens.store import engines

    engine = open_engine(f"spark:local[1]?path={tmp_path}", store)
    engine.publish(store)
    before = (tmp_path / "CURRENT").read_text()

    def broken(path: Any) -> Any:
        raise OSError(f"no space left writing {path}")

    monkeypatch.setattr(engines.pq, "read_schema", broken)
    with pytest.raises(EngineError, match="readers keep the previous version: no space left"):
        engine.publish(store)
    assert (tmp_path / "CURRENT").read_text() == before
    assert [p.name for p in tmp_path.glob("v*")] == [before.strip()]


def test_unreachable_postgres_names_the_url_and_what_to_check(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "s.duckdb", engine="postgres://127.0.0.1:1/test")
    with pytest.raises(EngineError, match=r"cannot connect to postgres://127\.0\.0\.1:1/test "
                                          r"\(schema supportlens\).*Check that PostgreSQL"):
        ws.report("tickets_created")


def test_unreachable_spark_master_is_named_at_once(store: Path, tmp_path: Path) -> None:
    """Checked before Spark starts, which would retry for a minute."""
    port = free_port()  # nothing listens there
    _refused(Workspace.open(store, engine=f"spark://127.0.0.1:{port}?path={tmp_path}"),
             rf"no Spark master answers at spark://127\.0\.0\.1:{port}: start the cluster")


def test_engine_without_published_tables(postgres_url: str, tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "s.duckdb", engine=postgres_url.replace(
        "schema=", "schema=empty_"))
    with pytest.raises(EngineError, match="holds no supportlens tables.*supportlens publish"):
        ws.report("tickets_created")


@pytest.mark.parametrize(("url", "message"), [
    ("mysql://h/db", "unknown engine 'mysql://h/db': write one of postgres://"),
    ("postgres://127.0.0.1:5432", "names no host or database"),
    ("postgres://h/db?schema=Bad-Name", "schema 'Bad-Name'.*lowercase letters"),
    ("postgres://h/db?sslmode=x", "unknown setting 'sslmode'"),
    ("spark:", "names no Spark master: write spark:local\\[2\\]"),
    ("spark:local[2]?path=s3a://bucket/x", "give a directory path every Spark executor"),
    ("spark:local[2]?colour=red", "unknown setting 'colour'"),
])
def test_bad_engine_urls_say_what_to_write(url: str, message: str) -> None:
    with pytest.raises(EngineError, match=message):
        open_engine(url, Path("s.duckdb"))


def test_messages_never_show_the_password(tmp_path: Path) -> None:
    with pytest.raises(EngineError) as bad_url:
        open_engine("postgres://me:s3cret@127.0.0.1", Path("s.duckdb"))
    ws = Workspace.open(tmp_path / "s.duckdb", engine="postgres://me:s3cret@127.0.0.1:1/test")
    with pytest.raises(EngineError) as unreachable:
        ws.report("tickets_created")
    for exc in (bad_url.value, unreachable.value):
        assert "s3cret" not in str(exc) and "me" in str(exc)


def test_engine_defaults_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPPORTLENS_ENGINE", "spark:local[1]")
    assert resolve_engine(None) == "spark:local[1]"
    assert resolve_engine("duckdb") is None
    monkeypatch.delenv("SUPPORTLENS_ENGINE")
    assert resolve_engine(None) is None


def test_a_metric_marked_not_portable_is_refused_with_its_reason() -> None:
    metric = Metric("demo_metric", "Speed", "count", "created_at", "A demo.",
                    records=lambda ctx: None,
                    not_on=(("pyspark", "it needs DuckDB's list functions"),))

    class Backend:
        name = "pyspark"

    with pytest.raises(QueryError, match="metric demo_metric cannot run on Spark: it needs "
                                         "DuckDB's list functions. Run it on the embedded"):
        check_backend(metric, Backend())
    Backend.name = "postgres"
    check_backend(metric, Backend())  # allowed there


def test_durations_keep_fractions_of_a_second(postgres_ws: Workspace, spark_ws: Workspace
                                              ) -> None:
    """Spark's epoch seconds are whole seconds: durations are measured in microseconds."""
    import datetime as dt

    import ibis

    from supportlens.metrics.context import seconds_between

    start = dt.datetime(2026, 3, 2, 9, 0, 0, 250_000)
    rows = ibis.memtable({"a": [start], "b": [start + dt.timedelta(seconds=90, microseconds=
                                                                   500_001)]})
    expr = rows.select(s=seconds_between(rows.a, rows.b))
    for ws in (postgres_ws, spark_ws):
        con = ws.source.reader()
        assert con.execute(expr)["s"].tolist() == [pytest.approx(90.500001, abs=1e-9)]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SUPPORTLENS_ENGINE"}
    return subprocess.run([sys.executable, "-m", "supportlens.cli.main", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_cli_imports_publishes_and_reports_on_postgres(postgres_url: str,
                                                       tmp_path: Path) -> None:
    url = postgres_url + "_cli"  # a schema of its own, dropped with the module's
    folder = tmp_path / "dataset"
    folder.mkdir()
    for f in DATA.glob("*.csv"):
        shutil.copy(f, folder / f.name)
    for f in KB:
        shutil.copy(f, folder / f.name)
    lines = REP_STATUS.read_text().splitlines(keepends=True)
    (folder / "rep_status.csv").write_text(
        "".join(lines[:1] + [line for line in lines[1:] if line.split(",")[1] != "r4"]))
    db = str(tmp_path / "cli.duckdb")
    imported = _cli("import", str(folder), "--db", db, "--engine", url)
    assert imported.returncode == 0, imported.stderr
    assert "published" in imported.stdout and "_cli" in imported.stdout
    args = ["tickets_unresolved", "--db", db, "--by", "week", "--group-by", "team",
            "--now", NOW, "--format", "json"]
    on_pg = _cli("report", *args, "--engine", url)
    on_duckdb = _cli("report", *args)
    assert on_pg.returncode == 0, on_pg.stderr
    assert json.loads(on_pg.stdout) == json.loads(on_duckdb.stdout)
    again = _cli("publish", "--db", db, "--engine", url)
    assert again.returncode == 0, again.stderr
    assert re.search(r"Published [\d,]+ rows in \d+ tables to postgres://", again.stdout)


def test_cli_bad_engine_is_one_line_with_status_2(tmp_path: Path) -> None:
    out = _cli("report", "tickets_created", "--db", str(tmp_path / "s.duckdb"),
               "--engine", "mysql://127.0.0.1/test")
    assert out.returncode == 2
    assert out.stderr.startswith("error: unknown engine 'mysql://127.0.0.1/test': write one of")
    assert len(out.stderr.strip().splitlines()) == 1


def test_postgres_copy_keeps_every_value_as_is(postgres_url: str, tmp_path: Path) -> None:
    """Rows go to PostgreSQL as CSV: NULL and the empty string, quotes, backslashes,
    commas, newlines, list elements (null ones too), booleans and microseconds survive."""
    import duckdb
    import psycopg

    from supportlens.store import engines

    duck = duckdb.connect(str(tmp_path / "values.duckdb"))
    duck.execute("""CREATE TABLE "values" AS SELECT * FROM (VALUES
        (1, '', NULL, ['a', 'b "q"', NULL, 'c\\d', 'e,f', '{g}'], true,
         TIMESTAMP '2026-01-01 10:00:00.123456', 'x,y' || chr(10) || 'z', 1.5),
        (2, 'v', 'w', []::VARCHAR[], NULL, NULL, 'a\\b "c"', NULL),
        (3, 'NULL', 'x', NULL, false, TIMESTAMP '2026-01-01 10:00:00', '', -0.25)
        ) v("id", "s", "n", "l", "b", "ts", "m", "x")""")
    expected = duck.execute('SELECT * FROM "values" ORDER BY "id"').fetchall()
    schema = f"sl_copy_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(**_psycopg_params(postgres_url), autocommit=True) as pg:
        pg.execute(f'CREATE SCHEMA "{schema}"')
        try:
            pg.execute(f'CREATE TABLE "{schema}"."values" ("id" integer, "s" text, "n" text, '
                       '"l" text[], "b" boolean, "ts" timestamp, "m" text, "x" double precision)')
            with pg.cursor() as cur:
                columns = ["id", "s", "n", "l", "b", "ts", "m", "x"]
                assert engines._copy_rows(duck, cur, "values", schema, columns) == 3
            got = pg.execute(f'SELECT * FROM "{schema}"."values" ORDER BY "id"').fetchall()
        finally:
            pg.execute(f'DROP SCHEMA "{schema}" CASCADE')
    duck.close()
    assert [tuple(r) for r in got] == [tuple(r) for r in expected]
