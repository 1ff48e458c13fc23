"""The metric registry: every metric declared once, read by CLI, API, web and docs.

A metric is a small typed definition: its id, unit, what dates it, a description,
the dimensions it adds, the options it takes, and one function that builds its
*records* — an Ibis table with one row per thing measured. The engine does the rest
(date range, periods, group-bys, filters, aggregation, compare, top N), the same
for every metric, according to the metric's `kind`:

| kind     | record columns                  | value                          |
|----------|---------------------------------|--------------------------------|
| count    | dated_at                        | number of records              |
| distinct | dated_at, key                   | number of distinct keys        |
| sum      | dated_at, x                     | sum of x                       |
| rate     | dated_at, hit (boolean)         | hits / records                 |
| duration | dated_at, start_at, end_at (seconds) | mean seconds, median and p90 |
| mean     | dated_at, x                     | mean of x                      |
| snapshot | period_start, dated_at (delta) | records per snapshot (or sum of deltas) |
| ratio    | dated_at, side (num/den), key   | distinct num keys / distinct den keys |
| interval | start_at, end_at, key           | hours of overlap with the period |
| concurrency | start_at, end_at, key        | most spans holding at one instant |

Interval kinds are not dated by one instant: a span counts in every period it overlaps,
for the part inside it (see intervals.py; spans are half-open, [start_at, end_at)), and
their n is the number of distinct keys (e.g. reps) in the row. `concurrency` and `ratio`
take no extras: their values come from a sweep over the spans' ends and from keys
deduplicated first (distinct.py), not from one aggregate over the records. Records of
`distinct` and `ratio` may also carry key facts (distinct.KEY_FACTS), which let most
keys be counted without deduplicating them. A `duration` record may carry its own
`seconds` (end_at - start_at, when it knows them without the subtraction); with
--hours business the engine measures the span's business seconds all the same.

Snapshot records are either one row per thing held at each snapshot, or, with a `delta`
column, changes (+1, -1) each in the snapshot period it happened in: then a snapshot's
value is the sum of the deltas up to its period (kept per group), which spares the join
of every held thing with every snapshot. A per-period rate (churn_rate) may be changes
too: its n (the denominator) is then the level, and its numerator the hits of the period
alone. Changes are never grouped by hour_of_day or weekday: those are the snapshot
instant's, one per period, so a level summed per weekday would skip the other periods.

Records that belong to a ticket carry `ticket_id`, which makes every ticket and
customer column a dimension; records that carry `rep_id` are grouped by that rep
(message metrics), others by the ticket's owner at `dated_at`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from supportlens.errors import QueryError

if TYPE_CHECKING:
    from supportlens.metrics.context import Context

Kind = Literal["count", "distinct", "sum", "rate", "duration", "mean", "snapshot", "ratio",
               "interval", "concurrency"]
Unit = Literal["count", "rate", "seconds", "hours", "score", "mean", "ratio"]

UNIT_OF_KIND: dict[str, Unit] = {
    "count": "count", "distinct": "count", "sum": "count", "snapshot": "count",
    "rate": "rate", "duration": "seconds", "mean": "mean", "ratio": "ratio",
    "interval": "hours", "concurrency": "count",
}


@dataclass(frozen=True)
class Option:
    """A metric option (`--option KEY=VALUE`)."""

    name: str
    description: str
    choices: tuple[str, ...] = ()
    default: str | None = None


@dataclass(frozen=True)
class Extra:
    """A figure reported beside a metric's value (e.g. CSAT's mean score).

    `aggregate` turns the filtered records of one row (period × group) into one value
    (or `of_value` the row's value, see below); `unit` says how to show it.
    """

    name: str
    description: str
    aggregate: Callable[[Any], Any]
    unit: Unit | None = None
    # Instead of `aggregate`: the figure as a function of the row's value (churn_rate's
    # retention), for rows whose value is made after the query (snapshot levels).
    of_value: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Metric:
    """One metric of the catalog."""

    id: str
    section: str
    kind: Kind
    dated_by: str
    description: str
    records: Callable[[Context], Any]
    dimensions: tuple[str, ...] = ()  # dimensions the metric adds (direction, stage…)
    options: tuple[Option, ...] = ()
    own_filters: tuple[str, ...] = ()  # --where dims handled by records() itself
    rules: str = ""  # how the spec's silent cases are decided (shown in the docs)
    unit_override: Unit | None = None
    extras: tuple[Extra, ...] = field(default=())  # figures reported beside the value
    # Records built per period from ctx.snapshots (period_start, start_at, snap_at), like
    # the backlog, for metrics of "who was there at the period's start" (churn_rate).
    per_period: bool = False
    # A metric assembled from other metrics' reports (agent_leaderboard): called as
    # report(con, request, workspace_tz) instead of the engine's own aggregation.
    report: Callable[..., dict[str, Any]] | None = None
    # Engines (store/engines.py) whose SQL cannot compute this metric, as pairs of the
    # Ibis backend name (`postgres`, `pyspark`) and the reason; the report engine refuses
    # the metric there instead of returning wrong numbers, and the docs list them.
    not_on: tuple[tuple[str, str], ...] = ()

    @property
    def unit(self) -> Unit:
        return self.unit_override or UNIT_OF_KIND[self.kind]

    def unsupported_on(self, backend: str) -> str | None:
        """Why this metric cannot run on an Ibis backend (by name), or None if it can."""
        return next((reason for name, reason in self.not_on if name == backend), None)


SECTIONS = (
    "Volume and workload",
    "Speed",
    "Quality and effort",
    "Service levels",
    "Satisfaction and customers",
    "Rep availability (scheduling)",
    "Self-service and social",
    "AI customer agent",
)

# The Ibis backends supportlens reports on, with the names users know them by.
BACKENDS = {"duckdb": "DuckDB", "postgres": "PostgreSQL", "pyspark": "Spark"}

_REGISTRY: dict[str, Metric] = {}


def register(metric: Metric) -> Metric:
    if metric.id in _REGISTRY:
        raise ValueError(f"metric {metric.id!r} is registered twice")
    if metric.extras and metric.kind in ("concurrency", "ratio"):
        raise ValueError(f"metric {metric.id!r}: a {metric.kind} metric takes no extras")
    _REGISTRY[metric.id] = metric
    return metric


def all_metrics() -> list[Metric]:
    """Every registered metric, in catalog order."""
    _load_catalog()
    order = {name: i for i, name in enumerate(SECTIONS)}
    return sorted(_REGISTRY.values(), key=lambda m: order.get(m.section, len(order)))


def get_metric(metric_id: str) -> Metric:
    _load_catalog()
    try:
        return _REGISTRY[metric_id]
    except KeyError:
        raise QueryError(f"unknown metric {metric_id!r}: run `supportlens metrics` for the "
                         f"catalog ({', '.join(sorted(_REGISTRY))})") from None


def _load_catalog() -> None:
    """Import the modules that register metrics (once)."""
    from supportlens.metrics import (  # noqa: F401
        ai_agent,
        availability,
        customers,
        leaderboard,
        quality,
        satisfaction,
        self_service,
        service_levels,
        speed,
        volume,
    )
