"""Obsidian syntax in the Note tab: each small note with the HTML it must give."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import memory_vault, write_vault
from syntopic.core.vault import Vault
from syntopic.render.markdown import render_inline, render_markdown
from syntopic.render.note import NoteRenderer, context_html, properties_table


def _text(fragment: str) -> str:
    """What a reader sees: the HTML without its tags."""
    return re.sub(r"<[^>]+>", "", fragment)


def test_highlight_marks_text_with_markdown_inside() -> None:
    out = render_markdown("A ==marked **bold**== word, but a == b == c is not.")
    assert '<span class="highlight">marked <strong>bold</strong></span>' in out
    assert "a == b == c" in out


def test_a_comment_spanning_a_blank_line_is_hidden() -> None:
    out = render_markdown("Before %% hidden\n\nstill hidden [[Secret]] %% after.\n\nNext.")
    assert "hidden" not in out and "Secret" not in out
    assert "Before" in out and "after." in out and "<p>Next.</p>" in out


def test_percent_signs_in_code_are_text() -> None:
    out = render_markdown("Use `%%` to start a comment. [[Missing]]\n\n## Later\n```\n%% kept\n```")
    assert "<code>%%</code>" in out and 'href="ghost:Missing"' in out
    assert "Later</h2>" in out and "%% kept" in out


def test_a_block_id_on_its_own_line_is_hidden_and_a_target() -> None:
    out = render_markdown("> [!note] Box\n> inside\n\n^box-id\n\n- one\n- two\n^list-id\n\nEnd.")
    assert "^box-id" not in _text(out) and "^list-id" not in _text(out)
    assert '<a name="^box-id"></a>' in out and '<a name="^list-id"></a>' in out
    assert "<p>End.</p>" in out


def test_math_is_shown_exactly_as_written() -> None:
    out = render_markdown(
        "Inline $a \\\\ b_1$ and prices $5 and $10.\n\n$$\nx &= 1 \\\\\ny &= 2\n$$"
    )
    assert '<span class="math">a \\\\ b_1</span>' in out
    assert "$5 and $10" in out
    assert '<pre class="math">x &amp;= 1 \\\\\ny &amp;= 2</pre>' in out


def test_mermaid_is_a_labelled_source_block() -> None:
    out = render_markdown("```mermaid\ngraph TD; A-->B\n```")
    assert '<p class="code-label">Mermaid diagram (source)</p>' in out
    assert "graph TD; A--&gt;B" in out


def test_custom_task_marks_are_task_items() -> None:
    out = render_markdown(
        "- [ ] open\n- [x] done\n- [?] ask\n- [-] dropped\n- [>] later\n- [!] key"
    )
    assert out.count('<li class="task-list-item">') == 6
    assert "[?]" not in out and "[-]" not in out and "[>]" not in out and "[!]" not in out
    for glyph in ("☐", "☑", "⍰", "⊟", "➔", "⚠"):
        assert glyph in out


def test_link_display_text_is_markdown() -> None:
    out = render_markdown("See [[Functions#hasTag|`hasTag`]] and [[A|**b**]].")
    assert '<a class="internal unresolved" href="ghost:Functions"' in out
    assert "><code>hasTag</code></a>" in out and "><strong>b</strong></a>" in out


def test_booleans_in_properties_are_check_marks() -> None:
    out = properties_table({"published": True, "draft": False, "count": 1})
    assert "☑" in out and "☐" in out and "True" not in out and "False" not in out
    assert "<td>1</td>" in out


def test_backlink_contexts_are_inline_markdown() -> None:
    out = render_inline("**Settings → Community plugins** with `code` and [[Topic]]")
    assert out.startswith("<strong>Settings → Community plugins</strong>")
    assert "<code>code</code>" in out and "<p>" not in out and "**" not in out
    tagged = render_inline('<span class="x">Open</span> <img src="/etc/passwd"> `<b>` <b>x</b>')
    assert tagged == "Open  <code>&lt;b&gt;</code> x"  # tags dropped, code kept as text
    vault = memory_vault([("a/Topic.md", "T"), ("a/Src.md", "x"), ("b/Topic.md", "U")])
    linked = context_html(vault, "a/Src.md", "see [[Topic]]")
    assert 'href="note:a/Topic.md"' in linked  # resolved from the note it sits in


def test_an_embed_of_a_lone_block_id_shows_the_block_above(tmp_path: Path) -> None:
    text = "Intro.\n\n- one\n- two\n\n^list-id\n\n> [!note] Box\n> inside\n^box-id\n\nAfter."
    root = write_vault(tmp_path / "v", [("B.md", text), ("A.md", "![[B#^list-id]] ![[B#^box-id]]")])
    out = NoteRenderer(Vault.open(str(root))).page_html("A.md")
    assert "one" in out and "two" in out and "inside" in out
    assert "Intro." not in out and "After." not in out and "^list-id" not in _text(out)
