"""One-page summary generation against a bare one-page QTextDocument print, in one process.

``python3 tests/bench/summary.py [--runs N]``: medians of N runs of each, and the ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

from companion.bundle import load_bundle
from companion.paths import shipped_bundle_dir
from companion.printing.content import summary_content
from companion.printing.output import write_pdf
from companion.qt.app import make_app

SECTION = "<h3>{n}</h3><p>" + "System leadership asks for new ways of working. " * 20 + "</p>"


def bare_print(path: Path) -> None:
    """The floor: six headed sections of ~150 words, one A4 page."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.size()))
    document.setHtml("".join(SECTION.format(n=n) for n in range(6)))
    document.print_(writer)


def timed(action: object, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    make_app()
    bundle = load_bundle(shipped_bundle_dir())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        bare_print(out / "warm.pdf")
        write_pdf(summary_content(bundle), out / "warm2.pdf")
        floor = timed(lambda: bare_print(out / "bare.pdf"), args.runs)
        ours = timed(lambda: write_pdf(summary_content(bundle), out / "s.pdf"), args.runs)
    print(f"One-page PDF, in-process, median of {args.runs} runs")
    print(f"{'bare QTextDocument print (floor)':<36}{floor:>8.1f} ms")
    print(f"{'Companion summary':<36}{ours:>8.1f} ms")
    print(f"{'ratio':<36}{ours / floor:>8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
