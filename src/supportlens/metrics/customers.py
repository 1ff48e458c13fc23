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
from supportlens.metrics.context import Context, as_number
from supportlens.metrics.registry import Extra, Metric, get_metric, register
from supportlens.metrics.request import ReportRequest

SECTION = "Satisfaction and customers"


def churn_rate(ctx: Context) -> ibis.Table:
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


def _retention(t: ibis.Table) -> ibis.Value:
    """1 − churn over the row's cohort (null when nobody was active at the start)."""
    return 1.0 - as_number(t.hit, "float64").mean()


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
                  "start who had not churned by the period's end", _retention,
                  unit="rate"),)))


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
