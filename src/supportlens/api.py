"""The Python API: what the CLI does, for scripts and notebooks.

    from supportlens.api import Workspace
    ws = Workspace.open("supportlens.duckdb")
    ws.import_folder("export/", tz="Europe/Stockholm")
    ws.report("first_response_time", by="week", group_by=["channel"])

With `engine=` (or `$SUPPORTLENS_ENGINE`) imports still go into the DuckDB store and
are then published to that engine, and reports run there (store/engines.py):

    ws = Workspace.open("supportlens.duckdb", engine="postgres://127.0.0.1:5432/analytics")
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from supportlens.errors import StoreError
from supportlens.importing.loader import ImportProgress, ImportSummary, import_folder, refresh
from supportlens.metrics.engine import run_report
from supportlens.metrics.impact import impact_this_week
from supportlens.metrics.registry import Metric, all_metrics
from supportlens.metrics.request import build_request, parse_instant, parse_timezone
from supportlens.store.engines import (
    EngineError,
    ExternalEngine,
    PublishSummary,
    open_engine,
    resolve_engine,
)
from supportlens.store.store import Store


def metric_info(metric: Metric) -> dict[str, Any]:
    """A metric's catalog entry, as `supportlens metrics --format json` prints it."""
    return {
        "id": metric.id,
        "section": metric.section,
        "unit": metric.unit,
        "dated_by": metric.dated_by,
        "description": metric.description,
        "dimensions": list(metric.dimensions),
        "options": [{"name": o.name, "description": o.description,
                     "choices": list(o.choices), "default": o.default} for o in metric.options],
        "extras": [{"name": e.name, "description": e.description} for e in metric.extras],
        "rules": metric.rules,
    }


def catalog() -> list[dict[str, Any]]:
    """Every metric of the registry with its definition."""
    return [metric_info(m) for m in all_metrics()]


class Workspace:
    """One store of helpdesk data and the reports on it."""

    def __init__(self, store: Store, engine: ExternalEngine | None = None):
        self.store = store
        self.engine = engine

    @classmethod
    def open(cls, db: str | Path | None = None, engine: str | None = None) -> Workspace:
        """The workspace in `db` (default `$SUPPORTLENS_DB` or ./supportlens.duckdb),
        reporting on `engine` (a URL, default `$SUPPORTLENS_ENGINE`; `duckdb` or none:
        the store itself)."""
        store = Store(db)
        url = resolve_engine(engine)
        return cls(store, open_engine(url, store.path) if url else None)

    @property
    def source(self) -> Store | ExternalEngine:
        """Where reports read: the engine when there is one, else the store."""
        return self.engine if self.engine is not None else self.store

    @property
    def timezone(self) -> str:
        return self.source.meta().get("workspace_tz", "UTC")

    def import_folder(self, folder: str | Path, tz: str | None = None,
                      progress: ImportProgress | None = None) -> ImportSummary:
        """Import a dataset folder (data-model.md); all or nothing. With an engine the
        store is then published to it (see `publish`)."""
        self.store.close()
        summary = import_folder(self.store, Path(folder), tz, progress)
        if self.engine is not None:
            published = self.publish(progress)
            summary.notes.append(f"published {published.rows:,} rows in "
                                 f"{len(published.tables)} tables to {published.target}")
        return summary

    def refresh(self, progress: ImportProgress | None = None) -> list[str]:
        """Rebuild derived facts from the stored data (after an upgrade or settings change);
        with an engine, publish the result to it."""
        self.store.close()
        notes = refresh(self.store, progress)
        if self.engine is not None:
            published = self.publish(progress)
            notes.append(f"published to {published.target}")
        return notes

    def publish(self, progress: ImportProgress | None = None) -> PublishSummary:
        """Copy every table of the store to the engine, replacing what it held there."""
        if self.engine is None:
            raise StoreError("no engine to publish to: pass --engine URL (or set "
                             "$SUPPORTLENS_ENGINE), e.g. postgres://127.0.0.1:5432/analytics")
        step = progress.step if progress is not None else None
        try:
            return self.engine.publish(self.store.path, step)
        except EngineError as exc:
            raise EngineError(f"{exc} (the store {self.store.path} itself is complete: once "
                              "that is fixed, run `supportlens publish --engine URL`)") from None

    def report(self, metric: str, *, date_from: str | dt.date | None = None,
               date_to: str | dt.date | None = None, by: str | None = None,
               group_by: tuple[str, ...] | list[str] = (),
               where: tuple[str, ...] | list[str] = (), hours: str = "calendar",
               now: str | dt.datetime | None = None, tz: str | None = None,
               compare: str | None = None, top: int | None = None,
               options: dict[str, str] | list[str] | None = None) -> dict[str, Any]:
        """A report in the JSON shape of interfaces.md."""
        con = self.source.reader()
        workspace_tz = self.timezone
        request = build_request(
            metric, date_from=date_from, date_to=date_to, by=by, group_by=group_by,
            where=where, hours=hours, now=now, tz=tz, compare=compare, top=top,
            options=options, workspace_tz=workspace_tz)
        return run_report(con, request, workspace_tz)

    def customers(self, metric: str, *, date_from: str | dt.date | None = None,
                  date_to: str | dt.date | None = None,
                  group_by: tuple[str, ...] | list[str] = (),
                  where: tuple[str, ...] | list[str] = (), hours: str = "calendar",
                  now: str | dt.datetime | None = None, tz: str | None = None,
                  top: int | None = None,
                  options: dict[str, str] | list[str] | None = None) -> dict[str, Any]:
        """The customers behind a metric, e.g. the detractors:
        `ws.customers("nps", where=["nps_category=detractor"])` — each with its id, name,
        segment and value (`customer_value`) beside the metric's value and n for it."""
        from supportlens.metrics.customers import customer_list

        request = build_request(
            metric, date_from=date_from, date_to=date_to, group_by=group_by, where=where,
            hours=hours, now=now, tz=tz, top=top, options=options,
            workspace_tz=self.timezone)
        return customer_list(self.source.reader(), request, self.timezone)

    def impact_this_week(self, now: str | dt.datetime | None = None,
                         tz: str | None = None) -> dict[str, Any]:
        """The AI agent's figures for the week holding `now`, against the week before."""
        zone = parse_timezone(tz or self.timezone)
        if isinstance(now, str):
            instant = parse_instant(now, zone)
        elif isinstance(now, dt.datetime):
            instant = now.astimezone(dt.UTC).replace(tzinfo=None) if now.tzinfo else now
        else:
            instant = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        window = float(self.source.meta().get("ai_resolution_window_hours", "72"))
        return impact_this_week(self.report, instant, zone, window)

    def metrics(self) -> list[dict[str, Any]]:
        return catalog()

    def close(self) -> None:
        self.store.close()
        if self.engine is not None:
            self.engine.close()
