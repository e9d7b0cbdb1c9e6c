"""`syntopic export`: the map, guide, graph and cards subcommands and their errors."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from pypdf import PdfReader

from clikit import run, vault_fixture
from export.sample import PAIRS

vault = vault_fixture(PAIRS)


def test_export_map_pdf_then_force(
    vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.pdf"
    code, stdout, _ = run(
        capsys, "export", "map", str(vault), "Giving", "--depth", "2", "-o", str(out)
    )
    assert code == 0 and stdout.startswith(f"wrote {out}")
    assert len(PdfReader(out).pages) == 1
    before = out.stat().st_mtime_ns
    code, _, err = run(capsys, "export", "map", str(vault), "Giving", "-o", str(out))
    assert code == 2 and "already exists" in err and "--force" in err
    assert err.count("\n") == 1 and out.stat().st_mtime_ns == before
    code, _, _ = run(
        capsys,
        "export",
        "map",
        str(vault),
        "Giving",
        "-o",
        str(out),
        "--force",
        "--page",
        "letter",
        "--orientation",
        "portrait",
    )
    box = PdfReader(out).pages[0].mediabox
    assert code == 0 and (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_export_map_png_width_and_book(
    vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "book.png"
    code, _, _ = run(
        capsys,
        "export",
        "map",
        str(vault),
        "--book",
        "Quiet Service",
        "-o",
        str(out),
        "--width",
        "1200",
    )
    assert code == 0 and QImage(str(out)).width() == 1200


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["map", "{v}", "Giving", "-o", "{t}/m.gif"], "cannot tell the format"),
        (["map", "{v}", "Nope", "-o", "{t}/m.svg"], "no note 'Nope'"),
        (["map", "{v}", "Giving", "--depth", "5", "-o", "{t}/m.svg"], "--depth"),
        (["map", "{v}", "-o", "{t}/m.svg"], "name one concept"),
        (["map", "{v}", "--book", "Giving", "-o", "{t}/m.svg"], "is not a book"),
        (["map", "{v}", "Giving", "--dpi", "5", "-o", "{t}/m.png"], "dpi"),
        (["map", "{v}", "Giving", "-o", "{t}/missing/m.svg"], "no such folder"),
        (["guide", "{v}", "-o", "{t}/g.md"], "at least one concept"),
        (["guide", "{v}", "Giving", "--with-map", "-o", "{t}/g.md"], "needs an .html"),
        (["cards", "{v}", "Giving", "-o", "{t}/c.txt"], "cannot tell the format"),
        (["graph", "{t}/no-vault", "-o", "{t}/g.gexf"], "no such folder"),
    ],
)
def test_errors_are_one_line(
    vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    args = [a.format(v=vault, t=tmp_path) for a in argv]
    code, _, err = run(capsys, "export", *args)
    assert code == 2
    assert message in err and err.startswith("syntopic: error:") and err.count("\n") == 1
    assert not [p for p in tmp_path.iterdir() if p.name != "vault"]


def test_export_guide_html_with_map(
    vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "guide.html"
    code, stdout, _ = run(
        capsys, "export", "guide", str(vault), "Giving", "Trust", "--with-map", "-o", str(out)
    )
    page = out.read_text("utf-8")
    assert code == 0 and "2 concepts" in stdout
    assert page.count("<svg") == 2 and "Quiet Service" in page


def test_export_guide_of_a_book(
    vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "guide.md"
    code, _, _ = run(
        capsys, "export", "guide", str(vault), "--book", "Quiet Service", "-o", str(out)
    )
    text = out.read_text("utf-8")
    assert code == 0 and text.startswith("# Quiet Service: study guide")
    assert "## Giving" in text and "## Trust" in text


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_graph(
    vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / f"g.{fmt}"
    code, stdout, _ = run(capsys, "export", "graph", str(vault), "-o", str(out))
    assert code == 0 and "8 nodes" in stdout
    if fmt == "graphml":
        assert nx.read_graphml(out).number_of_nodes() == 8
    elif fmt == "gexf":
        assert nx.read_gexf(out).number_of_nodes() == 8


def test_export_cards_csv_and_apkg(
    vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cards.csv"
    code, stdout, _ = run(
        capsys, "export", "cards", str(vault), "--book", "The Ledger", "-o", str(out)
    )
    assert code == 0 and "4 cards from 1 concepts" in stdout
    rows = [r for r in csv.reader(out.read_text("utf-8").splitlines()) if not r[0].startswith("#")]
    assert [len(r) for r in rows] == [3] * 4
    deck = tmp_path / "cards.apkg"
    code, _, _ = run(capsys, "export", "cards", str(vault), "Giving", "Trust", "-o", str(deck))
    assert code == 0 and deck.stat().st_size > 0
