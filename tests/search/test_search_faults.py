"""Whatever happens to the cache, search keeps working and says what happened, once."""

from __future__ import annotations

import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from searchkit import PAIRS, found, open_index

from conftest import Pairs
from syntopic.core.vault import Vault
from syntopic.search import bodies
from syntopic.search import indexer as index_module
from syntopic.search.index import SearchIndex
from syntopic.search.store import LOCK, STAMP
from syntopic.search.whooshx.evaluate import SegmentEvaluator

MakeVault = Callable[[Pairs], Path]


def index_files(index: SearchIndex) -> list[Path]:
    return [p for p in index.folder.iterdir() if p.is_file() and p.name not in (LOCK, STAMP)]


def test_garbage_in_every_index_file_means_a_rebuild(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    _, index = open_index(root)
    index.close()
    for path in index_files(index):
        path.write_bytes(b"\x00garbage" * 100)
    vault = Vault.open(str(root))
    fresh = SearchIndex(vault)
    assert fresh.search("gift").notice == "The search index is not built yet."
    report = fresh.build()
    assert report.rebuilt and report.added == len(PAIRS)
    assert len(fresh.messages) == 1 and "damaged" in fresh.messages[0]
    assert found(fresh, "gift") == {"Concepts/Reciprocity.md", "Concepts/Gift Economy.md"}
    fresh.build()
    assert len(fresh.messages) == 1  # said once


def test_damage_found_while_searching_means_a_rebuild(
    disk_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    _, damaged = open_index(root)

    def broken(*args: object, **kwargs: object) -> object:
        raise struct.error("unpack requires a buffer of 4 bytes")  # as a torn posting list

    with monkeypatch.context() as patch:
        patch.setattr(SegmentEvaluator, "postings", broken)
        result = damaged.search("gift")
    assert result.hits == [] and result.notice and "damaged" in result.notice
    assert damaged.needs_build
    assert damaged.search("gift").notice == "The search index is damaged; it will be rebuilt."
    assert damaged.build().rebuilt
    assert "damaged (error)" in damaged.messages[0]
    assert found(damaged, "gift") == {"Concepts/Reciprocity.md", "Concepts/Gift Economy.md"}


def test_deleting_the_index_folder_costs_a_rebuild_only(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    _, index = open_index(root)
    assert found(index, "espresso") == {"Notes/Café Culture.md"}
    shutil.rmtree(index.folder)
    index.search("espresso")  # whatever it answers, it does not raise
    report = index.build()
    assert report.rebuilt and report.added == len(PAIRS)
    assert found(index, "espresso") == {"Notes/Café Culture.md"}


def test_an_index_of_another_schema_is_replaced(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    _, index = open_index(root)
    index.close()
    stamp = json.loads((index.folder / STAMP).read_text())
    (index.folder / STAMP).write_text(json.dumps({**stamp, "schema": 0}))
    older = index.folder.parent / "search-v0"
    older.mkdir()
    fresh = SearchIndex(Vault.open(str(root)))
    assert fresh.build().rebuilt
    assert "another version" in fresh.messages[0]
    assert not older.exists(), "older schemas' folders are cleared away"


def test_a_second_syntopic_reads_while_another_holds_the_write_lock(
    disk_vault: MakeVault,
) -> None:
    root = disk_vault(PAIRS)
    _, first = open_index(root)
    from whoosh.filedb.filestore import FileStorage

    lock = FileStorage(str(first.folder)).lock(LOCK)
    assert lock.acquire()  # as a writer in another process would
    try:
        (root / "Notes/New.md").write_text("A brand new zeppelin note.\n", encoding="utf-8")
        second = SearchIndex(Vault.open(str(root)), lock_timeout=0.1)
        report = second.build()
        assert report.read_only and second.read_only
        assert "Another Syntopic" in second.messages[0]
        # it searches what the other indexed; the new note waits for the lock
        assert found(second, "espresso") == {"Notes/Café Culture.md"}
        assert found(second, "zeppelin") == set()
        assert second.needs_build
    finally:
        lock.release()
    assert second.build().added == 1 and not second.read_only
    assert found(second, "zeppelin") == {"Notes/New.md"}
    assert found(first, "zeppelin") == {"Notes/New.md"}, "the first sees the second's commit"


def test_an_unusable_cache_dir_means_a_temporary_index(
    disk_vault: MakeVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("SYNTOPIC_CACHE_DIR", str(blocker))
    vault = Vault.open(str(root))
    with SearchIndex(vault) as index:
        index.build()
        assert index.temporary and len(index.messages) == 1
        assert "temporary index" in index.messages[0]
        assert found(index, "espresso") == {"Notes/Café Culture.md"}
        temp = index.store._tempdir
        assert temp is not None and Path(temp).exists()
        index.build()
        assert len(index.messages) == 1
    assert not Path(temp).exists(), "the temporary index goes with the session"


def test_a_huge_note_is_indexed_up_to_a_limit_and_said_so(
    disk_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bodies, "MAX_BODY_CHARS", 20_000)
    filler = "Lorem ipsum dolor sit amet. " * 2_000  # 56 KB: "huge" at this limit
    root = disk_vault(
        [*PAIRS, ("Big.md", f"headword at the start\n{filler}\ntailword at the end\n")]
    )
    _, index = open_index(root)
    assert found(index, "headword") == {"Big.md"}
    assert found(index, "tailword") == set()
    assert [m for m in index.messages if "Big.md" in m and "searchable" in m]


def test_a_binary_file_named_md_is_just_an_empty_note(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    (root / "Notes/Image.md").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    vault, index = open_index(root)
    assert vault.notes["Notes/Image.md"].problems[0].kind == "binary"
    hit = index.search("image").hits[0]
    assert hit.path == "Notes/Image.md" and hit.snippets == ()
    assert found(index, "espresso") == {"Notes/Café Culture.md"}


def test_an_error_mid_build_keeps_the_committed_part_and_the_lock_free(
    disk_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs = [(f"n{i:02d}.md", f"Note {i} about topic{i}.\n") for i in range(25)]
    root = disk_vault(pairs)
    monkeypatch.setattr(index_module, "BATCH", 10)
    real = bodies.fill_body
    calls = 0

    def failing(doc: dict[str, object], root_: str, start: int) -> dict[str, object]:
        nonlocal calls
        calls += 1
        if calls == 15:
            raise OSError("disk gone")
        return real(doc, root_, start)

    monkeypatch.setattr(bodies, "fill_body", failing)
    vault = Vault.open(str(root))
    with pytest.raises(OSError):
        SearchIndex(vault).build()
    monkeypatch.setattr(bodies, "fill_body", real)
    again = SearchIndex(vault, lock_timeout=0.1)
    report = again.build()
    assert not report.rebuilt and not report.read_only  # the lock was released
    assert report.added == 15 and again.doc_count() == 25


def test_killing_a_build_leaves_an_index_the_next_run_completes(
    disk_vault: MakeVault, tmp_path: Path
) -> None:
    pairs = [(f"n{i:03d}.md", f"Note {i} about topic{i} and common words.\n") for i in range(300)]
    root = disk_vault(pairs)
    folder = tmp_path / "index"
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from syntopic.core.vault import Vault
        from syntopic.search import bodies, index, indexer
        indexer.BATCH = 20
        real = bodies.fill_body
        def slow(*args):
            time.sleep(0.004)
            return real(*args)
        bodies.fill_body = slow
        vault = Vault.open({str(root)!r}, use_cache=False)
        search = index.SearchIndex(vault, folder=Path({str(folder)!r}), workers=1)
        search.build(progress=lambda done, total: print(done, flush=True))
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    assert child.stdout is not None
    for line in child.stdout:
        if int(line) >= 100:  # some batches are committed, more are on the way
            break
    child.send_signal(signal.SIGKILL)
    child.wait()  # its lock (a flock) is freed with it
    index = SearchIndex(Vault.open(str(root)), folder=folder, lock_timeout=0.5)
    partial = index.doc_count()
    assert 0 < partial < 300
    report = index.build()
    assert not report.rebuilt and not report.read_only
    assert report.added == 300 - partial and index.doc_count() == 300
    assert found(index, "topic299") == {"n299.md"}
