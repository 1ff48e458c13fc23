"""Type one file's raw values once, then check the typed rows.

The typed relation of a file has every known column in its declared type, one "raw
value present" flag per column that a check needs, the custom columns as text, and
`__line`. It is either materialised once into a temporary table (`TYPED`), or — on a
first import of a plain Parquet file — left as a query over the file (`typed_query`),
which measured faster than copying it (see loader.py). Every per-row check is a
condition on it, all counted in one pass with the duplicate keys; only when a check
fails do we look up the first bad line and its raw value. On a first import of a plain
Parquet file the rows are stored first and `screen` looks for possible problems in the
stored rows; only if it finds one do the checks read the file. The first problem found
stops the import with an `InputError` naming the file, line, column, the bad value and
the fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb

from supportlens.errors import InputError
from supportlens.importing.coerce import (
    FIXES,
    LINE,
    SQL_TYPES,
    custom_name,
    default_sql,
    is_text,
    lit,
    match_columns,
    present,
    q,
    source_columns,
    typed,
)
from supportlens.importing.readers import TableFile
from supportlens.schema.tables import Column, Table

TYPED = "__typed"


def flag(column: str) -> str:
    """Name of the typed table's "raw value present" flag of a column."""
    return f"__has_{column}"


@dataclass(frozen=True)
class RowCheck:
    """A per-row check: the rows of the typed table where `condition` holds are bad.

    `problem` may hold `{value}` (the first bad value, quoted) and `{more}` ("and N more
    rows like it"); `fix` says how to mend it. `show` says which value `{value}` is:
    "raw" (the cell as written in the file), "typed" (the typed value) or "" (none).
    """

    column: str
    condition: str
    problem: str
    fix: str
    show: str = ""
    # a condition on the stored table that holds for every bad row (it may hold for good
    # ones too); None when the stored values cannot tell (see `FileChecker.screen`)
    stored: str | None = None

    def describe(self, value: Any, more: str) -> str:
        return self.problem.replace("{value}", repr(value)).replace("{more}", more)


