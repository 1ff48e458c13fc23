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
checks), without compiling it again. Other engines compile every time (`to_pyarrow` with
the parameters), as their queries take far longer than compiling.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections import OrderedDict
from typing import Any

import ibis
import pyarrow as pa

NOW = ibis.param("timestamp")  # the request's `now` (naive UTC)
LO = ibis.param("timestamp")  # the range's UTC start, when it has one
HI = ibis.param("timestamp")  # the range's UTC end (exclusive), when it has one

# Values no request has, standing in for the parameters in a compiled template: each
# renders as SQL text found nowhere else (a year-1111 timestamp, told apart by its
# microseconds).
_PLACEHOLDERS: dict[Any, dt.datetime] = {
    p: dt.datetime(1111, 11, 11, 11, 11, 11, i) for i, p in enumerate((NOW, LO, HI), 1)}

# Shapes kept per connection, least recently used dropped first. Expressions holding a
# per-request in-memory table (interval grids, snapshot tables) never repeat, so the
# bound also keeps those from piling up.
MAX_SHAPES = 256

# id(connection) -> its templates, dropped with the connection. Keyed by identity: Ibis
# backends compare equal when they open the same database, but each registers its own
# in-memory tables.
_TEMPLATES: dict[int, OrderedDict[Any, str]] = {}


def parameters(now: dt.datetime, lo: dt.datetime | None = None,
               hi: dt.datetime | None = None) -> dict[Any, dt.datetime | None]:
    """The parameter values of one request."""
    return {NOW: now, LO: lo, HI: hi}


def to_arrow(con: Any, expr: ibis.Table, values: dict[Any, dt.datetime | None]) -> pa.Table:
    """The result of `expr` with the parameters set to `values`, as Arrow."""
    if getattr(con, "name", None) != "duckdb":
        return expr.to_pyarrow(params=values)
    sql = _sql_with(_template(con, expr), values, con)
    from ibis.backends.duckdb.converter import DuckDBPyArrowData

    table = con.con.sql(sql).to_arrow_table()
    return expr.__pyarrow_result__(table, data_mapper=DuckDBPyArrowData)


def sql_of(con: Any, expr: ibis.Table, values: dict[Any, dt.datetime | None]) -> str:
    """The SQL to_arrow runs on a DuckDB connection (for tests)."""
    return _sql_with(_template(con, expr), values, con)


def shapes(con: Any) -> int:
    """How many compiled shapes the connection keeps."""
    return len(_TEMPLATES.get(id(con), ()))


def _template(con: Any, expr: ibis.Table) -> str:
    """The expression's SQL with placeholder values, compiled on first use. Ibis nodes
    compare by structure, so equal shapes built anew find the same entry."""
    templates = _TEMPLATES.get(id(con))
    if templates is None:
        templates = _TEMPLATES[id(con)] = OrderedDict()
        weakref.finalize(con, _TEMPLATES.pop, id(con), None)
    key = expr.op()
    sql = templates.get(key)
    if sql is None:
        # What Ibis runs before a query: registers the in-memory tables the expression
        # reads (kept registered while the key, which holds them, stays cached).
        con._run_pre_execute_hooks(expr)
        sql = templates[key] = con.compile(expr, params=_PLACEHOLDERS)
        while len(templates) > MAX_SHAPES:
            templates.popitem(last=False)
    else:
        templates.move_to_end(key)
    return sql


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
    op = ibis.literal(value, type="timestamp").op()
    return con.compiler.visit_node(op, value=op.value, dtype=op.dtype).sql(con.dialect)
