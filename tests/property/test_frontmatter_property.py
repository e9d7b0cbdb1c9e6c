"""The front-matter fast path against PyYAML on front matter made of awkward characters."""

from __future__ import annotations

import hypothesis_profiles  # noqa: F401  (loads the profile)
import yaml
from hypothesis import given
from hypothesis import strategies as st

from syntopic.core import frontmatter, yamlfast

# what YAML gives meaning to, and what our fast path must tell apart
SCALAR = st.text(alphabet="aynoNTf01-9.:#'\"[]{},_ ~&*!|>%@`\\/$()<=+é🚀\t", max_size=12)
WORD = st.sampled_from(["yes", "No", "on", "~", "null", "1.0", "2024-01-05", "2024-02-30", ""])
VALUE = st.one_of(SCALAR, WORD, st.builds(lambda a, b: f"{a}: {b}", WORD, SCALAR))
KEY = st.sampled_from(["tags", "a", "on", "y", "Null", "plugin-id", "k_1", "é"])


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        key = draw(KEY)
        shape = draw(st.integers(0, 3))
        if shape == 0:
            lines.append(f"{key}: {draw(VALUE)}")
        elif shape == 1:
            lines.append(f"{key}: [{', '.join(draw(st.lists(VALUE, max_size=3)))}]")
        elif shape == 2:
            indent = draw(st.sampled_from(["", "  "]))
            lines.append(f"{key}:")
            lines += [f"{indent}- {v}" for v in draw(st.lists(VALUE, max_size=3))]
        else:
            lines.append(draw(st.sampled_from(["# comment", "", "  # indented"])))
    return "\n".join(lines) + "\n"


def reference(source: str) -> dict[str, object] | None:
    try:
        data = yaml.load(source, Loader=frontmatter._Loader)  # the loader `load` uses
        plain = frontmatter._plain(data)
    except (yaml.YAMLError, ValueError, TypeError):
        return None
    if plain is None:
        return {}
    return plain if isinstance(plain, dict) else None


@given(front_matter())
def test_the_fast_path_gives_what_pyyaml_gives(source: str) -> None:
    fast = yamlfast.load(source)
    if fast is not None:
        assert fast == reference(source), source
