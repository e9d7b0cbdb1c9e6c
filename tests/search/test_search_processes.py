"""Index builds in worker processes: none outlives a killed parent, and nothing they
leave behind (locks, half-published segments, damaged lengths) stops the next search."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from searchkit import PAIRS, found, open_index

from conftest import Pairs
from syntopic.core.vault import Vault
from syntopic.search.index import SearchIndex

MakeVault = Callable[[Pairs], Path]
NOTES = 1000  # enough for two workers (one per 500 notes)


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            out.update(int(p) for p in f.read().split())
    return out


def _gone_within(pid: int, seconds: float) -> bool:
    """True once ``pid`` has exited (a zombie counts), waiting at most ``seconds``."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        ready, _, _ = select.select([fd], [], [], seconds)
        return bool(ready)
    finally:
        os.close(fd)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc, uses pidfds")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_killing_a_parallel_build_leaves_no_workers_and_the_next_search_completes(
    disk_vault: MakeVault, tmp_path: Path, sig: signal.Signals
) -> None:
    pairs = [(f"n{i:04d}.md", f"Note {i} about topic{i} and common words.\n") for i in range(NOTES)]
    root = disk_vault(pairs)
    folder = tmp_path / "index"
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from syntopic.core.vault import Vault
        from syntopic.search import bodies, indexer
        from syntopic.search.index import SearchIndex
        indexer.PARALLEL_MIN = 1
        real = bodies.fill_body
        def slow(*args):
            time.sleep(0.01)  # so the build is still running when it is killed
            return real(*args)
        bodies.fill_body = slow
        vault = Vault.open({str(root)!r}, use_cache=False, workers=1)
        search = SearchIndex(vault, folder=Path({str(folder)!r}), workers=2)
        search.build(progress=lambda done, total: print(done, flush=True))
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    assert child.stdout is not None
    workers: set[int] = set()
    for line in child.stdout:
        workers = _children(child.pid)
        if int(line) > 0 and len(workers) >= 2:  # both workers are indexing
            break
    assert len(workers) >= 2, "the build never ran in worker processes"
    child.send_signal(sig)
    child.wait()
    left = [pid for pid in workers if not _gone_within(pid, 10.0)]
    assert left == [], "worker processes outlived their parent"
    index = SearchIndex(Vault.open(str(root)), folder=folder, lock_timeout=0.5)
    report = index.build()
    assert not report.read_only and index.messages == []  # the lock went with its owner
    assert index.doc_count() == NOTES
    assert found(index, "topic999") == {"n0999.md"}


def test_damaged_field_lengths_mean_a_rebuild_that_says_so(disk_vault: MakeVault) -> None:
    root = disk_vault(PAIRS)
    _, index = open_index(root)
    best = [h.path for h in index.search("gift").hits]
    index.close()
    columns = sorted(index.folder.glob("*_body_len.col")) + sorted(
        index.folder.glob("*_title_len.col")
    )
    assert columns, "no field-length columns to damage"
    for column in columns:
        column.write_bytes(bytes((b + 97) % 256 for b in column.read_bytes()))
    again = SearchIndex(Vault.open(str(root)))
    again.build()  # the files themselves open fine: the damage shows on reading
    result = again.search("gift")
    assert result.hits == [] and result.notice == "The search index is damaged; it will be rebuilt."
    report = again.build()
    assert report.rebuilt and "lengths" in again.messages[0]
    assert [h.path for h in again.search("gift").hits] == best
