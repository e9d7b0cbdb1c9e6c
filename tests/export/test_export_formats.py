"""Maps in SVG, PDF and PNG, read back: labels present, pages counted, sizes right."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage

from conftest import Pairs
from export.sample import PAIRS
from syntopic.core.vault import Vault
from syntopic.export import draw
from syntopic.export.files import Cancelled, ExportError
from syntopic.export.mapbuild import build_map


@pytest.fixture
def vault(disk_vault: Callable[[Pairs], Path]) -> Vault:
    return Vault.open(str(disk_vault(PAIRS)), use_cache=False)


def giving_map(vault: Vault, depth: int = 1) -> draw.StudyMap:
    return build_map(vault, concept="Concepts/Giving.md", depth=depth, fit=draw.page_fit())


def test_svg_is_xml_with_real_text_labels(vault: Vault, tmp_path: Path) -> None:
    out = draw.write_map(giving_map(vault), tmp_path / "map.svg")
    root = ET.parse(out).getroot()
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for label in ("Giving", "Trust", "Trade Ladder", "Open Hands", "The Ledger", "Unwritten"):
        assert label in texts
    assert "DejaVu Sans" in out.read_text("utf-8")


def test_pdf_is_one_page_of_the_chosen_size_with_title_legend_and_date(
    vault: Vault, tmp_path: Path
) -> None:
    options = draw.PageOptions(page="letter", orientation="portrait", date=dt.date(2024, 5, 6))
    out = draw.write_map(giving_map(vault, 2), tmp_path / "map.pdf", options)
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = " ".join(reader.pages[0].extract_text().split())
    for label in ("Giving", "Quiet Service", "Ann Arden", "key framework", "2024-05-06"):
        assert label in text
    fonts = reader.pages[0]["/Resources"]["/Font"].get_object()
    names = {str(f.get_object()["/BaseFont"]) for f in fonts.values()}
    assert names and all("DejaVuSans" in n for n in names)  # the bundled font, embedded


def test_pdf_a4_landscape(vault: Vault, tmp_path: Path) -> None:
    out = draw.write_map(giving_map(vault), tmp_path / "map.pdf")
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_png_has_the_requested_width_and_print_resolution(vault: Vault, tmp_path: Path) -> None:
    options = draw.PageOptions(width=1600, dpi=300)
    out = draw.write_map(giving_map(vault), tmp_path / "map.png", options)
    image = QImage(str(out))
    assert image.width() == 1600
    assert image.height() == round(1600 * 595.28 / 841.89)
    assert round(image.dotsPerMeterX() * 0.0254) == 300
    # something was drawn: the centre's fill (the app's concept blue) is there
    colours = {image.pixelColor(x, y).name() for x in range(0, 1600, 7) for y in range(0, 1131, 7)}
    assert "#4e79a7" in colours


def test_default_png_is_the_page_at_300_dpi(vault: Vault, tmp_path: Path) -> None:
    out = draw.write_map(giving_map(vault), tmp_path / "map.png")
    assert QImage(str(out)).width() == 3508  # A4 landscape, 11.69 in x 300


def test_refuses_to_overwrite_and_cancel_leaves_nothing(vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    out.write_text("keep me")
    with pytest.raises(FileExistsError):
        draw.write_map(giving_map(vault), out)
    assert out.read_text() == "keep me"
    other = tmp_path / "other.pdf"
    with pytest.raises(Cancelled):
        draw.write_map(giving_map(vault), other, progress=lambda d, t, w: False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.svg", "vault"]


def test_bad_options_are_refused(vault: Vault, tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        draw.write_map(giving_map(vault), tmp_path / "map.gif")
    with pytest.raises(ExportError):
        draw.write_map(giving_map(vault), tmp_path / "map.png", draw.PageOptions(dpi=10))


def test_map_svg_for_html_has_no_fixed_size(vault: Vault) -> None:
    markup = draw.map_svg(giving_map(vault))
    assert markup.startswith("<svg")
    assert 'viewBox="0 0 841.89 595.28"' in markup and " width=" not in markup[:80]
    assert "Trade Ladder" in markup
