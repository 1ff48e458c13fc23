"""Check a staged file against its table's declaration and type its values.

The staged file is a DuckDB table of raw values (text from CSV/JSONL, native
types from Parquet) with a `__line` column. Each check is one SQL query that finds
the first bad row, so a file of millions of rows is checked without leaving DuckDB.
The first problem found stops the import with an `InputError` naming the file,
line, column, the bad value and the fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from supportlens.errors import InputError
from supportlens.importing.readers import TableFile
from supportlens.schema.tables import Column, Table

LINE = "__line"

FIXES = {
    "timestamp": "write an ISO 8601 timestamp such as 2026-03-01T09:30:00Z "
    "(without an offset it is read in the workspace timezone, {tz})",
    "boolean": "write true/false, 1/0 or yes/no (any case), or leave the cell empty",
    "integer": "write a whole number, e.g. 4",
    "number": "write a number such as 1250.5 (a dot for decimals, no thousands separator)",
    "list": 'write a JSON array such as ["kb:12","kb:40"]',
    "json": 'write valid JSON, e.g. {"mon": [["09:00","17:00"]]}',
    "string": "write text",
}

SQL_TYPES = {
    "string": "VARCHAR",
    "timestamp": "TIMESTAMP",
    "boolean": "BOOLEAN",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "list": "VARCHAR[]",
    "json": "VARCHAR",
}


def q(name: str) -> str:
    """Quote an identifier (DuckDB 2 reads `at` and `public` as keywords)."""
    return '"' + name.replace('"', '""') + '"'


def lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def staged_columns(con: duckdb.DuckDBPyConnection, staging: str) -> dict[str, str]:
    """Column name → DuckDB type of the staged file (without the line column)."""
    rows = con.execute(f"DESCRIBE {q(staging)}").fetchall()
    return {name: str(typ) for name, typ, *_ in rows if name != LINE}


def is_text(sql_type: str) -> bool:
    return sql_type.upper() == "VARCHAR"


def present(col: str, sql_type: str) -> str:
    """SQL that is true when the raw cell holds a value (empty text counts as null)."""
    if is_text(sql_type):
        return f"({q(col)} IS NOT NULL AND trim({q(col)}) <> '')"
    return f"({q(col)} IS NOT NULL)"


def typed(column: Column, col: str, sql_type: str, tz: str) -> str:
    """SQL for the typed value of a raw cell; NULL when empty or unparsable."""
    c, text, t = q(col), is_text(sql_type), column.type
    upper = sql_type.upper()
    if t == "timestamp":
        if text:
            return f"timezone('UTC', TRY_CAST(trim({c}) AS TIMESTAMPTZ))"
        if "WITH TIME ZONE" in upper:
            return f"timezone('UTC', {c})"
        if upper.startswith(("TIMESTAMP", "DATE")):
            return f"timezone('UTC', timezone({lit(tz)}, CAST({c} AS TIMESTAMP)))"
        return "CAST(NULL AS TIMESTAMP)"
    if t == "boolean":
        if upper == "BOOLEAN":
            return c
        v = f"lower(trim(CAST({c} AS VARCHAR)))"
        return (f"(CASE WHEN {v} IN ('true','1','yes') THEN true "
                f"WHEN {v} IN ('false','0','no') THEN false END)")
    if t == "integer":
        d = f"TRY_CAST(trim(CAST({c} AS VARCHAR)) AS DOUBLE)"
        return f"(CASE WHEN {d} = floor({d}) THEN CAST({d} AS BIGINT) END)"
    if t == "number":
        return f"TRY_CAST(trim(CAST({c} AS VARCHAR)) AS DOUBLE)"
    if t == "list":
        if text:
            return (f"(CASE WHEN json_valid({c}) AND json_type({c}) = 'ARRAY' "
                    f"THEN from_json({c}, '[\"VARCHAR\"]') END)")
        if upper.endswith("[]"):
            return f"CAST({c} AS VARCHAR[])"
        return "CAST(NULL AS VARCHAR[])"
    if t == "json":
        v = c if text else f"CAST(to_json({c}) AS VARCHAR)"
        return f"(CASE WHEN json_valid({v}) THEN {v} END)"
    v = f"CAST({c} AS VARCHAR)"
    if column.lower or column.values:
        return f"NULLIF(lower(trim({v})), '')"
    return f"NULLIF({v}, '')"


def match_columns(table: Table, raw: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """Map the table's known columns to the file's (case-insensitive); the rest are custom."""
    by_lower = {name.strip().lower(): name for name in raw}
    known = {c.name: by_lower[c.name] for c in table.columns if c.name in by_lower}
    used = set(known.values())
    custom = [name for name in raw if name not in used]
    return known, custom


@dataclass(frozen=True)
class RowCheck:
    """A per-row check: the rows where `condition` holds are bad.

    `problem` may hold `{value}` (the first bad value, quoted) and `{more}` ("and N more
    rows like it"); `fix` says how to mend it.
    """

    column: str
    condition: str
    problem: str
    fix: str
    value_sql: str = ""  # SQL of the bad value to show ("" for none)

    def describe(self, value: Any, more: str) -> str:
        return self.problem.replace("{value}", repr(value)).replace("{more}", more)


class FileChecker:
    """Runs every check of one staged file; raises the first problem as an InputError."""

    def __init__(self, con: duckdb.DuckDBPyConnection, tf: TableFile, table: Table,
                 staging: str, tz: str):
        self.con, self.tf, self.table, self.staging, self.tz = con, tf, table, staging, tz
        self.raw_types = staged_columns(con, staging)
        self.known, self.custom = match_columns(table, list(self.raw_types))

    def fail(self, line: int | None, column: str | None, problem: str, fix: str) -> None:
        raise InputError(self.tf.name, line, column, problem, fix)

    def first_bad(self, condition: str, *extra: str) -> tuple | None:
        cols = ", ".join([LINE, *extra]) if extra else LINE
        sql = (f"SELECT {cols}, count(*) OVER () FROM {q(self.staging)} WHERE {condition} "
               f"ORDER BY {LINE} LIMIT 1")
        return self.con.execute(sql).fetchone()

    def more(self, total: int) -> str:
        return f" (and {total - 1} more rows like it)" if total > 1 else ""

    def run(self, known_ticket_table: str | None) -> None:
        self.check_required_columns()
        self.check_rows()
        self.check_duplicate_keys()
        if self.table.ticket_ref_required and known_ticket_table is not None:
            self.check_ticket_refs(known_ticket_table)

    def check_required_columns(self) -> None:
        for name in self.table.required_columns:
            if name not in self.known:
                needed = ", ".join(self.table.required_columns)
                self.fail(1, name, "this required column is missing",
                          f"add a column '{name}' (required in {self.table.name}: {needed})")

    def row_checks(self) -> list[RowCheck]:
        """Every per-row check of the file, in the order problems are reported."""
        checks = []
        for column in self.table.columns:
            raw = self.known.get(column.name)
            if raw is None:
                continue
            sql_type = self.raw_types[raw]
            has_value = present(raw, sql_type)
            value = typed(column, raw, sql_type, self.tz)
            if column.required:
                checks.append(RowCheck(column.name, f"NOT {has_value}",
                                       "this required value is empty{more}",
                                       f"give every row a {column.name}"))
            fix = FIXES[column.type].replace("{tz}", self.tz)
            checks.append(RowCheck(column.name, f"{has_value} AND ({value}) IS NULL",
                                   f"cannot read {{value}} as {column.type}{{more}}", fix,
                                   f"CAST({q(raw)} AS VARCHAR)"))
            if column.values:
                allowed = ", ".join(lit(v) for v in column.values)
                checks.append(RowCheck(column.name, f"({value}) NOT IN ({allowed})",
                                       "unknown value {value}{more}",
                                       f"use one of: {', '.join(column.values)}", value))
        return checks + self.required_when_checks()

    def required_when_checks(self) -> list[RowCheck]:
        checks = []
        for rule in self.table.required_when:
            when_raw = self.known.get(rule.when_column)
            when_col = self.table.column(rule.when_column)
            if when_raw is None or when_col is None:
                continue
            when = typed(when_col, when_raw, self.raw_types[when_raw], self.tz)
            raw = self.known.get(rule.column)
            missing = "true" if raw is None else f"NOT {present(raw, self.raw_types[raw])}"
            col = self.table.column(rule.column)
            choices = f" (one of: {', '.join(col.values)})" if col and col.values else ""
            checks.append(RowCheck(
                rule.column, f"({when}) = {lit(rule.when_value)} AND {missing}",
                f"a {rule.when_value} row needs a {rule.column}{{more}}",
                f"fill in {rule.column}{choices} on every {rule.when_value} row"))
        return checks

    def check_rows(self) -> None:
        """Count every check's failures in one pass; report the first failing check."""
        checks = self.row_checks()
        if not checks:
            return
        counts_sql = ", ".join(f"count(*) FILTER (WHERE {c.condition})" for c in checks)
        counts = self.con.execute(f"SELECT {counts_sql} FROM {q(self.staging)}").fetchone()
        for check, count in zip(checks, counts or (), strict=True):
            if count:
                extra = (check.value_sql,) if check.value_sql else ()
                bad = self.first_bad(check.condition, *extra)
                assert bad is not None
                value = bad[1] if extra else None
                self.fail(bad[0], check.column, check.describe(value, self.more(count)),
                          check.fix)

    def check_duplicate_keys(self) -> None:
        pk = q(self.known[self.table.pk])
        sql = (f"SELECT CAST({pk} AS VARCHAR), min({LINE}), max({LINE}), count(*) OVER () "
               f"FROM {q(self.staging)} GROUP BY {pk} HAVING count(*) > 1 "
               f"ORDER BY min({LINE}) LIMIT 1")
        row = self.con.execute(sql).fetchone()
        if row:
            key, first, last, total = row
            word = self.tf.line_word
            self.fail(last, self.table.pk,
                      f"{self.table.pk} {key!r} appears twice in this file ({word}s {first} and "
                      f"{last}){self.more(total)}",
                      f"keep one row per {self.table.pk}; importing the same key again later "
                      "replaces the stored row")

    def check_ticket_refs(self, tickets: str) -> None:
        ref = q(self.known["ticket_id"])
        cond = (f"{ref} IS NOT NULL AND CAST({ref} AS VARCHAR) NOT IN "
                f"(SELECT ticket_id FROM {q(tickets)})")
        bad = self.first_bad(cond, f"CAST({ref} AS VARCHAR)")
        if bad:
            self.fail(bad[0], "ticket_id",
                      f"ticket {bad[1]!r} is not in tickets (neither in this import nor "
                      f"already stored){self.more(bad[2])}",
                      "import that ticket in tickets.* in the same run, or remove the rows of "
                      "tickets you do not have")

    def select_list(self) -> str:
        """SELECT list turning the staged file into the table's typed columns + custom ones."""
        parts = []
        for column in self.table.columns:
            raw = self.known.get(column.name)
            value = "NULL" if raw is None else typed(column, raw, self.raw_types[raw], self.tz)
            if column.default is not None:
                default = lit(column.default) if isinstance(column.default, str) else str(
                    column.default).lower()
                value = f"coalesce({value}, {default})"
            parts.append(f"CAST({value} AS {SQL_TYPES[column.type]}) AS {q(column.name)}")
        for name in self.custom:
            parts.append(f"NULLIF(CAST({q(name)} AS VARCHAR), '') AS {q(custom_name(name))}")
        return ", ".join(parts)

    @property
    def custom_columns(self) -> list[str]:
        return [custom_name(n) for n in self.custom]


def custom_name(raw: str) -> str:
    """A custom property's stored name: the header, trimmed and lower-cased."""
    return raw.strip().lower()
