"""Generate the metric reference (docs/metrics.md) from the registry.

The docs are never written by hand, so they cannot drift from the code: a test
regenerates them and fails when the committed file differs. Run `make docs`.
"""

from __future__ import annotations

from supportlens.api import catalog
from supportlens.metrics.dimensions import QUALIFIED_ONLY, TIME_DIMS
from supportlens.metrics.registry import BACKENDS, Metric, get_metric

HEADER = """# Metric reference

Generated from the metric registry by `make docs` — do not edit by hand.
Definitions follow `shared/spec/metrics.md`; the **Rules** lines record how
supportlens decides the cases the spec leaves open.

Every metric can be:
- limited to a date range (`--from`/`--to`, both inclusive, in the workspace timezone),
- split by period (`--by day|week|month|quarter|year`, weeks from Monday; empty
  periods are filled: 0 for counts, null for rates and durations),
- grouped (`--group-by`, repeatable) and filtered (`--where`) by the dimensions below,
- compared with the previous period (`--compare previous`) and cut to the top or
  bottom N groups (`--top N`, `--top -N`).

Dimensions of ticket-based metrics: `ticket`, every ticket column and custom property
(channel, priority, type, pipeline, country, …), `customer` and every customers column
(segment, industry, …; write `customer.country` for the customer's country and
`customer.{qualified}`), `rep` and `team` (the owner at the dated-by time, or
`unassigned`; message metrics use the message's author), and `{time}` of the dated-by
time (hour 0–23; weekday 1 = Monday … 7 = Sunday). A metric's own dimensions are
listed with it.

Durations are in seconds: the value is the mean, with the median and the 90th
percentile (linear interpolation) beside it. `--hours business` counts only time
inside the `default` schedule's hours (its timezone, days, hours and holidays).
Rates carry their numerator and denominator.

Reports run on the embedded DuckDB store, or on PostgreSQL or Spark after the store is
published there (`--engine`, see the README, "Running on PostgreSQL or Spark"). The
**Engines** line of each metric says where it runs; a metric that cannot run on an
engine is refused there with the reason, never computed differently.
"""


def engines_line(metric: Metric) -> str:
    """Where a metric runs, and why not elsewhere (from `Metric.not_on`)."""
    runs = [label for name, label in BACKENDS.items() if metric.unsupported_on(name) is None]
    line = f"- **Engines:** {_join(runs)}"
    for name, reason in metric.not_on:
        line += f"; not {BACKENDS.get(name, name)}: {reason}"
    return line


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def render() -> str:
    out = [HEADER.format(qualified="` / `customer.".join(QUALIFIED_ONLY),
                         time="` and `".join(TIME_DIMS))]
    section = None
    for m in catalog():
        if m["section"] != section:
            section = m["section"]
            out.append(f"\n## {section}\n")
        out.append(f"### `{m['id']}`\n")
        out.append(f"{m['description']}\n")
        out.append(f"- **Unit:** {m['unit']}")
        out.append(f"- **Dated by:** {m['dated_by']}")
        if m["dimensions"]:
            out.append(f"- **Own dimensions:** {', '.join(m['dimensions'])}")
        for o in m["options"]:
            choices = f" ({'/'.join(o['choices'])}, default {o['default']})" if o[
                "choices"] else ""
            out.append(f"- **Option `{o['name']}`**{choices}: {o['description']}")
        for e in m["extras"]:
            out.append(f"- **Beside the value, `{e['name']}`:** {e['description']}")
        if m["rules"]:
            out.append(f"- **Rules:** {m['rules']}")
        out.append(engines_line(get_metric(m["id"])))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
