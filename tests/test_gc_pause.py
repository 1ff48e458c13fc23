"""The cycle collector is paused while a report is made, and running again after."""

from __future__ import annotations

import gc

import pytest

from supportlens.metrics import gc_pause


def test_paused_inside_and_running_after() -> None:
    assert gc.isenabled()
    with gc_pause.paused():
        assert not gc.isenabled()
        with gc_pause.paused():  # nested: the outer block resumes it
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_running_after_an_error() -> None:
    with pytest.raises(ValueError), gc_pause.paused():
        raise ValueError("bad report")
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with gc_pause.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
