"""What a report asks for, parsed and checked before any query runs.

The CLI, the Python API and the HTTP API all build a `ReportRequest` from the
user's words, so a bad frequency, date or filter gets the same message everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from supportlens.errors import QueryError

FREQUENCIES = ("day", "week", "month", "quarter", "year")
HOURS = ("calendar", "business")

Op = Literal["=", "!=", "in", "not in"]


@dataclass(frozen=True)
class Filter:
    """One `--where`: a dimension, an operator and the values compared (as text)."""

    dim: str
    op: Op
    values: tuple[str, ...]

    def __str__(self) -> str:
        if self.op in ("in", "not in"):
            return f"{self.dim} {self.op} ({','.join(self.values)})"
        return f"{self.dim}{self.op}{self.values[0]}"


_IN = re.compile(r"^\s*([\w.]+)\s+(not\s+in|in)\s*\((.*)\)\s*$", re.IGNORECASE)
_CMP = re.compile(r"^\s*([\w.]+)\s*(!=|=)\s*(.*?)\s*$")


def parse_filter(text: str) -> Filter:
    """`channel=chat`, `channel!=email`, `priority in (high,urgent)`, `x not in (a,b)`."""
    m = _IN.match(text)
    if m:
        values = tuple(v.strip().strip("'\"") for v in m.group(3).split(",") if v.strip())
        if not values:
            raise QueryError(f"filter {text!r} lists no values: write e.g. "
                             "'priority in (high,urgent)'")
        op: Op = "not in" if m.group(2).lower().startswith("not") else "in"
        return Filter(m.group(1), op, values)
    m = _CMP.match(text)
    if m:
        return Filter(m.group(1), "=" if m.group(2) == "=" else "!=",
                      (m.group(3).strip("'\""),))
    raise QueryError(f"cannot read the filter {text!r}: write DIM=VALUE, DIM!=VALUE or "
                     "DIM in (A,B), e.g. channel=chat")


def parse_timezone(tz: str) -> str:
    """An IANA timezone name, checked."""
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise QueryError(f"unknown timezone {tz!r}: give an IANA name such as UTC, "
                         "Europe/Stockholm or America/New_York") from None
    return tz


def parse_date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"{what} {text!r} is not a date: write YYYY-MM-DD, e.g. 2026-03-01") \
            from None


def parse_instant(text: str, tz: str) -> dt.datetime:
    """An ISO timestamp (or date) as naive UTC; without an offset it is read in `tz`."""
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise QueryError(f"--now {text!r} is not a timestamp: write ISO 8601, e.g. "
                         "2026-03-19T12:00:00Z") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(tz))
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def parse_options(items: list[str] | dict[str, str] | None) -> dict[str, str]:
    if items is None:
        return {}
    if isinstance(items, dict):
        return {str(k): str(v) for k, v in items.items()}
    options = {}
    for item in items:
        if "=" not in item:
            raise QueryError(f"option {item!r} needs a value: write KEY=VALUE, "
                             "e.g. include_ai=true")
        key, value = item.split("=", 1)
        options[key.strip()] = value.strip()
    return options


@dataclass(frozen=True)
class ReportRequest:
    """A report, fully parsed: every field is valid on its own (the engine checks the rest)."""

    metric: str
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    by: str | None = None
    group_by: tuple[str, ...] = ()
    where: tuple[Filter, ...] = ()
    hours: str = "calendar"
    now: dt.datetime | None = None  # naive UTC
    tz: str | None = None
    compare: str | None = None
    top: int | None = None
    options: dict[str, str] = field(default_factory=dict)


def build_request(metric: str, *, date_from: str | dt.date | None = None,
                  date_to: str | dt.date | None = None, by: str | None = None,
                  group_by: tuple[str, ...] | list[str] = (),
                  where: tuple[str, ...] | list[str] = (), hours: str = "calendar",
                  now: str | dt.datetime | None = None, tz: str | None = None,
                  compare: str | None = None, top: int | None = None,
                  options: dict[str, str] | list[str] | None = None,
                  workspace_tz: str = "UTC") -> ReportRequest:
    """Parse a report's parameters as users give them (strings) into a ReportRequest."""
    zone = parse_timezone(tz or workspace_tz)
    if by is not None and by not in FREQUENCIES:
        raise QueryError(f"unknown frequency {by!r}: use one of {', '.join(FREQUENCIES)}")
    if hours not in HOURS:
        raise QueryError(f"unknown hours {hours!r}: use calendar or business")
    if compare not in (None, "previous"):
        raise QueryError(f"unknown comparison {compare!r}: the only one is 'previous'")
    if top == 0:
        raise QueryError("--top 0 keeps nothing: give N for the N highest or -N for the lowest")
    d_from = parse_date(date_from, "--from") if isinstance(date_from, str) else date_from
    d_to = parse_date(date_to, "--to") if isinstance(date_to, str) else date_to
    if d_from and d_to and d_from > d_to:
        raise QueryError(f"--from {d_from} is after --to {d_to}: swap them")
    instant = parse_instant(now, zone) if isinstance(now, str) else now
    if isinstance(instant, dt.datetime) and instant.tzinfo is not None:
        instant = instant.astimezone(dt.UTC).replace(tzinfo=None)
    return ReportRequest(
        metric=metric, date_from=d_from, date_to=d_to, by=by, group_by=tuple(group_by),
        where=tuple(parse_filter(w) for w in where), hours=hours, now=instant, tz=tz,
        compare=compare, top=top, options=parse_options(options))
