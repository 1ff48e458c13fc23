"""Customers: churn and retention, dated by period.

churn_rate is a cohort metric: each period looks at the customers who were active at
its first instant and asks how many of them churned before its end. Its records are
therefore built per period (like the backlog's snapshots): one record per (period,
customer active at the period's start), from the engine's snapshots table,
which holds each period's `start_at` and end (`snap_at`).

`customer_list` answers "which customers are behind this number" for any metric whose
records reach a customer (the Python API's Workspace.customers, `supportlens customers`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import ibis

from supportlens.errors import QueryError
from supportlens.metrics.context import BEGINNING, Context
from supportlens.metrics.dimensions import TIME_DIMS
from supportlens.metrics.periods import TRUNCATE_UNIT
from supportlens.metrics.registry import Extra, Metric, get_metric, register
from supportlens.metrics.request import ReportRequest

SECTION = "Satisfaction and customers"


def churn_rate(ctx: Context) -> ibis.Table:
    """The cohort of each period and its churn, as changes (registry: snapshot deltas):
    a customer joins the cohort of the periods that start after its created_at (+1) and
    leaves it for those that start after its churned_at (-1); a churn inside a period
    of which the customer was in the cohort is that period's hit. The level of changes
    is the denominator (engine.running_levels), so the rows never hold customers x
    periods (30M rows weekly at 1M tickets; 0.6 s).

    By hour_of_day or weekday (the period start's) the cohorts are listed whole
    (_cohorts): changes summed per weekday would miss the other days' periods."""
    if not by_changes(ctx):
        return _cohorts(ctx)
    c = ctx.table("customers")
    snaps = ctx.period_snapshots()
    first_start = ibis.literal(snaps.first_start, type="timestamp")
    # churned before created: never in a cohort (created < start <= churned cannot hold)
    c = c.filter(c.created_at.isnull() | c.churned_at.isnull()
                 | (c.churned_at >= c.created_at))
    one = ibis.literal(1, "int64")
    stamp = c.created_at.type()
    joins = c.select("customer_id", change_at=c.created_at.fill_null(
        ibis.literal(BEGINNING, type=stamp)), delta=one)
    leaves = c.filter(c.churned_at.notnull()).select(
        "customer_id", change_at=c.churned_at.cast(stamp), delta=-one)
    changes = _in_period(ctx, joins.union(leaves, distinct=False), "change_at")
    # a change before the first period counts from the first; one inside a period, from
    # the next (none after the last)
    changes = changes.select(
        "customer_id", "delta", hit=ibis.literal(False), dated_at=changes.change_at,
        period_start=(changes.change_at < first_start).ifelse(
            ibis.literal(snaps.first_period, type="date"), changes.s__next))
    changes = changes.filter(changes.period_start.notnull() if snaps.by
                             else changes.dated_at < first_start)
    churns = c.filter(c.churned_at.notnull() & (c.churned_at >= first_start)
                      & (c.churned_at < ibis.literal(snaps.last_end, type="timestamp")))
    churns = _in_period(ctx, churns, "churned_at")
    churns = churns.filter(churns.created_at.isnull() | (churns.created_at < churns.s__start))
    hits = churns.select("customer_id", delta=ibis.literal(0, "int64"), hit=ibis.literal(True),
                         dated_at=churns.churned_at, period_start=churns.s__period)
    return changes.union(hits, distinct=False)


def by_changes(ctx: Context) -> bool:
    """Whether churn_rate's records are changes (else whole cohorts): unless the report
    groups or filters by hour_of_day or weekday."""
    return not any(d in TIME_DIMS for d in ctx.wanted)


def _in_period(ctx: Context, t: ibis.Table, at: str) -> ibis.Table:
    """`t` with the snapshot period its `at` falls in (by its local time, as every
    metric's records): `s__period` (its period_start), `s__start` (its first instant)
    and `s__next` (the next period's period_start, null for the last); for totals the
    one snapshot's. An `at` outside every period has nulls there."""
    snaps = ctx.period_snapshots()
    table = snaps.table.select(s__period=snaps.table.period_start,
                               s__start=snaps.table.start_at, s__next=snaps.table.next_start)
    if snaps.by is None:
        return t.cross_join(table)
    local = ctx.with_local_time(t, at, "s__local")
    day = local.s__local.truncate(TRUNCATE_UNIT[snaps.by]).cast("date")
    local = local.mutate(s__day=day)
    return local.left_join(table, local.s__day == table.s__period).drop("s__local", "s__day")


def _cohorts(ctx: Context) -> ibis.Table:
    """(period, customer active at its start): hit when the customer churned in the period.

    Active at the start = became a customer before it (or no created_at: a customer since
    before any data) and had not churned before it.
    """
    c = ctx.table("customers")
    c = c.select("customer_id", cu_created=c.created_at, cu_churned=c.churned_at)
    snaps = ctx.period_snapshots().table
    active = snaps.join(c, [
        c.cu_created.isnull() | (c.cu_created < snaps.start_at),
        c.cu_churned.isnull() | (c.cu_churned >= snaps.start_at),
    ])
    churned = active.cu_churned.notnull() & (active.cu_churned < active.snap_at)
    return active.select("customer_id", "period_start", dated_at=active.start_at,
                         hit=churned)


def _no_aggregate(_records: Any) -> Any:
    """retention has no aggregate of its own (Extra.of_value makes it)."""
    raise QueryError("retention is made from churn_rate's value")


def _retention(value: float | None) -> float | None:
    """1 − churn over the row's cohort (null when nobody was active at the start)."""
    return None if value is None else 1.0 - value


register(Metric(
    "churn_rate", SECTION, "rate", "period",
    "Customers whose churned_at is in the period / customers active at its start "
    "(created before it and not churned before it). Retention = 1 − churn is reported "
    "beside it.",
    churn_rate, per_period=True,
    rules="A cohort rate: the numerator counts only customers of the denominator, so a "
          "customer who becomes one and churns inside the same period is in neither (the "
          "rate stays within 0–1). A customer without created_at has been one since before "
          "any data. A customer whose churned_at is exactly a period's first instant is "
          "active at that start and churns in that period. Periods are the report's: with "
          "--by each period is its own cohort (the first from --from, else from the day of "
          "the first ticket; the last up to --to, else to now); totals treat the whole "
          "range as one period, so they are NOT the sum or mean of the periods: the cohort "
          "is taken at --from (else at the first ticket's day) and churn counted up to the "
          "end of --to (else now). Customers have no ticket: they group by their own "
          "columns (segment, industry, country, value, value_tier, custom properties) and "
          "by time of the period start only, not by rep, team or ticket columns.",
    extras=(Extra("retention", "1 − churn rate: the share of the customers active at the "
                  "start who had not churned by the period's end", _no_aggregate,
                  unit="rate", of_value=_retention),)))


def customer_list(con: Any, req: ReportRequest, workspace_tz: str) -> dict[str, Any]:
    """The customers behind a metric (e.g. `nps` with `nps_category=detractor`): the report
    grouped by `customer` (plus the request's group-by), one entry per customer with its
    name, segment and value beside its contribution (the metric's value, n, …).

    Totals only (no --by). Records without a customer are left out; the entries are sorted
    by the metric's value, highest first (nulls last), then by n, then by customer id.
    """
    from supportlens.metrics.engine import run_report  # the engine imports the registry

    metric = get_metric(req.metric)
    if metric.report is not None:
        raise QueryError(f"{metric.id} is a table per rep, not about customers: pick a metric "
                         "such as nps, csat, tickets_created or churn_rate")
    if req.by:
        raise QueryError(f"--by {req.by}: the customer list is over the whole range; drop "
                         "--by (or narrow --from/--to)")
    dims = ["customer", *[d for d in req.group_by if d != "customer"]]
    try:
        report = run_report(con, dataclasses.replace(req, group_by=tuple(dims)), workspace_tz)
    except QueryError as exc:
        if str(exc).startswith("unknown dimension 'customer'"):
            raise QueryError(f"{metric.id} has no customers (its records belong to no ticket "
                             "or customer): pick a metric such as nps, csat, "
                             "tickets_created, offers_given or churn_rate") from None
        raise
    people = con.table("customers").select("customer_id", "name", "segment", "value")
    info = {r["customer_id"]: r for r in people.to_pyarrow().to_pylist()}
    entries = []
    for row in report["rows"]:
        group = dict(row["group"])
        customer = group.pop("customer")
        if customer is None:
            continue
        known = info.get(customer, {})
        entry: dict[str, Any] = {"customer_id": customer, "name": known.get("name"),
                                 "segment": known.get("segment"),
                                 "customer_value": known.get("value"), "group": group}
        entry |= {k: v for k, v in row.items() if k not in ("period", "group")}
        entries.append(entry)
    entries.sort(key=lambda e: e["customer_id"])
    entries.sort(key=lambda e: (e["value"] is None, -(e["value"] or 0), -e["n"]))
    return {"metric": report["metric"], "unit": report["unit"], "from": report["from"],
            "to": report["to"], "customers": entries}
