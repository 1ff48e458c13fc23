"""The web server: a JSON API that mirrors the CLI, and the pages of the web app.

Every page has a JSON twin under /api with the same parameters as `supportlens
report` (interfaces.md), and every error is one JSON shape: {"error": message}.
Every endpoint but the login page and the static files needs a logged-in user
(web/security.py); the routes live in auth.py, reports.py, dashboards.py, ai.py and gaps.py.
The store is opened read-only and reopened after an import replaces it, so an
import in another process never waits for the server (store/store.py).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import plotly
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from supportlens.access import PermissionDenied
from supportlens.accounts import Accounts
from supportlens.api import Workspace
from supportlens.errors import StoreError, SupportlensError
from supportlens.web import ai, auth, dashboards, gaps, reports
from supportlens.web.pages import render
from supportlens.web.saved import NotFound, SavedStore
from supportlens.web.security import (
    CsrfRefused,
    LoginThrottle,
    NotLoggedIn,
    Reader,
    identify,
    login_url,
)

HERE = Path(__file__).parent
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def wants_json(request: Request) -> bool:
    """API calls and scripts get JSON errors; browsers opening a page get a page."""
    path = request.url.path
    return (path.startswith("/api") or path == "/openapi.json"
            or "text/html" not in request.headers.get("accept", ""))


def error_response(request: Request, message: str, status: int) -> Response:
    """The one error shape: {"error": message}, or the same words on an error page."""
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    try:
        principal = identify(request)
    except NotLoggedIn:
        principal = None
    return render(request, "error.html", principal, status_code=status, message=message,
                  status=status)


def status_of(exc: SupportlensError) -> int:
    """The HTTP status of a user-facing error."""
    if isinstance(exc, NotLoggedIn):
        return 401
    if isinstance(exc, PermissionDenied | CsrfRefused):
        return 403
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, StoreError):
        return 503
    return 400


def create_app(db: str | Path | None = None) -> FastAPI:
    """The FastAPI application serving the store at `db`."""
    app = FastAPI(title="supportlens", version="0.1.0", docs_url=None, redoc_url=None,
                  openapi_url=None,
                  description="Customer-service analytics: the JSON API mirrors the CLI. "
                  "Authenticate with `Authorization: Bearer <token>` (make one on your "
                  "Account page or with `supportlens users token NAME`).")
    workspace = Workspace.open(db)
    app.state.workspace = workspace
    app.state.accounts = Accounts.for_store(workspace.store.path)
    app.state.saved = SavedStore.for_store(workspace.store.path)
    app.state.store_lock = threading.Lock()
    app.state.values_cache = {}
    app.state.login_throttle = LoginThrottle()

    @app.exception_handler(SupportlensError)
    async def user_error(request: Request, exc: SupportlensError) -> Response:
        if isinstance(exc, NotLoggedIn) and not wants_json(request):
            return RedirectResponse(login_url(request), status_code=303)
        return error_response(request, str(exc), status_of(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors())
        return error_response(request, f"the request is not valid ({problems})", 400)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = {404: "there is no such page", 405: "this address does not take that "
                   "method"}.get(exc.status_code, str(exc.detail))
        return error_response(request, message, exc.status_code)

    app.include_router(auth.router)
    app.include_router(reports.router)
    app.include_router(dashboards.router)
    app.include_router(ai.router)
    app.include_router(gaps.router)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(principal: Reader) -> dict[str, Any]:
        return app.openapi()

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request, principal: Reader) -> HTMLResponse:
        spec = app.openapi()
        return render(request, "docs.html", principal, spec=spec,
                      paths=sorted(spec["paths"].items()))

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(PLOTLY_JS, media_type="application/javascript")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> FileResponse:
        path = (HERE / "static" / name).resolve()
        if path.parent != (HERE / "static").resolve() or not path.is_file():
            raise NotFound(f"no static file {name!r}")
        return FileResponse(path)

    return app


def serve(db: str | Path | None, host: str, port: int) -> None:
    """Run the web app with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
