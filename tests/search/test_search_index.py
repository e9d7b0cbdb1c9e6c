"""The index as a cache: reopened when valid, synced incrementally, built in parallel."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from searchkit import PAIRS, found, open_index, paths

from conftest import Pairs
from syntopic.core.cache import vault_cache_dir
from syntopic.core.model import ParsedNote
from syntopic.core.vault import Change, Vault
from syntopic.search import indexer as index_module
from syntopic.search.index import SearchIndex
from syntopic.search.results import SearchResult
from syntopic.search.schema import SCHEMA_VERSION
from syntopic.search.vaultbooks import vault_books_for

MakeVault = Callable[[Pairs], Path]


def test_the_index_lives_in_the_vaults_cache_folder(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    _, index = open_index(root)
    folder = vault_cache_dir(str(root)) / f"search-v{SCHEMA_VERSION}"
    assert index.folder == folder and (folder / "syntopic-search.json").exists()
    assert index.doc_count() == len(PAIRS) and not index.needs_build
    assert not any(Path(root).rglob("*.toc")), "nothing is written into the vault"


def test_a_valid_index_is_reopened_not_rebuilt(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    open_index(root)[1].close()
    vault = Vault.open(str(root))
    report = SearchIndex(vault).build()
    assert (report.added, report.removed, report.rebuilt) == (0, 0, False)


def test_only_notes_changed_on_disk_are_indexed_again(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    open_index(root)[1].close()
    note = root / "Notes/Negotiation.md"
    note.write_text("Negotiation is mostly listening.\n", encoding="utf-8")
    os.utime(note, ns=(1, 2_000_000_000))  # another mtime, whatever the clock did
    (root / "Concepts/Gift Economy.md").unlink()
    vault = Vault.open(str(root))
    index = SearchIndex(vault)
    report = index.build()
    assert (report.added, report.removed, report.rebuilt) == (1, 1, False)
    assert found(index, "listening") == {"Notes/Negotiation.md"}
    assert found(index, "anchoring") == set()
    assert index.doc_count() == len(PAIRS) - 1


# -- live edits -------------------------------------------------------------------
def edit(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(old + 1_000_000_000, old + 1_000_000_000))


def test_update_follows_create_modify_delete_and_move(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    vault, index = open_index(root)

    edit(root, "Notes/Anchoring.md", "# Anchoring\nThe first number sticks.\n")
    index.update(vault.apply([Change("created", "Notes/Anchoring.md")]))
    assert paths(index.search("anchoring")) == ["Notes/Anchoring.md", "Notes/Negotiation.md"]

    edit(root, "Notes/Anchoring.md", "# Anchoring\nOpening offers pull the outcome.\n")
    index.update(vault.apply([Change("modified", "Notes/Anchoring.md")]))
    assert found(index, "outcome") == {"Notes/Anchoring.md"}
    assert found(index, "sticks") == set()

    (root / "Notes/Anchoring.md").rename(root / "Concepts/Anchoring.md")
    event = vault.apply([Change("moved", "Concepts/Anchoring.md", "Notes/Anchoring.md")])
    index.update(event)
    assert found(index, "outcome") == {"Concepts/Anchoring.md"}
    assert found(index, "path:Concepts outcome") == {"Concepts/Anchoring.md"}

    (root / "Concepts/Anchoring.md").unlink()
    index.update(vault.apply([Change("deleted", "Concepts/Anchoring.md")]))
    assert found(index, "outcome") == set()
    assert index.paths() == {p for p, _ in PAIRS}

    # and a fresh index over the same cache agrees: the updates were committed
    assert SearchIndex(vault).build().added == 0


def test_updates_during_a_build_are_applied_by_it(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    vault, index = open_index(root)
    edit(root, "Notes/Late.md", "A latecomer note about punctuality.\n")
    event = vault.apply([Change("created", "Notes/Late.md")])
    with index.indexer._write:  # as if a build held the writer: the update is queued
        index.update(event)
    assert found(index, "punctuality") == set() and index.needs_build
    index.build()
    assert found(index, "punctuality") == {"Notes/Late.md"} and not index.needs_build


def test_build_reports_progress_and_can_be_cancelled(
    disk_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs = [(f"n{i:02d}.md", f"Note {i} about topic{i} and shared words.\n") for i in range(30)]
    root = disk_vault(pairs)
    vault = Vault.open(str(root))
    monkeypatch.setattr(index_module, "BATCH", 10)
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 10:
            cancel.set()

    index = SearchIndex(vault)
    report = index.build(progress, cancel)
    assert report.cancelled and 10 <= report.added < 30
    assert seen[0][1] == 30 and index.needs_build
    assert index.doc_count() == report.added  # what was done is kept, and searchable
    assert found(index, "topic0") == {"n00.md"}
    rest = index.build()
    assert rest.added == 30 - report.added and index.doc_count() == 30


def test_parallel_build_equals_a_build_in_this_process(
    disk_vault: MakeVault, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pairs = PAIRS + [(f"More/m{i}.md", f"Extra note {i}: gift {'ritual ' * i}\n") for i in range(8)]
    root = disk_vault(pairs)
    vault = Vault.open(str(root))
    here = SearchIndex(vault, folder=tmp_path / "here", workers=1)
    here.build()
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(index_module, "CHUNK_MAX", 4)  # several segments
    ticks: list[int] = []
    parallel = SearchIndex(vault, folder=tmp_path / "parallel", workers=2)
    monkeypatch.setattr(parallel, "workers", 2)
    report = parallel.build(lambda done, total: ticks.append(done))
    assert report.added == len(pairs) and parallel.segment_count() >= 3
    assert ticks and ticks[-1] == len(pairs)
    for query in ("gift", "ritual", '"social proof"', "tag:principle", "recip*", "scarcty~"):
        a, b = here.search(query, limit=50), parallel.search(query, limit=50)
        # equal scores rank by docnum, and the workers' segments are numbered in
        # the order they finish: ties may come in either order
        assert ranked(a) == ranked(b), query


def ranked(result: SearchResult) -> list[tuple[float, str]]:
    return sorted((-round(h.score, 6), h.path) for h in result.hits)


def test_books_for_fills_the_book_and_author_fields(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    vault = Vault.open(str(root))

    def books_for(note: ParsedNote) -> list[tuple[str, str | None]]:
        if note.path == "Notes/Negotiation.md":
            return [("Never Split the Difference", "Chris Voss")]
        return []

    index = SearchIndex(vault, books_for=books_for)
    index.build()
    assert found(index, 'book:"never split"') == {"Notes/Negotiation.md"}
    assert found(index, "author:voss") == {"Notes/Negotiation.md"}
    # with attribution given, perspective text no longer stands in for it
    assert found(index, "author:cialdini") == {"Books/Influence.md"}


def test_the_app_and_the_command_line_share_one_index(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    # the command line's way (books from the vault by default), then the app's
    SearchIndex(Vault.open(str(root))).build()
    vault = Vault.open(str(root))
    app = SearchIndex(vault, books_for=vault_books_for(vault))
    assert app.build().added == 0 and app.messages == []
    app.close()
    # and the other way round, from an empty cache
    shutil.rmtree(app.folder)
    vault = Vault.open(str(root))
    SearchIndex(vault, books_for=vault_books_for(vault)).build()
    cli = SearchIndex(Vault.open(str(root)))
    report = cli.build()
    assert (report.added, report.rebuilt, cli.messages) == (0, False, [])


def test_many_small_updates_do_not_pile_up_segments(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    vault, index = open_index(root)
    for i in range(15):
        edit(root, "Notes/Negotiation.md", f"Negotiation round {i}.\n")
        index.update(vault.apply([Change("modified", "Notes/Negotiation.md")]))
    assert index.segment_count() <= 8
    assert found(index, "round") == {"Notes/Negotiation.md"}
    assert index.doc_count() == len(PAIRS)
