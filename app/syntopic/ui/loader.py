"""Open a vault off the UI thread, reporting progress."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from syntopic.core.cache import wait_saved
from syntopic.core.overview import Overview, overview
from syntopic.core.vault import Vault
from syntopic.ui.workers import Worker

Loaded = tuple[Vault, Overview]


def open_vault(root: str, report: Callable[[object], None]) -> Loaded:
    """The vault at ``root`` ready to show: parsed, primed for live edits, summarised.

    ``report((phase, done, total))`` follows the parse (total 0: unknown).
    """
    vault = Vault.open(root, progress=lambda phase, done, total: report((phase, done, total)))
    vault.prepare_updates()  # here, so the first live edit is fast
    summary = overview(vault)  # walks every note: not on the UI thread
    # the caches are written behind the open; let that finish here rather
    # than compete with the window for the GIL once the vault is on screen
    wait_saved()
    return vault, summary


def load_failure(root: str, exc: BaseException) -> str:
    """The one line a failed open is reported with."""
    if isinstance(exc, OSError):
        return f"Cannot open {root}: {exc.strerror or exc}"
    return f"Cannot open {root}: {type(exc).__name__}: {exc}"  # a fault of ours, said


def loader(root: str, parent: QObject | None = None) -> Worker:
    """A worker (not yet started) opening ``root``: ``yielded`` (phase, done, total),
    then ``returned`` (vault, overview) or ``errored``. All of it builds what lives
    as long as the vault, with no cycles: bulk work for the heap policy."""
    worker: Worker = Worker(
        lambda: open_vault(root, worker.report), bulk=True, name="syntopic-load"
    )
    worker.setParent(parent)
    return worker
