"""Where the time goes: `python bench/profiling.py [--tickets N]` (default 1,000,000).

Profiles, each in a fresh process, with pyinstrument (a measuring aid only: install it
into .venv by hand, `pip install pyinstrument`; it is not a project dependency):
1. the full catalog, warm (the second run in the process, as bench/run.py's
   `catalog_warm_s`), plus the warm seconds of every report, slowest first;
2. an import from parquet, plus the seconds of each import phase (file, fact step);
3. the warm catalog again without the profiler, each report split into the time in
   its queries and the same SQL run straight on DuckDB.
Writes bench/results/profile_{catalog_warm,import}_t{N}.txt and .json (the per-report
and per-phase seconds) and breakdown_catalog_warm_t{N}.json. The conclusions are
written up by hand in PROFILE.md.
Needs the dataset (and for 1. the store) that bench/run.py builds under bench/data/.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from baselines.common import NOW  # noqa: E402
from datasets import DATA, dataset  # noqa: E402

RESULTS = HERE / "results"


def profile_catalog(db: str, out: str) -> dict[str, Any]:
    """Run the catalog once (cold, unprofiled), then profile the warm run."""
    from pyinstrument import Profiler

    from supportlens.api import Workspace
    from supportlens.errors import QueryError
    from supportlens.metrics.registry import all_metrics

    ws = Workspace.open(db)
    jobs: list[tuple[str, tuple[str, ...]]] = []
    for m in all_metrics():
        jobs.append((m.id, ()))
        try:
            ws.report(m.id, by="week", group_by=["team"], now=NOW)
            jobs.append((m.id, ("team",)))
        except QueryError:
            pass
    for metric, groups in jobs:  # cold run
        ws.report(metric, by="week", group_by=list(groups), now=NOW)
    seconds: dict[str, float] = {}
    profiler = Profiler(interval=0.001)
    profiler.start()
    for metric, groups in jobs:
        t0 = time.perf_counter()
        ws.report(metric, by="week", group_by=list(groups), now=NOW)
        seconds[metric + (" by team" if groups else "")] = time.perf_counter() - t0
    profiler.stop()
    Path(out + ".txt").write_text(profiler.output_text(unicode=False, color=False))
    ranked = dict(sorted(seconds.items(), key=lambda kv: -kv[1]))
    payload = {"total_s": sum(seconds.values()), "reports": ranked}
    Path(out + ".json").write_text(json.dumps(payload, indent=1) + "\n")
    return payload


def breakdown_catalog(db: str, out: str) -> dict[str, Any]:
    """Per warm report: total seconds, seconds inside the engine's queries
    (`compiled.to_arrow`: the SQL with the request's values, DuckDB's parse, plan and
    run, the Arrow result), and the same SQL run straight on DuckDB again. The rest of a
    report's time is the engine's Python around the queries. (A warm report compiles
    nothing: its SQL is kept per shape, compiled.py.)"""
    from supportlens.api import Workspace
    from supportlens.errors import QueryError
    from supportlens.metrics import compiled
    from supportlens.metrics.registry import all_metrics

    ws = Workspace.open(db)
    original_run, original_fill = compiled.to_arrow, compiled._sql_with
    seconds: list[float] = []
    sqls: list[str] = []

    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        value = original_run(*args, **kwargs)
        seconds.append(time.perf_counter() - t0)
        return value

    def filled(template: str, values: dict[Any, Any], con: Any) -> str:
        sqls.append(original_fill(template, values, con))
        return sqls[-1]

    jobs: list[tuple[str, tuple[str, ...]]] = []
    options: tuple[tuple[str, ...], ...] = ((), ("team",))
    for m in all_metrics():
        for groups in options:
            try:
                ws.report(m.id, by="week", group_by=list(groups), now=NOW)  # cold run
                jobs.append((m.id, groups))
            except QueryError:
                pass
    raw = ws.store.reader().con  # the reader's DuckDB connection
    compiled.to_arrow, compiled._sql_with = timed, filled
    rows: dict[str, dict[str, float]] = {}
    try:
        for metric, groups in jobs:
            seconds.clear()
            sqls.clear()
            t0 = time.perf_counter()
            ws.report(metric, by="week", group_by=list(groups), now=NOW)
            total = time.perf_counter() - t0
            t1 = time.perf_counter()
            for sql in sqls:
                raw.sql(sql).to_arrow_table()
            rows[metric + (" by team" if groups else "")] = {
                "total_s": total, "queries": len(seconds), "query_s": sum(seconds),
                "duckdb_s": time.perf_counter() - t1}
    finally:
        compiled.to_arrow, compiled._sql_with = original_run, original_fill
    sums = {k: sum(r[k] for r in rows.values())
            for k in ("total_s", "queries", "query_s", "duckdb_s")}
    ranked = dict(sorted(rows.items(), key=lambda kv: -kv[1]["total_s"]))
    payload = {"sums": sums, "reports": ranked}
    Path(out + ".json").write_text(json.dumps(payload, indent=1) + "\n")
    return payload


def profile_import(db: str, folder: str, out: str) -> dict[str, Any]:
    """Profile one import of `folder` into a new store at `db`."""
    from importing import PhaseTimer
    from pyinstrument import Profiler

    from supportlens.api import Workspace

    Path(db).unlink(missing_ok=True)
    timer = PhaseTimer()
    profiler = Profiler(interval=0.001)
    profiler.start()
    t0 = time.perf_counter()
    Workspace.open(db).import_folder(folder, progress=timer)
    total = time.perf_counter() - t0
    profiler.stop()
    Path(out + ".txt").write_text(profiler.output_text(unicode=False, color=False))
    phases = dict(sorted(timer.finish().items(), key=lambda kv: -kv[1]))
    payload = {"total_s": total, "phases": phases}
    Path(out + ".json").write_text(json.dumps(payload, indent=1) + "\n")
    return payload


def child(fn: str, **kwargs: Any) -> dict[str, Any]:
    code = (f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import profiling as p; "
            f"print(json.dumps(p.{fn}(**{kwargs!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"profiling: {fn} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    args = parser.parse_args()
    n = args.tickets
    folder = dataset(n)
    RESULTS.mkdir(exist_ok=True)
    db = DATA / f"t{n}.duckdb"
    profile_db = DATA / f"t{n}_profile.duckdb"
    imp = child("profile_import", db=str(profile_db), folder=str(folder),
                out=str(RESULTS / f"profile_import_t{n}"))
    if not db.exists():
        profile_db.rename(db)
    else:
        profile_db.unlink()
    cat = child("profile_catalog", db=str(db), out=str(RESULTS / f"profile_catalog_warm_t{n}"))
    split = child("breakdown_catalog", db=str(db),
                  out=str(RESULTS / f"breakdown_catalog_warm_t{n}"))
    print(f"import {imp['total_s']:.1f}s; slowest phases:")
    for k, v in list(imp["phases"].items())[:12]:
        print(f"  {v:7.2f}s  {k}")
    print(f"catalog warm {cat['total_s']:.1f}s; slowest reports:")
    for k, v in list(cat["reports"].items())[:15]:
        print(f"  {v:7.2f}s  {k}")
    print("catalog warm, split: " + ", ".join(f"{k} {v:.1f}" for k, v in split["sums"].items()))


if __name__ == "__main__":
    main()
