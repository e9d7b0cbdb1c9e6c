"""Watch a vault folder and report batches of changed notes, debounced."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from syntopic.core.scan import is_hidden, is_note
from syntopic.core.vault import Change

DEBOUNCE_SECONDS = 0.15  # an editor's save is several events within a few ms
# What the OS is asked to report: not opens, reads or attribute changes, which
# Syntopic's own reading (search, mentions) would otherwise flood in
EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
]


class ChangeCollector:
    """Turns raw file events into vault changes.

    Only *which* notes were touched matters: `Vault.prepare` stats each one,
    so a file created then deleted, or written to a temp name and renamed
    over the note (an atomic save), comes out right without tracking order.
    """

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        self._lock = threading.Lock()
        self._touched: dict[str, None] = {}
        self._rescan = False

    def _rel(self, path: str | bytes) -> str | None:
        text = os.fsdecode(path)
        rel = os.path.relpath(text, self.root)
        if rel.startswith(".." + os.sep) or rel == "..":
            return None
        rel = rel.replace(os.sep, "/")
        if rel == "." or is_hidden(rel):
            return None
        return rel

    def add(self, event: FileSystemEvent) -> bool:
        """Record one event; True when it concerns the vault at all."""
        paths = [event.src_path]
        dest = getattr(event, "dest_path", "")
        if dest:
            paths.append(dest)
        rels = [r for r in (self._rel(p) for p in paths) if r is not None]
        if event.is_directory:
            if event.event_type in ("moved", "deleted", "created") and (
                rels or not os.path.isdir(self.root)
            ):
                with self._lock:
                    self._rescan = True  # a whole folder came or went
                return True
            return False
        notes = [r for r in rels if is_note(r.rsplit("/", 1)[-1])]
        if not notes:
            return False
        with self._lock:
            for rel in notes:
                self._touched[rel] = None
        return True

    def request_rescan(self) -> None:
        with self._lock:
            self._rescan = True

    def drain(self) -> tuple[list[Change], bool]:
        """(changes since the last drain, whether a full rescan is needed)."""
        with self._lock:
            touched, rescan = list(self._touched), self._rescan
            self._touched.clear()
            self._rescan = False
        return [Change("modified", rel) for rel in touched], rescan


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: VaultWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if self.watcher.collector.add(event):
            self.watcher.poke()


class VaultWatcher:
    """Watches ``root`` recursively; calls ``notify()`` once a burst settles.

    ``notify`` runs on a background thread and should only signal: the
    receiver calls `drain()` and does the work where it belongs.
    """

    def __init__(
        self, root: str, notify: Callable[[], None], debounce: float = DEBOUNCE_SECONDS
    ) -> None:
        self.root = os.path.abspath(root)
        self.collector = ChangeCollector(self.root)
        self.notify = notify
        self.debounce = debounce
        self._observer: BaseObserver | None = None
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._starter: threading.Thread | None = None
        self._stopped = False  # no new timer after `stop`

    def start(self) -> None:
        observer = Observer()
        observer.schedule(_Handler(self), self.root, recursive=True, event_filter=EVENTS)
        observer.daemon = True
        observer.start()
        self._observer = observer

    def start_in_background(
        self, failed: Callable[[OSError], None], started: Callable[[], None] | None = None
    ) -> None:
        """`start` on a thread of its own: watching a big tree takes a while to set up
        (one watch a folder), and a window should not wait for it. Then ``started()``
        or ``failed(error)`` is called, from that thread."""

        def run() -> None:
            try:
                self.start()
            except OSError as exc:
                failed(exc)
                return
            if started is not None:
                started()
            # what changed between the vault's scan and now had no watch to see it
            self.collector.request_rescan()
            self.poke()

        self._starter = threading.Thread(target=run, name="syntopic-watch-start", daemon=True)
        self._starter.start()

    def stop(self) -> None:
        """Stop watching; once this returns, ``notify`` is never called again."""
        if self._starter is not None:
            self._starter.join()  # so a start still under way is stopped too
            self._starter = None
        # the observer first: its events would start a new timer after ours is cancelled
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None
        with self._lock:
            self._stopped = True
            timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()
            # a timer already past its wait is calling ``notify``: let it finish, so
            # the receiver may go away the moment this returns
            timer.join()

    @property
    def running(self) -> bool:
        return self._observer is not None and self._observer.is_alive()

    def poke(self) -> None:
        """Restart the quiet-period timer; it fires once events stop coming."""
        with self._lock:
            if self._stopped:
                return
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.debounce, self.notify)
            self._timer.daemon = True
            self._timer.start()

    def drain(self) -> tuple[list[Change], bool]:
        return self.collector.drain()
