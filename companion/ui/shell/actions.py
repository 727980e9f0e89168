"""The window's actions: one place for names, shortcuts, tooltips and icons."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from companion import __version__
from companion.paths import resources_dir
from companion.qt.safe_text import tip

if TYPE_CHECKING:
    from companion.ui.shell.window import MainWindow

Key = QKeySequence.StandardKey


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
    about: QAction
    tabs: list[QAction]


def _icon(name: str) -> QIcon:
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


def make_action(
    window: QWidget,
    text: str,
    tip: str,
    keys: list[QKeySequence | Key | str],
    icon: str | None = None,
) -> QAction:
    action = QAction(text, window)
    sequences: list[QKeySequence] = []
    for key in keys:
        found = QKeySequence.keyBindings(key) if isinstance(key, Key) else [QKeySequence(key)]
        # A bare Backspace (a standard "Back" binding) would fire while typing elsewhere.
        for sequence in found:
            if sequence not in sequences and "Backspace" not in sequence.toString():
                sequences.append(sequence)
    action.setShortcuts(sequences)
    shortcut = (
        f" ({sequences[0].toString(QKeySequence.SequenceFormat.NativeText)})" if sequences else ""
    )
    action.setToolTip(f"{tip}{shortcut}")
    action.setStatusTip(tip)
    if icon:
        action.setIcon(_icon(icon))
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build(window: MainWindow) -> Actions:
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
        about=make_action(window, "&About Companion", "Versions and the open bundle", []),
        tabs=[],
    )
    acts.open_bundle.triggered.connect(lambda: _choose_bundle(window))
    acts.print_summary.triggered.connect(window.print_summary)
    acts.preview_summary.triggered.connect(window.preview_summary)
    acts.export_summary.triggered.connect(window.export_summary)
    acts.quit.triggered.connect(window.close)
    acts.zoom_in.triggered.connect(lambda: window.set_zoom(window.zoom + 1))
    acts.zoom_out.triggered.connect(lambda: window.set_zoom(window.zoom - 1))
    acts.zoom_reset.triggered.connect(lambda: window.set_zoom(0))
    acts.back.triggered.connect(window.go_back)
    acts.forward.triggered.connect(window.go_forward)
    acts.shortcuts.triggered.connect(lambda: show_shortcuts(window))
    acts.about.triggered.connect(lambda: show_about(window))
    return acts


def update_tab_actions(window: MainWindow) -> None:
    for action in window.act.tabs:
        window.go_menu.removeAction(action)
        window.removeAction(action)
    window.act.tabs = []
    for index, tab in enumerate(window.slots[:9]):
        action = make_action(window, tab.name, f"Show the {tab.name} tab", [f"Ctrl+{index + 1}"])
        action.triggered.connect(lambda _=False, i=index: window.go_to_tab(i))
        window.go_menu.addAction(action)
        window.act.tabs.append(action)


def update_recent_menu(window: MainWindow) -> None:
    menu = window.recent_menu
    menu.clear()
    for folder in window.settings.recent():
        action = menu.addAction(str(folder))
        action.setToolTip(tip(f"Open the bundle in {folder}"))
        action.triggered.connect(lambda _=False, f=folder: window.sig_open_bundle.emit(f))
    menu.setEnabled(not menu.isEmpty())


def _choose_bundle(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog  # dialogs load when first used

    folder = QFileDialog.getExistingDirectory(
        window, "Open a bundle folder (it holds bundle.yaml)", str(window.folder.parent)
    )
    if folder:
        window.sig_open_bundle.emit(Path(folder))


def shortcut_rows(window: MainWindow) -> list[tuple[str, str]]:
    acts = window.act
    listed = [
        acts.open_bundle,
        acts.print_summary,
        acts.quit,
        window.search.action,
        acts.back,
        acts.forward,
        acts.zoom_in,
        acts.zoom_out,
        acts.zoom_reset,
        *acts.tabs,
        *window.notes.act.shortcuts(),
        *window.notes.highlights.act.shortcuts(),
        acts.shortcuts,
    ]
    native = QKeySequence.SequenceFormat.NativeText
    return [
        (a.text().replace("&", ""), ", ".join(s.toString(native) for s in a.shortcuts()))
        for a in listed
    ]


def show_shortcuts(window: MainWindow) -> None:
    import html

    from PySide6.QtWidgets import QMessageBox

    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td><b>{html.escape(keys)}</b></td></tr>"
        for name, keys in shortcut_rows(window)
    )
    box = QMessageBox(window)
    box.setWindowTitle("Keyboard shortcuts")
    box.setText(
        f"<table cellpadding='4'>{rows}</table>"
        "<p>Tab moves between controls; arrow keys move within lists and the Stacey "
        "diagram; Enter or Space activates.</p>"
    )
    box.exec()


def show_about(window: MainWindow) -> None:
    import html

    from PySide6.QtWidgets import QMessageBox

    bundle = window.bundle
    QMessageBox.about(
        window,
        "About Companion",
        f"<h3>Companion {__version__}</h3>"
        "<p>An offline study companion for system leadership.</p>"
        f"<p>Bundle: <b>{html.escape(bundle.title)}</b>, version {html.escape(bundle.version)}<br>"
        f"Folder: {html.escape(str(window.folder))}</p>"
        f"<p>Qt {qVersion()}</p>",
    )
