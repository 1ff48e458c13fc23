"""The `supportlens` command (interfaces.md): import, report, metrics, generate, serve, demo.

Errors a user can fix are printed as one line on stderr with exit status 2; nothing
prints a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from supportlens.api import Workspace, catalog
from supportlens.cli import customers as customers_cli
from supportlens.cli import gaps as gaps_cli
from supportlens.cli import render
from supportlens.cli import users as users_cli
from supportlens.cli.progress import RichImportProgress
from supportlens.errors import SupportlensError
from supportlens.metrics.impact import REPORT_ID as IMPACT_REPORT
from supportlens.store.store import Store

app = typer.Typer(
    help="supportlens: customer-service analytics on your own helpdesk data.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
app.add_typer(gaps_cli.app, name="gaps")
app.command("customers")(customers_cli.customers)
app.add_typer(users_cli.app, name="users")
console = Console()
err = Console(stderr=True)

DbOption = Annotated[Path | None, typer.Option(
    "--db", help="Store file (default: $SUPPORTLENS_DB, else ./supportlens.duckdb).")]
EngineOption = Annotated[str | None, typer.Option(
    "--engine", help="Run on another engine: postgres://HOST:PORT/DB[?schema=NAME], "
    "spark:local[N] or spark://HOST:PORT[?path=DIR] (default: $SUPPORTLENS_ENGINE, else "
    "the DuckDB store itself). Import and refresh publish the store there.")]
TzOption = Annotated[str | None, typer.Option(
    "--tz", help="IANA timezone (default: the workspace's, set at import; else UTC).")]


@app.command("import")
def import_cmd(path: Annotated[Path, typer.Argument(help="Folder of table files.")],
               db: DbOption = None,
               tz: Annotated[str | None, typer.Option(
                   "--tz", help="Workspace timezone: naive timestamps are read in it and "
                   "periods follow it (default: the stored one, else UTC).")] = None,
               engine: EngineOption = None) -> None:
    """Import a dataset folder (tickets.csv, messages.jsonl, …); all or nothing."""
    ws = Workspace.open(db, engine=engine)
    with RichImportProgress(console) as progress:
        summary = ws.import_folder(path, tz=tz, progress=progress)
    total = sum(summary.rows.values())
    replaced = sum(summary.replaced.values())
    console.print(f"[green]Imported {total:,} rows from {len(summary.rows)} tables into "
                  f"{ws.store.path}[/green] ({replaced:,} replaced stored rows).")
    for note in summary.notes:
        console.print(f"[yellow]note:[/yellow] {note}")


@app.command()
def refresh(db: DbOption = None, engine: EngineOption = None) -> None:
    """Rebuild derived facts from the stored data (after an upgrade or a settings change)."""
    ws = Workspace.open(db, engine=engine)
    with RichImportProgress(console) as progress:
        notes = ws.refresh(progress)
    console.print(f"[green]Rebuilt the facts of {ws.store.path}[/green]")
    for note in notes:
        console.print(f"[yellow]note:[/yellow] {note}")


@app.command()
def publish(engine: Annotated[str | None, typer.Option(
                "--engine", help="Where to: postgres://HOST:PORT/DB[?schema=NAME], "
                "spark:local[N] or spark://HOST:PORT[?path=DIR] (default: "
                "$SUPPORTLENS_ENGINE).")] = None,
            db: DbOption = None) -> None:
    """Copy the store's tables (data, facts, calendar) to an engine, replacing its copy."""
    ws = Workspace.open(db, engine=engine)
    with RichImportProgress(console) as progress:
        summary = ws.publish(progress)
    console.print(f"[green]Published {summary.rows:,} rows in {len(summary.tables)} tables "
                  f"to {summary.target}[/green] ({summary.seconds:.1f} s).")


