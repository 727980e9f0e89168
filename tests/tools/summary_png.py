"""Make the one-page summary as PDF and PNG to look at.

Run ``python3 tests/tools/summary_png.py [OUT_DIR]``.

Writes summary-A4.pdf/.png (no notes: ruled space to write on), summary-Letter-notes.pdf/.png
(long notes on every dimension) and summary-A4-profile.pdf/.png (a few notes and the
learner's profile over two assessments) with poppler's pdftoppm.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp())
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from companion.bundle import load_bundle
from companion.paths import shipped_bundle_dir
from companion.printing.content import summary_content
from companion.printing.output import write_pdf
from companion.qt.app import make_app
from tests.printing.test_summary_pdf import long_notes, some_notes_and_profile


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "summary-pages")
    out.mkdir(parents=True, exist_ok=True)
    make_app()
    bundle = load_bundle(shipped_bundle_dir())
    profile = some_notes_and_profile(bundle)
    for name, paper, notes, with_profile in (
        ("summary-A4", "A4", None, None),
        ("summary-Letter-notes", "Letter", long_notes(bundle), None),
        ("summary-A4-profile", "A4", profile, profile),
    ):
        pdf = out / f"{name}.pdf"
        write_pdf(summary_content(bundle, notes, profile_from=with_profile), pdf, paper)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(out / name)], check=True
        )
        print(out / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
