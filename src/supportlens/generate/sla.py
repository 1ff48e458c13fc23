"""SLA policies and each ticket's due times.

The policies cover every matching case of the spec: by priority, by channel, by
both, and a catch-all (priority and channel null); some are measured in business
hours of the `default` schedule. Due times are computed with the spec's rule
(most specific policy wins, then the smallest policy_id) so that the escalations
the generator emits for missed targets agree with what the metrics will compute.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from supportlens.generate.calendar import MINUTE, OpenIntervals
from supportlens.generate.catalog import CHANNELS, PRIORITIES


@dataclass(frozen=True)
class Policy:
    """One row of sla_policies (targets in minutes)."""

    policy_id: str
    priority: str | None
    channel: str | None
    first_response_minutes: float
    resolution_minutes: float
    business_hours: bool


POLICIES = (
    Policy("sla_01_urgent_chat", "urgent", "chat", 2, 60, False),
    Policy("sla_02_urgent", "urgent", None, 60, 480, False),
    Policy("sla_03_high_email", "high", "email", 180, 1200, True),
    Policy("sla_04_high", "high", None, 240, 1440, True),
    Policy("sla_05_low", "low", None, 1440, 7200, True),
    Policy("sla_06_chat", None, "chat", 5, 240, False),
    Policy("sla_07_phone", None, "phone", 2, 120, False),
    Policy("sla_08_whatsapp", None, "whatsapp", 30, 720, False),
    Policy("sla_09_social", None, "twitter", 60, 1440, False),
    Policy("sla_10_facebook", None, "facebook", 60, 1440, False),
    Policy("sla_99_default", None, None, 480, 2880, True),
)


def policies_table() -> pa.Table:
    """The sla_policies table."""
    return pa.table(
        {
            "policy_id": [p.policy_id for p in POLICIES],
            "priority": pa.array([p.priority for p in POLICIES], pa.string()),
            "channel": pa.array([p.channel for p in POLICIES], pa.string()),
            "first_response_minutes": [float(p.first_response_minutes) for p in POLICIES],
            "resolution_minutes": [float(p.resolution_minutes) for p in POLICIES],
            "business_hours": [p.business_hours for p in POLICIES],
        }
    )


def _policy_for(priority: str | None, channel: str) -> int:
    """Index of the policy a ticket gets: both match > priority match > channel match >
    catch-all; ties go to the smallest policy_id."""
    best: tuple[int, str] | None = None
    chosen = -1
    for index, p in enumerate(POLICIES):
        if p.priority is not None and p.priority != priority:
            continue
        if p.channel is not None and p.channel != channel:
            continue
        rank = (-(2 * (p.priority is not None) + (p.channel is not None)), p.policy_id)
        if best is None or rank < best:
            best, chosen = rank, index
    return chosen


# (priority index + 1, with 0 = no priority) × channel -> policy index
POLICY_MATRIX = np.array(
    [[_policy_for(pr, ch) for ch in CHANNELS] for pr in (None, *PRIORITIES)], dtype=np.int64
)


def due_times(
    created: np.ndarray,
    priority: np.ndarray,
    channel: np.ndarray,
    business: OpenIntervals,
) -> tuple[np.ndarray, np.ndarray]:
    """First-response and resolution due times of tickets (priority -1 = none)."""
    policy = POLICY_MATRIX[priority + 1, channel]
    first = np.array([p.first_response_minutes for p in POLICIES])[policy] * MINUTE
    resolve = np.array([p.resolution_minutes for p in POLICIES])[policy] * MINUTE
    in_business = np.array([p.business_hours for p in POLICIES])[policy]
    first_s, resolve_s = first.astype(np.int64), resolve.astype(np.int64)
    due_first = np.where(in_business, business.add_business(created, first_s), created + first_s)
    due_resolve = np.where(
        in_business, business.add_business(created, resolve_s), created + resolve_s
    )
    return due_first, due_resolve
