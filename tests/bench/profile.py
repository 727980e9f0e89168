"""My profile with 200 assessments: drawing the chart, and opening the view, on the UI thread.

``python3 tests/bench/profile.py [--runs N]``: medians of N runs, each beside the floor
measured in the same run (rendering a bare window of the same size: a QTabWidget with a
QTextEdit), and the 16 ms frame budget the issue sets. The window builds the view in a
start-up step after the first paint, so opening the tab is one paint of a built view;
building it and painting it at once (the cold case) is measured too. Not asserted in any test.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTabWidget, QTextEdit, QWidget

from companion.bundle import load_bundle
from companion.bundle.scale import scale_of
from companion.notes.records import Assessment, Rating
from companion.paths import shipped_bundle_dir
from companion.qt.app import make_app
from tests.bench.suite import median_ms

SIZE = (1100, 720)
ASSESSMENTS = 200
FRAME_MS = 16.0


def assessments(dimensions: list[str], levels: list[str]) -> list[Assessment]:
    found = []
    for n in range(ASSESSMENTS):
        stamp = f"20{10 + n // 12:02d}-{n % 12 + 1:02d}-01T10:00:00.000Z"
        ratings = [
            Rating(dimension=d, level=levels[(n + i) % len(levels)], evidence=f"Did {n}.{i}")
            for i, d in enumerate(dimensions)
        ]
        found.append(Assessment(id=f"a-{n:012d}", ratings=ratings, created=stamp, modified=stamp))
    return found


def render(widget: QWidget) -> None:
    image = QImage(widget.size(), QImage.Format.Format_ARGB32_Premultiplied)
    widget.render(image)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    make_app()
    from companion.ui.profile.view import ProfileView

    bundle = load_bundle(shipped_bundle_dir())
    records = assessments([d.id for d in bundle.dimensions], [lv.key for lv in scale_of(bundle)])
    bare = QTabWidget()
    edit = QTextEdit()
    edit.setPlainText("System leadership asks for new ways of working. " * 200)
    bare.addTab(edit, "Six Dimensions")
    bare.resize(*SIZE)
    bare.show()

    def build_profile() -> QWidget:
        view = ProfileView(bundle)
        view.resize(*SIZE)
        view.set_assessments(records)
        return view

    def open_profile() -> None:
        view = build_profile()
        view.show()
        render(view)
        view.deleteLater()

    shown = ProfileView(bundle)
    shown.resize(*SIZE)
    shown.set_assessments(records)
    shown.show()
    for warm_up in (lambda: render(bare), open_profile, lambda: render(shown.chart)):
        warm_up()  # fonts, styles, imports
    floor = median_ms(lambda: render(bare), args.runs)
    chart = median_ms(lambda: render(shown.chart), args.runs)
    built = median_ms(lambda: build_profile().deleteLater(), args.runs)
    painted = median_ms(lambda: render(shown), args.runs)
    cold = median_ms(open_profile, args.runs)
    print(f"My profile, {ASSESSMENTS} assessments, offscreen, median of {args.runs} runs")
    print(f"{'bare window render (floor)':<40}{floor:>8.1f} ms")
    rows = (
        ("chart drawn", chart),
        ("tab opened (built ahead: one paint)", painted),
        ("built and filled (a start-up step)", built),
        ("built, filled and painted at once", cold),
    )
    for name, value in rows:
        verdict = "under" if value < FRAME_MS else "OVER"
        print(f"{name:<40}{value:>8.1f} ms  {value / floor:>6.2f}x  {verdict} {FRAME_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
