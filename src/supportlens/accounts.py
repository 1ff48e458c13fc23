"""Users, passwords, sessions and API tokens of the web app.

Kept in the app-state SQLite file beside the store (`<store>.state.sqlite`, see
store/state_file.py), in tables of their own, so an import that replaces the store never
logs anyone out.

- Passwords are hashed with argon2id (argon2-cffi); a hash made with older parameters is
  upgraded on the next successful login.
- A session is a random token held in the browser's cookie; only its SHA-256 is stored,
  so a copy of the state file opens no session. The session's CSRF token is an HMAC of
  the session token: it needs no storage, and only the holder of the cookie can know it.
- API tokens (`Authorization: Bearer slk_…`) are random too and stored as SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from supportlens.access import ROLES, Actor, Role
from supportlens.errors import SupportlensError
from supportlens.store.state_file import connect_state, state_path

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT
);
CREATE TABLE IF NOT EXISTS accounts_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
"""

SESSION_DAYS = 14
MIN_PASSWORD = 8
TOKEN_PREFIX = "slk_"
DEMO_USER = "demo"

_hasher = PasswordHasher()
# Verified against when the user name is unknown, so both cases take as long.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class AccountError(SupportlensError):
    """A user-management request that cannot be done as asked."""


@dataclass(frozen=True)
class User:
    """A person who can log in to the web app."""

    id: int
    name: str
    role: Role
    created_at: str

    @property
    def actor(self) -> Actor:
        """The user as the acting party of access.py's permission checks."""
        return Actor(self.name, self.role)

    def public(self) -> dict[str, object]:
        """The user as the JSON API shows it (never the hash)."""
        return {"name": self.name, "role": self.role, "created_at": self.created_at}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(session_token: str) -> str:
    """The CSRF token of a session: HMAC-SHA256 of the session token."""
    return hmac.new(session_token.encode(), b"supportlens csrf", hashlib.sha256).hexdigest()


def csrf_matches(session_token: str, given: str | None) -> bool:
    """Whether `given` is the session's CSRF token (compared in constant time)."""
    return bool(given) and hmac.compare_digest(csrf_token(session_token), given or "")


def check_role(role: str) -> Role:
    """`role` as a Role, or a plain-words error naming the three roles."""
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: use admin, editor or viewer")
    return cast(Role, role)


