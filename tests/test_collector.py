"""Python's cycle collector paused for a run (checks.collector)."""

from __future__ import annotations

import gc

import pytest

from checks.collector import collector_paused


def test_the_collector_is_off_inside_and_on_again_after_even_when_the_run_fails() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError, match="a failed run"), collector_paused():
        raise ValueError("a failed run")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
