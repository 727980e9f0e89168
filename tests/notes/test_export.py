"""Exports: the Markdown a learner reads (golden file, no raw HTML) and the W3C shape."""

from __future__ import annotations

import html
import os
from pathlib import Path

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from companion.notes.export import (
    ANNO_CONTEXT,
    NOT_IN_BUNDLE,
    ORPHAN_MARK,
    STYLESHEET,
    code,
    count_placements,
    export_markdown,
    export_w3c,
    has_html,
    inline,
    learner_markdown,
    plain,
    xsd_datetime,
)
from companion.notes.model import Highlight, Note, empty_file

from .known_notes import T1, T2, T3, highlight_on, known_notes, shipped

GOLDEN = Path(__file__).parent / "golden" / "export.md"
#: Set to rewrite the golden file from the code (then read the diff before committing it).
UPDATE = os.environ.get("COMPANION_UPDATE_GOLDEN") == "1"

_md = MarkdownIt("commonmark")


def rendered_text(markdown: str) -> str:
    """The text CommonMark shows for one paragraph (tags dropped, entities decoded)."""
    out = _md.render(markdown).strip()
    assert out.startswith("<p>") and out.endswith("</p>"), out
    return html.unescape(out[3:-4])


# -- Markdown ---------------------------------------------------------------
def test_markdown_export_matches_the_golden_file() -> None:
    text = export_markdown(shipped(), known_notes())
    if UPDATE:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_markdown_export_is_deterministic_whatever_the_record_order() -> None:
    data = known_notes()
    shuffled = msgspec.structs.replace(
        data,
        bookmarks=data.bookmarks[::-1],
        notes=data.notes[::-1],
        highlights=data.highlights[::-1],
    )
    assert export_markdown(shipped(), shuffled) == export_markdown(shipped(), data)


def test_markdown_export_has_no_raw_html_and_keeps_everything() -> None:
    data = known_notes()
    text = export_markdown(shipped(), data)
    assert not has_html(text)
    # Every highlight and note is there, the trash is not.
    for highlight in data.highlights:
        assert plain(highlight.exact.split("\n")[0]) in text
    for note in data.notes:
        assert learner_markdown(note.body).split("\n")[0] in text
    assert "A deleted note" not in text
    # Orphans and records on missing items are kept and marked.
    assert text.count(ORPHAN_MARK) == 2
    assert f"## {NOT_IN_BUNDLE}" in text and "### `retired-reading`" in text


def test_markdown_tabs_follow_the_bundle_order() -> None:
    text = export_markdown(shipped(), known_notes())
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Definitions",
        "## Six Dimensions",
        "## Stacey Model",
        "## Readings",
        "## Voices",
        f"## {NOT_IN_BUNDLE}",
    ]


def test_markdown_every_quote_line_is_quoted() -> None:
    text = export_markdown(shipped(), known_notes())
    block = text[text.index("#### Blue highlight") :].split("\n\n")[1]
    assert block.splitlines() == [
        "> Core capability 2: fostering reflection and more generative conversations.",
        ">",
        "> Core capability 3: shifting the collective focus",
    ]


def test_markdown_of_nothing_says_so() -> None:
    text = export_markdown(shipped(), empty_file("touchpoint-7"))
    assert "0 bookmarks, 0 highlights and 0 notes" in text
    assert "Nothing yet" in text


def test_learner_markdown_keeps_markdown_and_code_but_not_html() -> None:
    note = "**bold** <em>x</em> `a<b` <https://example.org> \\<kept\n\n```\n<div>\n```\n<div>"
    safe = learner_markdown(note)
    assert safe == (
        "**bold** \\<em>x\\</em> `a<b` <https://example.org> \\<kept\n\n```\n<div>\n```\n\\<div>"
    )
    assert not has_html(safe)


def test_an_open_code_fence_is_closed_so_it_cannot_swallow_the_export() -> None:
    data = msgspec.structs.replace(
        empty_file("touchpoint-7"),
        notes=[
            Note(id="n-1", item="ways-of-being", body="```\ncode", created=T1, modified=T1),
            Note(id="n-2", item="ways-of-doing", body="after", created=T1, modified=T1),
        ],
    )
    text = export_markdown(shipped(), data)
    tokens = _md.parse(text)
    headings = [t.content for t in tokens if t.type == "inline" and "Note," in t.content]
    assert len(headings) == 2


