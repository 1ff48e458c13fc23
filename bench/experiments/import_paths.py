"""Evidence for PROFILE.md: what the steps of importing one big parquet file cost, and
what a direct DuckDB read would cost instead.

`python bench/experiments/import_paths.py [--tickets N] [--table ticket_events]`

Mirrors supportlens's import of one file into an empty store (same memory limit):
1. stage as supportlens does: pyarrow batches of 100,000 rows, a Python `range` for
   the line numbers, each batch registered and inserted into a temp table;
2. stage with DuckDB reading the parquet file itself (`file_row_number` for lines);
3. the typed copy (here a plain CAST copy, the same number of columns);
4. the upsert's `count(*) … WHERE pk IN (SELECT pk FROM typed)` on an empty table;
5. the INSERT into the stored table (and with preserve_insertion_order off);
6. the duplicate-key query of the checks, and a count-only variant.
Prints seconds per step; nothing here is imported by supportlens or the bench.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from datasets import DATA, dataset  # noqa: E402

PK = {"ticket_events": "event_id", "messages": "message_id", "tickets": "ticket_id"}


def step(name: str, fn: object) -> float:
    t0 = time.perf_counter()
    fn()  # type: ignore[operator]
    secs = time.perf_counter() - t0
    print(f"{secs:8.2f}s  {name}", flush=True)
    return secs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--table", default="ticket_events", choices=sorted(PK))
    args = parser.parse_args()
    path = dataset(args.tickets) / f"{args.table}.parquet"
    pk = PK[args.table]
    db = DATA / "experiment.duckdb"
    db.unlink(missing_ok=True)
    con = duckdb.connect(str(db), config={"memory_limit": "3GB"})
    print(f"{args.table}: {pq.ParquetFile(path).metadata.num_rows:,} rows")

    def stage_batches() -> None:
        line = 1
        first = True
        for batch in pq.ParquetFile(path).iter_batches(batch_size=100_000):
            lines = pa.array(range(line, line + batch.num_rows), pa.int64())
            batch = batch.append_column("__line", lines)
            con.register("__batch", batch)
            if first:
                con.execute("CREATE TEMP TABLE staged_a AS SELECT * FROM __batch")
                first = False
            else:
                con.execute("INSERT INTO staged_a BY NAME SELECT * FROM __batch")
            con.unregister("__batch")
            line += batch.num_rows

    def batches_only() -> None:
        for _ in pq.ParquetFile(path).iter_batches(batch_size=100_000):
            pass

    def line_numbers_only() -> None:
        for n in range(0, pq.ParquetFile(path).metadata.num_rows, 100_000):
            pa.array(range(n, n + 100_000), pa.int64())

    def line_numbers_numpy() -> None:
        for n in range(0, pq.ParquetFile(path).metadata.num_rows, 100_000):
            pa.array(np.arange(n, n + 100_000, dtype=np.int64))

    def stage_direct() -> None:
        con.execute(f"CREATE TEMP TABLE staged_b AS SELECT * EXCLUDE (file_row_number), "
                    f"file_row_number + 1 AS __line "
                    f"FROM read_parquet('{path}', file_row_number = true)")

    step("stage: pyarrow batches + register + INSERT (as supportlens)", stage_batches)
    step("  part: pyarrow iter_batches alone (decode)", batches_only)
    step("  part: line numbers, pa.array(range(...)) per batch", line_numbers_only)
    step("  alternative: line numbers, pa.array(np.arange(...)) per batch", line_numbers_numpy)
    step("stage: DuckDB read_parquet(file_row_number) directly", stage_direct)
    step("typed copy (CREATE TEMP TABLE AS SELECT every column)",
         lambda: con.execute("CREATE TEMP TABLE typed AS SELECT * FROM staged_b"))
    con.execute("CREATE TABLE stored AS SELECT * EXCLUDE (__line) FROM typed LIMIT 0")
    step("upsert: count(*) WHERE pk IN (SELECT pk FROM typed), empty table",
         lambda: con.execute(f'SELECT count(*) FROM stored WHERE "{pk}" IN '
                             f'(SELECT "{pk}" FROM typed)').fetchall())
    step("upsert: INSERT INTO stored SELECT * FROM typed",
         lambda: con.execute("INSERT INTO stored BY NAME SELECT * EXCLUDE (__line) FROM typed"))
    con.execute("CREATE TABLE stored2 AS SELECT * EXCLUDE (__line) FROM typed LIMIT 0")
    con.execute("SET preserve_insertion_order = false")
    step("upsert: the same INSERT with preserve_insertion_order = false",
         lambda: con.execute("INSERT INTO stored2 BY NAME SELECT * EXCLUDE (__line) FROM typed"))
    con.execute("RESET preserve_insertion_order")
    step("checks: duplicate keys (GROUP BY pk, min/max line, window count)",
         lambda: con.execute(f'SELECT CAST("{pk}" AS VARCHAR), min(__line), max(__line), '
                             f'count(*) OVER () FROM staged_b GROUP BY "{pk}" '
                             f'HAVING count(*) > 1 ORDER BY min(__line) LIMIT 1').fetchall())
    step("checks: duplicate keys, count only (count(*) - count(DISTINCT pk))",
         lambda: con.execute(f'SELECT count(*) - count(DISTINCT "{pk}") FROM staged_b'
                             ).fetchall())
    con.close()
    db.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
