"""Front matter: the fast path must agree with PyYAML wherever it answers."""

from __future__ import annotations

import random

import pytest
import yaml

from syntopic.core import frontmatter

VALUES = [
    "Reciprocity",
    "The Code of Trust",
    "$100M Offers",
    "Robert Cialdini",
    "2024-01-05",
    "1984",
    "0",
    "-3",
    "3.5",
    "012",
    "yes",
    "No",
    "on",
    "null",
    "~",
    "true",
    "'quoted'",
    '"double"',
    '"with: colon"',
    "a: b",
    "x #comment",
    "#hash",
    "Why? Because!",
    "it's",
    "trailing.",
    "a, b",
    "[a, b]",
    "[]",
    "[Give First, 'Social Proof', 1984]",
    "[a, [b]]",
    "*alias",
    "&anchor x",
    "!tag x",
    "|",
    ">",
    "@at",
    "`tick`",
    "café",
    "1e5",
    ".5",
    "[a,, b]",
    "[a, b,]",
    "{a: 1}",
    "-",
    "- x",
    "10:30",
    "0x1F",
    "+1",
    "Jan 1",
]


def reference(source: str) -> dict[str, object] | None:
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError:
        return None
    return frontmatter._plain(data) if isinstance(data, dict) else None


def generated(seed: int) -> str:
    rng = random.Random(seed)
    lines = []
    for i in range(rng.randint(1, 5)):
        key = rng.choice(["title", "aliases", "tags", "type", "year", f"k{i}", "author"])
        if rng.random() < 0.25:
            items = "".join(f"\n{rng.choice(['  ', ''])}- {rng.choice(VALUES)}" for _ in range(3))
            lines.append(f"{key}:{items}")
        else:
            lines.append(f"{key}: {rng.choice(VALUES)}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(400))
def test_fast_path_agrees_with_yaml(seed: int) -> None:
    source = generated(seed)
    fast = frontmatter._fast_load(source)
    if fast is not None:
        assert fast == reference(source), source


def test_fast_path_takes_the_common_shapes() -> None:
    source = (
        "type: concept\naliases: [Give First, The Rule]\ntags:\n  - principle/core\n"
        "  - influence\nyear: 1984\nauthor: Robert Cialdini\ndate: 2024-01-05\n"
    )
    assert frontmatter._fast_load(source) == reference(source)
    answered = sum(frontmatter._fast_load(generated(s)) is not None for s in range(400))
    assert answered > 30  # the comparison above is not vacuous


@pytest.mark.parametrize(
    "source", ["a: yes\n", "a: [x\n", "a: b\n  c: d\n", "a: 012\n", "# c\na: b\n", "a: b: c\n"]
)
def test_anything_unusual_goes_to_yaml(source: str) -> None:
    assert frontmatter._fast_load(source) is None
