"""Front matter: the fast path must agree with PyYAML wherever it answers."""

from __future__ import annotations

import random

import pytest
import yaml

from syntopic.core import frontmatter, yamlfast

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
    # YAML 1.1 words, numbers, dates and nulls PyYAML resolves
    "Yes",
    "YES",
    "yEs",
    "y",
    "n",
    "off",
    "On",
    "TRUE",
    "False",
    "Null",
    "NULL",
    "nULL",
    "1.0",
    "0.5",
    "-0.5",
    "01.5",
    "-0",
    "1_000",
    ".inf",
    "nan",
    "2024-02-30",
    "2024-13-45",
    "2021-04-17",
    "2024-01-05 10:00:00",
    '"#quoted"',
    "'a # b'",
    '"a: b"',
    "''",
    '""',
    "'it''s'",
    '"back\\slash"',
    "https://www.example.org/2021-04-17/",
    "C#",
    "a:b",
    "ends:",
    "x # trailing comment",
    "新枝Newledge",
    "émoji 🚀",
    "<Serice",
    "Ivaylo <ivaylo@example.org>",
    "%percent",
    "~tilde",
    "a\tb",
    "[https://x.org]",
    "[a: b]",
    "[ ]",
    "['a, b']",
    "{}",
    "_under",
    "(paren)",
    "/path/to",
]


def reference(source: str) -> dict[str, object] | None:
    try:
        data = yaml.load(source, Loader=frontmatter._Loader)  # the loader `load` uses
    except yaml.YAMLError:
        return None
    if data is None:
        return {}  # an empty document, or comments only: no properties
    return frontmatter._plain(data) if isinstance(data, dict) else None


KEYS = ["title", "aliases", "tags", "type", "year", "author", "plugin-id", "publish", "on", "y"]


def generated(seed: int) -> str:
    rng = random.Random(seed)
    lines = []
    for i in range(rng.randint(1, 5)):
        key = rng.choice([*KEYS, f"k{i}"])
        shape = rng.random()
        if shape < 0.3:  # a block list: indented or not, some items empty
            indent = rng.choice(["  ", "", "    "])
            items = [rng.choice([*VALUES, "", ""]) for _ in range(rng.randint(0, 3))]
            lines.append(f"{key}:{rng.choice(['', ' '])}")
            lines += [f"{indent}- {item}".rstrip(" ") + rng.choice(["", " "]) for item in items]
        elif shape < 0.45:  # a flow list
            items = [rng.choice(VALUES) for _ in range(rng.randint(0, 3))]
            lines.append(f"{key}: [{', '.join(items)}]")
        elif shape < 0.5:
            lines.append(rng.choice(["# a comment line", "", "  # indented comment"]))
        else:
            lines.append(f"{key}: {rng.choice(VALUES)}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(600))
def test_fast_path_agrees_with_yaml(seed: int) -> None:
    source = generated(seed)
    fast = yamlfast.load(source)
    if fast is not None:
        assert fast == reference(source), source


def test_fast_path_takes_the_common_shapes() -> None:
    source = (
        "type: concept\naliases: [Give First, The Rule]\ntags:\n  - principle/core\n"
        "  - influence\nyear: 1984\nauthor: Robert Cialdini\ndate: 2024-01-05\n"
    )
    assert yamlfast.load(source) == reference(source)
    answered = sum(yamlfast.load(generated(s)) is not None for s in range(600))
    assert answered > 100  # the comparison above is not vacuous


@pytest.mark.parametrize(
    "source",
    [
        "a: [x\n",
        "a: b\n  c: d\n",
        "a: 012\n",
        "a: b: c\n",
        "a: &x b\n",
        "a: |\n  x\n",
        "a:\tb\n",
        "a: 1e5\n",
        "a: b\na: c\n",
        "a: 2024-02-30\n",
        "a: x # note\n",
    ],
)
def test_anything_unusual_goes_to_yaml(source: str) -> None:
    assert yamlfast.load(source) is None
