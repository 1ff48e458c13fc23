"""Reports shown side by side (the agent leaderboard): their rows put on one grid of
(period, group) in Arrow, without a Python dict per row.

The grid of one report is what rows.row_keys gives it: every period it shows × every
group with data in one of them. Reports assembled from several are shown on the union of
their grids, each report's value at each cell (or nothing). Python dicts made the
leaderboard's five weekly columns (~150,000 values at 1M tickets) cost more than their
queries; this costs ~20 ms.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from supportlens.metrics.rows import Shown


def value_grid(reports: list[Shown], keys: list[str]) -> tuple[pa.Table, list[pa.Array]]:
    """The rows of reports shown together, as a table `period`, *keys: of each report,
    every period it shows × every group with data in one of them (row_keys' rows), in
    no particular order; and of each report, its table's row at each of them (null where
    it has no data there: the caller fills in its empty value). Columnar, for reports
    assembled from others: Python dicts made the leaderboard's five weekly columns
    (~150,000 values at 1M tickets) cost more than their queries. Matched by ids
    (_factorized), not joined: Arrow joins never match null keys (a null dim, and every
    `period` without --by)."""
    days = pa.array(list(dict.fromkeys(p for _, shown in reports for p in shown)),
                    pa.date32())
    shown = [_in_periods(table, periods, days) for table, periods in reports]
    group_ids, groups = _group_ids([table for table, _, _ in shown], keys)
    size = groups.num_rows if keys else 1  # without keys, the one group of the totals
    cells = np.zeros((len(days), size), bool)  # the grid's (period, group) pairs
    places = []
    for (_, day, shows), group in zip(shown, group_ids, strict=True):
        with_data = np.bincount(group, minlength=size) > 0 if keys else np.ones(1, bool)
        cells |= np.outer(shows, with_data)
        places.append(day * size + group)
    cell = np.flatnonzero(cells)
    row_of_cell = np.full(cells.size, -1)
    row_of_cell[cell] = np.arange(len(cell))
    grid = pa.table({"period": days.take(cell // size),
                     **{key: groups[key].take(cell % size) for key in keys}})
    return grid, [_rows_at(row_of_cell[place], len(cell)) for place in places]


def _in_periods(table: pa.Table, periods: list[dt.date | None],
                days: pa.Array) -> tuple[pa.Table, np.ndarray, np.ndarray]:
    """The table's rows in `periods`, the index of each one's period in `days`, and
    which of `days` are among `periods`."""
    shows = np.zeros(len(days), bool)
    shows[_day_ids(pa.array(periods, pa.date32()), days)] = True
    day = _day_ids(table["period"], days)
    kept = np.isin(day, np.flatnonzero(shows))
    return table.filter(kept), day[kept], shows


def _day_ids(column: pa.Array | pa.ChunkedArray, days: pa.Array) -> np.ndarray:
    """The index in `days` of each value of the column (null matches null), -1 where
    none."""
    return np.asarray(pc.index_in(column, value_set=days, skip_nulls=False).fill_null(-1),
                      np.int64)


def _group_ids(tables: list[pa.Table], keys: list[str]) -> tuple[list[np.ndarray], pa.Table]:
    """Of each table's rows, the id of its group (its `keys` values) among the distinct
    groups of all the tables, and those groups (without keys: none, every id 0)."""
    if not keys:
        return [np.zeros(t.num_rows, np.int64) for t in tables], pa.table({})
    ids, groups = _factorized(pa.concat_tables([t.select(keys) for t in tables],
                                               promote_options="permissive"))
    return np.split(ids, np.cumsum([t.num_rows for t in tables])[:-1]), groups


def _rows_at(places: np.ndarray, size: int) -> pa.Array:
    """Of each of `size` places, the row whose place it is (`places`: each row's place,
    none twice), null for a place without one: what `take` needs to put rows in place."""
    rows = np.full(size, -1)
    rows[places] = np.arange(len(places))
    return pa.array(rows, mask=rows < 0)


def _factorized(table: pa.Table) -> tuple[np.ndarray, pa.Table]:
    """Each row's id (0, 1, ...) among the table's distinct rows, and those rows in id
    order; null equals null. Each column is hashed (dictionary_encode) and its codes
    folded into the ids of the columns before it; made dense again (hashed) only when the
    next fold could overflow."""
    ids = np.zeros(table.num_rows, np.int64)
    count = 1  # ids are below count
    for column in table.columns:
        encoded = pc.dictionary_encode(column.combine_chunks(), null_encoding="encode")
        if count * len(encoded.dictionary) >= 2**62:
            ids, count = _dense(ids)
        ids = ids * len(encoded.dictionary) + encoded.indices.to_numpy(zero_copy_only=False)
        count *= len(encoded.dictionary)
    ids, count = _dense(ids)
    one = np.zeros(count, np.int64)  # a row of each id (any: they are equal)
    one[ids] = np.arange(table.num_rows)
    return ids, table.take(one)


def _dense(ids: np.ndarray) -> tuple[np.ndarray, int]:
    """The ids renumbered 0, 1, ... in order of first appearance, and how many there are."""
    encoded = pc.dictionary_encode(pa.array(ids))
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), len(encoded.dictionary)
