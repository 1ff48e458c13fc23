"""Generate the metric reference (docs/metrics.md) from the registry.

The docs are never written by hand, so they cannot drift from the code: a test
regenerates them and fails when the committed file differs. Run `make docs`.
"""

from __future__ import annotations

from supportlens.api import catalog
from supportlens.metrics.dimensions import QUALIFIED_ONLY, TIME_DIMS

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
"""


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
        out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
