"""A vault's study map: the model for a concept, a book or a set of notes, laid out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from syntopic.core.vault import Vault
from syntopic.export import mapmodel
from syntopic.export.files import ExportError
from syntopic.export.maplayout import layout
from syntopic.export.mapmodel import Measure, StudyMap, approximate_measure


@dataclass(frozen=True, slots=True)
class Fit:
    """What the page tells the layout: text widths and the map area's width / height."""

    measure: Measure = approximate_measure
    aspect: float = 1.6


def build_map(
    vault: Vault,
    *,
    concept: str | None = None,
    book: str | None = None,
    nodes: Sequence[str] | None = None,
    title: str = "Selected notes",
    depth: int = 1,
    all_links: bool | None = None,
    fit: Fit | None = None,
) -> StudyMap:
    """The study map of a concept, a book or a set of notes, laid out for ``fit``.

    `export.draw.page_fit` gives the real font and page; without it, widths are estimated.
    """
    fit = fit or Fit()
    name = Path(vault.root).name
    if concept is not None:
        smap = mapmodel.concept_map(
            vault.graph,
            concept,
            depth,
            all_links=bool(all_links),
            measure=fit.measure,
            vault_name=name,
        )
    elif book is not None:
        smap = mapmodel.book_map(
            vault.graph,
            book,
            depth,
            all_links=bool(all_links),
            measure=fit.measure,
            vault_name=name,
        )
    elif nodes is not None:
        links = True if all_links is None else all_links
        smap = mapmodel.selection_map(
            vault.graph, nodes, title, all_links=links, measure=fit.measure, vault_name=name
        )
    else:
        raise ExportError("a map needs a concept, a book or a set of notes")
    layout(smap, fit.aspect)
    return smap
