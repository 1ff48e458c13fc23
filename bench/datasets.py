"""Benchmark datasets, generated once and cached under bench/data/ (gitignored).

- `dataset(n)`: `supportlens.generate.generate(folder, tickets=n, seed=7)` as parquet;
- `csv_copy(n)`: the same tables written once as CSV in the import format of
  data-model.md (ISO 8601 UTC timestamps, lists as JSON arrays, booleans true/false).
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


def dataset(tickets: int) -> Path:
    """The parquet folder of `tickets` generated tickets (seed 7)."""
    folder = DATA / f"t{tickets}"
    if not (folder / "tickets.parquet").exists():
        from supportlens.generate import generate

        t0 = time.perf_counter()
        generate(folder, tickets=tickets, seed=7)
        print(f"generated {tickets:,} tickets in {time.perf_counter() - t0:.1f}s", flush=True)
    return folder


def _csv_select(con: duckdb.DuckDBPyConnection, parquet: Path) -> str:
    """A SELECT that renders each column as the CSV import format expects it."""
    cols = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{parquet}')").fetchall()
    parts = []
    for name, typ, *_ in cols:
        c = '"' + name.replace('"', '""') + '"'
        typ = str(typ).upper()
        if typ.startswith("TIMESTAMP"):
            value = (f"strftime(timezone('UTC', {c}), '%Y-%m-%dT%H:%M:%S.%fZ')"
                     if "TIME ZONE" in typ else f"strftime({c}, '%Y-%m-%dT%H:%M:%S.%fZ')")
        elif typ.endswith("[]"):
            value = f"CAST(to_json({c}) AS VARCHAR)"
        else:
            value = c
        parts.append(f"{value} AS {c}")
    return f"SELECT {', '.join(parts)} FROM read_parquet('{parquet}')"


def csv_copy(tickets: int) -> Path:
    """The dataset as CSV files (one per table), written once from the parquet files."""
    source = dataset(tickets)
    folder = DATA / f"t{tickets}_csv"
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    con = duckdb.connect()
    for parquet in sorted(source.glob("*.parquet")):
        if parquet.name.startswith("_"):  # generator side files, not import tables
            continue
        target = folder / f"{parquet.stem}.csv"
        con.execute(f"COPY ({_csv_select(con, parquet)}) TO '{target}' "
                    "(FORMAT csv, HEADER true)")
    con.close()
    done.touch()
    print(f"wrote {tickets:,}-ticket CSV copy in {time.perf_counter() - t0:.1f}s", flush=True)
    return folder
