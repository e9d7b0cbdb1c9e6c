"""Node positions kept per vault between sessions, so the map does not jump."""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from syntopic.core.cache import vault_cache_dir

Point = tuple[float, float]
FORMAT = "syntopic-positions-4"  # 2: JSON lines; 3: components packed; 4: communities
CHUNK = 2000


class PositionStore:
    """Reads and writes ``positions.json`` in the vault's cache folder.

    Any fault reading it means no cached positions (the layout is recomputed);
    a failed write only costs the next start a layout.
    """

    def __init__(self, vault_root: str) -> None:
        self.file: Path = vault_cache_dir(vault_root) / "positions.json"

    def load(self) -> dict[str, Point]:
        return self.load_all()[0]

    def load_all(self) -> tuple[dict[str, Point], dict[str, int]]:
        """Positions, and the community of each node that had one when saved."""
        try:
            header, *chunks = self.file.read_text(encoding="utf-8").splitlines()
            if json.loads(header).get("format") != FORMAT:
                return {}, {}
            out: dict[str, Point] = {}
            groups: dict[str, int] = {}
            for chunk in chunks:
                for node, row in json.loads(chunk).items():
                    x, y = float(row[0]), float(row[1])
                    if isinstance(node, str) and math.isfinite(x) and math.isfinite(y):
                        out[node] = (x, y)
                        if len(row) > 2:
                            groups[node] = int(row[2])
            return out, groups
        except Exception:  # missing, unreadable, damaged, another shape: recompute
            return {}, {}

    def save(
        self, positions: Mapping[str, Point], communities: Mapping[str, int] | None = None
    ) -> bool:
        """Positions (and communities, kept with the layout they were found for)."""
        # a header line, then the positions CHUNK to a line: one json call over
        # 100,000 of them holds the GIL for 60 ms, a freeze of the window
        groups = communities or {}
        rows = [
            (n, [round(x, 2), round(y, 2)] + ([groups[n]] if n in groups else []))
            for n, (x, y) in positions.items()
        ]
        lines = [json.dumps({"format": FORMAT})]
        for i in range(0, len(rows), CHUNK):
            lines.append(json.dumps(dict(rows[i : i + CHUNK]), separators=(",", ":")))
        body = "\n".join(lines) + "\n"
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, prefix=".positions-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(body)
                os.replace(tmp, self.file)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
        except OSError:
            return False
        return True
