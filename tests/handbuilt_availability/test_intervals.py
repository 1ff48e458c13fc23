"""The interval engine's grid: local days and hours as UTC cut points, across DST."""

from __future__ import annotations

import datetime as dt

from supportlens.metrics.intervals import cut_points, grid


def test_daily_cut_points_are_local_midnights() -> None:
    lo, hi = dt.datetime(2026, 3, 28, 0, 0), dt.datetime(2026, 3, 31, 0, 0)
    # Stockholm midnights: 03-29 00:00 CET = 03-28 23:00 UTC; 03-30 and 03-31 00:00 CEST
    # = 22:00 UTC the day before (all three strictly inside the window).
    assert cut_points("Europe/Stockholm", lo, hi, hourly=False) == [
        dt.datetime(2026, 3, 28, 23, 0), dt.datetime(2026, 3, 29, 22, 0),
        dt.datetime(2026, 3, 30, 22, 0)]


def test_hourly_cut_points_skip_and_repeat_with_dst() -> None:
    # Sun 03-29 in Stockholm: 23 local hours (02:00–03:00 does not exist).
    lo, hi = dt.datetime(2026, 3, 28, 23, 0), dt.datetime(2026, 3, 29, 22, 0)
    assert len(cut_points("Europe/Stockholm", lo, hi, hourly=True)) == 22  # 23 buckets
    # Sun 10-25: 25 local hours (02:00–03:00 happens twice), each its own bucket.
    lo, hi = dt.datetime(2026, 10, 24, 22, 0), dt.datetime(2026, 10, 25, 23, 0)
    points = cut_points("Europe/Stockholm", lo, hi, hourly=True)
    assert len(points) == 24
    assert points == [lo + dt.timedelta(hours=h) for h in range(1, 25)]


def test_half_hour_zone() -> None:
    # Asia/Kolkata is UTC+5:30: local hours start at hh:30 UTC.
    lo, hi = dt.datetime(2026, 1, 1, 0, 0), dt.datetime(2026, 1, 1, 3, 0)
    assert cut_points("Asia/Kolkata", lo, hi, hourly=True) == [
        dt.datetime(2026, 1, 1, 0, 30), dt.datetime(2026, 1, 1, 1, 30),
        dt.datetime(2026, 1, 1, 2, 30)]


def test_grid_partitions_the_window() -> None:
    lo, hi = dt.datetime(2026, 3, 1, 6, 0), dt.datetime(2026, 3, 3, 6, 0)
    buckets = grid("UTC", lo, hi, hourly=False).to_pyarrow().to_pylist()
    assert [(b["b_start"], b["b_end"]) for b in buckets] == [
        (lo, dt.datetime(2026, 3, 2)), (dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 3)),
        (dt.datetime(2026, 3, 3), hi)]


def test_grid_also_cuts_at_utc_midnight_with_its_day() -> None:
    # Stockholm day 03-09 (CET) is 03-08 23:00 – 03-09 23:00 UTC: cut again at 00:00 UTC
    # so each bucket lies in one UTC day (the equi-join key b_day).
    lo, hi = dt.datetime(2026, 3, 8, 23, 0), dt.datetime(2026, 3, 9, 23, 0)
    buckets = grid("Europe/Stockholm", lo, hi, hourly=False).to_pyarrow().to_pylist()
    midnight = dt.datetime(2026, 3, 9)
    assert [(b["b_start"], b["b_end"], b["b_day"]) for b in buckets] == [
        (lo, midnight, dt.datetime(2026, 3, 8)), (midnight, hi, midnight)]
