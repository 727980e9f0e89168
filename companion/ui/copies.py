"""The learner's own offline copies of readings: kept beside the notes, shown safely.

A copy of reading ``R`` is ``<notes folder>/<bundle-id>.copies/R.<ext>``:
Markdown, plain text or HTML (shown in the reading pane and highlighted like
study text) or PDF (opened in the system's viewer when the learner asks).

A copy is the learner's file, not the bundle's, but it is still treated as
untrusted: HTML (and Markdown, which is rendered to HTML first) is rebuilt from
a short list of text tags with no attributes but a link's address, so no
script, style, image or other resource survives to be loaded.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextEdit

from companion.atomic import atomic_write
from companion.bundle.pages import SAFE_LINK_SCHEMES
from companion.qt.safe_text import SafeDocument
from companion.regular_files import read_regular

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

CopyKind = Literal["markdown", "plain", "html", "pdf"]
SUFFIXES: dict[str, CopyKind] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "plain",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
#: For the file dialog.
FILE_FILTER = (
    "Your copy (*.md *.markdown *.txt *.html *.htm *.pdf);;Markdown (*.md *.markdown);;"
    "Plain text (*.txt);;HTML (*.html *.htm);;PDF (*.pdf)"
)
#: A copy larger than this is refused (it would take seconds to lay out).
MAX_BYTES = 20 * 1024 * 1024


class CopyProblem(Exception):
    """A file that cannot be attached (the message says why, in plain words)."""


@dataclass(frozen=True)
class CopyFile:
    path: Path
    kind: CopyKind

    @property
    def shown_in_pane(self) -> bool:
        return self.kind != "pdf"


def copies_folder(notes_path: Path, bundle_id: str) -> Path:
    """Where copies are kept: beside the notes file (wherever that is)."""
    from companion.notes.store import copies_dir

    return copies_dir(notes_path, bundle_id)


class CopyStore:
    """The copies of one bundle's readings."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def find(self, item: str) -> CopyFile | None:
        for suffix, kind in SUFFIXES.items():
            path = self.folder / f"{item}{suffix}"
            if path.is_file():
                return CopyFile(path, kind)
        return None

    def attach(self, item: str, source: Path) -> CopyFile:
        """Copy ``source`` in as the copy of ``item``; a previous copy is kept, renamed."""
        suffix = source.suffix.lower()
        kind = SUFFIXES.get(suffix)
        if kind is None:
            raise CopyProblem(
                f"{source.name}: only Markdown, text, HTML or PDF files can be attached"
            )
        try:
            size = source.stat().st_size
            if size > MAX_BYTES:
                raise CopyProblem(f"{source.name} is larger than {MAX_BYTES // 2**20} MB")
            data = read_regular(source, linked_anywhere=True)  # the learner chose it
            self.folder.mkdir(parents=True, exist_ok=True)
            old = self.find(item)
            if old is not None:  # never deleted: the learner may have highlighted it
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
                old.path.rename(old.path.with_name(f"{old.path.name}.replaced-{stamp}"))
            target = self.folder / f"{item}{suffix}"
            atomic_write(target, data)
        except OSError as exc:
            raise CopyProblem(f"{source.name} could not be copied: {exc.strerror or exc}") from exc
        return CopyFile(target, kind)


# -- showing a copy ---------------------------------------------------------


def read_text(path: Path) -> str:
    raw = read_regular(path)[:MAX_BYTES]  # in the copies folder: links stay inside it
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def load(copy: CopyFile) -> tuple[str, str]:
    """What to put in a document: ("plain", text) or ("html", safe HTML)."""
    text = read_text(copy.path)
    if copy.kind == "plain":
        return "plain", text
    if copy.kind == "markdown":
        text = _markdown().render(text)
    return "html", safe_html(text)


def render(target: QTextDocument | QTextEdit, content: tuple[str, str]) -> None:
    """Fill a document or a browser with what ``load`` gave (the pane and anchoring use this)."""
    kind, text = content
    if kind == "plain":
        target.setPlainText(text)
    else:
        target.setHtml(text)


def plain_text(content: tuple[str, str]) -> str:
    """The copy's plain text, exactly as the reading pane's document gives it."""
    document = SafeDocument()
    render(document, content)
    return document.toPlainText()


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


# -- HTML, rebuilt from text tags only ----------------------------------------

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
