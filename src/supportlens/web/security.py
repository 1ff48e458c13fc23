"""Who is asking, and may they: the login, CSRF and role checks of every endpoint.

A request is authenticated by either
- the session cookie `sl_session` (browsers): then every state-changing request
  (POST, PUT, PATCH, DELETE) must carry the session's CSRF token, in the form field
  `csrf` or the header `X-CSRF-Token`; or
- an API token in `Authorization: Bearer slk_…` (scripts): no cookie is involved, so
  no CSRF token is needed.
Routes take `Depends(reader)`, `Depends(editor)` or `Depends(admin)`; the role checks
are access.py's, so the server refuses whatever the pages hide.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qsl, quote

from fastapi import Depends, Request

from supportlens.access import Actor, PermissionDenied
from supportlens.accounts import Accounts, User, csrf_matches, csrf_token
from supportlens.errors import SupportlensError

SESSION_COOKIE = "sl_session"
LOGIN_CSRF_COOKIE = "sl_login_csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class NotLoggedIn(SupportlensError):
    """No valid session or token: pages send the visitor to log in, the API says 401."""


class CsrfRefused(SupportlensError):
    """A state-changing request from a session without the session's CSRF token."""


@dataclass(frozen=True)
class Principal:
    """The logged-in user of one request, and how they proved it."""

    user: User
    session_token: str | None  # None when authenticated by an API token

    @property
    def actor(self) -> Actor:
        return self.user.actor

    @property
    def csrf(self) -> str:
        """The CSRF token pages put in forms and in the X-CSRF-Token header."""
        return csrf_token(self.session_token) if self.session_token else ""

    @property
    def is_admin(self) -> bool:
        return self.user.role == "admin"


def accounts_of(request: Request) -> Accounts:
    """The app's accounts (set by create_app)."""
    accounts: Accounts = request.app.state.accounts
    return accounts


def identify(request: Request) -> Principal | None:
    """The user behind the request's bearer token or session cookie, if any."""
    accounts = accounts_of(request)
    auth = request.headers.get("authorization", "")
    if auth:
        scheme, _, token = auth.partition(" ")
        user = accounts.token_user(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise NotLoggedIn("the API token is not valid: make a new one on your Account "
                              "page or with `supportlens users token NAME`")
        return Principal(user, None)
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        user = accounts.session_user(session)
        if user is not None:
            return Principal(user, session)
    return None


async def form_fields(request: Request) -> dict[str, str]:
    """The fields of an urlencoded form body (read once, cached on the request)."""
    cached: dict[str, str] | None = getattr(request.state, "form_fields", None)
    if cached is not None:
        return cached
    fields: dict[str, str] = {}
    if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        body = (await request.body()).decode("utf-8", errors="replace")
        fields = dict(parse_qsl(body, keep_blank_values=True))
    request.state.form_fields = fields
    return fields


async def check_csrf(request: Request, principal: Principal) -> None:
    """Refuse a state-changing cookie request that lacks the session's CSRF token."""
    if request.method in SAFE_METHODS or principal.session_token is None:
        return
    given = request.headers.get(CSRF_HEADER) or (await form_fields(request)).get("csrf")
    if not csrf_matches(principal.session_token, given):
        raise CsrfRefused("this form has expired or did not come from supportlens: reload "
                          "the page and try again")


async def reader(request: Request) -> Principal:
    """Any logged-in user (viewers read)."""
    principal = identify(request)
    if principal is None:
        raise NotLoggedIn("log in first: this page needs a supportlens account")
    await check_csrf(request, principal)
    request.state.principal = principal
    return principal


async def editor(request: Request) -> Principal:
    """A logged-in editor or admin (saving and sharing)."""
    principal = await reader(request)
    action = "save or change reports and dashboards"
    principal.actor.require_editor(action)
    return principal


async def admin(request: Request) -> Principal:
    """A logged-in admin (managing users)."""
    principal = await reader(request)
    if not principal.is_admin:
        raise PermissionDenied(f"{principal.user.name} is a {principal.user.role} and cannot "
                               "manage users: ask an admin")
    return principal


def login_url(request: Request) -> str:
    """/login?next=<this page>, to come back here after logging in."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + quote(target, safe="")


def safe_next(target: str | None) -> str:
    """Where to go after login: only a path on this site (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


Reader = Annotated[Principal, Depends(reader)]
Editor = Annotated[Principal, Depends(editor)]
Admin = Annotated[Principal, Depends(admin)]


class LoginThrottle:
    """Slows password guessing: after `limit` failed logins for one user name within
    `window` seconds, that name cannot log in until the oldest failure is `window` old."""

    def __init__(self, limit: int = 5, window: float = 300.0):
        self.limit, self.window = limit, window
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, name: str, now: float) -> list[float]:
        kept = [t for t in self._failures.get(name.lower(), []) if now - t < self.window]
        self._failures[name.lower()] = kept
        return kept

    def wait_seconds(self, name: str) -> int:
        """0 when `name` may try to log in, else how long until they may."""
        now = time.monotonic()
        with self._lock:
            recent = self._recent(name, now)
            if len(recent) < self.limit:
                return 0
            return max(1, int(self.window - (now - recent[0])))

    def failed(self, name: str) -> None:
        """Note a failed login for `name`."""
        with self._lock:
            self._recent(name, time.monotonic()).append(time.monotonic())

    def succeeded(self, name: str) -> None:
        """Forget `name`'s failures after a successful login."""
        with self._lock:
            self._failures.pop(name.lower(), None)
