"""Showing text from a bundle or a learner without Qt reading a file or the network.

Qt treats text as a small web page in more places than it seems:

- A QTextDocument (the reading pane, the note preview, search results, the
  printed summary) asks for every image and style sheet its text names, and
  when given nothing usable it opens the name as a path itself, relative or
  absolute (on Windows ``file://server/share/x`` is network traffic). Every
  document Companion fills is a ``SafeDocument`` or a browser whose
  ``loadResource`` is ``refused_resource``: a blank image from memory, or nothing.
- Markdown may carry raw HTML and images: ``set_markdown`` reads it with HTML
  off and shows each image as its description, so nothing is asked for at all.
- A QLabel, a tooltip and a message box guess that text starting with a tag is
  HTML. Labels showing such text are ``plain_label``; tooltips go through
  ``tip``; message boxes through ``message_box``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QTextEdit, QWidget

if TYPE_CHECKING:  # each Qt type costs start-up when first named at run time
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QImage, QTextFormat, QTextFragment
    from PySide6.QtWidgets import QMessageBox

#: Qt.TextFormat.PlainText, set through the Qt property by its value: naming Qt's
#: namespace at run time builds all of its Python enums (~120M instructions of start-up).
PLAIN_TEXT = 0
#: QTextDocument.ResourceType.ImageResource.
IMAGE_RESOURCE = 2


@cache
def markdown_features() -> QTextDocument.MarkdownFeature:
    """GitHub's Markdown (Qt's default) without raw HTML, which Qt would read as HTML."""
    feature = QTextDocument.MarkdownFeature
    return feature.MarkdownDialectGitHub | feature.MarkdownNoHTML


@cache
def _image_properties() -> tuple[QTextFormat.Property, ...]:
    from PySide6.QtGui import QTextFormat

    p = QTextFormat.Property
    return (
        p.ObjectType,
        p.ImageName,
        p.ImageAltText,
        p.ImageTitle,
        p.ImageWidth,
        p.ImageHeight,
        p.ImageQuality,
        p.ImageMaxWidth,
    )


@cache
def _blank_image() -> QImage:
    from PySide6.QtGui import QImage

    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(0)
    return image


def refused_resource(kind: int) -> QImage | QByteArray:
    """What a document gets for any resource it asks for: never the named file.

    An empty answer is not enough: Qt then loads the name itself, and an image it
    cannot decode is loaded again by name (measured under strace), so an image is
    answered with a real, blank one.
    """
    from PySide6.QtCore import QByteArray

    return _blank_image() if kind == IMAGE_RESOURCE else QByteArray()


class SafeDocument(QTextDocument):
    """A document that never loads a resource (for the summary, search rows, anchoring)."""

    def __init__(self) -> None:
        super().__init__()
        self.setUndoRedoEnabled(False)  # filled by Companion, never edited: nothing to undo

    def loadResource(self, kind: int, name: Any) -> Any:
        return refused_resource(kind)


def set_markdown(target: QTextDocument | QTextEdit, markdown: str) -> None:
    """Fill ``target`` with ``markdown``: raw HTML stays text, images become their words.

    ``companion.bundle.plaintext`` gives the same plain text without Qt.
    """
    document = target if isinstance(target, QTextDocument) else target.document()
    document.setMarkdown(markdown, markdown_features())
    images_as_words(document)
    if isinstance(target, QTextEdit):
        cursor = target.textCursor()
        cursor.setPosition(0)
        target.setTextCursor(cursor)


def fragments(document: QTextDocument) -> Iterator[QTextFragment]:
    """Every run of text of one format in ``document``, in order."""
    block = document.begin()
    while block.isValid():
        runs = block.begin()
        while not runs.atEnd():
            yield runs.fragment()
            runs += 1
        block = block.next()


def images_as_words(document: QTextDocument) -> None:
    """Replace every image in ``document`` by its description, in the same character format.

    Qt splits a description with emphasis into one image per run of text, each with
    that run as its description; put back together they read as the description.
    """
    # Where each image is, read before the first edit moves the rest.
    images = [
        (f.position(), f.length(), f.charFormat())
        for f in fragments(document)
        if f.charFormat().isImageFormat()
    ]
    if not images:
        return
    from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat

    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for position, length, fmt in reversed(images):
        words = str(fmt.property(QTextFormat.Property.ImageAltText) or "")
        text_format = QTextCharFormat(fmt)
        for name in _image_properties():
            text_format.clearProperty(name)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(words * length, text_format)  # identical images merge into one run
    cursor.endEditBlock()


def escape(text: str) -> str:
    """``text`` for rich text: shown as these very characters (``html`` costs start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def tip(text: str) -> str:
    """A tooltip showing ``text`` exactly: Qt reads a tooltip that looks like HTML as HTML."""
    if "<" not in text and "&" not in text:
        return text  # Qt.mightBeRichText needs a tag or "&lt;": shown as it is
    return f'<p style="white-space:pre-wrap">{escape(text)}</p>'


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows its text as it is, whatever it looks like."""
    label = QLabel(parent)
    label.setProperty("textFormat", PLAIN_TEXT)
    label.setText(text)
    return label


def message_box(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    icon: QMessageBox.Icon | None = None,
    details: str = "",
) -> QMessageBox:
    """A message box showing ``text`` and ``details`` as they are (the caller adds buttons)."""
    from PySide6.QtCore import Qt  # not before the first paint (see PLAIN_TEXT)
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    if icon is not None:
        box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the details follow it
    box.setText(text)
    if details:
        box.setInformativeText(details)
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """``QMessageBox.warning`` for text that may look like HTML."""
    from PySide6.QtWidgets import QMessageBox

    box = message_box(parent, title, text, icon=QMessageBox.Icon.Warning)
    box.exec()


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """``QMessageBox.question`` for text that may look like HTML: True for Yes."""
    from PySide6.QtWidgets import QMessageBox

    box = message_box(parent, title, text, icon=QMessageBox.Icon.Question)
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Yes | buttons.No)
    box.setDefaultButton(buttons.Yes)
    return box.exec() == buttons.Yes
