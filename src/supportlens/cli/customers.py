"""`supportlens customers METRIC`: the customers behind a metric's number.

    supportlens customers nps --where nps_category=detractor      # the detractors
    supportlens customers churn_rate --from 2026-03-01 --to 2026-03-31 --where segment=smb

One line per customer: id, name, segment, their value (`customer_value`, from the
customers table), any --group-by dimensions, and the metric computed over that
customer's records (value, n, and the metric's other fields). Totals over the range.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from supportlens.api import Workspace
from supportlens.cli.render import human_value
from supportlens.errors import SupportlensError

FIXED = ("customer_id", "name", "segment", "customer_value")
FORMATS = ("table", "json", "csv")


def customers(
    metric: Annotated[str, typer.Argument(help="Metric id (see `supportlens metrics`).")],
    db: Annotated[Path | None, typer.Option(
        "--db", help="Store file (default: $SUPPORTLENS_DB, else ./supportlens.duckdb).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day (inclusive).")] = None,
    group_by: Annotated[list[str] | None, typer.Option(
        "--group-by", help="Further dimension beside the customer (repeatable).")] = None,
    where: Annotated[list[str] | None, typer.Option(
        "--where", help="Filter: DIM=VALUE, DIM!=VALUE, 'DIM in (A,B)' (repeatable).")] = None,
    hours: Annotated[str, typer.Option("--hours", help="calendar or business.")] = "calendar",
    now: Annotated[str | None, typer.Option("--now", help="The present (ISO 8601).")] = None,
    tz: Annotated[str | None, typer.Option("--tz", help="IANA timezone.")] = None,
    top: Annotated[int | None, typer.Option(
        "--top", help="Keep the N customers with the highest value (-N: the lowest).")] = None,
    option: Annotated[list[str] | None, typer.Option(
        "--option", help="Metric option KEY=VALUE (repeatable).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """List the customers behind a metric (e.g. all detractors), with their contribution."""
    if fmt not in FORMATS:
        raise SupportlensError(f"unknown format {fmt!r}: use table, json or csv")
    result = Workspace.open(db).customers(
        metric, date_from=date_from, date_to=date_to, group_by=group_by or [],
        where=where or [], hours=hours, now=now, tz=tz, top=top, options=option or [])
    if fmt == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        sys.stdout.write(customers_csv(result))
    else:
        Console().print(customers_table(result))


def _columns(result: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(group dimensions, metric fields) present in a customer list."""
    entries = result["customers"]
    if not entries:
        return [], ["value", "n"]
    first = entries[0]
    return list(first["group"]), [k for k in first if k not in FIXED and k != "group"]


def customers_csv(result: dict[str, Any]) -> str:
    """One CSV line per customer: the fixed columns, the group, then the metric's fields."""
    dims, fields = _columns(result)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*FIXED, *dims, *fields])
    for e in result["customers"]:
        cells = [e[c] for c in FIXED] + [e["group"][d] for d in dims] + [e[f] for f in fields]
        writer.writerow(["" if c is None else c for c in cells])
    return out.getvalue()


def customers_table(result: dict[str, Any]) -> Table:
    """A Rich table of the customer list; the metric's value is shown in its unit."""
    unit = result["unit"]
    span = f"{result['from'] or '…'} – {result['to'] or '…'}"
    table = Table(title=f"customers behind {result['metric']} ({unit}), {span}",
                  title_justify="left")
    dims, fields = _columns(result)
    for name in (*FIXED, *dims):
        table.add_column(name, justify="right" if name == "customer_value" else "left")
    for f in fields:
        table.add_column(f, justify="right")
    for e in result["customers"]:
        cells = ["—" if e[c] is None else str(e[c]) for c in FIXED]
        cells += ["—" if e["group"][d] is None else str(e["group"][d]) for d in dims]
        cells += [human_value(e[f], unit if f in ("value", "median", "p90") else "")
                  for f in fields]
        table.add_row(*cells)
    return table