class FileChecker:
    """Builds the typed table of one file and runs every check on it.

    `source` is SQL for the file's raw relation (a table name or a subquery) with a
    `__line` column; raw values are read from it again only to quote a bad value.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, tf: TableFile, table: Table,
                 source: str, tz: str):
        self.con, self.tf, self.table, self.source, self.tz = con, tf, table, source, tz
        self.raw_types = source_columns(con, source)
        self.known, self.custom = match_columns(table, list(self.raw_types))
        self.typed = TYPED  # the typed relation the checks read: the table, or typed_query()
        # runs the one statement that reads every row (the loader's one shows progress)
        self.read_all: Callable[[str], duckdb.DuckDBPyConnection] = con.execute

    def fail(self, line: int | None, column: str | None, problem: str, fix: str) -> None:
        raise InputError(self.tf.name, line, column, problem, fix)

    def more(self, total: int) -> str:
        return f" (and {total - 1} more rows like it)" if total > 1 else ""

    # -- the typed table -------------------------------------------------------------
    def can_be_unreadable(self, column: Column) -> bool:
        """Whether a present raw value can fail to type. Text always types when present
        (`present` implies a non-empty string), except from a non-text Parquet column
        (an empty BLOB casts to ''), so text columns need no parse check."""
        raw = self.known[column.name]
        return column.type != "string" or not is_text(self.raw_types[raw])

    def stored_missing(self, column: Column) -> str | None:
        """A condition on the stored column that holds wherever the raw cell was empty.

        Text read from text is stored as written (or lower-cased and trimmed), '' as
        NULL, so "present" reads the same on it; any other empty cell types to NULL.
        A default fills empty cells in, which hides them (None)."""
        if column.default is not None:
            return None
        if column.type == "string" and is_text(self.raw_types[self.known[column.name]]):
            return f"NOT {present(column.name, 'VARCHAR')}"
        return f"{q(column.name)} IS NULL"

    def stored_unreadable(self, column: Column) -> str | None:
        """A condition on the stored column that holds wherever a present raw value did
        not type: never for a Parquet column that already has the type (BOOLEAN,
        VARCHAR[]), else NULL (None when a default hides the NULL)."""
        raw_type = self.raw_types[self.known[column.name]].upper()
        if (column.type, raw_type) in (("boolean", "BOOLEAN"), ("list", "VARCHAR[]")):
            return "false"
        return None if column.default is not None else f"{q(column.name)} IS NULL"

    def flagged_columns(self) -> set[str]:
        """Known columns whose "raw value present" flag some check reads."""
        names = {c.name for c in self.table.columns if c.name in self.known
                 and (c.required or self.can_be_unreadable(c))}
        names |= {r.column for r in self.table.required_when if r.column in self.known}
        return names

    def typed_select(self) -> str:
        """SELECT list of the typed table: typed known columns (before defaults), their
        present flags, the custom columns as text, and `__line`."""
        flagged = self.flagged_columns()
        parts = []
        for column in self.table.columns:
            raw = self.known.get(column.name)
            if raw is None:
                continue
            sql_type = self.raw_types[raw]
            value = typed(column, raw, sql_type, self.tz)
            parts.append(f"CAST({value} AS {SQL_TYPES[column.type]}) AS {q(column.name)}")
            if column.name in flagged:
                parts.append(f"{present(raw, sql_type)} AS {q(flag(column.name))}")
        for name in self.custom:
            parts.append(f"NULLIF(CAST({q(name)} AS VARCHAR), '') AS {q(custom_name(name))}")
        parts.append(LINE)
        return ", ".join(parts)

    def typed_query(self) -> str:
        """The typed relation as a subquery over the raw source (nothing materialised)."""
        return f"(SELECT {self.typed_select()} FROM {self.source})"

    def insert_select(self) -> str:
        """SELECT list from the typed table into the stored table (by name): defaults
        filled in, absent columns without a default left to NULL."""
        parts = []
        for column in self.table.columns:
            default = default_sql(column)
            if column.name in self.known:
                value = q(column.name) if default is None else (
                    f"coalesce({q(column.name)}, {default})")
            elif default is not None:
                value = default
            else:
                continue
            parts.append(f"CAST({value} AS {SQL_TYPES[column.type]}) AS {q(column.name)}")
        parts += [q(name) for name in self.custom_columns]
        return ", ".join(parts)

    @property
    def custom_columns(self) -> list[str]:
        return [custom_name(n) for n in self.custom]

    # -- checks ----------------------------------------------------------------------
    def check_required_columns(self) -> None:
        """Before reading any row: every required column is in the file."""
        for name in self.table.required_columns:
            if name not in self.known:
                needed = ", ".join(self.table.required_columns)
                self.fail(1, name, "this required column is missing",
                          f"add a column '{name}' (required in {self.table.name}: {needed})")

    def run(self, known_ticket_table: str | None) -> None:
        """Every check on the typed relation, in the order problems are reported."""
        checks = self.row_checks()
        counts = self.count_failures(checks)
        self.explain_rows(checks, counts[:-1])
        if counts[-1]:
            self.explain_duplicate_keys()
        if self.table.ticket_ref_required and known_ticket_table is not None:
            self.check_ticket_refs(known_ticket_table)

    def row_checks(self) -> list[RowCheck]:
        """Every per-row check of the file, as conditions on the typed table."""
        checks = []
        for column in self.table.columns:
            if column.name not in self.known:
                continue
            name, has = q(column.name), q(flag(column.name))
            if column.required:
                checks.append(RowCheck(column.name, f"NOT {has}",
                                       "this required value is empty{more}",
                                       f"give every row a {column.name}",
                                       stored=self.stored_missing(column)))
            if self.can_be_unreadable(column):
                fix = FIXES[column.type].replace("{tz}", self.tz)
                checks.append(RowCheck(column.name, f"{has} AND {name} IS NULL",
                                       f"cannot read {{value}} as {column.type}{{more}}", fix,
                                       "raw", stored=self.stored_unreadable(column)))
            if column.values:
                # a bad typed value is not NULL, so it is stored as it is (defaults fill NULLs)
                allowed = ", ".join(lit(v) for v in column.values)
                cond = f"{name} NOT IN ({allowed})"
                checks.append(RowCheck(column.name, cond, "unknown value {value}{more}",
                                       f"use one of: {', '.join(column.values)}", "typed",
                                       stored=cond))
        return checks + self.required_when_checks()

    def required_when_checks(self) -> list[RowCheck]:
        checks = []
        for rule in self.table.required_when:
            if rule.when_column not in self.known:
                continue
            col = self.table.column(rule.column)
            missing: str = "true"
            stored: str | None = "true"
            if rule.column in self.known and col is not None:
                missing, stored = f"NOT {q(flag(rule.column))}", self.stored_missing(col)
            when = f"{q(rule.when_column)} = {lit(rule.when_value)}"
            choices = f" (one of: {', '.join(col.values)})" if col and col.values else ""
            checks.append(RowCheck(
                rule.column, f"{when} AND {missing}",
                f"a {rule.when_value} row needs a {rule.column}{{more}}",
                f"fill in {rule.column}{choices} on every {rule.when_value} row",
                stored=None if stored is None else f"{when} AND {stored}"))
        return checks

    def count_failures(self, checks: list[RowCheck]) -> tuple[int, ...]:
        """One pass: the failures of each check, then the number of duplicate keys
        (`count - count(DISTINCT)`: half the cost of finding them, PROFILE.md D)."""
        pk = q(self.table.pk)
        sql = ", ".join([*(f"count(*) FILTER (WHERE {c.condition})" for c in checks),
                         f"count(*) - count(DISTINCT {pk})"])
        row = self.read_all(f"SELECT {sql} FROM {self.typed}").fetchone()
        assert row is not None
        return tuple(int(n) for n in row)

    def screen(self, stored: str, known_ticket_table: str | None) -> bool:
        """Whether the stored table `stored`, which holds exactly this file's rows, may
        break a check (False: every check passes). Cheaper than `run` on a query over the
        file: the stored values are read without typing them again, and three plain
        queries beat one with FILTERs (ticket_events at 1M tickets, 2 busy cores: 2.6–3.2 s
        instead of 8.2 s). When it says True, `run` on the file decides and names the line.
        """
        conditions = [c.stored for c in self.row_checks()]
        if any(c is None for c in conditions):
            return True
        table, pk = q(stored), q(self.table.pk)
        queries = [f"SELECT count(*) - count(DISTINCT {pk}) FROM {table}"]
        if conditions:
            bad = " OR ".join(f"({c})" for c in conditions)
            queries.append(f"SELECT count(*) FROM {table} WHERE {bad}")
        if self.table.ticket_ref_required and known_ticket_table is not None:
            queries.append(f"SELECT count(*) FROM {table} WHERE ticket_id IS NOT NULL AND "
                           f"ticket_id NOT IN (SELECT ticket_id FROM {q(known_ticket_table)})")
        return any(self.scalar(sql) for sql in queries)

    def explain_rows(self, checks: list[RowCheck], counts: tuple[int, ...]) -> None:
        """Fail with the first failing check's first bad line and value, if any."""
        for check, count in zip(checks, counts, strict=True):
            if count:
                line = self.scalar(
                    f"SELECT min({LINE}) FROM {self.typed} WHERE {check.condition}")
                self.fail(line, check.column,
                          check.describe(self.value_at(check, line), self.more(count)),
                          check.fix)

    def value_at(self, check: RowCheck, line: int) -> Any:
        """The value a failed check shows for `line`: the raw cell, or the typed one."""
        if check.show == "raw":
            raw = q(self.known[check.column])
            return self.scalar(f"SELECT CAST({raw} AS VARCHAR) FROM {self.source} "
                               f"WHERE {LINE} = {int(line)}")
        if check.show == "typed":
            return self.scalar(f"SELECT {q(check.column)} FROM {self.typed} "
                               f"WHERE {LINE} = {int(line)}")
        return None

    def scalar(self, sql: str) -> Any:
        row = self.con.execute(sql).fetchone()
        return row[0] if row else None

    def explain_duplicate_keys(self) -> None:
        """Fail with the first duplicated key and its lines (run only when there is one)."""
        pk = q(self.table.pk)
        row = self.con.execute(
            f"SELECT CAST({pk} AS VARCHAR), min({LINE}), max({LINE}), count(*) OVER () "
            f"FROM {self.typed} GROUP BY {pk} HAVING count(*) > 1 "
            f"ORDER BY min({LINE}) LIMIT 1").fetchone()
        assert row is not None
        key, first, last, total = row
        word = self.tf.line_word
        self.fail(last, self.table.pk,
                  f"{self.table.pk} {key!r} appears twice in this file ({word}s {first} and "
                  f"{last}){self.more(total)}",
                  f"keep one row per {self.table.pk}; importing the same key again later "
                  "replaces the stored row")

    def check_ticket_refs(self, tickets: str) -> None:
        cond = (f"ticket_id IS NOT NULL AND ticket_id NOT IN "
                f"(SELECT ticket_id FROM {q(tickets)})")
        bad = self.con.execute(
            f"SELECT {LINE}, ticket_id, count(*) OVER () FROM {self.typed} WHERE {cond} "
            f"ORDER BY {LINE} LIMIT 1").fetchone()
        if bad:
            self.fail(bad[0], "ticket_id",
                      f"ticket {bad[1]!r} is not in tickets (neither in this import nor "
                      f"already stored){self.more(bad[2])}",
                      "import that ticket in tickets.* in the same run, or remove the rows of "
                      "tickets you do not have")
