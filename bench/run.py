"""Benchmarks: `make bench` (or `python bench/run.py --tickets 100000 1000000`).

Measures, per dataset size (generated once with seed 7 and cached under bench/data/):
- import throughput (rows/s), fact derivation included, and peak memory, from parquet
  and from CSV (the same tables written once as CSV), with the seconds of each phase;
- the full catalog: every registered metric over the whole range, weekly, ungrouped
  and grouped by team, cold (new process) and warm (second run, same process), and one
  typical report (first_response_time, weekly, by team, one quarter, warm);
- a subset of six metrics (first_response_time, resolution_time,
  first_contact_resolution_rate, first_response_sla_rate, tickets_unresolved,
  ai_resolution_rate; weekly, whole range, ungrouped, calendar hours) side by side:
  supportlens `Workspace.report`; plain pandas from the parquet files (end to end,
  reading included); hand-written DuckDB SQL over the store's facts (the floor); and a
  plain scan of the columns the subset reads (the physical floor). pandas, SQL and
  supportlens-on-the-CSV-import must give supportlens's numbers period by period
  (relative tolerance 1e-6), or the run fails after printing every mismatch.
Prints tables and one JSON line with every figure; `--save` also writes them to
bench/results/reference.{json,md}. Each measurement runs in a fresh process. Timing
lives here, never in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from baselines.check import mismatches  # noqa: E402
from baselines.common import NOW, SUBSET  # noqa: E402
from datasets import DATA, csv_copy, dataset  # noqa: E402
from machine import describe  # noqa: E402

RESULTS = HERE / "results"


def child(module: str, **kwargs: Any) -> dict[str, Any]:
    """Run `module.run(**kwargs)` in a fresh process (cold caches, own peak memory)."""
    code = (f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import {module} as m; "
            f"print(json.dumps(m.run(**{kwargs!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"bench: {module}.run({kwargs}) failed (exit {out.returncode})")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(tickets: int) -> tuple[dict[str, Any], list[str]]:
    """Every figure for one dataset size, and the mismatches found."""
    folder, csv_folder = dataset(tickets), csv_copy(tickets)
    db, csv_db = DATA / f"t{tickets}.duckdb", DATA / f"t{tickets}_csv.duckdb"
    print(f"[{tickets:,}] import parquet …", flush=True)
    imp = child("importing", db=str(db), folder=str(folder))
    print(f"[{tickets:,}] import csv …", flush=True)
    imp_csv = child("importing", db=str(csv_db), folder=str(csv_folder))
    from_csv = child("baselines.supportlens_subset", db=str(csv_db), repeat=1)
    csv_db.unlink(missing_ok=True)
    print(f"[{tickets:,}] catalog …", flush=True)
    cat = child("catalog", db=str(db))
    print(f"[{tickets:,}] subset: supportlens, pandas, sql, scan …", flush=True)
    sl = child("baselines.supportlens_subset", db=str(db))
    pdx = child("baselines.pandas_subset", folder=str(folder))
    sql = child("baselines.sql_subset", db=str(db))
    scan = child("baselines.scan", db=str(db))

    bad = (mismatches(sl["results"], pdx["results"], f"[{tickets:,}] pandas")
           + mismatches(sl["results"], sql["results"], f"[{tickets:,}] sql")
           + mismatches(sl["results"], from_csv["results"], f"[{tickets:,}] csv import"))
    periods = {m: len(sl["results"][m]) for m in SUBSET}
    for r in (sl, pdx, sql, from_csv):
        r.pop("results")
    subset = {
        "supportlens": sl, "pandas": pdx, "sql": sql, "scan": scan, "periods": periods,
        "checked": {"pandas": True, "sql": True, "csv_import": True, "mismatches": len(bad)},
        "ratios": {
            "supportlens_over_pandas": sl["total_s"] / pdx["total_s"],
            "supportlens_over_sql_floor": sl["total_s"] / sql["total_s"],
            "supportlens_over_scan_floor": sl["total_s"] / scan["total_s"],
            "per_metric_supportlens_over_sql": {
                m: sl["seconds"][m] / sql["seconds"][m] for m in SUBSET},
        },
    }
    return {"tickets": tickets, "import": {"parquet": imp, "csv": imp_csv}, "catalog": cat,
            "subset": subset}, bad


# -- output --------------------------------------------------------------------------
def tables(results: list[dict[str, Any]]) -> str:
    """The human-readable tables of a run."""
    lines = [f"{'tickets':>10} {'format':>7} {'rows':>11} {'rows/s':>10} {'s':>7} "
             f"{'MiB':>6} {'facts s':>8}"]
    for r in results:
        for fmt, i in r["import"].items():
            facts = sum(v for k, v in i["phases"].items() if k.startswith("step"))
            lines.append(f"{r['tickets']:>10,} {fmt:>7} {i['rows']:>11,} {i['rows_per_s']:>10,.0f} "
                         f"{i['seconds']:>7.1f} {i['peak_mib']:>6.0f} {facts:>8.1f}")
    lines += ["", f"{'tickets':>10} {'metrics':>8} {'catalog cold s':>15} "
                  f"{'catalog warm s':>15} {'typical ms':>11} {'MiB':>6}"]
    for r in results:
        c = r["catalog"]
        lines.append(f"{r['tickets']:>10,} {c['metrics']:>8} {c['catalog_cold_s']:>15.2f} "
                     f"{c['catalog_warm_s']:>15.2f} {c['typical_report_s'] * 1000:>11.0f} "
                     f"{c['peak_mib']:>6.0f}")
    for r in results:
        warm = r["catalog"].get("warm_report_s", {})
        lines += ["", f"slowest warm reports at {r['tickets']:,} tickets (s): " + ", ".join(
            f"{name} {s:.2f}" for name, s in list(warm.items())[:12])]
    for r in results:
        s = r["subset"]
        sl, pdx, sql, scan = s["supportlens"], s["pandas"], s["sql"], s["scan"]
        lines += ["", f"subset at {r['tickets']:,} tickets (ms; supportlens and SQL warm, best "
                      f"of 3; pandas end to end incl. reading {pdx['seconds']['read'] * 1000:.0f} "
                      f"ms and per-ticket facts {pdx['seconds']['ticket_facts'] * 1000:.0f} ms)",
                  f"{'metric':<31} {'periods':>7} {'supportlens':>11} {'sl cold':>8} "
                  f"{'pandas':>8} {'sql':>7} {'sl/sql':>7}"]
        for m in SUBSET:
            lines.append(f"{m:<31} {s['periods'][m]:>7} {sl['seconds'][m] * 1000:>11.1f} "
                         f"{sl['cold_s'][m] * 1000:>8.1f} {pdx['seconds'][m] * 1000:>8.1f} "
                         f"{sql['seconds'][m] * 1000:>7.1f} "
                         f"{s['ratios']['per_metric_supportlens_over_sql'][m]:>7.1f}")
        lines.append(f"{'total':<31} {'':>7} {sl['total_s'] * 1000:>11.1f} "
                     f"{sl['cold_total_s'] * 1000:>8.1f} {pdx['total_s'] * 1000:>8.1f} "
                     f"{sql['total_s'] * 1000:>7.1f} "
                     f"{s['ratios']['supportlens_over_sql_floor']:>7.1f}")
        lines.append(f"{'scan floor (' + str(scan['columns']) + ' columns)':<31} {'':>7} "
                     f"{scan['total_s'] * 1000:>11.1f}")
        ratios = s["ratios"]
        lines.append(f"supportlens/pandas {ratios['supportlens_over_pandas']:.3f}   "
                     f"supportlens/sql floor {ratios['supportlens_over_sql_floor']:.1f}   "
                     f"supportlens/scan floor {ratios['supportlens_over_scan_floor']:.1f}   "
                     f"checked: {s['checked']['mismatches']} mismatches")
    return "\n".join(lines)


def save(payload: dict[str, Any], text: str, command: str) -> None:
    """bench/results/reference.json and .md (machine, command, tables)."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "reference.json").write_text(json.dumps(payload, indent=1) + "\n")
    m = payload["machine"]
    md = [
        "# Reference benchmark run",
        "",
        f"- date: {payload['date']}",
        f"- command: `{command}`",
        f"- machine: {m['nproc']} CPUs (`nproc`), {m['mem_gib']} GiB memory, {m['cpu']}; "
        f"1-minute load average at start {m['load_avg_1m']} (shared machine: noisy)",
        f"- python {m['python']}, duckdb {m['duckdb']}, ibis {m['ibis']}, "
        f"pandas {m['pandas']}, pyarrow {m['pyarrow']}",
        f"- code: git {m['git']}; now = {NOW}; every figure is in reference.json",
        "",
        "```",
        text,
        "```",
        "",
    ]
    (RESULTS / "reference.md").write_text("\n".join(md))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--quick", action="store_true", help="100,000 tickets only")
    parser.add_argument("--save", action="store_true",
                        help="write bench/results/reference.json and reference.md")
    args = parser.parse_args()
    sizes = [100_000] if args.quick else args.tickets
    machine = describe()
    started = dt.datetime.now(dt.UTC)
    results, bad = [], []
    for n in sizes:
        r, b = measure(n)
        results.append(r)
        bad += b
    text = tables(results)
    print(text)
    payload = {"date": started.isoformat(timespec="seconds"),
               "wall_s": (dt.datetime.now(dt.UTC) - started).total_seconds(),
               "machine": machine, "now": NOW, "results": results,
               "mismatches": bad}
    print(json.dumps(payload))
    if args.save:
        save(payload, text, "python bench/run.py " + " ".join(sys.argv[1:]))
    if bad:
        sys.stderr.write(f"\nBENCH FAILED: {len(bad)} numbers differ from supportlens:\n")
        sys.stderr.write("\n".join(bad[:200]) + "\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
