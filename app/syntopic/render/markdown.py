"""Markdown to HTML with markdown-it-py, plus wiki links, tags, embeds, callouts and math."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from syntopic.core.parse import promote_titles
from syntopic.core.resolve import link_text
from syntopic.render import nesting
from syntopic.render.callouts import callout_type
from syntopic.render.obsidian import custom_tasks, highlight_rule, prepare
from syntopic.render.resources import Blocked, ResourceGate, placeholder

LinkResolver = Callable[[str], str | None]
"""Maps a link target (``Note`` or ``folder/Note``) to a note path, or None."""

EmbedRenderer = Callable[[str, str | None, int], str | None]
"""(target, fragment, depth) -> HTML to transclude, or None to show a link.

The fragment is a heading, or ``^id`` for a block."""

_WIKI = re.compile(r"!?\[\[([^\[\]\n]+?)\]\]")
_TAG = re.compile(r"#([^\s#!\"$%&'()*+,.:;<=>?@\[\\\]^`{|}~]+)")
_BLOCK_ID = re.compile(r"[ \t]\^([A-Za-z0-9-]+)[ \t]*(?=\n|$)")
_CALLOUT = re.compile(r"^\[!([^\]\s]+)\]([+-]?)[ \t]*(.*)")
_CHECKBOX = re.compile(r'<input class="task-list-item-checkbox"( checked="checked")?[^>]*>')
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp")
MAX_EMBED_DEPTH = 2


@dataclass(frozen=True, slots=True)
class RenderContext:
    """What the renderer needs from the vault for one note."""

    resolve: LinkResolver | None = None
    embed: EmbedRenderer | None = None
    # an image's file: address; why it is not shown when it is blocked; None if missing
    attachment_url: Callable[[str], str | Blocked | None] | None = None
    depth: int = 0
    line_offset: int = 0  # lines of front matter cut off before rendering
    gate: ResourceGate | None = None  # without one, the viewer's own gate decides
    note_dir: str = ""  # the note's folder in the vault, for relative image addresses
    flipped: frozenset[int] = frozenset()  # callouts the reader folded or unfolded


def note_href(path: str, heading: str | None = None) -> str:
    href = "note:" + quote(path)
    return href + "#" + quote(heading) if heading else href


# -- inline rules ---------------------------------------------------------------
def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    if src.startswith("![[", pos):
        start = pos + 1
    elif src.startswith("[[", pos):
        start = pos
    else:
        return False
    m = _WIKI.match(src, start)
    if m is None:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        inner = m.group(1).replace("\\|", "|")
        target, _, display = inner.partition("|")
        note, _, fragment = target.partition("#")
        token.meta = {
            "target": note.strip(),
            "fragment": fragment.strip(),
            "display": display.strip(),
            "embed": start != pos,
        }
        if display.strip():
            token.children = []
            state.md.inline.parse(display.strip(), state.md, state.env, token.children)
    state.pos = m.end()
    return True


def _tag_rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != "#" or (pos > 0 and not state.src[pos - 1].isspace()):
        return False
    m = _TAG.match(state.src, pos)
    if m is None or m.group(1).replace("/", "").isdigit():
        return False
    if not silent:
        token = state.push("tag", "", 0)
        token.content = m.group(1).rstrip("/")
    state.pos = m.end()
    return True


def _block_id_rule(state: StateInline, silent: bool) -> bool:
    """A trailing ``^id`` becomes an invisible anchor that block links can reach."""
    pos = state.pos
    if pos == 0 or not state.src.startswith("^", pos) or state.src[pos - 1] not in " \t":
        return False
    m = _BLOCK_ID.match(state.src, pos - 1)
    if m is None:
        return False
    if not silent:
        token = state.push("block_anchor", "", 0)
        token.content = m.group(1)
    state.pos = m.end()
    return True


# -- core rules -----------------------------------------------------------------
def _callout_start(tokens: list[Token], i: int) -> re.Match[str] | None:
    if i + 2 >= len(tokens) or tokens[i + 1].type != "paragraph_open":
        return None
    inline = tokens[i + 2]
    return _CALLOUT.match(inline.content) if inline.type == "inline" else None


def _callouts(state: Any) -> None:
    """``> [!type]± Title`` blockquotes become callout boxes; a folded one keeps only its title.

    One pass over the tokens with a stack of open quotes, so it stays linear.
    Callouts are numbered in document order: ``ctx.flipped`` names the ones
    the reader folded or unfolded.
    """
    ctx: RenderContext | None = state.env.get("ctx")
    flipped = ctx.flipped if ctx is not None else frozenset()
    tokens: list[Token] = state.tokens
    out: list[Token] = []
    stack: list[tuple[Token, int]] = []
    count = 0
    for i, token in enumerate(tokens):
        if token.type == "blockquote_close":
            opener, at = stack.pop() if stack else (None, 0)
            if opener is not None and "callout_kind" in opener.meta:
                token.meta["callout"] = True
                if opener.meta["folded"]:
                    del out[at + 1 :]
        out.append(token)
        if token.type != "blockquote_open":
            continue
        stack.append((token, len(out) - 1))
        m = _callout_start(tokens, i)
        if m is None:
            continue
        inline = tokens[i + 2]
        rest = inline.content.partition("\n")[2]
        # an embed's callouts are shown open: its fold links would flip the host's
        sign = m.group(2) if ctx is None or ctx.depth == 0 else ""
        token.meta.update(
            callout_kind=m.group(1),
            callout_index=count,
            foldable=bool(sign),
            folded=bool(sign) and ((sign == "-") != (count in flipped)),
        )
        count += 1
        title = m.group(3).strip() or m.group(1).capitalize()
        token.meta["title_tokens"] = []
        state.md.inline.parse(title, state.md, state.env, token.meta["title_tokens"])
        inline.content = rest
        inline.children = []
        state.md.inline.parse(rest, state.md, state.env, inline.children)
        if not rest.strip():
            tokens[i + 1].hidden = tokens[i + 3].hidden = True
    state.tokens = out


def _heading_anchors(state: Any) -> None:
    """Give each heading an anchor named by its source line, for the outline."""
    for token in state.tokens:
        if token.type == "heading_open" and token.map:
            token.meta["line"] = token.map[0] + 1


class _Renderer(RendererHTML):
    """HTML renderer with our tokens; `env["ctx"]` carries the RenderContext."""

    def wikilink(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        meta = tokens[idx].meta
        ctx: RenderContext = env["ctx"]
        target: str = meta["target"]
        fragment: str = meta["fragment"]
        shown = meta["display"] or link_text(target, fragment)
        children = tokens[idx].children
        text = self.renderInline(children, options, env) if children else html.escape(shown)
        if meta["embed"]:
            embedded = self._embed(ctx, target, fragment or None)
            if embedded is not None:
                return embedded
        if not target:
            anchor = html.escape(quote(fragment))
            return f'<a class="internal" href="#{anchor}">{text}</a>'
        path = ctx.resolve(target) if ctx.resolve else None
        if path is None:
            return (
                f'<a class="internal unresolved" href="ghost:{html.escape(quote(target))}" '
                f'title="Not written yet">{text}</a>'
            )
        return (
            f'<a class="internal" href="{html.escape(note_href(path, fragment or None))}">'
            f"{text}</a>"
        )

    def _embed(self, ctx: RenderContext, target: str, fragment: str | None) -> str | None:
        if target.lower().endswith(_IMAGE_SUFFIXES):
            url = ctx.attachment_url(target) if ctx.attachment_url else None
            if isinstance(url, Blocked):
                return placeholder(url)
            if url is None:
                return f'<span class="missing">[image not found: {html.escape(target)}]</span>'
            return f'<img src="{html.escape(url)}" alt="{html.escape(target)}">'
        if ctx.embed is None or ctx.depth >= MAX_EMBED_DEPTH:
            return None
        return ctx.embed(target, fragment, ctx.depth + 1)

    def tag(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        tag = tokens[idx].content
        return (
            f'<a class="tag" href="tag:{html.escape(quote(tag.lower()))}">#{html.escape(tag)}</a>'
        )

    def block_anchor(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return f'<a name="^{html.escape(tokens[idx].content)}"></a>'

    def heading_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        line = token.meta.get("line")
        ctx: RenderContext = env["ctx"]
        anchor = f'<a name="L{line + ctx.line_offset}"></a>' if line else ""
        return f"<{token.tag}>{anchor}"

    def blockquote_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        meta = tokens[idx].meta
        if "callout_kind" not in meta:
            return "<blockquote>\n"
        kind = callout_type(meta["callout_kind"])
        title = self.renderInline(meta["title_tokens"], options, env)
        fold = ""
        if meta["foldable"]:
            arrow, verb = ("▸", "Unfold") if meta["folded"] else ("▾", "Fold")
            fold = (
                f'<a class="callout-fold callout-title-{kind.name}" '
                f'href="callout:{meta["callout_index"]}" title="{verb}">{arrow}</a> '
            )
        # a one-cell table: the only box with a border and background that
        # both Qt's rich text and browsers draw
        return (
            f'<table class="callout callout-{kind.name}" width="100%"><tr><td>\n'
            f'<p class="callout-title callout-title-{kind.name}">{fold}{kind.icon} {title}</p>\n'
        )

    def blockquote_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return "</td></tr></table>\n" if tokens[idx].meta.get("callout") else "</blockquote>\n"

    def highlight_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return '<span class="highlight">'

    def highlight_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return "</span>"

    def task_mark(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        return (
            f'<span class="task-mark" title="{html.escape(token.meta["title"])}">'
            f"{html.escape(token.content)}</span> "
        )

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        if token.info.strip().lower() == "mermaid":
            # no diagram engine without JavaScript: the source, clearly labelled
            return (
                '<p class="code-label">Mermaid diagram (source)</p>\n'
                f'<pre class="mermaid"><code>{html.escape(token.content)}</code></pre>\n'
            )
        return super().fence(tokens, idx, options, env)

    def link_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        href = str(token.attrGet("href") or "")
        ctx: RenderContext = env["ctx"]
        if href and ":" not in href.split("/", 1)[0] and not href.startswith("#"):
            # a relative Markdown link to another note: resolve it like a wiki link
            target = unquote(href).split("#", 1)[0]
            path = ctx.resolve(target) if ctx.resolve else None
            token.attrSet("href", note_href(path) if path else "ghost:" + quote(target))
            token.attrSet("class", "internal" if path else "internal unresolved")
        elif href.startswith(("http:", "https:", "mailto:")):
            token.attrSet("class", "external")
        return self.renderToken(tokens, idx, options, env)


def _math(content: str, options: dict[str, Any]) -> str:
    """TeX exactly as written (no typesetter fits the bundle), in a math style."""
    if options.get("display_mode"):
        return f'<pre class="math">{html.escape(content.strip(chr(10)))}</pre>\n'
    return f'<span class="math">{html.escape(content)}</span>'


def _make_parser(*, raw_html: bool = True) -> MarkdownIt:
    # breaks: a single newline inside a paragraph is a line break, as Obsidian shows it
    # (its "strict line breaks" is off by default); a note pasted one line a thought
    # would otherwise read as a wall of text
    md = MarkdownIt("commonmark", {"html": raw_html, "typographer": False, "breaks": True})
    md.renderer = _Renderer(md)  # before plugins, which add their rules to it
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(tasklists_plugin)
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, renderer=_math)
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.inline.ruler.after("wikilink", "tag", _tag_rule)
    md.inline.ruler.before("emphasis", "highlight", highlight_rule)
    md.inline.ruler.before("text", "block_anchor", _block_id_rule)
    md.core.ruler.push("callouts", _callouts)
    md.core.ruler.push("custom_tasks", custom_tasks)
    md.core.ruler.push("heading_anchors", _heading_anchors)
    md.options["maxNesting"] = nesting.MAX_NESTING  # the preset's 20 drops content
    md.core.ruler.push("nesting_guard", nesting.guard)
    return md


_TAG_OR_CODE = re.compile(r"(`+)(?:.*?)\1|<[A-Za-z/!][^>]*>", re.S)


def render_inline(text: str, resolve: LinkResolver | None = None) -> str:
    """One line of Markdown (a backlink's context) as inline HTML: no paragraph around it.

    HTML tags in the line are dropped (code spans keep theirs, as text): a
    context shows readable words, and loads nothing.
    """
    plain = _TAG_OR_CODE.sub(lambda m: m.group(0) if m.group(1) else "", prepare(text))
    return str(_INLINE.renderInline(plain, {"ctx": RenderContext(resolve=resolve)}))


_MD = _make_parser()
_INLINE = _make_parser(raw_html=False)


def render_markdown(
    text: str,
    resolve: LinkResolver | None = None,
    *,
    context: RenderContext | None = None,
) -> str:
    """Render a note body (front matter already removed) to an HTML fragment.

    No remote resource is referenced by what we generate; raw HTML in notes
    passes through, and the viewer refuses to load anything not in the vault.
    """
    ctx = context or RenderContext(resolve=resolve)
    if resolve is not None and ctx.resolve is None:
        ctx = replace(ctx, resolve=resolve)
    # a known section title on a plain line is a heading to the parser: draw it as one
    env = {"ctx": ctx}
    out = _MD.render(promote_titles(prepare(text)), env)
    if env.get(nesting.TOO_DEEP):
        return nesting.plain_page(text)
    if ctx.gate is not None:
        out = ctx.gate.rewrite_images(out, ctx.note_dir)
    # rich-text viewers draw no form controls; a glyph reads the same everywhere
    return _CHECKBOX.sub(lambda m: "☑" if m.group(1) else "☐", out)
