"""Baselines that `make bench` sets beside supportlens for a subset of the catalog.

- `pandas_subset`: the metrics written in plain pandas from the raw import files;
- `sql_subset`: hand-written DuckDB SQL over the facts tables supportlens derived;
- `scan`: a plain scan of the columns the subset reads (the physical floor);
- `supportlens_subset`: the same metrics through `Workspace.report` (what is measured);
- `check`: compares the numbers of two implementations period by period.
Shared names and helpers live in `common`; `business_hours` is the pandas SLA clock.
"""
