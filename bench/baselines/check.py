"""Compare two implementations' numbers period by period (relative tolerance 1e-6)."""

from __future__ import annotations

import math

from baselines.common import Result, Row

REL_TOL = 1e-6


def _close(a: float | int | None, b: float | int | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=1e-9)


def mismatches(expected: Result, actual: Result, label: str) -> list[str]:
    """One line per period and field where `actual` differs from `expected` (missing
    periods included); empty when they agree."""
    out: list[str] = []
    for metric, exp_rows in expected.items():
        act_rows = actual.get(metric)
        if act_rows is None:
            out.append(f"{label}: {metric}: missing")
            continue
        for period in sorted(set(exp_rows) | set(act_rows)):
            e: Row | None = exp_rows.get(period)
            a: Row | None = act_rows.get(period)
            if e is None or a is None:
                out.append(f"{label}: {metric} {period}: supportlens {e} vs {a}")
                continue
            for field in sorted(set(e) & set(a)):
                if not _close(e[field], a[field]):
                    out.append(f"{label}: {metric} {period} {field}: "
                               f"supportlens {e[field]!r} vs {a[field]!r}")
    return out
