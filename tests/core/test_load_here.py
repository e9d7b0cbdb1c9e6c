"""A command line's parse: this process takes a share of the chunks beside its worker."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs
from syntopic.commands.stats import summarise
from syntopic.core.cache import ParseCache
from syntopic.core.codec import encode
from syntopic.core.load import Opening, ParseJob, parse_file
from syntopic.core.parse import DEFAULT_OPTIONS
from syntopic.core.vault import Vault


def notes(count: int) -> list[tuple[str, str]]:
    return [
        (
            f"d{i % 7}/n{i:04}.md",
            f"---\ntags: [t{i % 5}]\n---\n# N{i}\nSee [[n{(i * 7) % count:04}]].\n",
        )
        for i in range(count)
    ]


def test_shared_parse_gives_every_note_in_order_and_both_processes_take_part(
    disk_vault: Callable[[Pairs], Path],
) -> None:
    root = str(disk_vault(notes(800)))
    rels = sorted(rel for rel, _ in notes(800))
    seen: list[tuple[int, int]] = []
    job = ParseJob(root, rels, DEFAULT_OPTIONS, workers=2, here=True)
    got = job.results(lambda done, total: seen.append((done, total)))
    expected = [parse_file(root, rel, DEFAULT_OPTIONS) for rel in rels]
    assert [encode(n) for n in got] == [encode(n) for n in expected]
    assert 0 < sum(len(chunk) for chunk, _ in job.blobs) < len(rels)  # the worker's share
    assert seen[-1] == (len(rels), len(rels))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_one_core_means_no_worker_at_all(disk_vault: Callable[[Pairs], Path]) -> None:
    root = str(disk_vault(notes(500)))
    rels = sorted(rel for rel, _ in notes(500))
    job = ParseJob(root, rels, DEFAULT_OPTIONS, workers=1, here=True)
    assert [n.path for n in job.results()] == rels
    assert job.blobs == []


PROBE = textwrap.dedent(
    """
    import sys
    from syntopic.cli import main
    main(["stats", sys.argv[1], "--json"])
    print(sorted({m.split(".")[0] for m in sys.modules if m.startswith(("networkx", "PySide6"))}))
    """
)


def test_stats_on_a_new_vault_never_imports_networkx(disk_vault: Callable[[Pairs], Path]) -> None:
    root = disk_vault([*notes(450), ("Books/B.md", "---\ntype: book\n---\n[[n0001]]\n")])
    env = {**os.environ, "SYNTOPIC_CACHE_DIR": str(root.parent / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=True,
    )
    answer, imported = done.stdout.rstrip("\n").rsplit("\n", 1)
    assert '"notes": 451' in answer and '"books": 1' in answer
    assert imported == "[]"


def test_stats_without_link_contexts_counts_what_a_full_open_counts(
    disk_vault: Callable[[Pairs], Path],
) -> None:
    pairs = [
        *notes(420),
        ("Books/B.md", "---\ntype: book\naliases: [Bee]\n---\nOn [[n0001]]. Also [x](n0002.md).\n"),
        ("c.md", "# Multi-Book View\n**[[Bee]]**: says [[n0003#N3]] and [[Nowhere]].\n"),
        ("d.md", "```\n[[n0004]]\n```\n> quote [[c]] ^id\n- item [[B|the book]]\n"),
    ]
    root = str(disk_vault(pairs))
    full = summarise(Vault.open(root, use_cache=False))
    lean = Opening(root, DEFAULT_OPTIONS, use_cache=False, here=True, save=False, contexts=False)
    counted = summarise(Vault.open(root, opening=lean))
    assert counted == full
    assert full["notes"] == 423 and full["books"] == 1 and full["unresolved_targets"] == 1


def test_notes_without_contexts_are_never_cached(disk_vault: Callable[[Pairs], Path]) -> None:
    root = str(disk_vault(notes(10)))
    with pytest.raises(ValueError):
        Opening(root, DEFAULT_OPTIONS, contexts=False)
    lean = dataclasses.replace(DEFAULT_OPTIONS, contexts=False)
    assert ParseCache(root, lean).stamp != ParseCache(root, DEFAULT_OPTIONS).stamp
    assert {link.context for link in parse_file(root, "d0/n0000.md", lean).links} == {""}
    assert {link.context for link in parse_file(root, "d0/n0000.md", DEFAULT_OPTIONS).links} != {""}


@pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
    reason="needs CPU affinity and two cores",
)
def test_sharing_keeps_one_core_for_this_process_and_gives_it_back(
    disk_vault: Callable[[Pairs], Path],
) -> None:
    root = str(disk_vault(notes(600)))
    rels = sorted(rel for rel, _ in notes(600))
    before = os.sched_getaffinity(0)
    during: list[set[int]] = []
    job = ParseJob(root, rels, DEFAULT_OPTIONS, workers=2, here=True)
    got = job.results(each=lambda chunk: during.append(os.sched_getaffinity(0)))
    assert len(got) == 600
    assert {len(cores) for cores in during} == {1}  # the worker has the others
    assert os.sched_getaffinity(0) == before
