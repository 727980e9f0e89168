"""The plain text a reading pane shows for an item, without Qt.

Highlights are anchored in this text. The reading pane renders Markdown with
Qt (md4c, CommonMark; ``companion.qt.safe_text.set_markdown``) and anchors in
``QTextDocument.toPlainText()``; this module gives the same text from
markdown-it-py (also CommonMark), so the command line can place highlights with
no display. A test compares the two on every item of the shipped bundle; small
differences elsewhere only cost the anchoring an approximate match, never a
highlight.

As in the pane, raw HTML is text (Companion never reads bundle or note text as
HTML) and an image is its description (images are never loaded).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: Qt keeps a hard line break inside its paragraph (U+2028), shown as a newline.
HARD_BREAK = "\n"


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported only when text is needed

    return MarkdownIt("commonmark", {"html": False})


def _words(tokens: list[Token]) -> str:
    """An image's description as the pane shows it: its text, emphasis dropped."""
    parts: list[str] = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            parts.append(_words(token.children or []))
    return "".join(parts)


def _inline(token: Token) -> str:
    parts: list[str] = []
    in_autolink = False
    for child in token.children or []:
        if child.type == "link_open" and child.markup == "autolink":
            # Qt shows an autolink's address as written; markdown-it's text decodes %20.
            href = str(child.attrs.get("href", ""))
            parts.append(href if "@" not in href else href.removeprefix("mailto:"))
            in_autolink = True
        elif child.type == "link_close":
            in_autolink = False
        elif in_autolink:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append(HARD_BREAK)
        elif child.type == "image":
            parts.append(_words(child.children or []))
    return "".join(parts)


def plain_text(markdown: str) -> str:
    """Blocks' text joined by newlines, as ``QTextDocument.toPlainText()`` gives it."""
    blocks: list[str] = []
    for token in _parser().parse(markdown):
        if token.type == "inline":
            blocks.append(_inline(token))
        elif token.type in ("fence", "code_block"):
            blocks.extend(token.content.rstrip("\n").split("\n"))
        elif token.type == "hr":
            blocks.append("")
    return "\n".join(blocks)
