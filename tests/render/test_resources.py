"""Nothing outside the vault is read to render a note, whatever form the address takes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs
from syntopic.core.vault import Vault
from syntopic.render.note import NoteRenderer
from syntopic.render.resources import (
    OUTSIDE,
    REMOTE,
    Allowed,
    Blocked,
    Inline,
    ResourceGate,
    inline_bytes,
)

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def world(tmp_path: Path) -> tuple[Path, Path]:
    """A vault with an image and a note folder, and a secret image beside it."""
    root = tmp_path / "vault"
    (root / "sub").mkdir(parents=True)
    (root / "pic.png").write_bytes(PNG)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.png").write_bytes(PNG)
    (outside / "secret.md").write_text("The secret text.", "utf-8")
    os.symlink(outside / "x.png", root / "escape.png")
    os.symlink(outside / "secret.md", root / "Secret.md")
    return root, outside


@pytest.mark.parametrize(
    "address",
    [
        "/outside/x.png",  # /abs
        "{outside}/x.png",  # /abs that exists
        "file://{outside}/x.png",  # file://
        "file:///etc/passwd",
        "../outside/x.png",  # ../ escape from the vault root
        "sub/../../outside/x.png",
        "escape.png",  # a symlink in the vault that points outside
        "file://{root}/escape.png",
    ],
)
def test_every_way_out_of_the_vault_is_blocked(world: tuple[Path, Path], address: str) -> None:
    root, outside = world
    url = address.format(root=root, outside=outside)
    decision = ResourceGate(str(root), own=[]).check(url)
    assert decision == Blocked(url, OUTSIDE)


@pytest.mark.parametrize("address", ["http://example.com/a.png", "https://x.org/b.png", "//cdn/c"])
def test_remote_images_are_never_fetched(world: tuple[Path, Path], address: str) -> None:
    root, _ = world
    assert ResourceGate(str(root), own=[]).check(address) == Blocked(address, REMOTE)


def test_files_inside_the_vault_are_allowed(world: tuple[Path, Path]) -> None:
    root, _ = world
    gate = ResourceGate(str(root), own=[])
    real = Allowed((root / "pic.png").resolve())
    assert gate.check("pic.png") == real
    assert gate.check("../pic.png", "sub") == real  # relative to the note's folder
    assert gate.check((root / "pic.png").as_uri()) == real
    assert gate.check(str(root / "pic.png")) == real
    assert gate.check("pic%2Epng") == real
    assert isinstance(gate.check("data:image/png;base64,iVBORw0KGgo="), Inline)
    assert inline_bytes("data:image/png;base64,iVBORw0KGgo=") == PNG


def test_the_rendered_page_keeps_only_vault_images(
    world: tuple[Path, Path], disk_vault: Callable[[Pairs], Path]
) -> None:
    root, outside = world
    note = (
        f'<img src="{outside}/x.png"> ![a](/abs.png) <img src="file://{outside}/x.png">\n\n'
        "![up](../outside/x.png) ![[escape.png]] ![[pic.png]] ![[Secret]]\n\n"
        '<img src="https://example.com/w.png" alt="The web one">'
    )
    (root / "Note.md").write_text(note, "utf-8")
    html = NoteRenderer(Vault.open(str(root))).page_html("Note.md")
    srcs = [s for s in html.split('src="')[1:]]
    assert [s.split('"')[0] for s in srcs] == [(root / "pic.png").resolve().as_uri()]
    # five images and the embedded note; the scan skipped the symlinks out (escape.png,
    # Secret.md), and the page says why
    assert html.count("(outside the vault)") == 6
    assert "[blocked: Secret.md (outside the vault)]" in html
    assert "[blocked: escape.png (outside the vault)]" in html
    assert "not found" not in html
    assert f"blocked: {outside}/x.png (outside the vault)" in html
    assert "[a — blocked: /abs.png (outside the vault)]" in html
    assert "[The web one — remote image not loaded]" in html
    assert "The secret text." not in html


def test_a_note_that_is_a_symlink_out_of_the_vault_is_not_read(world: tuple[Path, Path]) -> None:
    root, _ = world
    (root / "Note.md").write_text("Embedded: ![[Secret]]", "utf-8")
    renderer = NoteRenderer(Vault.open(str(root)))
    assert renderer.gate.check_path("Secret.md") == Blocked("Secret.md", OUTSIDE)
    assert "Note.md" in renderer.vault.notes
    for path in renderer.vault.notes:  # whether or not the scanner lists it
        assert "The secret text." not in renderer.page_html(path)


def test_an_image_embed_found_by_name_through_a_symlink_out_says_blocked(
    world: tuple[Path, Path],
) -> None:
    root, outside = world
    (root / "sub" / "deep").mkdir()
    os.symlink(outside / "x.png", root / "sub" / "deep" / "Far.png")
    (root / "sub" / "Note.md").write_text(
        "![[far.png]] ![[deep/Far.png]] ![[missing.png]] ![[pic.png]]", "utf-8"
    )
    html = NoteRenderer(Vault.open(str(root))).page_html("sub/Note.md")
    assert "[blocked: far.png (outside the vault)]" in html  # by name, in another folder
    assert "[blocked: deep/Far.png (outside the vault)]" in html  # by path from the note
    assert "[image not found: missing.png]" in html  # a missing one still says so
    assert str(outside) not in html.replace("outside the vault", "")


def test_a_note_embed_through_a_symlink_out_says_blocked(world: tuple[Path, Path]) -> None:
    root, _ = world
    (root / "Note.md").write_text("![[Secret]] ![[Nowhere]] [[Secret]]", "utf-8")
    html = NoteRenderer(Vault.open(str(root))).page_html("Note.md")
    assert "[blocked: Secret.md (outside the vault)]" in html
    assert "The secret text." not in html
    # an embed of a note nobody wrote stays a link to write it
    assert 'href="ghost:Nowhere"' in html
