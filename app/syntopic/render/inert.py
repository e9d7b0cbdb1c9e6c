"""Exported HTML made inert: an allow-list of tags and attributes, no active or fetched content."""

from __future__ import annotations

import html
import re

import nh3

from syntopic.render.resources import IMG_TAG, tag_attributes

TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "s",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
_EVERYWHERE = {"class", "id", "title", "name"}
ATTRIBUTES = {
    "*": _EVERYWHERE,
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "width", "align"},
    "th": {"colspan", "rowspan", "width", "align"},
    "table": {"width", "cellspacing", "cellpadding"},
    "ol": {"start"},
}
# links may point anywhere a reader can choose to follow; nothing is loaded by them
LINK_SCHEMES = ("http:", "https:", "mailto:")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src":
        return value if value.lower().startswith("data:image/") else None
    if attribute == "href":
        has_scheme = _SCHEME.match(value) is not None
        return value if not has_scheme or value.lower().startswith(LINK_SCHEMES) else None
    return value


def _images_as_text(fragment: str) -> str:
    """An image that would be fetched (remote or a local file) becomes its alt text."""

    def replace(m: re.Match[str]) -> str:
        attrs = tag_attributes(m.group(0))
        if (attrs.get("src") or "").lower().startswith("data:image/"):
            return m.group(0)
        alt = attrs.get("alt") or attrs.get("src") or "image"
        return f'<span class="image-left-out">[{html.escape(alt)} — image not included]</span>'

    return IMG_TAG.sub(replace, fragment)


def inert_html(fragment: str) -> str:
    """Sanitise an HTML fragment from a note for a file that others will open.

    Scripts, styles, frames, forms, event handlers and ``javascript:`` links go;
    so does every resource a browser would fetch.
    """
    return nh3.clean(
        _images_as_text(fragment),
        tags=set(TAGS),
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        attribute_filter=_attribute,
        url_schemes={"http", "https", "mailto", "data"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
