"""Run a report's query, compiling its SQL once per report shape.

Compiling an Ibis expression to SQL takes 10–50 ms (mostly Ibis merging selects), as
long as DuckDB takes to run a typical report at 1M tickets. A report's expression
depends on the request through its metric, grouping, filters, options and hours, which
a user's next request usually keeps, and through `now` and the range's bounds, which
change with every request. Those three enter expressions as the Ibis parameters NOW,
LO and HI, so requests of one shape build equal expressions whatever their values.

On the embedded DuckDB store the SQL of an expression is compiled once per connection
with placeholder values, and each run writes the request's values in their place: the
SQL run is exactly what Ibis would compile with those values (tests/test_compiled.py
checks), without compiling it again. On a store reader, whose data cannot change, a
request's expression itself is built once per shape (Engine.shape names it) for the
metrics whose expression depends on nothing else. Other engines compile every time
(`to_pyarrow` with the parameters), as their queries take far longer than compiling.
"""

from __future__ import annotations

import datetime as dt
import functools
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import ibis
import pyarrow as pa

from supportlens.store.store import store_memo

NOW = ibis.param("timestamp")  # the request's `now` (naive UTC)
LO = ibis.param("timestamp")  # the range's UTC start, when it has one
HI = ibis.param("timestamp")  # the range's UTC end (exclusive), when it has one

# Values no request has, standing in for the parameters in a compiled template: each
# renders as SQL text found nowhere else (a year-1111 timestamp, told apart by its
# microseconds).
_PLACEHOLDERS: dict[Any, dt.datetime] = {
    p: dt.datetime(1111, 11, 11, 11, 11, 11, i) for i, p in enumerate((NOW, LO, HI), 1)}

# Queries kept per connection, least recently used dropped first: bounds what a server
# keeps as users ask for ever new shapes.
MAX_SHAPES = 256

# id(connection) -> its compiled queries, dropped with the connection. Keyed by
# identity: Ibis backends compare equal when they open the same database, but each
# registers its own in-memory tables.
_COMPILED: dict[int, OrderedDict[Any, Compiled]] = {}


@dataclass(frozen=True)
class Compiled:
    """One query's SQL with placeholder values, and its expression (which types the
    result, and holds the in-memory tables registered for it)."""

    expr: ibis.Table
    sql: str


def parameters(now: dt.datetime, lo: dt.datetime | None = None,
               hi: dt.datetime | None = None) -> dict[Any, dt.datetime | None]:
    """The parameter values of one request."""
    return {NOW: now, LO: lo, HI: hi}


def to_arrow(con: Any, build: Callable[[], ibis.Table], values: dict[Any, dt.datetime | None],
             shape: Hashable | None = None) -> pa.Table:
    """The result of the expression `build()` makes, with the parameters set to `values`,
    as Arrow.

    `shape` names that expression when it depends on nothing but the shape, the
    parameters and the store's data: on a store reader (whose data cannot change) the
    expression is then built once per shape, as building one costs 5–10 ms of Python.
    Without it the expression is built every time and found by its structure."""
    if getattr(con, "name", None) != "duckdb":
        return build().to_pyarrow(params=values)
    query = _compiled(con, build, shape)
    from ibis.backends.duckdb.converter import DuckDBPyArrowData

    table = con.con.sql(_sql_with(query.sql, values, con)).to_arrow_table()
    return query.expr.__pyarrow_result__(table, data_mapper=DuckDBPyArrowData)


def sql_of(con: Any, expr: ibis.Table, values: dict[Any, dt.datetime | None]) -> str:
    """The SQL to_arrow runs for `expr` on a DuckDB connection (for tests)."""
    return _sql_with(_compiled(con, lambda: expr, None).sql, values, con)


def shapes(con: Any) -> int:
    """How many compiled queries the connection keeps."""
    return len(_COMPILED.get(id(con), ()))


def _compiled(con: Any, build: Callable[[], ibis.Table], shape: Hashable | None) -> Compiled:
    """The query of `shape` (on a store reader), or else of the expression build() makes,
    compiled on first use. Ibis nodes compare by structure, so equal expressions built
    anew find the same entry."""
    queries = _COMPILED.get(id(con))
    if queries is None:
        queries = _COMPILED[id(con)] = OrderedDict()
        weakref.finalize(con, _COMPILED.pop, id(con), None)
    expr = None
    if shape is None or store_memo(con) is None:
        expr = build()
        key: Any = expr.op()
    else:
        key = ("shape", shape)
    query = queries.get(key)
    if query is not None:
        queries.move_to_end(key)
        return query
    expr = build() if expr is None else expr
    # What Ibis runs before a query: registers the in-memory tables the expression reads
    # (kept registered while the entry, which holds them, stays cached).
    con._run_pre_execute_hooks(expr)
    query = queries[key] = Compiled(expr, con.compile(expr, params=_PLACEHOLDERS))
    while len(queries) > MAX_SHAPES:
        queries.popitem(last=False)
    return query


def _sql_with(template: str, values: dict[Any, dt.datetime | None], con: Any) -> str:
    sql = template
    for param, placeholder in _PLACEHOLDERS.items():
        text = _literal(con, placeholder)
        if text not in sql:
            continue
        value = values.get(param)
        if value is None:
            raise ValueError("a report's query uses a parameter the request left unset")
        sql = sql.replace(text, _literal(con, value))
    return sql


def _literal(con: Any, value: dt.datetime) -> str:
    """A timestamp as the backend's compiler writes it in SQL."""
    return _literal_of(con.compiler, con.dialect, value)


@functools.lru_cache(maxsize=1024)
def _literal_of(compiler: Any, dialect: Any, value: dt.datetime) -> str:
    op = ibis.literal(value, type="timestamp").op()
    return str(compiler.visit_node(op, value=op.value, dtype=op.dtype).sql(dialect))
