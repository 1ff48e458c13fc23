"""Errors users see.

Every error supportlens raises for a user's mistake is a `SupportlensError`: one
sentence that shows the bad value, what would be valid, and how to fix it. The CLI
prints it on one line and exits non-zero; the API returns it as one JSON shape.
"""

from __future__ import annotations


class SupportlensError(Exception):
    """A problem the user can fix; `str()` is the whole message."""

    exit_code = 2


class InputError(SupportlensError):
    """Bad data in an import: names the file, line and column."""

    def __init__(self, file: str, line: int | None, column: str | None, problem: str, fix: str):
        self.file, self.line, self.column, self.problem, self.fix = file, line, column, problem, fix
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}. Fix: {fix}")


class QueryError(SupportlensError):
    """A report asked for something that does not exist (metric, dimension, option…)."""


class StoreError(SupportlensError):
    """The store is missing, locked or unreadable."""
