"""The learner's copies of readings: kept beside the notes, an old one never deleted."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.notes.copies import CopyProblem, CopyStore, copies_folder, load


def test_a_copy_is_kept_and_a_replaced_one_is_renamed(tmp_path: Path) -> None:
    store = CopyStore(copies_folder(tmp_path / "tp.notes.yaml", "tp"))
    first, second = tmp_path / "mine.md", tmp_path / "again.txt"
    first.write_text("# One", encoding="utf-8")
    second.write_text("Two", encoding="utf-8")
    kept = store.attach("reading", first)
    assert kept.kind == "markdown" and kept.path.read_text(encoding="utf-8") == "# One"
    assert store.find("reading") == kept
    replaced = store.attach("reading", second)
    assert store.find("reading") == replaced and replaced.kind == "plain"
    assert [p.name.split(".replaced-")[0] for p in store.folder.glob("*.replaced-*")] == [
        "reading.md"
    ]


def test_only_text_html_markdown_or_pdf_is_attached(tmp_path: Path) -> None:
    source = tmp_path / "tool.exe"
    source.write_bytes(b"MZ")
    with pytest.raises(CopyProblem, match="only Markdown, text, HTML or PDF"):
        CopyStore(tmp_path / "copies").attach("reading", source)


def test_markdown_is_shown_as_safe_html(tmp_path: Path) -> None:
    source = tmp_path / "mine.md"
    source.write_text("**bold** <script>x()</script> ![pic](http://t.example/p.png)")
    copy = CopyStore(tmp_path / "copies").attach("reading", source)
    kind, text = load(copy)
    assert kind == "html" and "<strong>bold</strong>" in text
    assert "script" not in text and "http://t.example" not in text
