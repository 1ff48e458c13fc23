"""Dimensions: what a report can be grouped and filtered by, and how each is looked up.

A dimension is resolved against a metric's records (metrics.md, Conventions):
- the metric's own dimensions (direction, stage, target…) are record columns;
- `ticket` and every ticket column, custom properties included, via `ticket_id`;
- `customer` and every customers column (`segment`, `industry`…; a name that is also
  a ticket column, like `country`, is the ticket's — write `customer.country` for the
  customer's);
- `rep` and `team`: the record's own rep (message metrics) or else the ticket's owner
  at the dated-by time (`unassigned` when none);
- `hour_of_day` (0–23) and `weekday` (1 = Monday … 7 = Sunday) of the dated-by time in
  the report's timezone;
- two derived ones: `channel_group` (`social` when the ticket's channel is one of the
  social channels of the settings, else `other`; null without a ticket) and
  `value_tier` (`q1` … `q4`: the quarter of all customers, by customers.value, that the
  customer falls in; null without a customer or a value).
Records with a `customer_id` but no `ticket_id` (churn_rate) have the customer
dimensions only (there `country` is the customer's); records with neither have only
their own and the time dimensions.
Each resolved dimension becomes a column `dim_<n>` of the records.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis

from supportlens.errors import QueryError
from supportlens.metrics.context import Context, open_end
from supportlens.metrics.registry import Metric
from supportlens.settings import social_channels
from supportlens.store.owners import owner_column

TIME_DIMS = ("hour_of_day", "weekday")
CHANNEL_GROUP = "channel_group"
VALUE_TIER = "value_tier"
TIERS = ("q1", "q2", "q3", "q4")  # q1 = the lowest quarter of customers.value
# Customer columns that need the `customer.` prefix (too ambiguous on their own).
QUALIFIED_ONLY = ("name", "created_at", "churned_at")
PEOPLE_DIMS = ("rep", "team")
UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class Catalog:
    """The dimensions available to one metric on one store."""

    own: tuple[str, ...]
    ticket: tuple[str, ...]  # empty when the records have no ticket_id
    customer: tuple[str, ...]
    has_ticket: bool
    has_customer: bool = False  # a ticket_id or a customer_id
    has_rep: bool = False  # the records carry their own rep_id

    def all(self) -> list[str]:
        names = list(self.own) + list(TIME_DIMS)
        if self.has_ticket:
            names += ["ticket", *self.ticket, CHANNEL_GROUP]
        if self.has_ticket or self.has_rep:
            names += list(PEOPLE_DIMS)
        if self.has_customer:
            names += ["customer"]
            names += [c for c in self.customer
                      if c not in self.ticket and c not in QUALIFIED_ONLY]
            names += [f"customer.{c}" for c in self.customer]
            names += [VALUE_TIER]
        return list(dict.fromkeys(names))

    def check(self, dim: str, metric: Metric) -> None:
        if dim not in self.all():
            raise QueryError(f"unknown dimension {dim!r} for {metric.id}: use one of "
                             f"{', '.join(self.all())}")


def catalog(ctx: Context, metric: Metric, record_columns: list[str]) -> Catalog:
    """The dimensions a metric's records can be grouped by, from the columns they carry."""
    has_ticket = "ticket_id" in record_columns
    tickets = [c for c in ctx.table("tickets").columns if c not in ("ticket_id", "created_at")]
    customers = [c for c in ctx.table("customers").columns if c != "customer_id"]
    return Catalog(own=metric.dimensions, ticket=tuple(tickets) if has_ticket else (),
                   customer=tuple(customers), has_ticket=has_ticket,
                   has_customer=has_ticket or "customer_id" in record_columns,
                   has_rep="rep_id" in record_columns)


def attach(t: ibis.Table, dims: list[str], ctx: Context, cat: Catalog) -> ibis.Table:
    """Add one column `dim_<i>` per dimension in `dims` (in order) to the records."""
    t = _join_tickets(t, dims, ctx, cat)
    t = _join_people(t, dims, ctx)
    values = {}
    for i, dim in enumerate(dims):
        values[f"dim_{i}"] = _value(t, dim, cat)
    return t.mutate(**values) if values else t


def _customer_column(dim: str, cat: Catalog) -> str | None:
    if dim.startswith("customer."):
        return dim.split(".", 1)[1]
    if dim == VALUE_TIER and dim not in cat.customer:
        return "value"
    if dim in cat.customer and dim not in cat.ticket and dim not in QUALIFIED_ONLY:
        return dim
    return None


def _join_tickets(t: ibis.Table, dims: list[str], ctx: Context, cat: Catalog) -> ibis.Table:
    """Join the ticket columns asked for, then the customer's (the record's own customer
    when it has one, as surveys and offers do; else the ticket's)."""
    ticket_cols = sorted({d for d in dims if d in cat.ticket} | {"customer_id"}
                         | ({"channel"} if CHANNEL_GROUP in dims else set()))
    wants_customer = any(_customer_column(d, cat) for d in dims)
    wants_ticket = any(d in cat.ticket or d in ("customer", CHANNEL_GROUP)
                       for d in dims) or wants_customer
    if not wants_ticket:
        return t
    if "ticket_id" in t.columns:
        tk = ctx.table("tickets")
        tk = tk.select(tk__ticket_id=tk.ticket_id, **{f"tk__{c}": tk[c] for c in ticket_cols})
        t = t.left_join(tk, t.ticket_id == tk.tk__ticket_id).drop("tk__ticket_id")
    else:
        t = t.mutate(**{f"tk__{c}": ibis.null("string") for c in ticket_cols})
    if "customer_id" in t.columns:
        t = t.mutate(tk__customer_id=t.customer_id.fill_null(t.tk__customer_id))
    if wants_customer:
        cols = sorted({c for d in dims if (c := _customer_column(d, cat))})
        cu = ctx.table("customers")
        cu = cu.select(cu__customer_id=cu.customer_id, **{f"cu__{c}": cu[c] for c in cols})
        t = t.left_join(cu, t.tk__customer_id == cu.cu__customer_id).drop("cu__customer_id")
    if VALUE_TIER in dims and VALUE_TIER not in cat.customer:
        t = t.cross_join(_tier_bounds(ctx))
    return t


