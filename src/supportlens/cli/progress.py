"""Rich progress bars for long work (imports, dataset generation)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)

from supportlens.importing.loader import ImportProgress
from supportlens.importing.readers import TableFile


class RichImportProgress(ImportProgress):
    """One bar per file (bytes read) and a line per derivation step."""

    def __init__(self, console: Console):
        self.console = console
        self.progress = Progress(
            TextColumn("{task.description:<28}"), BarColumn(), DownloadColumn(),
            TransferSpeedColumn(), TimeElapsedColumn(), console=console, transient=False)
        self.task: TaskID | None = None
        self.step_task: TaskID | None = None

    def __enter__(self) -> RichImportProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.step_task is not None:
            self.progress.remove_task(self.step_task)
        self.progress.stop()

    def file_started(self, tf: TableFile, size: int) -> None:
        self.task = self.progress.add_task(tf.name, total=size)

    def bytes_read(self, n: int) -> None:
        if self.task is not None:
            self.progress.advance(self.task, n)

    def file_done(self, tf: TableFile, rows: int) -> None:
        if self.task is not None:
            total = self.progress.tasks[self.task].total
            self.progress.update(self.task, completed=total,
                                 description=f"{tf.name} ({rows:,} rows)")
            self.task = None

    def step(self, text: str) -> None:
        if self.step_task is None:
            self.step_task = self.progress.add_task("", total=None)
        self.progress.update(self.step_task, description=f"{text}…")