@app.command()
def report(
    metric: Annotated[str, typer.Argument(help="Metric id (see `supportlens metrics`).")],
    db: DbOption = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day (inclusive).")] = None,
    by: Annotated[str | None, typer.Option(
        "--by", help="Frequency: day, week, month, quarter, year (default: totals).")] = None,
    group_by: Annotated[list[str] | None, typer.Option(
        "--group-by", help="Dimension to group by (repeatable).")] = None,
    where: Annotated[list[str] | None, typer.Option(
        "--where", help="Filter: DIM=VALUE, DIM!=VALUE, 'DIM in (A,B)' (repeatable).")] = None,
    hours: Annotated[str, typer.Option(
        "--hours", help="calendar or business (the default schedule's hours).")] = "calendar",
    now: Annotated[str | None, typer.Option(
        "--now", help="The present, for reproducible reports (ISO 8601).")] = None,
    tz: TzOption = None,
    compare: Annotated[str | None, typer.Option(
        "--compare", help="'previous': compare with the previous period.")] = None,
    top: Annotated[int | None, typer.Option(
        "--top", help="Keep the N groups with the highest value (-N: the lowest).")] = None,
    option: Annotated[list[str] | None, typer.Option(
        "--option", help="Metric option KEY=VALUE (repeatable).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
    engine: EngineOption = None,
) -> None:
    """Compute one metric by period, group and filter (or `impact_this_week`)."""
    if fmt not in ("table", "json", "csv"):
        raise SupportlensError(f"unknown format {fmt!r}: use table, json or csv")
    ws = Workspace.open(db, engine=engine)
    if metric == IMPACT_REPORT:
        impact = ws.impact_this_week(now=now, tz=tz)
        if fmt == "json":
            print(json.dumps(impact, ensure_ascii=False, indent=2))
        else:
            console.print(render.impact_table(impact))
        return
    result = ws.report(metric, date_from=date_from, date_to=date_to, by=by,
                       group_by=group_by or [], where=where or [], hours=hours, now=now, tz=tz,
                       compare=compare, top=top, options=option or [])
    if fmt == "json":
        print(render.report_json(result))
    elif fmt == "csv":
        sys.stdout.write(render.report_csv(result))
    else:
        console.print(render.report_table(result))


@app.command()
def metrics(fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table"
            ) -> None:
    """The metric catalog: id, unit, dated by, description."""
    items = catalog()
    if fmt == "json":
        print(json.dumps(items, ensure_ascii=False, indent=2))
    elif fmt == "table":
        console.print(render.catalog_table(items))
    else:
        raise SupportlensError(f"unknown format {fmt!r}: use table or json")


@app.command()
def generate(out_dir: Annotated[Path, typer.Argument(help="Folder to write the dataset to.")],
             tickets: Annotated[int, typer.Option("--tickets", help="How many tickets.")] = 5000,
             seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 7) -> None:
    """Write a realistic synthetic dataset (every table) in the import format."""
    from rich.progress import Progress

    from supportlens.generate import generate as generate_dataset

    if tickets < 1:
        raise SupportlensError(f"--tickets {tickets}: give at least 1")
    with Progress(console=console) as progress:
        task = progress.add_task("generating tickets", total=tickets)
        summary = generate_dataset(out_dir, tickets=tickets, seed=seed,
                                   progress=lambda done, total: progress.update(
                                       task, completed=done))
    rows = sum(summary.values())
    console.print(f"[green]Wrote {rows:,} rows in {len(summary)} tables to {out_dir}[/green]")


@app.command()
def demo(db: DbOption = None,
         data: Annotated[Path, typer.Option("--data", help="Where to keep the demo dataset.")]
         = Path(".demo-data"),
         tickets: Annotated[int, typer.Option("--tickets")] = 20000) -> None:
    """Load generated demo data into the store if it is empty (used by `make run`)."""
    store = Store(db)
    if store.exists():
        console.print(f"Store {store.path} already has data; keeping it.")
        users_cli.print_demo_login(store.path)
        return
    if not (data / "tickets.parquet").exists():
        generate(data, tickets=tickets, seed=7)
    import_cmd(data, db=store.path, tz="UTC")
    users_cli.print_demo_login(store.path)


@app.command()
def serve(db: DbOption = None,
          host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port")] = 8000) -> None:
    """Serve the web app and the JSON API."""
    from supportlens.web.app import serve as run_server

    store = Store(db)
    store.require()
    console.print(f"supportlens on http://{host}:{port} (store {store.path}); Ctrl-C stops it.")
    run_server(store.path, host, port)


def main() -> None:
    """Entry point: run the app, turning user errors into one line on stderr."""
    try:
        app()
    except SupportlensError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        sys.exit(130)
    except Exception as exc:  # last resort: still one line, no traceback
        err.print(f"internal error: {type(exc).__name__}: {exc} (please report this)",
                  markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
