"""Back and forward through visited notes, like a browser."""

from __future__ import annotations


class History:
    """A list of visited paths with a cursor; visiting drops the forward part."""

    def __init__(self, limit: int = 200) -> None:
        self.items: list[str] = []
        self.index = -1
        self.limit = limit

    def push(self, path: str) -> None:
        if self.index >= 0 and self.items[self.index] == path:
            return
        del self.items[self.index + 1 :]
        self.items.append(path)
        if len(self.items) > self.limit:
            del self.items[0]
        self.index = len(self.items) - 1

    def can_back(self) -> bool:
        return self.index > 0

    def can_forward(self) -> bool:
        return self.index < len(self.items) - 1

    def back(self) -> str | None:
        if not self.can_back():
            return None
        self.index -= 1
        return self.items[self.index]

    def forward(self) -> str | None:
        if not self.can_forward():
            return None
        self.index += 1
        return self.items[self.index]
