"""HTML that loads nothing: rebuilt from a short list of text tags (no Qt).

A learner's copy of a reading is their file, not the bundle's, but it is still
untrusted: HTML (and Markdown, rendered to HTML first, CommonMark as Qt's md4c
reads it) keeps only text tags, with no attribute but a link's address and a
table cell's span, so no script, style, image or other resource survives.
"""

from __future__ import annotations

import html
from functools import cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from companion.bundle.pages import SAFE_LINK_SCHEMES

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def markdown_html(text: str) -> str:
    """Markdown as HTML (still to be made safe: raw HTML passes through)."""
    html_text: str = _markdown().render(text)
    return html_text


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


_TEXT_TAGS = (
    "a abbr address b big blockquote br caption center cite code dd del div dl dt em "
    "h1 h2 h3 h4 h5 h6 hr i ins kbd li ol p pre q s samp small span strike strong sub sup "
    "table tbody td tfoot th thead tr tt u ul var"
)
#: Tags whose content is never text to read (scripts, styles, embedded documents).
_NOT_TEXT = "script style template title svg math iframe object noembed"
_KEPT = frozenset(_TEXT_TAGS.split())
_SKIPPED = frozenset(_NOT_TEXT.split())
_VOID = frozenset({"br", "hr"})
_LINKS = (*SAFE_LINK_SCHEMES, "item:", "#")


class _Sanitiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping.append(tag)
        elif not self.skipping and tag in _KEPT:
            self.out.append(f"<{tag}{_attributes(tag, attrs)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag in _KEPT:
            self.out.append(f"<{tag}{_attributes(tag, attrs)}>")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
        elif tag in _KEPT and tag not in _VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))


def _attributes(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    kept: list[str] = []
    for name, value in attrs:
        if value is None:
            continue
        if tag == "a" and name == "href" and value.strip().lower().startswith(_LINKS):
            kept.append(f' href="{html.escape(value.strip())}"')
        elif tag in ("td", "th") and name in ("colspan", "rowspan") and value.isdigit():
            kept.append(f' {name}="{min(int(value), 100)}"')
    return "".join(kept)


def safe_html(text: str) -> str:
    """``text`` with only text tags left: no scripts, styles, images or resources."""
    parser = _Sanitiser()
    parser.feed(text)
    parser.close()
    return "<html><body>" + "".join(parser.out) + "</body></html>"
