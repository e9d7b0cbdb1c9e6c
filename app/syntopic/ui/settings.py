"""What the app remembers between runs: window layout, recent vaults, open folders."""

from __future__ import annotations

import hashlib
import os

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class Settings:
    """A thin, typed face over QSettings (organisation and app name set at start)."""

    def __init__(self) -> None:
        self.store = QSettings()

    def recent_vaults(self) -> list[str]:
        value = self.store.value("vaults/recent", [])
        if isinstance(value, str):  # an INI file stores a one-item list as a string
            return [value] if value else []
        if isinstance(value, list | tuple):
            return [str(v) for v in value if v]
        return []

    def remember_vault(self, root: str) -> None:
        root = os.path.abspath(root)
        recent = [root, *(v for v in self.recent_vaults() if v != root)][:MAX_RECENT]
        self.store.setValue("vaults/recent", recent)
        self.store.setValue("vaults/last", root)

    def last_vault(self) -> str | None:
        value = self.store.value("vaults/last")
        return str(value) if value else None

    def theme(self) -> str:
        return str(self.store.value("view/theme", "system"))

    def set_theme(self, choice: str) -> None:
        self.store.setValue("view/theme", choice)

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)

    def window(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self.store.value("window/geometry")
        state = self.store.value("window/state")
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def panes(self) -> QByteArray | None:
        """The widths of the navigator, the centre and the side panels, the same for
        every vault (they suit the screen and the reader, not the notes)."""
        value = self.store.value("window/panes")
        return value if isinstance(value, QByteArray) else None

    def save_panes(self, state: QByteArray) -> None:
        self.store.setValue("window/panes", state)

    @staticmethod
    def _vault_key(root: str) -> str:
        # a path is no settings key (slashes nest groups): a digest of it is
        return hashlib.sha1(os.path.abspath(root).encode(), usedforsecurity=False).hexdigest()

    def flipped_rows(self, root: str) -> set[str]:
        """The navigator rows of the vault at ``root`` the reader opened or closed
        against their default (groups open, folders closed)."""
        value = self.store.value(f"navigator/{self._vault_key(root)}/flipped")
        # one string of lines: an INI file reads an empty list back as no value at all
        return set(value.split("\n")) - {""} if isinstance(value, str) else set()

    def set_flipped_rows(self, root: str, rows: set[str]) -> None:
        key = f"navigator/{self._vault_key(root)}/flipped"
        self.store.setValue(key, "\n".join(sorted(rows)))
