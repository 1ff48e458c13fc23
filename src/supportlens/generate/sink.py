"""Parquet output: Arrow schemas derived from the import contract, one writer per table.

The generator never decides column names or types itself: every schema comes from
`supportlens.schema.tables`, so the files it writes are exactly what the importer
expects. Each table gets one `ParquetWriter` that is appended to chunk by chunk,
which keeps memory bounded however many tickets are generated.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from supportlens.schema.tables import TABLES, Column

TIMESTAMP = pa.timestamp("us", tz="UTC")

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "timestamp": TIMESTAMP,
    "boolean": pa.bool_(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "list": pa.list_(pa.string()),
    "json": pa.string(),  # JSON text, e.g. schedules.hours
}

# Side file with the true intent of every gap question (see metrics.md, "Knowledge gaps").
# Its name starts with "_" so the importer ignores it.
LABELS_FILE = "_labels_gap_questions"
LABELS_SCHEMA = pa.schema(
    [
        pa.field("message_id", pa.string(), nullable=False),
        pa.field("intent", pa.string(), nullable=False),
        pa.field("language", pa.string(), nullable=False),
    ]
)


def arrow_type(column: Column) -> pa.DataType:
    """The Arrow type a column of the import contract is written as."""
    return _ARROW_TYPES[column.type]


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of an import table, columns in declaration order."""
    return pa.schema(
        [pa.field(c.name, arrow_type(c), nullable=not c.required) for c in TABLES[table].columns]
    )


class ParquetSink:
    """Appends Arrow tables to `<out_dir>/<table>.parquet` and counts the rows written.

    All files are opened up front, so a table that receives no rows is still
    written (with its schema) and the folder always holds every table.
    """

    def __init__(self, out_dir: Path, tables: list[str]) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._schemas: dict[str, pa.Schema] = {}
        self.rows: dict[str, int] = {}
        for name in tables:
            schema = LABELS_SCHEMA if name == LABELS_FILE else arrow_schema(name)
            self._schemas[name] = schema
            self._writers[name] = pq.ParquetWriter(
                out_dir / f"{name}.parquet", schema, compression="zstd"
            )
            self.rows[name] = 0

    def schema(self, table: str) -> pa.Schema:
        """The schema the file of `table` is written with."""
        return self._schemas[table]

    def write(self, table: str, data: pa.Table) -> None:
        """Append `data` (already in the table's schema) as one or more row groups."""
        if data.num_rows == 0:
            return
        data = data.select(self._schemas[table].names).cast(self._schemas[table])
        self._writers[table].write_table(data, row_group_size=256 * 1024)
        self.rows[table] += data.num_rows

    def close(self) -> dict[str, int]:
        """Close every file and return {table: rows written}."""
        for writer in self._writers.values():
            writer.close()
        return dict(self.rows)
