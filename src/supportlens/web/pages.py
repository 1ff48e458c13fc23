"""Rendering server pages: the templates and what every page knows about its user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from supportlens.web.library import metric_name
from supportlens.web.security import Principal

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals["metric_name"] = metric_name


def render(request: Request, template: str, principal: Principal | None,
           status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page, with the user, their CSRF token and their permissions for the layout."""
    user = principal.user if principal else None
    base = {
        "user": user,
        "csrf": principal.csrf if principal else "",
        "can_edit": bool(user and user.actor.can_edit),
        "is_admin": bool(user and user.role == "admin"),
        "path": request.url.path,
    }
    return templates.TemplateResponse(request, template, {**base, **context},
                                      status_code=status_code)