def _tier_bounds(ctx: Context) -> ibis.Table:
    """One row: the 25th, 50th and 75th percentiles (linear interpolation) of
    customers.value over every customer with a value, whatever the report's filters."""
    cu = ctx.table("customers")
    value = cu["value"].cast("float64")
    return cu.aggregate(vt__p25=value.quantile(0.25), vt__p50=value.quantile(0.5),
                        vt__p75=value.quantile(0.75))


def _value_tier(t: ibis.Table) -> ibis.Value:
    """q1 for a value at or below the 25th percentile, q2 up to the median, q3 up to the
    75th percentile, q4 above: equal values always share a tier."""
    v = t.cu__value.cast("float64")
    return ibis.cases((v.isnull(), ibis.null("string")), (v <= t.vt__p25, TIERS[0]),
                      (v <= t.vt__p50, TIERS[1]), (v <= t.vt__p75, TIERS[2]),
                      else_=TIERS[3])


def _channel_group(t: ibis.Table) -> ibis.Value:
    """`social` for the settings' social channels, `other` for the rest, null without one."""
    social = list(social_channels())
    channel = t.tk__channel.lower()
    return ibis.cases((channel.isnull(), ibis.null("string")),
                      (channel.isin(social), "social"), else_="other")


def _join_people(t: ibis.Table, dims: list[str], ctx: Context) -> ibis.Table:
    if not any(d in PEOPLE_DIMS for d in dims):
        return t
    if "owner_rep" in t.columns:  # the records know the owner (owner_at, the backlog)
        return t.mutate(pp__rep=t.owner_rep.fill_null(UNASSIGNED),
                        pp__team=t.owner_team.fill_null(UNASSIGNED))
    if "rep_id" in t.columns:  # message metrics: the author, and the author's team
        reps = ctx.table("reps")
        reps = reps.select(rp__rep_id=reps.rep_id, rp__team_id=reps.team_id)
        t = t.left_join(reps, t.rep_id == reps.rp__rep_id).drop("rp__rep_id")
        return t.mutate(pp__rep=t.rep_id, pp__team=t.rp__team_id)
    t = join_owner(ctx, t, "dated_at", "oh__")
    return t.mutate(pp__rep=t.oh__rep.fill_null(UNASSIGNED),
                    pp__team=t.oh__team.fill_null(UNASSIGNED))


def owner_at(t: ibis.Table, time: str) -> dict[str, ibis.Value]:
    """Columns `owner_rep` and `owner_team` for records dated by the fact column `time`:
    the owner at that time, stored at import (store/owners.py, OWNED_FACTS). Records that
    carry them are grouped by rep or team without joining owner_history."""
    return {"owner_rep": t[owner_column(time, "rep")],
            "owner_team": t[owner_column(time, "team")]}


def owner_columns(time: str) -> tuple[str, str]:
    """The stored owner columns of the fact column `time` (to carry them through a select)."""
    return owner_column(time, "rep"), owner_column(time, "team")


def join_owner(ctx: Context, t: ibis.Table, at: str, prefix: str) -> ibis.Table:
    """`t` plus `<prefix>rep` and `<prefix>team`: the owner of its ticket at t[at]
    (metrics.md, owner at a time), from owner_history; null when nobody owned it then.
    Every record is kept once: a ticket's owner spans do not overlap."""
    oh = ctx.table("owner_history")
    names = {k: f"{prefix}{k}" for k in ("ticket", "rep", "team", "from", "to")}
    oh = oh.select(**{names["ticket"]: oh.ticket_id, names["rep"]: oh.rep_id,
                      names["team"]: oh.team_id, names["from"]: oh.valid_from,
                      names["to"]: oh.valid_to})
    j = t.left_join(oh, [t.ticket_id == oh[names["ticket"]], oh[names["from"]] <= t[at],
                         t[at] < open_end(oh[names["to"]])])
    return j.drop(names["ticket"], names["from"], names["to"])


def _value(t: ibis.Table, dim: str, cat: Catalog) -> ibis.Value:
    if dim in cat.own:
        return t[dim]
    if dim == "hour_of_day":
        return t.local_at.hour()
    if dim == "weekday":
        return t.local_at.day_of_week.index() + 1
    if dim == "ticket":
        return t.ticket_id
    if dim in PEOPLE_DIMS:
        return t[f"pp__{dim}"]
    if dim == "customer":
        return t.tk__customer_id
    if dim in cat.ticket:
        return t[f"tk__{dim}"]
    if dim == CHANNEL_GROUP:
        return _channel_group(t)
    if dim == VALUE_TIER and dim not in cat.customer:
        return _value_tier(t)
    column = _customer_column(dim, cat)
    assert column is not None
    return t[f"cu__{column}"]
