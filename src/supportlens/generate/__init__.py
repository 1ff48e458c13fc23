"""Synthetic support datasets in the import format (shared/spec/data-model.md).

    from supportlens.generate import generate
    summary = generate(Path("demo-data"), tickets=5000, seed=7)

writes one `<table>.parquet` per import table (plus `_labels_gap_questions.parquet`,
the true topic of every knowledge-gap question, which the importer ignores) and
returns {table: rows written}.

The same (tickets, seed) always gives byte-identical files: the period ends on a
fixed date, and every random draw comes from a stream derived from the seed.
Tickets are generated and written in chunks, so memory stays bounded for a
million tickets.

Layout: `world` (shared state: people, knowledge base, text), `tickets` (one
chunk) with `ai_agent`, `lifecycle`, `surveys` and `self_service`; `availability`
(rep_status); `calendar`, `catalog`, `phrasings`, `names`, `sla` (vocabulary and
time); `chunk`, `rows`, `sink` (turning arrays into Parquet).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from supportlens.generate.availability import rep_status_batches
from supportlens.generate.calendar import sample_created
from supportlens.generate.sink import LABELS_FILE, ParquetSink
from supportlens.generate.tickets import generate_chunk
from supportlens.generate.world import build_world, stream
from supportlens.schema.tables import TABLES

__all__ = ["CHUNK_SIZE", "generate"]

CHUNK_SIZE = 20_000


def generate(
    out_dir: Path,
    tickets: int = 5000,
    seed: int = 7,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Write a synthetic dataset of `tickets` tickets into `out_dir`.

    Returns the number of rows written per import table. `progress(done, total)`
    is called with the number of tickets generated so far, at the start and
    after every chunk.
    """
    if tickets < 0:
        raise ValueError("tickets must be >= 0")
    out_dir = Path(out_dir)
    world = build_world(seed, tickets)
    created, region = sample_created(stream(seed, "arrivals"), tickets, world.span, world.spikes)
    sink = ParquetSink(out_dir, [*TABLES, LABELS_FILE])
    try:
        for name, table in world.tables.items():
            sink.write(name, table)
        for batch in rep_status_batches(world):
            sink.write("rep_status", batch)
        if progress:
            progress(0, tickets)
        counters: dict[str, int] = {}
        for index, first in enumerate(range(0, tickets, CHUNK_SIZE)):
            last = min(first + CHUNK_SIZE, tickets)
            tables = generate_chunk(
                world, index, first + 1, created[first:last], region[first:last], counters
            )
            for name in (*TABLES, LABELS_FILE):
                if name in tables:
                    sink.write(name, tables[name])
            if progress:
                progress(last, tickets)
    finally:
        rows = sink.close()
    return {name: rows[name] for name in TABLES}
