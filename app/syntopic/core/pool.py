"""Worker processes: the one way Syntopic starts them, and how they die with their owner.

Every pool (parsing, layout, indexing) comes from `process_pool`. Its workers
are forked when this process runs no other thread, and otherwise started clean
by ``forkserver`` (``spawn`` off POSIX): forking a process that runs Qt
threads can deadlock the child. Each worker watches the process that made the
pool and exits the moment it is gone, however it went (``kill -9`` included):
an orphaned indexer would keep the index's file lock and hundreds of MB alive.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from typing import Any

_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
_POLL_SECONDS = 1.0  # where no pidfd exists: how often a worker looks for its owner


def process_context() -> BaseContext:
    """fork when it is safe (one thread), else a clean start."""
    if os.name == "posix" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if os.name == "posix":
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def worker_count(limit: int = 8) -> int:
    return max(1, min(os.cpu_count() or 1, limit))


@contextmanager
def process_pool(
    workers: int,
    *,
    context: BaseContext | None = None,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[ProcessPoolExecutor]:
    """A pool whose workers exit when this process does; shut down (pending work
    cancelled) when the block is left."""
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context or process_context(),
        initializer=_start_worker,
        initargs=(os.getpid(), initializer, initargs),
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(
    owner: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> None:
    follow(owner)
    # A forked worker holds its owner's whole heap (the vault, its graph): a full
    # collection would walk it, copying every page it touched. Frozen for the
    # worker's life, the collector sees only what the worker makes (freezing
    # moves a list head; it reads no object).
    gc.freeze()
    if initializer is not None:
        initializer(*initargs)


def follow(owner: int) -> None:
    """Make this process exit when process ``owner`` ends."""
    if os.name == "nt":
        # no signal 0 there (os.kill would end the owner); a spawned worker's
        # parent is the owner, and multiprocessing keeps a handle to wait on
        parent = multiprocessing.parent_process()
        if parent is not None:
            threading.Thread(
                target=_wait_parent, args=(parent,), name="syntopic-owner", daemon=True
            ).start()
        return
    if sys.platform.startswith("linux") and os.getppid() == owner:
        # the kernel kills us when our parent goes: nothing to run, no delay
        _pdeathsig()
    if not _alive(owner):  # it went before (or while) we started watching
        os._exit(1)
    threading.Thread(target=_watch, args=(owner,), name="syntopic-owner", daemon=True).start()


def _wait_parent(parent: Any) -> None:
    parent.join()
    os._exit(1)


def _pdeathsig() -> None:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watcher thread still catches it


def _watch(owner: int) -> None:
    """Block until ``owner`` is gone, then leave at once (no cleanup: the owner's
    pool is gone too, and nothing this worker holds is worth finishing)."""
    pidfd_open = getattr(os, "pidfd_open", None)
    if pidfd_open is not None:
        try:
            fd = pidfd_open(owner)
        except OSError:
            fd = None
        if fd is not None:
            select.select([fd], [], [])  # readable once the process has exited
            os._exit(1)
    while _alive(owner):
        time.sleep(_POLL_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    """POSIX only: signal 0 asks whether ``pid`` exists without touching it."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
