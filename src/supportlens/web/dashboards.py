"""Saved reports and dashboards: everyone reads them, editors and admins change them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from supportlens.web.pages import render
from supportlens.web.saved import SavedStore
from supportlens.web.security import Editor, Reader

router = APIRouter()


def saved_of(request: Request) -> SavedStore:
    """The app's saved reports and dashboards (set by create_app)."""
    saved: SavedStore = request.app.state.saved
    return saved


class NewSavedReport(BaseModel):
    """A report configuration to save, optionally straight onto a dashboard."""

    name: str = Field(description="What to call the report.")
    metric: str = Field(description="Metric id.")
    query: str = Field("", description="The report URL's query string (its configuration).")
    dashboard_id: int | None = Field(None, description="Also add it to this dashboard.")
    new_dashboard: str | None = Field(None, description="Also add it to a new dashboard "
                                                        "with this name.")


class SavedReportChange(BaseModel):
    """What to change about a saved report (what is left out stays), optionally also
    putting it on a dashboard."""

    name: str | None = Field(None, description="A new name.")
    metric: str | None = Field(None, description="A new metric id.")
    query: str | None = Field(None, description="A new report configuration (query string).")
    dashboard_id: int | None = Field(None, description="Also add it to this dashboard.")
    new_dashboard: str | None = Field(None, description="Also add it to a new dashboard "
                                                        "with this name.")


class NewDashboard(BaseModel):
    """A dashboard to create."""

    name: str


class DashboardChange(BaseModel):
    """A dashboard's new name."""

    name: str


class Tile(BaseModel):
    """One tile of a dashboard layout."""

    report_id: int
    width: str = Field("half", description="half or full.")


class Layout(BaseModel):
    """Every tile of a dashboard, in the order to show them."""

    tiles: list[Tile]


def _add_to_dashboard(request: Request, principal: Editor, report_id: int,
                      dashboard_id: int | None, new_dashboard: str | None) -> int | None:
    """Put a saved report on the chosen (or a new) dashboard; the dashboard's id."""
    saved = saved_of(request)
    if new_dashboard:
        dashboard_id = saved.create_dashboard(new_dashboard, principal.user.name)["id"]
    if dashboard_id is not None:
        saved.add_to_dashboard(dashboard_id, report_id)
    return dashboard_id


class DashboardItem(BaseModel):
    """A saved report to put on a dashboard."""

    report_id: int


@router.get("/api/saved-reports", tags=["saved reports"])
def list_reports(request: Request, principal: Reader
                 ) -> list[dict[str, Any]]:
    """Every saved report, newest first."""
    return saved_of(request).reports()


@router.post("/api/saved-reports", tags=["saved reports"], status_code=201)
def save_report(body: NewSavedReport, request: Request,
                principal: Editor) -> dict[str, Any]:
    """Save a report (editors and admins); with a dashboard, add it there too."""
    report = saved_of(request).save_report(body.name, body.metric, body.query,
                                           principal.user.name)
    dashboard_id = _add_to_dashboard(request, principal, report["id"], body.dashboard_id,
                                     body.new_dashboard)
    return {**report, "dashboard_id": dashboard_id}


@router.patch("/api/saved-reports/{report_id}", tags=["saved reports"])
def change_report(report_id: int, body: SavedReportChange, request: Request,
                  principal: Editor) -> dict[str, Any]:
    """Rename a saved report or save a new configuration over it (editors and admins);
    with a dashboard, add it there too."""
    report = saved_of(request).update_report(report_id, body.name, body.metric, body.query)
    dashboard_id = _add_to_dashboard(request, principal, report_id, body.dashboard_id,
                                     body.new_dashboard)
    return {**report, "dashboard_id": dashboard_id}


@router.delete("/api/saved-reports/{report_id}", tags=["saved reports"])
def delete_report(report_id: int, request: Request,
                  principal: Editor) -> dict[str, Any]:
    """Delete a saved report (editors and admins)."""
    saved_of(request).delete_report(report_id)
    return {"deleted": report_id}


@router.get("/api/dashboards", tags=["dashboards"])
def list_dashboards(request: Request, principal: Reader
                    ) -> list[dict[str, Any]]:
    """Every dashboard with how many reports it holds."""
    return saved_of(request).dashboards()


@router.get("/api/dashboards/{dashboard_id}", tags=["dashboards"])
def get_dashboard(dashboard_id: int, request: Request,
                  principal: Reader) -> dict[str, Any]:
    """One dashboard with its saved reports in order."""
    return saved_of(request).dashboard(dashboard_id)


@router.post("/api/dashboards", tags=["dashboards"], status_code=201)
def create_dashboard(body: NewDashboard, request: Request,
                     principal: Editor) -> dict[str, Any]:
    """Create an empty dashboard (editors and admins)."""
    return saved_of(request).create_dashboard(body.name, principal.user.name)


@router.patch("/api/dashboards/{dashboard_id}", tags=["dashboards"])
def rename_dashboard(dashboard_id: int, body: DashboardChange, request: Request,
                     principal: Editor) -> dict[str, Any]:
    """Rename a dashboard (editors and admins)."""
    return saved_of(request).rename_dashboard(dashboard_id, body.name)


@router.put("/api/dashboards/{dashboard_id}/layout", tags=["dashboards"])
def set_layout(dashboard_id: int, body: Layout, request: Request,
               principal: Editor) -> dict[str, Any]:
    """Order a dashboard's tiles and set each one's width, half or full (editors and
    admins); the list names every report on the dashboard once."""
    return saved_of(request).set_layout(dashboard_id,
                                        [(t.report_id, t.width) for t in body.tiles])


@router.delete("/api/dashboards/{dashboard_id}", tags=["dashboards"])
def delete_dashboard(dashboard_id: int, request: Request,
                     principal: Editor) -> dict[str, Any]:
    """Delete a dashboard; its saved reports stay (editors and admins)."""
    saved_of(request).delete_dashboard(dashboard_id)
    return {"deleted": dashboard_id}


@router.post("/api/dashboards/{dashboard_id}/reports", tags=["dashboards"])
def add_report(dashboard_id: int, body: DashboardItem, request: Request,
               principal: Editor) -> dict[str, Any]:
    """Put a saved report on a dashboard (editors and admins)."""
    return saved_of(request).add_to_dashboard(dashboard_id, body.report_id)


@router.delete("/api/dashboards/{dashboard_id}/reports/{report_id}", tags=["dashboards"])
def remove_report(dashboard_id: int, report_id: int, request: Request,
                  principal: Editor) -> dict[str, Any]:
    """Take a report off a dashboard (editors and admins)."""
    return saved_of(request).remove_from_dashboard(dashboard_id, report_id)


# -- pages ------------------------------------------------------------------------------
@router.get("/saved", response_class=HTMLResponse, include_in_schema=False)
def saved_page(request: Request, principal: Reader) -> Response:
    """The saved reports."""
    return render(request, "saved.html", principal, reports=saved_of(request).reports())


@router.get("/dashboards", response_class=HTMLResponse, include_in_schema=False)
def dashboards_page(request: Request, principal: Reader) -> Response:
    """The dashboards."""
    return render(request, "dashboards.html", principal,
                  dashboards=saved_of(request).dashboards())


@router.get("/dashboards/{dashboard_id}", response_class=HTMLResponse, include_in_schema=False)
def dashboard_page(dashboard_id: int, request: Request,
                   principal: Reader) -> Response:
    """One dashboard: a grid of its saved reports' charts."""
    return render(request, "dashboard.html", principal,
                  dashboard=saved_of(request).dashboard(dashboard_id))
