"""The learner's own offline copies of readings: kept beside the notes, shown safely.

A copy of reading ``R`` is ``<notes folder>/<bundle-id>.copies/R.<ext>``:
Markdown, plain text or HTML (shown in the reading pane and highlighted like
study text) or PDF (opened in the system's viewer when the learner asks).

A copy is the learner's file, not the bundle's, but it is still treated as
untrusted: HTML (and Markdown, which is rendered to HTML first) is rebuilt from
a short list of text tags (``safe_html``), so no script, style, image or other
resource survives to be loaded. The window shows what ``load`` gives
(``companion.ui.copies``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from companion.atomic import atomic_write
from companion.notes.safe_html import markdown_html, safe_html
from companion.notes.store import copies_dir
from companion.regular_files import read_regular

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


# -- reading a copy ---------------------------------------------------------


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
        text = markdown_html(text)
    return "html", safe_html(text)
