"""Render reports and the catalog for the terminal (Rich tables), CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.table import Table

BASE_FIELDS = ("period", "group", "value", "n")


def human_duration(seconds: float | None) -> str:
    """3725 → '1h 02m 05s'; 93784 → '1d 02h 03m'."""
    if seconds is None:
        return "—"
    s = int(round(seconds))
    sign = "-" if s < 0 else ""
    s = abs(s)
    d, rem = divmod(s, 86400)
    h, rem = divmod(rem, 3600)
    m, sec = divmod(rem, 60)
    if d:
        return f"{sign}{d}d {h:02d}h {m:02d}m"
    if h:
        return f"{sign}{h}h {m:02d}m {sec:02d}s"
    return f"{sign}{m}m {sec:02d}s"


def human_value(value: Any, unit: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):  # a label beside the value (e.g. the leaderboard's rep_name)
        return value
    if unit == "rate":
        return f"{value * 100:.1f}%"
    if unit == "seconds":
        return human_duration(value)
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}"


def report_columns(report: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(group dimension names, extra fields present) of a report."""
    rows = report["rows"]
    dims = list(rows[0]["group"]) if rows else []
    extras = [f for f in rows[0] if f not in BASE_FIELDS] if rows else []
    return dims, extras


def report_table(report: dict[str, Any]) -> Table:
    unit = report["unit"]
    span = f"{report['from'] or '…'} – {report['to'] or '…'}"
    table = Table(title=f"{report['metric']} ({unit}), {span}", title_justify="left")
    dims, extras = report_columns(report)
    extra_units = _extra_units(report["metric"])
    with_period = any(r["period"] for r in report["rows"])
    if with_period:
        table.add_column("period")
    for d in dims:
        table.add_column(d)
    table.add_column("value", justify="right")
    table.add_column("n", justify="right")
    for f in extras:
        table.add_column(f, justify="right")
    for r in report["rows"]:
        cells = [r["period"]] if with_period else []
        cells += ["—" if r["group"][d] is None else str(r["group"][d]) for d in dims]
        cells += [human_value(r["value"], unit), f"{r['n']:,}"]
        for f in extras:
            field_unit = {"median": unit, "p90": unit, "previous": unit}.get(f, "")
            if f.endswith(("_time", "_time_to_solve", "_seconds")):
                field_unit = "seconds"
            field_unit = extra_units.get(f) or field_unit
            if f == "change_pct":
                cells.append("—" if r[f] is None else f"{r[f]:+.1f}%")
            else:
                cells.append(human_value(r[f], field_unit))
        table.add_row(*cells)
    return table


def _extra_units(metric_id: str) -> dict[str, str | None]:
    """The units the registry declares for a metric's extra fields (rate → shown as %)."""
    from supportlens.errors import QueryError
    from supportlens.metrics.registry import get_metric

    try:
        return {e.name: e.unit for e in get_metric(metric_id).extras}
    except QueryError:
        return {}


def report_csv(report: dict[str, Any]) -> str:
    dims, extras = report_columns(report)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", *dims, "value", "n", *extras])
    for r in report["rows"]:
        writer.writerow([r["period"] or "", *["" if r["group"][d] is None else r["group"][d]
                                              for d in dims],
                         "" if r["value"] is None else r["value"], r["n"],
                         *["" if r.get(f) is None else r[f] for f in extras]])
    return out.getvalue()


def report_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)


def catalog_table(metrics: list[dict[str, Any]]) -> Table:
    table = Table(title="supportlens metrics", title_justify="left", show_lines=False)
    for name in ("id", "unit", "dated by", "description"):
        table.add_column(name, overflow="fold")
    section = None
    for m in metrics:
        if m["section"] != section:
            section = m["section"]
            table.add_row(f"[bold]{section}[/bold]", "", "", "")
        table.add_row(m["id"], m["unit"], m["dated_by"], m["description"])
    return table


def impact_table(impact: dict[str, Any]) -> Table:
    """Impact this week: one line per figure, with last week's value and the change."""
    table = Table(title=f"AI agent impact, week {impact['from']} – {impact['to']}",
                  title_justify="left", caption=impact["note"], caption_justify="left")
    for name in ("figure", "this week", "last week", "change"):
        table.add_column(name, justify="left" if name == "figure" else "right")
    for f in impact["figures"]:
        change = "—" if f["change_pct"] is None else f"{f['change_pct']:+.1f}%"
        table.add_row(f["metric"], human_value(f["value"], f["unit"]),
                      human_value(f["previous"], f["unit"]), change)
    return table
