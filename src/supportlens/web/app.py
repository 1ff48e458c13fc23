"""The web server: a JSON API that mirrors the CLI, and report pages.

Every page has a JSON twin under /api with the same parameters as `supportlens
report` (interfaces.md), and every error is one JSON shape: {"error": message}.
The store is opened read-only and reopened after an import replaces it, so an
import in another process never waits for the server (store/store.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import plotly
from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from supportlens.api import Workspace, catalog
from supportlens.errors import StoreError, SupportlensError
from supportlens.metrics.impact import REPORT_ID as IMPACT_REPORT
from supportlens.metrics.registry import get_metric

HERE = Path(__file__).parent
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def create_app(db: str | Path | None = None) -> FastAPI:
    """The FastAPI application serving the store at `db`."""
    app = FastAPI(title="supportlens", version="0.1.0",
                  description="Customer-service analytics: the JSON API mirrors the CLI.")
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    workspace = Workspace.open(db)

    @app.exception_handler(SupportlensError)
    async def user_error(request: Request, exc: SupportlensError) -> JSONResponse:
        status = 503 if isinstance(exc, StoreError) else 400
        return JSONResponse({"error": str(exc)}, status_code=status)

    @app.get("/api/metrics")
    def api_metrics() -> list[dict[str, Any]]:
        """The metric catalog (as `supportlens metrics --format json`)."""
        return catalog()

    @app.get("/api/report/{metric}")
    def api_report(
        metric: str,
        date_from: Annotated[str | None, Query(alias="from")] = None,
        date_to: Annotated[str | None, Query(alias="to")] = None,
        by: str | None = None,
        group_by: Annotated[list[str] | None, Query()] = None,
        where: Annotated[list[str] | None, Query()] = None,
        hours: str = "calendar",
        now: str | None = None,
        tz: str | None = None,
        compare: str | None = None,
        top: int | None = None,
        option: Annotated[list[str] | None, Query()] = None,
    ) -> dict[str, Any]:
        """One report (as `supportlens report METRIC --format json`)."""
        if metric == IMPACT_REPORT:
            return workspace.impact_this_week(now=now or None, tz=tz or None)
        return workspace.report(
            metric, date_from=date_from or None, date_to=date_to or None, by=by or None,
            group_by=[g for g in group_by or [] if g], where=[w for w in where or [] if w],
            hours=hours, now=now or None, tz=tz or None, compare=compare or None, top=top,
            options=option or [])

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request) -> HTMLResponse:
        sections: dict[str, list[dict[str, Any]]] = {}
        for m in catalog():
            sections.setdefault(m["section"], []).append(m)
        return templates.TemplateResponse(request, "index.html", {"sections": sections})

    @app.get("/report/{metric}", response_class=HTMLResponse)
    def report_page(request: Request, metric: str) -> HTMLResponse:
        info = next(m for m in catalog() if m["id"] == get_metric(metric).id)
        return templates.TemplateResponse(request, "report.html", {"metric": info})

    @app.get("/static/plotly.min.js")
    def plotly_js() -> FileResponse:
        return FileResponse(PLOTLY_JS, media_type="application/javascript")

    @app.get("/static/{name}")
    def static(name: str) -> FileResponse:
        path = (HERE / "static" / name).resolve()
        if path.parent != (HERE / "static").resolve() or not path.is_file():
            raise SupportlensError(f"no static file {name!r}")
        return FileResponse(path)

    return app


def serve(db: str | Path | None, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
