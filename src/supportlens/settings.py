"""Named settings a workspace can change, with their defaults.

Set them in the environment (e.g. `SUPPORTLENS_AI_WINDOW_HOURS=48`). Settings that
shape derived facts are applied at import and recorded in the store's meta table,
so a report always says which value produced it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from supportlens.errors import SupportlensError

DEFAULT_SOCIAL_CHANNELS = ("twitter", "facebook", "instagram", "linkedin")


@dataclass(frozen=True)
class Settings:
    """Workspace settings (metrics.md names them; the defaults are the spec's)."""

    # An AI conversation is judged this long after the AI agent's last reply.
    ai_resolution_window_hours: float = 72.0
    # Channels that count as social (the `channel_group=social` filter).
    social_channels: tuple[str, ...] = DEFAULT_SOCIAL_CHANNELS


def load_settings() -> Settings:
    """Settings from the environment, falling back to the defaults."""
    window = os.environ.get("SUPPORTLENS_AI_WINDOW_HOURS", "72")
    try:
        hours = float(window)
    except ValueError:
        raise SupportlensError(f"SUPPORTLENS_AI_WINDOW_HOURS={window!r} is not a number of "
                               "hours: write e.g. 72") from None
    if hours <= 0:
        raise SupportlensError(f"SUPPORTLENS_AI_WINDOW_HOURS={window!r}: give a positive number")
    return Settings(ai_resolution_window_hours=hours, social_channels=social_channels())


def social_channels() -> tuple[str, ...]:
    """The channels that count as social (SUPPORTLENS_SOCIAL_CHANNELS, lower case)."""
    social = os.environ.get("SUPPORTLENS_SOCIAL_CHANNELS")
    return (tuple(c.strip().lower() for c in social.split(",") if c.strip())
            if social else DEFAULT_SOCIAL_CHANNELS)
