"""An exported guide is inert: nothing in it runs, and nothing in it is fetched."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from conftest import memory_vault
from export.sample import PAIRS
from syntopic.export import guide
from syntopic.render.inert import inert_html

HOSTILE = """---
type: concept
---
A definition with <script>alert("def")</script> and <img src="x" onerror="alert(1)">.
<iframe src="https://example.com/frame"></iframe>
<object data="file:///etc/passwd"></object><embed src="https://example.com/e.swf">
<link rel="stylesheet" href="https://example.com/s.css"><style>body{background:url(https://e.com/t.png)}</style>
<form action="https://example.com/post"><input name="q"></form>
<a href="javascript:alert(2)">click</a> <a href="JaVaScRiPt:alert(3)">again</a>
<a href="file:///etc/passwd">local</a> <a href="https://example.com/page">a web page</a>
<img src="https://example.com/remote.png" alt="remote"> <img src="file:///home/x.png">
<div style="background-image:url(https://example.com/bg.png)" onclick="x()">styled</div>
<svg onload="alert(4)"><image href="https://example.com/i.png"/></svg>
![md image](https://example.com/md.png) ![local](/etc/hosts)

## Perspectives
Ann Arden in [[Open Hands]] says <b onmouseover="alert(5)">bold things</b>.
<a href="javascript:alert(6)">a lure</a> ![md image](https://example.com/md.png) <iframe src="https://example.com/f2"></iframe>
"""

ACTIVE_TAGS = {"script", "iframe", "object", "embed", "link", "form", "input", "svg", "image"}
URL_ATTRS = {"src", "href", "data", "action", "background", "poster", "srcset", "xlink:href"}


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.urls: list[tuple[str, str, str]] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
            if name in URL_ATTRS:
                self.urls.append((tag, name, value or ""))
            if name == "style":
                self.styles.append(value or "")

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style":
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass


def _dom(page: str) -> _Dom:
    dom = _Dom()
    dom.feed(page)
    dom.close()
    return dom


def test_the_exported_guide_has_no_active_or_fetched_content(tmp_path: Path) -> None:
    pairs = [(p, HOSTILE if p == "Concepts/Giving.md" else t) for p, t in PAIRS]
    vault = memory_vault(pairs)
    out = guide.write_guide(vault, ["Concepts/Giving.md"], tmp_path / "g.html")
    page = out.read_text("utf-8")
    raw = guide.render_markdown(HOSTILE.split("---\n", 2)[2])
    assert "<iframe" in raw and "onerror" in raw and "javascript:" in raw  # it was all there
    dom = _dom(page)
    assert not ACTIVE_TAGS & set(dom.tags)
    assert dom.handlers == []
    for tag, name, value in dom.urls:
        assert tag == "a" and name == "href", (tag, name, value)  # nothing is loaded
        assert value.startswith(("#", "https://")), value  # no javascript:, no file:
    assert dom.tags.count("style") == 1  # our stylesheet, with nothing to fetch
    assert not [s for s in dom.styles if "url(" in s or "@import" in s]
    # what the reader wrote is still there as text
    assert "a web page" in page and "bold things" in page and "styled" in page
    assert "[remote — remote image not loaded]" in page and "[md image — remote" in page
    assert "a lure" in page and "Open Hands" in page


def test_inert_html_keeps_what_reading_needs() -> None:
    kept = inert_html(
        '<p class="x"><mark>hi</mark> <a href="#s">in</a> <code>c</code></p>'
        '<table class="callout"><tr><td>box</td></tr></table>'
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="tiny">'
    )
    dom = _dom(kept)
    assert {"p", "mark", "a", "code", "table", "td", "img"} <= set(dom.tags)
    assert ("img", "src", "data:image/png;base64,iVBORw0KGgo=") in dom.urls
