"""Python's cycle collector paused while a report is made.

A report allocates many small objects (Ibis expression nodes, Arrow wrappers, one dict
per row: ~31,000 rows for a weekly leaderboard by rep at 1M tickets). Those
allocations set off the cycle collector, which then walks every tracked object of the
process, the long-lived caches of compiled reports included, and finds nothing to free:
a report's objects go by reference counting. At 1M tickets the warm catalog ran ~400
collections taking 0.10–0.18 s of its ~5.3 s; paused per report, none (the counts
fall back as the objects are freed). Any cycle a report does leave is collected by the
first collection after it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cycle collector for the block; resume it after, if it was running (a
    block nested in another, or run while another thread's block is under way, leaves
    it to that one)."""
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_running:
            gc.enable()
