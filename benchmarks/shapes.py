"""The note shapes real vaults have that plain concept notes lack, for `generate.py`.

Index notes listing thousands of links, emoji and dotted names, folders six and
seven deep, plugin footers inside ``%% %%``, long front matter with property
links, and (behind ``--huge``) a note of 100,000 links and one 5 MB line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.generate import _Builder, _Plan

EMOJI = ("🧠", "📚", "🌱", "⚙️", "🔥", "🧭", "🗂️", "💡")
TLDS = ("org", "io", "app", "net")
SEASONS = ("Spring", "Summer", "Autumn", "Winter")
INDEX_LINKS = 2_800  # real index notes hold 2,400-2,900 links in one list
HUGE_LINKS = 100_000
HUGE_LINE_BYTES = 5_000_000


def index_count(notes: int) -> int:
    """Index notes for a vault size: three at 6,500 notes, like the real vault measured."""
    return notes // 2000


def reshape(builder: _Builder, concepts: list[_Plan]) -> None:
    """Rename a few concepts (emoji, dots), move a few deep, mark footers and long headers."""
    rng = builder.rng
    for plan in concepts:
        if plan.duplicate:
            continue
        r = rng.random()
        if r < 0.01:
            _rename(builder, plan, f"{rng.choice(EMOJI)} {plan.title}")
        elif r < 0.015:
            _rename(builder, plan, f"{plan.title} v{rng.randint(1, 9)}.{rng.randint(0, 9)}")
        elif r < 0.02:
            word = plan.title.split()[-1].lower()
            _rename(builder, plan, f"{word}{plan.index}.{rng.choice(TLDS)}")
        if rng.random() < 0.03:
            year, season = rng.randint(2019, 2025), rng.choice(SEASONS)
            week = f"Week {rng.randint(1, 52):02d}"
            plan.folder = f"{plan.folder}/Archive/{year}/{season}/{week}"
            plan.__post_init__()
        plan.footer = not plan.stub and rng.random() < 0.05
        plan.long_fm = not plan.malformed and rng.random() < 0.03
        plan.related = not plan.malformed and rng.random() < 0.05


def _rename(builder: _Builder, plan: _Plan, title: str) -> None:
    if title.lower() in builder.taken:
        return
    builder.taken.discard(plan.title.lower())
    builder.taken.add(title.lower())
    plan.title = title
    plan.__post_init__()


def long_front_matter(builder: _Builder) -> list[str]:
    """40-120 property lines: scalars, lists and a folded block, as plugins leave them."""
    rng, prose = builder.rng, builder.prose
    lines: list[str] = []
    for k in range(rng.randint(40, 120) // 4):
        lines.append(f"field_{k}: {prose.word('A')} {prose.word('N')}")
        lines.append(f"score_{k}: {rng.randint(0, 100)}")
        lines += [f"list_{k}:", f"  - {prose.word('N')}"]
    lines += ["description: >", f"  {builder.sentence()}", f"  {builder.sentence()}"]
    return lines


def related_property(builder: _Builder, plan: _Plan) -> list[str]:
    """A ``related:`` list of quoted wiki links: links Obsidian counts, with their edges."""
    links = [builder.link(plan, plain=True) for _ in range(builder.rng.randint(1, 3))]
    return ["related:", *(f'  - "{link}"' for link in links)]


def footer(builder: _Builder) -> str:
    """A plugin's settings footer: a comment spanning blank lines, links and headings inside."""
    fake = builder.fake()
    return (
        "%% kanban:settings\n```\n"
        '{"kanban-plugin":"basic","lane-width":272}\n```\n\n'
        f"## Archived\n\n- [[{fake}]]\n%%"
    )


def index_text(builder: _Builder, plan: _Plan) -> str:
    """One list of thousands of links: the shape that made the parser quadratic."""
    pool = builder.concepts
    targets = builder.rng.sample(pool, min(INDEX_LINKS, len(pool)))
    items = "\n".join(f"- {builder.link(plan, t, plain=True)}" for t in targets)
    return f"# {plan.title}\n\nEvery note of the vault, by hand.\n\n{items}\n"


def huge_list(builder: _Builder, plan: _Plan) -> str:
    """100,000 links, one a line (``--huge``)."""
    pool = builder.concepts
    items = "\n".join(
        f"- {builder.link(plan, pool[i % len(pool)], plain=True)}" for i in range(HUGE_LINKS)
    )
    return f"# {plan.title}\n\n{items}\n"


def huge_line(builder: _Builder, plan: _Plan) -> str:
    """One 5 MB line of words and links (``--huge``)."""
    target = builder.concepts[0]
    piece = f"word {builder.link(plan, target, plain=True)} "
    repeats = HUGE_LINE_BYTES // len(piece.encode("utf-8"))
    builder.count.links += repeats - 1
    builder.count.inbound[target.index] += repeats - 1
    return piece * repeats + "\n"
