"""Which files a rendered note may load: the vault's own and Syntopic's, nothing else."""

from __future__ import annotations

import base64
import html
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from syntopic.paths import resource

REMOTE = "remote image not loaded"
OUTSIDE = "outside the vault"
MISSING = "not found"
SCHEME = "unsupported address"

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_REMOTE_SCHEMES = ("http", "https", "ftp", "ftps", "ws", "wss")
_KEPT_ATTRS = ("alt", "title", "width", "height")


@dataclass(frozen=True, slots=True)
class Allowed:
    """A file that may be read: its real path (symlinks resolved)."""

    path: Path


@dataclass(frozen=True, slots=True)
class Inline:
    """A ``data:`` address: its bytes are in the page, nothing is read."""

    url: str


@dataclass(frozen=True, slots=True)
class Blocked:
    """An address that is never loaded, and why (for the placeholder)."""

    what: str
    why: str

    def label(self) -> str:
        if self.why == REMOTE:
            return REMOTE
        return f"blocked: {self.what} ({self.why})"


Decision = Allowed | Inline | Blocked


def _inside(path: str, roots: Sequence[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


class ResourceGate:
    """Decides for every address in a note whether it may be read.

    Relative addresses are taken from the note's folder; ``/abs`` and ``file:``
    addresses are file-system paths. Whatever the form, the file is allowed only
    when its real path (after every symlink) lies under the vault root or
    Syntopic's own resources folder.
    """

    def __init__(self, vault_root: str, own: Sequence[Path] | None = None) -> None:
        self.root = os.path.realpath(vault_root)
        extra = [resource()] if own is None else list(own)
        self.roots = [self.root, *(os.path.realpath(p) for p in extra)]

    def check(self, url: str, note_dir: str = "") -> Decision:
        url = url.strip()
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in _REMOTE_SCHEMES or url.startswith("//"):
            return Blocked(url, REMOTE)
        if scheme == "data":
            return Inline(url)
        if scheme == "file":
            if parts.netloc not in ("", "localhost"):
                return Blocked(url, REMOTE)
            candidate = url2pathname(unquote(parts.path))
        elif len(scheme) > 1:  # one letter is a Windows drive, not a scheme
            return Blocked(url, SCHEME)
        else:
            candidate = unquote(url.split("#", 1)[0].split("?", 1)[0])
            if not os.path.isabs(candidate):
                candidate = os.path.join(self.root, note_dir, candidate)
        return self.check_path(candidate, shown=url)

    def check_path(self, path: str, shown: str | None = None) -> Decision:
        """A file-system path (absolute, or relative to the vault root)."""
        real = os.path.realpath(os.path.join(self.root, path))
        if not _inside(real, self.roots):
            return Blocked(shown or path, OUTSIDE)
        if not os.path.isfile(real):
            return Blocked(shown or path, MISSING)
        return Allowed(Path(real))

    def rewrite_images(self, fragment: str, note_dir: str = "") -> str:
        """Every ``<img>`` in rendered HTML points at an allowed file or becomes a placeholder.

        Allowed images get an absolute ``file:`` address, so the viewer never
        has to guess what a relative one meant.
        """

        def replace(m: re.Match[str]) -> str:
            attrs = tag_attributes(m.group(0))
            src = attrs.get("src") or ""
            alt = attrs.get("alt") or ""
            decision = self.check(src, note_dir) if src else Blocked("(no address)", MISSING)
            if isinstance(decision, Blocked):
                return placeholder(decision, alt)
            url = decision.url if isinstance(decision, Inline) else decision.path.as_uri()
            kept = "".join(
                f' {k}="{html.escape(v)}"' for k in _KEPT_ATTRS if (v := attrs.get(k)) is not None
            )
            return f'<img src="{html.escape(url)}"{kept}>'

        return IMG_TAG.sub(replace, fragment)


def placeholder(blocked: Blocked, alt: str = "") -> str:
    """What a reader sees instead of an image that is not loaded."""
    shown = f"{html.escape(alt)} — " if alt else ""
    return (
        f'<span class="blocked" title="{html.escape(blocked.what)}">'
        f"[{shown}{html.escape(blocked.label())}]</span>"
    )


class _TagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {k.lower(): v for k, v in attrs}

    handle_startendtag = handle_starttag


def tag_attributes(tag: str) -> dict[str, str | None]:
    reader = _TagReader()
    reader.feed(tag)
    reader.close()
    return reader.attrs


def inline_bytes(url: str) -> bytes:
    """The payload of a ``data:`` address (base64 or percent-encoded)."""
    header, _, payload = url.partition(",")
    if header.lower().endswith(";base64"):
        try:
            return base64.b64decode(payload, validate=False)
        except ValueError:
            return b""
    return unquote_to_bytes(payload)