_learner_text = st.lists(
    st.sampled_from(
        [*"ab <>/`\\*_[]()!&#;:-=~1.\n\t", "https://x.y", "<div>", "```", "    ", "<!--"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(note=_learner_text, exact=_learner_text, tag=_learner_text)
def test_no_learner_text_can_inject_html(note: str, exact: str, tag: str) -> None:
    bundle = shipped()
    data = msgspec.structs.replace(
        empty_file(bundle.id),
        highlights=[
            Highlight(
                id="h-x",
                item="ways-of-being",
                exact=exact or "x",
                start=0,
                end=1,
                note=note,
                tags=[tag],
                created=T1,
                modified=T1,
            )
        ],
        notes=[Note(id="n-x", item=tag or "x", body=note, created=T1, modified=T1)],
    )
    assert not has_html(export_markdown(bundle, data))


_visible = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@settings(max_examples=300, deadline=None)
@given(_visible)
def test_plain_and_inline_text_show_exactly_as_written(text: str) -> None:
    assert rendered_text(plain(text)) == text
    assert rendered_text("Tags: " + inline(text)) == "Tags: " + text


def test_code_spans_survive_backticks() -> None:
    assert code("a-b") == "`a-b`"
    assert rendered_text(code("a`b")) == "<code>a`b</code>"
    assert rendered_text(code("`x")) == "<code>`x</code>"


# -- placing ----------------------------------------------------------------
def test_placement_counts() -> None:
    bundle = shipped()
    data = known_notes()
    moved = highlight_on(bundle, "h-m", "ways-of-being", "courage")
    moved = msgspec.structs.replace(moved, start=moved.start + 3, end=moved.end + 3)
    changed = msgspec.structs.replace(
        highlight_on(bundle, "h-a", "ways-of-being", "The last dimension concerns personal"),
        exact="The last dimension concern personal",
    )
    counts = count_placements(bundle, [*data.highlights, moved, changed])
    assert (counts.exact, counts.approximate, counts.orphaned) == (5, 1, 2)


# -- W3C --------------------------------------------------------------------
def _by_id(doc: dict[str, object]) -> dict[str, dict[str, object]]:
    first = doc["first"]
    assert isinstance(first, dict)
    return {a["id"]: a for a in first["items"]}


def test_w3c_collection_shape() -> None:
    data = known_notes()
    doc = export_w3c(shipped(), data)
    assert doc["@context"] == ANNO_CONTEXT
    assert doc["id"] == "urn:companion:touchpoint-7:notes"
    assert doc["type"] == "AnnotationCollection"
    assert doc["label"] == "Companion notes on Touch-point seven: system leadership practices"
    assert doc["total"] == 3 + 6 + 4
    page = doc["first"]
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 0
    assert len(page["items"]) == doc["total"]
    assert {a["@context"] for a in page["items"]} == {ANNO_CONTEXT}


def test_w3c_highlight_with_note_and_tags() -> None:
    data = known_notes()
    highlight = data.highlights[0]
    found = _by_id(export_w3c(shipped(), data))[
        f"urn:companion:touchpoint-7:annotation:{highlight.id}"
    ]
    assert found["motivation"] == "commenting"
    assert (found["created"], found["modified"]) == (T1, T2)
    assert found["body"] == [
        {
            "type": "TextualBody",
            "value": highlight.note,
            "format": "text/markdown",
            "purpose": "commenting",
        },
        {"type": "TextualBody", "value": "definitions", "purpose": "tagging"},
        {"type": "TextualBody", "value": "shared leadership", "purpose": "tagging"},
    ]
    assert found["target"] == {
        "type": "SpecificResource",
        "source": "urn:companion:touchpoint-7:systems-leadership-definition",
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": highlight.exact,
                "prefix": highlight.prefix,
                "suffix": highlight.suffix,
            },
            {"type": "TextPositionSelector", "start": highlight.start, "end": highlight.end},
        ],
        "styleClass": "companion-green",
    }
    assert found["stylesheet"] == {"type": "CssStylesheet", "value": STYLESHEET}
    assert ".companion-green {" in STYLESHEET


def test_w3c_bare_highlight_note_and_bookmark() -> None:
    items = _by_id(export_w3c(shipped(), known_notes()))
    bare = items["urn:companion:touchpoint-7:annotation:h-1b2c3d4e5f60"]
    assert bare["motivation"] == "highlighting" and "body" not in bare
    note = items["urn:companion:touchpoint-7:annotation:n-000000000003"]
    assert note["motivation"] == "commenting"
    assert note["target"] == "urn:companion:touchpoint-7:voice-simple-and-complex"
    assert "stylesheet" not in note
    bookmark = items["urn:companion:touchpoint-7:annotation:b-stacey-model"]
    assert bookmark["motivation"] == "bookmarking"
    assert bookmark["target"] == "urn:companion:touchpoint-7:stacey-model"
    assert bookmark["created"] == bookmark["modified"] == T2
    assert "body" not in bookmark
    assert "urn:companion:touchpoint-7:annotation:n-000000000009" not in items  # the trash


def test_w3c_times_are_xsd_datetimes() -> None:
    assert xsd_datetime(T3) == T3
    assert xsd_datetime("2026-01-01") == "2026-01-01T00:00:00.000Z"
    assert xsd_datetime("2026-01-01T10:00:00+02:00") == "2026-01-01T10:00:00+02:00"
    assert xsd_datetime("2026-01-01T10:00:00") == "2026-01-01T10:00:00.000Z"
