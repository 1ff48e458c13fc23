"""`supportlens users`: the people who can log in to the web app.

    supportlens users create NAME [--role admin|editor|viewer] [--password-stdin]
    supportlens users list [--format table|json]
    supportlens users token NAME [--label TEXT]
    supportlens users set-password NAME [--password-stdin]
    supportlens users delete NAME

Whoever can write the store's folder manages its users here; in the web app only admins
can. The first user made is normally an admin.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from supportlens.accounts import Accounts
from supportlens.errors import SupportlensError
from supportlens.store.store import Store

app = typer.Typer(help="Users of the web app: create, list, API tokens, passwords, delete.",
                  no_args_is_help=True)
console = Console()

DbOption = Annotated[Path | None, typer.Option(
    "--db", help="Store file (default: $SUPPORTLENS_DB, else ./supportlens.duckdb).")]


def accounts(db: Path | None) -> Accounts:
    """The accounts beside the store `db` (the default store when None)."""
    return Accounts.for_store(Store(db).path)


def read_password(from_stdin: bool) -> str:
    """The password: one line of standard input, or asked for twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@app.command()
def create(name: Annotated[str, typer.Argument(help="Login name (no spaces).")],
           role: Annotated[str, typer.Option("--role", help="admin, editor or viewer.")]
           = "admin",
           password_stdin: Annotated[bool, typer.Option(
               "--password-stdin", help="Read the password from standard input.")] = False,
           db: DbOption = None) -> None:
    """Create a user (asks for the password twice unless --password-stdin)."""
    user = accounts(db).create_user(name, role, read_password(password_stdin))
    console.print(f"[green]Created {user.role} {user.name}.[/green] They can log in at the "
                  "web app (`supportlens serve`).")


@app.command("list")
def list_users(db: DbOption = None,
               fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table"
               ) -> None:
    """Every user with their role."""
    users = accounts(db).users()
    if fmt == "json":
        print(json.dumps([u.public() for u in users], indent=2))
        return
    if fmt != "table":
        raise SupportlensError(f"unknown format {fmt!r}: use table or json")
    if not users:
        console.print("No users yet: create the first admin with "
                      "`supportlens users create NAME --role admin`.")
        return
    table = Table("name", "role", "created")
    for u in users:
        table.add_row(u.name, u.role, u.created_at)
    console.print(table)


@app.command()
def token(name: Annotated[str, typer.Argument(help="The user the token acts as.")],
          label: Annotated[str, typer.Option("--label", help="What the token is for.")]
          = "command line",
          db: DbOption = None) -> None:
    """Make an API token (for `Authorization: Bearer …`); it is shown only once."""
    value = accounts(db).create_token(name, label)
    print(value)
    Console(stderr=True).print("Keep this token secret: it acts as "
                               f"{name} on the JSON API and is not shown again.")


@app.command("set-password")
def set_password(name: Annotated[str, typer.Argument(help="The user whose password to set.")],
                 password_stdin: Annotated[bool, typer.Option(
                     "--password-stdin", help="Read the password from standard input.")]
                 = False,
                 db: DbOption = None) -> None:
    """Give a user a new password (asks twice unless --password-stdin); logs them out."""
    store_accounts = accounts(db)
    user = store_accounts.user(name)
    store_accounts.set_password(user.name, read_password(password_stdin))
    console.print(f"[green]New password set for {user.name}.[/green] Their sessions are "
                  "logged out; their API tokens still work.")


@app.command()
def delete(name: Annotated[str, typer.Argument(help="The user to remove.")],
           db: DbOption = None) -> None:
    """Remove a user with their sessions and API tokens (never the last admin)."""
    store_accounts = accounts(db)
    user = store_accounts.user(name)
    store_accounts.delete_user(user.name)
    console.print(f"[green]Removed {user.role} {user.name}.[/green] Their sessions and API "
                  "tokens no longer work.")


def print_demo_login(db: Path) -> None:
    """Make (or refresh) the demo admin and print its login (used by `supportlens demo`)."""
    login = Accounts.for_store(db).demo_login()
    if login is None:
        console.print("Log in with your account (`supportlens users list` shows them).")
        return
    name, password = login
    console.print(f"Demo login: user [bold]{name}[/bold], password [bold]{password}[/bold] "
                  "(new at every `make run`)")
