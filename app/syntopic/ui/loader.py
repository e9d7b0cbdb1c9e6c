"""Open a vault off the UI thread, reporting progress."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot

from syntopic.core.cache import wait_saved
from syntopic.core.heap import paused_gc
from syntopic.core.overview import overview
from syntopic.core.vault import Vault
from syntopic.ui.tasks import return_home


class VaultLoader(QObject):
    """Runs `Vault.open` in a worker thread.

    Signals:
        progress(str, int, int): phase name, done, total (total 0: unknown).
        loaded(object, object): the opened Vault and its `Overview`.
        failed(str): a one-line reason the vault could not be opened.
    """

    progress = Signal(str, int, int)
    loaded = Signal(object, object)
    failed = Signal(str)

    def __init__(self, root: str) -> None:
        super().__init__()
        self.root = root

    @Slot()
    def run(self) -> None:
        try:
            # all of it builds what lives as long as the vault, and no cycles: the
            # collector's passes over it would hold the GIL for 50-150 ms each
            with paused_gc():
                vault = Vault.open(self.root, progress=self.progress.emit)
                vault.prepare_updates()  # here, so the first live edit is fast
                summary = overview(vault)  # walks every note: not on the UI thread
                # the caches are written behind the open; let that finish here rather
                # than compete with the window for the GIL once the vault is on screen
                wait_saved()
        except OSError as exc:
            self.failed.emit(f"Cannot open {self.root}: {exc.strerror or exc}")
            return
        except Exception as exc:  # a fault of ours must not leave the window "Scanning…"
            self.failed.emit(f"Cannot open {self.root}: {type(exc).__name__}: {exc}")
            return
        finally:
            return_home(self)
        self.loaded.emit(vault, summary)


def start_loader(root: str, parent: QObject) -> tuple[QThread, VaultLoader]:
    """A loader moved to its own thread; the caller connects, starts it and keeps it.

    The loader comes back to the caller's thread when done and dies there, with
    the caller's last reference to it.
    """
    thread = QThread(parent)
    loader = VaultLoader(root)
    loader.moveToThread(thread)
    thread.started.connect(loader.run)
    loader.loaded.connect(thread.quit)
    loader.failed.connect(thread.quit)
    return thread, loader
