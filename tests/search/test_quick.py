"""The quick answer of `syntopic search` is given only for a current index:
every change to the vault's notes on disk is noticed, whichever way the
freshness walk runs (a forked child or this process)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from searchkit import PAIRS

from conftest import Pairs
from syntopic.cli import main
from syntopic.commands.search import plain_args
from syntopic.core import freshness
from syntopic.search.quick import search_current

MakeVault = Callable[[Pairs], Path]
NOTE = "Notes/Negotiation.md"


@pytest.fixture
def indexed(disk_vault: MakeVault, capsys: pytest.CaptureFixture[str]) -> Path:
    """A vault whose index the full path has just made (so it is current)."""
    root = disk_vault(PAIRS)
    assert main(["search", str(root), "gift", "--json"]) == 0
    capsys.readouterr()
    assert search_current(str(root), "gift", 10) is not None, "a fresh index is not current"
    return root


FORKED = textwrap.dedent(
    """
    import sys
    from syntopic.core.cachedir import search_index_folder
    from syntopic.core.freshness import FreshnessCheck
    check = FreshnessCheck(sys.argv[1], search_index_folder(sys.argv[1]))
    forked = check._child is not None
    print(forked, check.result()[1])
    """
)


def forked_walk(root: Path) -> str:
    """(forked, current) from a fresh interpreter, where the command line runs
    the walk: a test process holds Qt (pytest-qt), and there it stays in-process."""
    command = [sys.executable, "-c", FORKED, str(root)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def touch(path: Path, seconds: int) -> None:
    os.utime(path, ns=(1, seconds * 1_000_000_000))


def edit_keeping_size(root: Path) -> None:
    note = root / NOTE
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("a", "o", 1), encoding="utf-8")


def only_touch(root: Path) -> None:
    touch(root / NOTE, 3)


def grow(root: Path) -> None:
    with (root / NOTE).open("a", encoding="utf-8") as f:
        f.write("\nMore about a zeppelin.\n")


def add(root: Path) -> None:
    (root / "Notes/Airship.md").write_text("An airship.\n", encoding="utf-8")


def add_in_new_folder(root: Path) -> None:
    (root / "Later/Deeper").mkdir(parents=True)
    (root / "Later/Deeper/Airship.md").write_text("An airship.\n", encoding="utf-8")


def delete(root: Path) -> None:
    (root / NOTE).unlink()


def rename(root: Path) -> None:
    (root / NOTE).rename(root / "Notes/Bargaining.md")


def move_to_other_folder(root: Path) -> None:
    (root / NOTE).rename(root / "Concepts/Negotiation.md")


def rename_case(root: Path) -> None:
    (root / NOTE).rename(root / "Notes/NEGOTIATION.md")


def delete_folder(root: Path) -> None:
    for note in (root / "Notes").iterdir():
        note.unlink()
    (root / "Notes").rmdir()


CHANGES = [
    edit_keeping_size,
    only_touch,
    grow,
    add,
    add_in_new_folder,
    delete,
    rename,
    move_to_other_folder,
    rename_case,
    delete_folder,
]


@pytest.mark.parametrize("where", ["here", "forked"])
@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_a_change_to_the_notes_makes_the_index_not_current(
    indexed: Path, change: Callable[[Path], None], where: str
) -> None:
    if where == "forked":
        if not hasattr(os, "fork"):
            pytest.skip("no fork on this system")
        assert forked_walk(indexed) == "True True\n"
    if change is edit_keeping_size:
        before = os.stat(indexed / NOTE)
        change(indexed)
        # the same size and, on a coarse clock, maybe the same mtime: make it differ
        touch(indexed / NOTE, before.st_mtime_ns // 1_000_000_000 + 5)
    else:
        change(indexed)
    if where == "forked":
        assert forked_walk(indexed) == "True False\n"
    else:
        assert search_current(str(indexed), "gift", 10) is None


def test_what_is_no_note_leaves_it_current(indexed: Path) -> None:
    (indexed / "picture.png").write_bytes(b"\x89PNG not really")
    (indexed / ".obsidian").mkdir(exist_ok=True)
    (indexed / ".obsidian/workspace.md").write_text("hidden\n", encoding="utf-8")
    (indexed / ".draft.md").write_text("hidden\n", encoding="utf-8")
    (indexed / "Empty Folder").mkdir()
    result = search_current(str(indexed), "gift", 10)
    assert result is not None and result.total > 0


def test_after_a_change_the_full_search_makes_it_current_again(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add(indexed)
    assert search_current(str(indexed), "airship", 10) is None
    assert main(["search", str(indexed), "airship", "--json"]) == 0
    capsys.readouterr()
    result = search_current(str(indexed), "airship", 10)
    assert result is not None and [h.path for h in result.hits] == ["Notes/Airship.md"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_vault_with_a_link_is_judged_by_the_full_scan(
    indexed: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "Far.md").write_text("A far note about zeppelins.\n", encoding="utf-8")
    (indexed / "Far").symlink_to(outside)  # out of the vault: skipped by the scan
    (indexed / "Also.md").symlink_to(indexed / NOTE)  # inside: a note
    assert search_current(str(indexed), "zeppelin", 10) is None  # Also.md is new
    assert main(["search", str(indexed), "zeppelin", "--json"]) == 0
    capsys.readouterr()
    result = search_current(str(indexed), "negotiation", 10)
    assert result is not None, "a current index with links was not recognised"
    assert "Also.md" in {h.path for h in result.hits}
    (indexed / NOTE).write_text("Changed through the link's target.\n", encoding="utf-8")
    touch(indexed / NOTE, 7)
    assert search_current(str(indexed), "negotiation", 10) is None


def test_a_damaged_list_of_notes_only_costs_the_shortcut(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder,) = (Path(os.environ["SYNTOPIC_CACHE_DIR"]) / "vaults").glob("*/search-v*")
    (folder / freshness.FILES).write_bytes(b"\x00not marshal")
    assert search_current(str(indexed), "gift", 10) is None
    assert main(["search", str(indexed), "gift", "--json"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize(
    ("argv", "read"),
    [
        (["V", "gift"], ("V", "gift", 10, False)),
        (["V", "gift", "--json"], ("V", "gift", 10, True)),
        (["--json", "V", "a b", "--limit", "3"], ("V", "a b", 3, True)),
        (["V", "gift", "--limit=2"], ("V", "gift", 2, False)),
    ],
)
def test_the_plain_forms_are_read_without_argparse(
    argv: list[str], read: tuple[str, str, int, bool]
) -> None:
    args = plain_args(argv)
    assert args is not None
    assert (args.vault, args.query, args.limit, args.json) == read


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["V"],
        ["V", "a", "b"],
        ["V", "-draft tag:x"],
        ["V", "gift", "--lim", "3"],
        ["V", "gift", "--limit", "three"],
        ["V", "gift", "--limit"],
        ["V", "--", "-x"],
    ],
)
def test_every_other_form_is_left_to_argparse(argv: list[str]) -> None:
    assert plain_args(argv) is None


def test_argparse_still_reads_and_explains_the_rest(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", str(indexed), "-ritual gift", "--json"]) == 0
    assert '"total"' in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["search", str(indexed), "gift", "--limit", "three"])
    assert "invalid int value" in capsys.readouterr().err


def test_whoosh_is_imported_lean_and_still_whole() -> None:
    """The stand-ins for modules a search never needs are gone once whoosh is
    in: a later use gets the real one (here: English word variations, dates)."""
    code = (
        "import sys, syntopic.search\n"
        "from whoosh.query import terms\n"
        "from whoosh.util import times\n"
        "from whoosh.filedb import filetables\n"
        "lean = ('whoosh.lang.morph_en', 'urllib.request', 'calendar', 'hashlib')\n"
        "print([m for m in lean if m in sys.modules])\n"
        "print(sorted(terms.variations('rendering') & {'render', 'renderingly'}))\n"
        "print(bool(getattr(sys.modules['whoosh.lang.morph_en'], '__file__', None)))\n"
        "print(times.calendar.timegm((2020, 1, 1, 0, 0, 0)))\n"
        "import hashlib\n"
        "print(filetables.md5_hash(b'plugin') ==\n"
        "      int(hashlib.md5(b'plugin').hexdigest(), 16) & 0xFFFFFFFF)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = done.stdout.split("\n")
    assert lines[:4] == ["[]", "['render', 'renderingly']", "True", "1577836800"]
    assert lines[4] == "True", "whoosh's term hash is not MD5's"


@pytest.mark.parametrize("part", ["trm", "pst", "toc"])
def test_a_damaged_index_is_not_answered_from(
    indexed: Path, capsys: pytest.CaptureFixture[str], part: str
) -> None:
    (folder,) = (Path(os.environ["SYNTOPIC_CACHE_DIR"]) / "vaults").glob("*/search-v*")
    for file in folder.glob(f"*.{part}"):
        file.write_bytes(b"\x00" * 64)
    assert search_current(str(indexed), "gift", 10) is None
    assert main(["search", str(indexed), "gift", "--json"]) == 0
    out = capsys.readouterr().out
    assert '"Concepts/Gift Economy.md"' in out, "the full way did not rebuild and answer"
    assert search_current(str(indexed), "gift", 10) is not None, "the rebuilt index is not current"


def test_the_lean_import_survives_qts_import_hook() -> None:
    """PySide6 inspects every module imported after it (the app imports Qt
    before the search engine): the stand-ins must answer it, not recurse."""
    code = (
        "import PySide6.QtCore\n"
        "import syntopic.search\n"
        "from whoosh.util import times\n"
        "print(times.calendar.monthrange(2024, 2)[1])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "29\n"), done.stderr[-2000:]
