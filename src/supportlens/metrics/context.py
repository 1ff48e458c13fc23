"""What a metric's records function may use: the store's tables and the report's settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import ibis

from supportlens.errors import QueryError
from supportlens.metrics.request import Filter


@dataclass
class Context:
    """Tables of the store plus `now`, options and the filters a metric handles itself."""

    con: Any  # an Ibis backend
    now: dt.datetime  # naive UTC
    tz: str
    options: dict[str, str] = field(default_factory=dict)
    own_filters: tuple[Filter, ...] = ()
    snapshots: Any = None  # for snapshot metrics: table of (period_start, snap_at)

    def table(self, name: str) -> ibis.Table:
        return self.con.table(name)

    @property
    def now_value(self) -> ibis.Value:
        return ibis.literal(self.now, type="timestamp")

    def option(self, name: str, default: str | None = None) -> str | None:
        return self.options.get(name, default)

    def flag(self, name: str) -> bool:
        value = self.options.get(name, "false").lower()
        if value not in ("true", "false", "1", "0", "yes", "no"):
            raise QueryError(f"option {name}={value!r}: write true or false")
        return value in ("true", "1", "yes")

    def own_filter(self, dim: str) -> Filter | None:
        for f in self.own_filters:
            if f.dim == dim:
                return f
        return None


def apply_filter(column: ibis.Value, f: Filter) -> ibis.Value:
    """The boolean expression of a filter on a column (compared as text)."""
    text = column.cast("string")
    if f.op == "=":
        return text == f.values[0]
    if f.op == "!=":
        return (text != f.values[0]) | column.isnull()
    if f.op == "in":
        return text.isin(list(f.values))
    return text.notin(list(f.values)) | column.isnull()
