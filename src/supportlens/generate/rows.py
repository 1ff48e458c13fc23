"""Turn vectorised blocks of rows into Arrow tables.

A chunk of data is built family by family ("the first customer message of every
ticket", "every reopen event", ...). Each family is one block: a row count and
one value per column (a numpy array, an Arrow array, a scalar broadcast to all
rows, or None for nulls). `RowBuffer` collects the blocks of one table; at the
end of the chunk it filters, sorts and converts them to a single Arrow table.

Columns whose name starts with "_" are helper keys kept as numpy arrays (for
sorting and for linking rows across tables) and are never written.

Times are int64 seconds since the epoch throughout the generator; the value
`NO_TIME` (-1) means "no time" and becomes a null timestamp.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from supportlens.generate.sink import TIMESTAMP

NO_TIME = -1


@dataclass(frozen=True)
class Coded:
    """A string column given as integer codes into `vocab`; code -1 means null."""

    codes: np.ndarray
    vocab: pa.Array


def decode(codes: np.ndarray, vocab: pa.Array) -> pa.Array:
    """Look codes up in vocab (code -1 gives null)."""
    codes = np.asarray(codes, dtype=np.int64)
    mask = codes < 0
    if not mask.any():
        return vocab.take(pa.array(codes))
    return vocab.take(pa.array(np.where(mask, 0, codes), mask=mask))


def make_ids(prefix: str, start: int, n: int) -> pa.Array:
    """Ids `prefix{start}`, `prefix{start+1}`, ... as an Arrow string array."""
    numbers = pc.cast(pa.array(np.arange(start, start + n, dtype=np.int64)), pa.string())
    return pc.binary_join_element_wise(prefix, numbers, "")


def to_arrow(value: Any, n: int, dtype: pa.DataType) -> pa.Array:
    """Convert one block value of n rows to an Arrow array of `dtype`."""
    if value is None:
        return pa.nulls(n, dtype)
    if isinstance(value, Coded):
        return decode(value.codes, value.vocab)
    if isinstance(value, pa.ChunkedArray):
        value = value.combine_chunks()
    if isinstance(value, pa.Array):
        return value if value.type == dtype else value.cast(dtype)
    if isinstance(value, np.ndarray):
        if dtype == TIMESTAMP:
            seconds = value.astype(np.int64)
            mask = seconds == NO_TIME
            return pa.array(seconds * 1_000_000, type=dtype, mask=mask if mask.any() else None)
        if dtype == pa.float64():
            return pa.array(value.astype(np.float64), type=dtype, from_pandas=True)
        return pa.array(value, type=dtype)
    if dtype == TIMESTAMP:
        return to_arrow(np.full(n, int(value), dtype=np.int64), n, dtype)
    return pa.repeat(pa.scalar(value, type=dtype), n)


class RowBuffer:
    """Collects blocks of rows for one table (schema) plus numpy helper keys."""

    def __init__(self, schema: pa.Schema, keys: Sequence[str] = ()) -> None:
        self.schema = schema
        self.keys = tuple(keys)
        self._blocks: list[tuple[int, dict[str, Any]]] = []
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def add(self, n: int, **values: Any) -> np.ndarray:
        """Append a block of n rows; returns the buffer positions of its rows.

        Schema columns not given are null (the primary key is filled in later
        by `finish`). Every helper key must be given.
        """
        unknown = set(values) - set(self.schema.names) - set(self.keys)
        if unknown:
            raise KeyError(f"unknown columns {sorted(unknown)}")
        missing = set(self.keys) - set(values)
        if missing:
            raise KeyError(f"missing helper keys {sorted(missing)}")
        start = self._n
        if n > 0:
            self._blocks.append((n, values))
            self._n += n
        return np.arange(start, start + n, dtype=np.int64)

    def key(self, name: str) -> np.ndarray:
        """All values of a helper key (or a numpy-valued column), in buffer order."""
        parts = []
        for n, values in self._blocks:
            value = values[name]
            parts.append(np.broadcast_to(value, (n,)) if np.ndim(value) == 0 else np.asarray(value))
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def finish(self, order: np.ndarray, ids: pa.Array | None = None) -> pa.Table:
        """Build the table from the buffer rows at positions `order` (in that order).

        `ids`, when given, fills the first (primary key) column of the result.
        """
        columns = []
        for field in self.schema:
            pieces = [to_arrow(values.get(field.name), n, field.type) for n, values in self._blocks]
            if pieces:
                column = pa.concat_arrays(pieces).take(pa.array(order, type=pa.int64()))
            else:
                column = pa.nulls(0, field.type)
            columns.append(column)
        table = pa.Table.from_arrays(columns, schema=self.schema.with_metadata(None))
        if ids is not None:
            table = table.set_column(0, self.schema.field(0), ids)
        return table


def sort_order(keep: np.ndarray, *keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Order of the kept rows sorted by keys (first key most significant, stable).

    Returns (order, position) where order lists buffer positions in output order
    and position[i] is the output row of buffer row i (-1 when dropped).
    """
    kept = np.flatnonzero(keep)
    if kept.size:
        sub = np.lexsort(tuple(k[kept] for k in reversed(keys)))
        order = kept[sub]
    else:
        order = kept
    position = np.full(keep.shape[0], -1, dtype=np.int64)
    position[order] = np.arange(order.size, dtype=np.int64)
    return order, position
