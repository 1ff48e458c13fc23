"""Reports: the JSON API that mirrors `supportlens report`, the library and the report view."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from supportlens.api import Workspace, catalog
from supportlens.cli.render import report_csv
from supportlens.errors import QueryError, SupportlensError
from supportlens.metrics.impact import REPORT_ID as IMPACT_REPORT
from supportlens.metrics.registry import get_metric
from supportlens.web.library import QUICK_ANSWERS, descriptions, search, topics
from supportlens.web.pages import render
from supportlens.web.saved import NotFound, SavedStore
from supportlens.web.security import Reader

router = APIRouter()

# Dimensions the report view offers for grouping (a metric's own ones come first).
COMMON_DIMS = ("rep", "team", "channel", "pipeline", "priority", "type", "customer",
               "country", "hour_of_day", "weekday")
# Dimensions the filter panel offers pickers for, with their values.
PICKER_DIMS = ("rep", "team", "pipeline", "channel")


def workspace_of(request: Request) -> Workspace:
    """The app's workspace (set by create_app)."""
    workspace: Workspace = request.app.state.workspace
    return workspace


def opened_from(saved: SavedStore, value: str | None) -> dict[str, Any] | None:
    """The saved report a report view was opened from (`saved=ID` in its URL), if it
    still exists: then its Save dialog can save changes back to it."""
    if not value or not value.isdigit():
        return None
    try:
        return saved.report(int(value))
    except NotFound:
        return None


def run(request: Request, metric: str, **params: Any) -> dict[str, Any]:
    """A report from the app's workspace, one at a time: the store's DuckDB connection is
    shared, and a DuckDB connection runs one query at a time."""
    with request.app.state.store_lock:
        return workspace_of(request).report(metric, **params)


@router.get("/api/metrics", tags=["reports"])
def api_metrics(principal: Reader) -> list[dict[str, Any]]:
    """The metric catalog (as `supportlens metrics --format json`)."""
    return catalog()


@router.get("/api/report/{metric}", tags=["reports"], response_model=None)
def api_report(
    request: Request,
    principal: Reader,
    metric: str,
    date_from: Annotated[str | None, Query(alias="from", description="First day.")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="Last day (inclusive).")]
    = None,
    by: Annotated[str | None, Query(description="day, week, month, quarter or year.")] = None,
    group_by: Annotated[list[str] | None, Query()] = None,
    where: Annotated[list[str] | None, Query(description="DIM=VALUE, DIM!=VALUE, "
                                                           "DIM in (A,B)")] = None,
    hours: str = "calendar",
    now: str | None = None,
    tz: str | None = None,
    compare: str | None = None,
    top: int | None = None,
    option: Annotated[list[str] | None, Query()] = None,
    format: Annotated[str, Query(description="json or csv")] = "json",
) -> dict[str, Any] | Response:
    """One report (as `supportlens report METRIC --format json|csv`)."""
    if format not in ("json", "csv"):
        raise SupportlensError(f"unknown format {format!r}: use json or csv")
    if metric == IMPACT_REPORT:
        with request.app.state.store_lock:
            return workspace_of(request).impact_this_week(now=now or None, tz=tz or None)
    result = run(
        request, metric, date_from=date_from or None, date_to=date_to or None, by=by or None,
        group_by=[g for g in group_by or [] if g], where=[w for w in where or [] if w],
        hours=hours, now=now or None, tz=tz or None, compare=compare or None, top=top,
        options=[o for o in option or [] if o])
    if format == "csv":
        name = f"{metric}-{result['from'] or 'all'}-{result['to'] or 'all'}.csv"
        return Response(report_csv(result), media_type="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    return result


@router.get("/api/values/{metric}", tags=["reports"])
def api_values(request: Request, principal: Reader, metric: str,
               dimension: Annotated[str, Query(description="A dimension of the metric.")]
               ) -> dict[str, Any]:
    """The values a dimension takes in the metric's records (for the filter pickers)."""
    store = workspace_of(request).store.path
    key = (metric, dimension, store.stat().st_mtime_ns if store.exists() else 0)
    cache: dict[tuple[str, str, int], list[str]] = request.app.state.values_cache
    if any(k[2] != key[2] for k in cache):  # the store was replaced: forget old values
        cache.clear()
    if key not in cache:
        result = run(request, metric, group_by=[dimension])
        cache[key] = sorted({str(r["group"][dimension]) for r in result["rows"]
                             if r["group"].get(dimension) is not None})
    return {"metric": metric, "dimension": dimension, "values": cache[key]}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def library(request: Request, principal: Reader, q: str = "") -> Response:
    """The report library: quick answers, topics and search."""
    return render(request, "library.html", principal, topics=topics(), answers=QUICK_ANSWERS,
                  about=descriptions(), q=q, found=search(q) if q.strip() else None)


@router.get("/report/{metric}", response_class=HTMLResponse, include_in_schema=False)
def report_page(request: Request, metric: str,
                principal: Reader) -> Response:
    """The report view; the URL's query string holds the whole configuration."""
    if metric == IMPACT_REPORT:
        raise QueryError("impact_this_week is a summary, not a chart: open it with "
                         "`supportlens report impact_this_week` or /api/report/impact_this_week")
    info = next(m for m in catalog() if m["id"] == get_metric(metric).id)
    dims = list(info["dimensions"]) + [d for d in COMMON_DIMS if d not in info["dimensions"]]
    saved = request.app.state.saved
    return render(request, "report.html", principal, metric=info, metrics=catalog(),
                  dims=dims, pickers=PICKER_DIMS, units={m["id"]: m["unit"] for m in catalog()},
                  dashboards=saved.dashboards() if principal.actor.can_edit else [],
                  saved_report=opened_from(saved, request.query_params.get("saved")))
