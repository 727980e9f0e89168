"""The Qt-free plain text equals what the reading pane's QTextDocument shows.

Highlights are anchored in that text; the command line computes it without Qt.
"""

from __future__ import annotations

import pytest

from companion.bundle.model import Bundle, iter_items
from companion.bundle.pages import PageBuilder
from companion.bundle.plaintext import plain_text
from companion.qt.app import make_app
from companion.qt.safe_text import SafeDocument, set_markdown

SAMPLES = [
    "# Heading\n\nA paragraph with *emphasis*, **strong** and `code`.",
    "Soft\nbreak, and a hard  \nbreak.",
    "- one\n- two\n  - nested\n- [a link](item:x) and <https://example.org/a%20b>",
    "1. first\n2. second\n\n> a quote\n> on two lines",
    "```\ncode block\n  indented\n```\n\nAfter.",
    "Text with émoji 😀, right-to-left שלום and combining e\u0301.",
    "A line\n\n---\n\nafter a rule",
    "![an image](http://example.org/x.png) in text",
    # Raw HTML is text and images are their descriptions (nothing is ever loaded).
    'Raw <img src="/etc/hostname"> and <b>tags</b> &amp; entities',
    '<div>\n<img src="/etc/hostname">\n</div>\n\nAfter a block of HTML.',
    "a ![](/x) b; ![c `d` e](/x); ![**bold** _it_](x); ![a\nb](x)",
    "![a](x)![a](x) and [![inside](x)](https://example.org) and ![r][ref]\n\n[ref]: /etc/x",
    "![a &amp; b](x) ![a\\*b](x) ![a ![b](y)](x)",
]


def qt_text(markdown: str) -> str:
    document = SafeDocument()
    set_markdown(document, markdown)
    return document.toPlainText()


@pytest.fixture(autouse=True)
def _app() -> None:
    make_app()


def test_every_shipped_item(shipped: Bundle) -> None:
    pages = PageBuilder(shipped)
    differing = [
        item.id
        for _, item in iter_items(shipped)
        if plain_text(pages.page(item).body) != qt_text(pages.page(item).body)
    ]
    assert differing == []


@pytest.mark.parametrize("markdown", SAMPLES)
def test_markdown_samples(markdown: str) -> None:
    assert plain_text(markdown) == qt_text(markdown)
