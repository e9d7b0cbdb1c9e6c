"""Which vault the standalone app opens when it is started without one.

The first run copies the bundled example vault into the user's documents
(the bundled copy is never opened for writing: it may sit in a read-only
place and is replaced by every update) and opens the copy. Later runs open
the last vault the app had open, if it is still there, else the copy, else
a new copy. A source checkout's `syntopic` keeps opening vault/ itself.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path
from typing import Protocol

import platformdirs

from syntopic.paths import bundled_vault

LIBRARY_NAME = "Syntopic Library"
COPY_KEY = "vaults/example_copy"


class KeyStore(Protocol):
    """Values kept between runs (QSettings in the app)."""

    def value(self, key: str, /) -> object: ...

    def setValue(self, key: str, value: object, /) -> None: ...


class Memory(Protocol):
    """What the first run needs of the app's settings (ui.settings.Settings).

    A protocol, not an import: this module stays free of Qt and of ui/,
    which imports it (ui.launch).
    """

    @property
    def store(self) -> KeyStore: ...

    def last_vault(self) -> str | None: ...

    def remember_vault(self, root: str) -> None: ...


def free_folder(parent: Path, name: str = LIBRARY_NAME) -> Path:
    """``parent/name``, or ``name 2``, ``name 3``, ... : the first that does not exist."""
    candidate = parent / name
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = parent / f"{name} {number}"
        number += 1
    return candidate


def copy_example(documents: Path, example: Path) -> Path:
    """Copy the example vault into a new folder under ``documents``; never over one."""
    documents.mkdir(parents=True, exist_ok=True)
    while True:
        target = free_folder(documents)
        try:
            # dirs_exist_ok=False: a folder made meanwhile by someone else is never merged into
            shutil.copytree(example, target, copy_function=shutil.copyfile)
        except FileExistsError:
            continue
        _make_writable(target)
        return target


def _make_writable(root: Path) -> None:
    """The copy is the user's to edit, even if the bundle was installed read-only."""
    for folder, _dirs, files in os.walk(root):
        for path in (folder, *(os.path.join(folder, f) for f in files)):
            mode = os.stat(path).st_mode
            if not mode & stat.S_IWUSR:
                os.chmod(path, mode | stat.S_IWUSR)


def startup_vault(
    settings: Memory,
    *,
    documents: Path | None = None,
    example: Path | None = None,
) -> str:
    """The vault to open on a start without one, copying the example if needed."""
    last = settings.last_vault()
    if last and os.path.isdir(last):
        return last
    copied = settings.store.value(COPY_KEY)
    if copied and os.path.isdir(str(copied)):
        return str(copied)
    example = example or bundled_vault()
    documents = documents or Path(platformdirs.user_documents_dir())
    try:
        target = copy_example(documents, example)
    except OSError as exc:
        # open the bundled copy rather than nothing; the app only reads it
        print(
            f"syntopic: cannot copy the example vault to {documents}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return str(example)
    settings.store.setValue(COPY_KEY, str(target))
    settings.remember_vault(str(target))
    return str(target)
