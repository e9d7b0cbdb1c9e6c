"""The cyclic collector paused while long-lived data is built, however the builds overlap."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from syntopic.core.heap import paused_gc, release


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:  # as it was: a test that turned it off must not leave it off for the next
        gc.enable()
    else:
        gc.disable()


def test_overlapping_pauses_resume_the_collector_when_the_last_ends(collector_on: None) -> None:
    load, build = paused_gc(), paused_gc()  # a vault load and an index build, say
    load.__enter__()
    build.__enter__()
    load.__exit__(None, None, None)
    assert not gc.isenabled()  # the build is still making its objects
    build.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector_on: None) -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_an_error_inside_still_resumes_the_collector(collector_on: None) -> None:
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("bad note")
    assert gc.isenabled()


def test_release_empties_big_containers_and_leaves_what_else_holds_their_items() -> None:
    notes = [object() for _ in range(50_001)]
    edges = [(n, n) for n in notes]
    table = {i: n for i, n in enumerate(notes)}
    release(edges)
    release(table)
    assert edges == [] and table == {}
    assert len(notes) == 50_001 and all(n is not None for n in notes)