def check_password(password: str) -> None:
    """Refuse passwords too short to be worth hashing."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password is too short: use at least {MIN_PASSWORD} characters")


class Accounts:
    """The users, sessions and tokens of one store; every method is one transaction."""

    def __init__(self, path: Path):
        self.path = path

    @classmethod
    def for_store(cls, db: Path) -> Accounts:
        """The accounts kept beside the store file `db`."""
        return cls(state_path(Path(db)))

    def connect(self) -> AbstractContextManager[sqlite3.Connection]:
        """One transaction with the schema in place."""
        return connect_state(self.path, SCHEMA)

    # -- users ----------------------------------------------------------------------
    def create_user(self, name: str, role: str, password: str) -> User:
        """Add a user; the name must be new (case-insensitively)."""
        name = name.strip()
        if not name or len(name) > 64 or any(c.isspace() for c in name):
            raise AccountError("a user name is 1–64 characters without spaces")
        role = check_role(role)
        check_password(password)
        with self.connect() as con:
            if con.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise AccountError(f"there is already a user called {name!r}")
            cur = con.execute(
                "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                (name, role, _hasher.hash(password), _now().isoformat()))
            user_id = int(cur.lastrowid or 0)
        return User(user_id, name, role, _now().isoformat())

    def users(self) -> list[User]:
        """Every user, by name."""
        with self.connect() as con:
            rows = con.execute(
                "SELECT id, name, role, created_at FROM users ORDER BY name").fetchall()
        return [User(r[0], r[1], r[2], r[3]) for r in rows]

    def user(self, name: str) -> User:
        """The user called `name`, or an error saying there is none."""
        with self.connect() as con:
            row = con.execute("SELECT id, name, role, created_at FROM users WHERE name = ?",
                              (name,)).fetchone()
        if row is None:
            raise AccountError(f"there is no user called {name!r}")
        return User(row[0], row[1], row[2], row[3])

    def set_role(self, name: str, role: str) -> User:
        """Change a user's role; the last admin cannot stop being one."""
        role = check_role(role)
        user = self.user(name)
        if user.role == "admin" and role != "admin":
            self._keep_an_admin(user)
        with self.connect() as con:
            con.execute("UPDATE users SET role = ? WHERE id = ?", (role, user.id))
        return User(user.id, user.name, role, user.created_at)

    def set_password(self, name: str, password: str) -> None:
        """Replace a user's password and end their sessions."""
        check_password(password)
        user = self.user(name)
        with self.connect() as con:
            con.execute("UPDATE users SET password_hash = ? WHERE id = ?",
                        (_hasher.hash(password), user.id))
            con.execute("DELETE FROM sessions WHERE user_id = ?", (user.id,))

    def change_own_password(self, name: str, current: str, new: str,
                            keep_session: str | None = None) -> int:
        """A user's own password change: `current` must be their password. Ends their
        other sessions (all but `keep_session`, the one asking); returns how many."""
        if self.authenticate(name, current) is None:
            raise AccountError("the current password is not right: type the one you log in "
                               "with")
        check_password(new)
        user = self.user(name)
        keep = _digest(keep_session) if keep_session else ""
        with self.connect() as con:
            con.execute("UPDATE users SET password_hash = ? WHERE id = ?",
                        (_hasher.hash(new), user.id))
            cur = con.execute("DELETE FROM sessions WHERE user_id = ? AND token_hash != ?",
                              (user.id, keep))
        return int(cur.rowcount)

    def delete_user(self, name: str) -> None:
        """Remove a user with their sessions and tokens; never the last admin."""
        user = self.user(name)
        if user.role == "admin":
            self._keep_an_admin(user)
        with self.connect() as con:
            con.execute("DELETE FROM users WHERE id = ?", (user.id,))

    def _keep_an_admin(self, user: User) -> None:
        admins = [u for u in self.users() if u.role == "admin"]
        if [a.id for a in admins] == [user.id]:
            raise AccountError(f"{user.name} is the only admin: make someone else an admin "
                               "first")

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the password is theirs, else None (same time either way)."""
        with self.connect() as con:
            row = con.execute(
                "SELECT id, name, role, created_at, password_hash FROM users WHERE name = ?",
                (name.strip(),)).fetchone()
        stored = row[4] if row else _DUMMY_HASH
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        if _hasher.check_needs_rehash(stored):
            with self.connect() as con:
                con.execute("UPDATE users SET password_hash = ? WHERE id = ?",
                            (_hasher.hash(password), row[0]))
        return User(row[0], row[1], row[2], row[3])

    # -- sessions -------------------------------------------------------------------
    def start_session(self, user: User) -> str:
        """A new session token for `user` (to set as the cookie)."""
        token = secrets.token_urlsafe(32)
        now = _now()
        with self.connect() as con:
            con.execute("DELETE FROM sessions WHERE expires_at < ?", (now.isoformat(),))
            con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)",
                        (_digest(token), user.id, now.isoformat(),
                         (now + dt.timedelta(days=SESSION_DAYS)).isoformat()))
        return token

    def session_user(self, token: str) -> User | None:
        """The user of a live session token, else None."""
        with self.connect() as con:
            row = con.execute(
                "SELECT u.id, u.name, u.role, u.created_at FROM sessions s "
                "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?",
                (_digest(token), _now().isoformat())).fetchone()
        return User(row[0], row[1], row[2], row[3]) if row else None

    def end_session(self, token: str) -> None:
        """Log a session out."""
        with self.connect() as con:
            con.execute("DELETE FROM sessions WHERE token_hash = ?", (_digest(token),))

    # -- API tokens -----------------------------------------------------------------
    def create_token(self, name: str, label: str) -> str:
        """A new API token for the user `name`; shown once, stored only as a hash."""
        user = self.user(name)
        label = label.strip() or "API token"
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.connect() as con:
            con.execute(
                "INSERT INTO api_tokens (user_id, label, token_hash, created_at) "
                "VALUES (?, ?, ?, ?)", (user.id, label[:100], _digest(token), _now().isoformat()))
        return token

    def tokens(self, name: str) -> list[dict[str, object]]:
        """The API tokens of user `name` (label and dates, never the token)."""
        user = self.user(name)
        with self.connect() as con:
            rows = con.execute(
                "SELECT id, label, created_at, last_used_at FROM api_tokens "
                "WHERE user_id = ? ORDER BY id", (user.id,)).fetchall()
        return [{"id": r[0], "label": r[1], "created_at": r[2], "last_used_at": r[3]}
                for r in rows]

    def revoke_token(self, name: str, token_id: int) -> None:
        """Delete one of user `name`'s API tokens."""
        user = self.user(name)
        with self.connect() as con:
            cur = con.execute("DELETE FROM api_tokens WHERE id = ? AND user_id = ?",
                              (token_id, user.id))
        if cur.rowcount != 1:
            raise AccountError(f"{name} has no API token {token_id}")

    def token_user(self, token: str) -> User | None:
        """The user an API token belongs to, else None; notes when it was used."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        with self.connect() as con:
            row = con.execute(
                "SELECT u.id, u.name, u.role, u.created_at, t.id FROM api_tokens t "
                "JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?",
                (_digest(token),)).fetchone()
            if row:
                con.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?",
                            (_now().isoformat(), row[4]))
        return User(row[0], row[1], row[2], row[3]) if row else None

    # -- the demo login ---------------------------------------------------------------
    def demo_login(self) -> tuple[str, str] | None:
        """(name, password) of the demo admin, with a fresh password; None when the
        workspace has real users (then no demo account is made)."""
        with self.connect() as con:
            row = con.execute("SELECT value FROM accounts_meta WHERE key = 'demo_user'"
                              ).fetchone()
        have_users = bool(self.users())
        password = secrets.token_urlsafe(9)
        if row is None:
            if have_users:
                return None
            self.create_user(DEMO_USER, "admin", password)
            with self.connect() as con:
                con.execute("INSERT OR REPLACE INTO accounts_meta VALUES ('demo_user', ?)",
                            (DEMO_USER,))
            return DEMO_USER, password
        try:
            self.set_password(row[0], password)
        except AccountError:
            return None  # the demo user was deleted on purpose
        return row[0], password
