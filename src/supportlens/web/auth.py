"""Logging in and out, the account page (API tokens) and user management (admins).

The login form is protected from login CSRF by a double-submit token: GET /login sets a
random cookie and puts the same value in the form; POST /login needs both to match.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from supportlens.accounts import SESSION_DAYS, AccountError
from supportlens.web.pages import render
from supportlens.web.security import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Admin,
    CsrfRefused,
    LoginThrottle,
    NotLoggedIn,
    Reader,
    accounts_of,
    form_fields,
    identify,
    safe_next,
)

router = APIRouter()


def _login_page(request: Request, next_url: str, error: str = "", name: str = "",
                status_code: int = 200) -> Response:
    token = secrets.token_urlsafe(24)
    page = render(request, "login.html", None, status_code=status_code, login_csrf=token,
                  next=next_url, error=error, name=name)
    page.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                    secure=request.url.scheme == "https", path="/login")
    return page


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(request: Request, next: str = "/") -> Response:
    """The login page (logged-in visitors go straight on)."""
    try:
        if identify(request) is not None:
            return RedirectResponse(safe_next(next), status_code=303)
    except NotLoggedIn:
        pass
    return _login_page(request, safe_next(next))


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    """Check the password; on success start a session and go where the user was going."""
    fields = await form_fields(request)
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    next_url = safe_next(fields.get("next"))
    if not cookie or not secrets.compare_digest(cookie, fields.get("csrf", "")):
        raise CsrfRefused("the login form expired: reload the page and log in again")
    accounts = accounts_of(request)
    name = fields.get("name", "").strip()
    throttle: LoginThrottle = request.app.state.login_throttle
    wait = throttle.wait_seconds(name)
    if wait:
        minutes = max(1, round(wait / 60))
        return _login_page(request, next_url, f"Too many failed logins for {name}. Wait "
                           f"{minutes} minute{'s' if minutes > 1 else ''} and try again, or ask "
                           "an admin to set a new password.", name, 429)
    user = accounts.authenticate(name, fields.get("password", ""))
    if user is None:
        throttle.failed(name)
        return _login_page(request, next_url, "That user name and password do not match. "
                           "Check both and try again.", name, 401)
    throttle.succeeded(name)
    response = RedirectResponse(next_url, status_code=303)
    response.set_cookie(SESSION_COOKIE, accounts.start_session(user), httponly=True,
                        samesite="lax", secure=request.url.scheme == "https",
                        max_age=SESSION_DAYS * 86400, path="/")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, principal: Reader) -> Response:
    """End the session (needs the CSRF token like every state-changing form)."""
    if principal.session_token:
        accounts_of(request).end_session(principal.session_token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account", response_class=HTMLResponse, include_in_schema=False)
def account_page(request: Request, principal: Reader) -> Response:
    """The user's own page: role and API tokens."""
    tokens = accounts_of(request).tokens(principal.user.name)
    return render(request, "account.html", principal, tokens=tokens)


@router.get("/users", response_class=HTMLResponse, include_in_schema=False)
def users_page(request: Request, principal: Admin) -> Response:
    """Admins: every user, with forms to add, change and remove."""
    return render(request, "users.html", principal, users=accounts_of(request).users())


# -- JSON API -----------------------------------------------------------------------
class NewUser(BaseModel):
    """A user to create."""

    name: str = Field(description="Login name, no spaces.")
    role: str = Field("viewer", description="admin, editor or viewer.")
    password: str = Field(description="At least 8 characters.")


class UserChange(BaseModel):
    """What to change about a user (either or both)."""

    role: str | None = None
    password: str | None = None


class PasswordChange(BaseModel):
    """Your own new password, with the current one to prove it is you."""

    current_password: str = Field(description="The password you log in with now.")
    new_password: str = Field(description="At least 8 characters.")
    confirm_password: str | None = Field(None, description="The new password again "
                                                           "(checked when given).")


class NewToken(BaseModel):
    """An API token to make for yourself."""

    label: str = Field("API token", description="What the token is for.")


@router.get("/api/me", tags=["users"])
def me(principal: Reader) -> dict[str, Any]:
    """The logged-in user and what their role allows."""
    return {**principal.user.public(), "can_edit": principal.actor.can_edit,
            "is_admin": principal.is_admin}


@router.post("/api/me/password", tags=["users"])
def change_own_password(body: PasswordChange, request: Request,
                        principal: Reader) -> dict[str, Any]:
    """Change your own password (the current one is needed); your other sessions end,
    this one stays logged in."""
    if body.confirm_password is not None and body.confirm_password != body.new_password:
        raise AccountError("the two new passwords are not the same: type it twice alike")
    ended = accounts_of(request).change_own_password(
        principal.user.name, body.current_password, body.new_password, principal.session_token)
    return {"changed": principal.user.name, "sessions_ended": ended}


@router.get("/api/users", tags=["users"])
def list_users(request: Request, principal: Admin) -> list[dict[str, Any]]:
    """Every user (admins only)."""
    return [u.public() for u in accounts_of(request).users()]


@router.post("/api/users", tags=["users"], status_code=201)
def create_user(body: NewUser, request: Request,
                principal: Admin) -> dict[str, Any]:
    """Add a user (admins only)."""
    return accounts_of(request).create_user(body.name, body.role, body.password).public()


@router.patch("/api/users/{name}", tags=["users"])
def change_user(name: str, body: UserChange, request: Request,
                principal: Admin) -> dict[str, Any]:
    """Change a user's role or password (admins only; the last admin stays admin)."""
    accounts = accounts_of(request)
    if body.password is not None:
        accounts.set_password(name, body.password)
    if body.role is not None:
        return accounts.set_role(name, body.role).public()
    return accounts.user(name).public()


@router.delete("/api/users/{name}", tags=["users"])
def delete_user(name: str, request: Request,
                principal: Admin) -> dict[str, Any]:
    """Remove a user with their sessions and tokens (admins only)."""
    accounts_of(request).delete_user(name)
    return {"deleted": name}


@router.get("/api/tokens", tags=["users"])
def list_tokens(request: Request, principal: Reader
                ) -> list[dict[str, Any]]:
    """Your API tokens (labels and dates; a token itself is shown only when made)."""
    return accounts_of(request).tokens(principal.user.name)


@router.post("/api/tokens", tags=["users"], status_code=201)
def create_token(body: NewToken, request: Request,
                 principal: Reader) -> dict[str, Any]:
    """Make an API token acting as you; the response is the only time it is shown."""
    token = accounts_of(request).create_token(principal.user.name, body.label)
    return {"token": token, "label": body.label}


@router.delete("/api/tokens/{token_id}", tags=["users"])
def revoke_token(token_id: int, request: Request,
                 principal: Reader) -> dict[str, Any]:
    """Revoke one of your API tokens."""
    accounts_of(request).revoke_token(principal.user.name, token_id)
    return {"revoked": token_id}
