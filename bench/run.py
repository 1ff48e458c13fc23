"""Benchmarks: `make bench` (or `python bench/run.py --tickets 100000 1000000`).

Measures, per dataset size (generated once and cached under bench/data/):
- import throughput from parquet (rows/s), fact derivation included, and peak memory;
- the full catalog: every registered metric over the whole range, weekly, ungrouped
  and grouped by team, cold (new process) and warm (second run, same process);
- one typical report: first_response_time, weekly, by team, one quarter (warm).
Prints a table and one JSON line with every figure. Timing lives here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
NOW = "2026-11-01T00:00:00Z"


def dataset(tickets: int) -> Path:
    folder = DATA / f"t{tickets}"
    if not (folder / "tickets.parquet").exists():
        from supportlens.generate import generate

        t0 = time.perf_counter()
        generate(folder, tickets=tickets, seed=7)
        print(f"generated {tickets:,} tickets in {time.perf_counter() - t0:.1f}s", flush=True)
    return folder


def child(code: str) -> dict:
    """Run `code` in a fresh process (cold caches); it prints one JSON line."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


IMPORT_CODE = """
import json, resource, time, sys
from supportlens.api import Workspace
from pathlib import Path
db = Path({db!r}); db.unlink(missing_ok=True)
t0 = time.perf_counter()
s = Workspace.open(db).import_folder({folder!r})
secs = time.perf_counter() - t0
rows = sum(s.rows.values())
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"rows": rows, "seconds": secs, "rows_per_s": rows / secs, "peak_mib": peak}}))
"""

CATALOG_CODE = """
import json, resource, time
from supportlens.api import Workspace
from supportlens.metrics.registry import all_metrics
ws = Workspace.open({db!r})
def catalog():
    t0 = time.perf_counter()
    for m in all_metrics():
        ws.report(m.id, by="week", now={now!r})
        ws.report(m.id, by="week", group_by=["team"], now={now!r})
    return time.perf_counter() - t0
cold = catalog()
warm = catalog()
t0 = time.perf_counter()
for _ in range(5):
    ws.report("first_response_time", by="week", group_by=["team"], date_from="2026-07-01",
              date_to="2026-09-30", now={now!r})
typical = (time.perf_counter() - t0) / 5
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"catalog_cold_s": cold, "catalog_warm_s": warm, "typical_report_s": typical,
                  "metrics": len(all_metrics()), "peak_mib": peak}}))
"""


def measure(tickets: int) -> dict:
    folder = dataset(tickets)
    db = DATA / f"t{tickets}.duckdb"
    imp = child(IMPORT_CODE.format(db=str(db), folder=str(folder)))
    cat = child(CATALOG_CODE.format(db=str(db), now=NOW))
    return {"tickets": tickets, "import": imp, "catalog": cat}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, nargs="+", default=[100_000])
    args = parser.parse_args()
    results = [measure(n) for n in args.tickets]
    print(f"{'tickets':>10} {'import rows/s':>14} {'import s':>9} {'import MiB':>10} "
          f"{'catalog cold s':>15} {'catalog warm s':>15} {'typical ms':>11}")
    for r in results:
        i, c = r["import"], r["catalog"]
        print(f"{r['tickets']:>10,} {i['rows_per_s']:>14,.0f} {i['seconds']:>9.1f} "
              f"{i['peak_mib']:>10.0f} {c['catalog_cold_s']:>15.2f} {c['catalog_warm_s']:>15.2f} "
              f"{c['typical_report_s'] * 1000:>11.0f}")
    machine = {"python": platform.python_version(), "machine": platform.machine(),
               "cpus": __import__("os").cpu_count(),
               "self_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    print(json.dumps({"machine": machine, "results": results}))


if __name__ == "__main__":
    main()
