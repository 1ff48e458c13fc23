"""Who is acting, and what their role allows.

Roles (issue: users and roles): viewers read; editors also change knowledge gaps and
save and share reports; admins also manage users. Every domain action that changes
something takes the acting user and checks here — the web pages only hide controls.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Literal

from supportlens.errors import SupportlensError

Role = Literal["admin", "editor", "viewer"]
ROLES: tuple[Role, ...] = ("admin", "editor", "viewer")


class PermissionDenied(SupportlensError):
    """The acting user's role does not allow the action."""

    exit_code = 3


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf an action runs."""

    name: str
    role: Role

    @property
    def can_edit(self) -> bool:
        return self.role in ("admin", "editor")

    def require_editor(self, action: str) -> None:
        if not self.can_edit:
            raise PermissionDenied(
                f"{self.name} is a {self.role} and cannot {action}: ask an admin to make "
                "you an editor")


def local_operator() -> Actor:
    """The person at the terminal: whoever can write the store file may edit."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "cli"
    return Actor(name, "editor")
