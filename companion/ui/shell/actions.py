"""The window's actions (the features make their own), the recent-bundles menu and Help."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import msgspec
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from companion import __version__
from companion.bundle.model import Bundle
from companion.paths import shipped_bundle_dir
from companion.qt.safe_text import tip
from companion.ui.kit.actions import Key, make_action


# A Struct, not a dataclass: making a dataclass compiles its methods (~1 ms of start-up).
class Actions(msgspec.Struct):
    open_bundle: QAction
    print_summary: QAction
    preview_summary: QAction
    export_summary: QAction
    quit: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    back: QAction
    forward: QAction
    shortcuts: QAction
    getting_started: QAction
    about: QAction
    tabs: list[QAction]


def build(window: QWidget) -> Actions:
    """The window's own actions (it connects them), each with its shortcut in ``window``."""
    acts = Actions(
        open_bundle=make_action(window, "&Open Bundle…", "Open another bundle folder", [Key.Open]),
        print_summary=make_action(
            window, "&Print Summary…", "Print the one-page six-dimension summary", [Key.Print]
        ),
        preview_summary=make_action(
            window, "Print Pre&view…", "See the one-page summary before printing", []
        ),
        export_summary=make_action(
            window, "&Export Summary as PDF…", "Save the one-page summary as a PDF", []
        ),
        quit=make_action(window, "&Quit", "Quit Companion", [Key.Quit, "Ctrl+Q"]),
        zoom_in=make_action(
            window, "Zoom &In", "Make the text larger", [Key.ZoomIn, "Ctrl+="], "zoom-in"
        ),
        zoom_out=make_action(
            window, "Zoom &Out", "Make the text smaller", [Key.ZoomOut], "zoom-out"
        ),
        zoom_reset=make_action(window, "&Actual Size", "Reset the text size", ["Ctrl+0"]),
        back=make_action(window, "&Back", "Go back to the previous item", [Key.Back], "back"),
        forward=make_action(window, "&Forward", "Go forward again", [Key.Forward], "forward"),
        shortcuts=make_action(
            window, "&Keyboard Shortcuts", "List the keyboard shortcuts", [Key.HelpContents]
        ),
        getting_started=make_action(
            window,
            "&Getting Started",
            "What this touch-point is, how to study it, and the keys that matter",
            [],
        ),
        about=make_action(window, "&About Companion", "Versions and the open bundle", []),
        tabs=[],
    )
    return acts


def tab_actions(
    window: QWidget, names: list[str], go_to_tab: Callable[[int], None]
) -> list[QAction]:
    """Ctrl+1 … Ctrl+9: one action per tab."""
    made = []
    for index, name in enumerate(names[:9]):
        action = make_action(window, name, f"Show the {name} tab", [f"Ctrl+{index + 1}"])
        action.triggered.connect(lambda _=False, i=index: go_to_tab(i))
        made.append(action)
    return made


def fill_recent_menu(menu: QMenu, folders: list[Path], open_folder: Callable[[Path], None]) -> None:
    menu.clear()
    for folder in folders:
        action = menu.addAction(str(folder))
        action.setToolTip(tip(f"Open the bundle in {folder}"))
        action.triggered.connect(lambda _=False, f=folder: open_folder(f))
    menu.setEnabled(not menu.isEmpty())


def open_start(current: Path) -> Path:
    """Where File → Open starts: beside the bundle open now, or the home folder when that
    is the bundle shipped inside the installed package (nobody keeps bundles there)."""
    if current.resolve() == shipped_bundle_dir().resolve() or not current.parent.is_dir():
        return Path.home()
    return current.parent


def choose_bundle(parent: QWidget, current: Path) -> Path | None:
    """Ask for a bundle folder (None: the learner cancelled)."""
    from PySide6.QtWidgets import QFileDialog  # dialogs load when first used

    start = open_start(current)
    folder = QFileDialog.getExistingDirectory(
        parent, "Open a bundle folder (it holds bundle.yaml)", str(start)
    )
    return Path(folder) if folder else None


def shortcut_rows(listed: Sequence[QAction]) -> list[tuple[str, str]]:
    """Each action's name and its shortcuts, as Help → Keyboard Shortcuts lists them."""
    native = QKeySequence.SequenceFormat.NativeText
    return [
        (a.text().replace("&", ""), ", ".join(s.toString(native) for s in a.shortcuts()))
        for a in listed
    ]


def show_shortcuts(parent: QWidget, rows: list[tuple[str, str]]) -> None:
    import html

    from PySide6.QtWidgets import QMessageBox

    table = "".join(
        f"<tr><td>{html.escape(name)}</td><td><b>{html.escape(keys)}</b></td></tr>"
        for name, keys in rows
    )
    box = QMessageBox(parent)
    box.setWindowTitle("Keyboard shortcuts")
    box.setText(
        f"<table cellpadding='4'>{table}</table>"
        "<p>Tab moves between controls; arrow keys move within lists and the Stacey "
        "diagram; Enter or Space activates.</p>"
    )
    box.exec()


def show_about(parent: QWidget, bundle: Bundle, folder: Path) -> None:
    import html

    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(
        parent,
        "About Companion",
        f"<h3>Companion {__version__}</h3>"
        "<p>An offline study companion for system leadership.</p>"
        f"<p>Bundle: <b>{html.escape(bundle.title)}</b>, version {html.escape(bundle.version)}<br>"
        f"Folder: {html.escape(str(folder))}</p>"
        f"<p>Qt {qVersion()}</p>",
    )
