"""The notes file: exact round trips of any text, stable bytes, precise errors, migrations."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import msgspec
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from companion import yamlio
from companion.notes.fileformat import (
    NotesCorrupt,
    NotesTooNew,
    parse,
    serialize,
)
from companion.notes.model import NOTES_SCHEMA_VERSION, Bookmark, Note, NotesFile
from companion.notes.store import open_notes, save_notes
from companion.unbroken import NOTES_LIMIT

from .record_strategies import records

FILE = Path("tp.notes.yaml")

#: Strings YAML would read as something else, or that break naive writers.
HOSTILE = [
    "yes", "no", "Yes", "NO", "on", "off", "y", "n", "true", "False", "~", "null", "Null",
    "", " ", "  ", "0", "-0", "007", "0x1F", "0o17", "1e3", "1_000", ".5", ".inf", "-.inf",
    ".nan", "2024-01-01", "2024-01-01T10:00:00Z", "12:30:45", "<<", "=", "!", "!!str",
    "&anchor", "*alias", "%TAG", "@", "`", "|", ">", "|-", ">+", "?", "? x", ": ", "a: b",
    "a:b", "key:", "#", "# not a comment", "a #b", "---", "...", "--- x", "... x", "- x",
    "-", "[a, b]", "{a: b}", "'", '"', "''", '"quoted"', "\\", "\\n", " leading", "trailing ",
    "\ttab", "tab\t", "a\tb", "line\nbreak", "\n", "\n\n", "trail\n", "\nlead", "crlf\r\n",
    "a\r\nb", "lone\rcr", "\r", "nel\x85x", "\x85", "ls\u2028x", "ps\u2029x", "\ufeff",
    "\ufeffbom", "bom\ufeff", "nul\x00x", "\x00", "bell\x07", "esc\x1b[0m", "del\x7f",
    "\x80\x9f", "nbsp\xa0", "\u200b", "zwj\u200d", "\ufffe", "\uffff", "\U0010fffd",
    "e\u0301", "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd \u202eabc",
    "\U0001f469\u200d\U0001f4bb", "\U0001f1ec\U0001f1e7", "\u0928\u092e\u0938\u094d\u0924\u0947",
    "  indented\n  block\n", "a\n b\n  c", " \n ", "x\n\t", "text   \nwith trailing spaces",
    "- [ ] task\n- [x] done\n\n> quote\n\n```\ncode: yes\n---\n```\n",
]  # fmt: skip

#: Any Unicode character except surrogates (which UTF-8 cannot hold).
ANY_CHAR = st.characters(codec="utf-8")
#: Any Unicode text, mixed with hostile pieces.
TEXT = st.one_of(
    st.text(ANY_CHAR),
    st.sampled_from(HOSTILE),
    st.lists(
        st.one_of(st.sampled_from(HOSTILE), st.text(ANY_CHAR)),
        max_size=6,
    ).map("".join),
)
STAMP = st.one_of(st.datetimes().map(lambda d: d.isoformat(timespec="milliseconds") + "Z"), TEXT)


@st.composite
def notes_files(draw: st.DrawFn) -> NotesFile:
    def note(note_id: str, *, trashed: bool) -> Note:
        return Note(
            id=note_id,
            item=draw(TEXT),
            body=draw(TEXT),
            tags=draw(st.lists(TEXT, max_size=4)),
            created=draw(STAMP),
            modified=draw(STAMP),
            deleted=draw(STAMP) if trashed else None,
        )

    ids = draw(st.lists(TEXT, unique=True, max_size=12))
    split, other = sorted(draw(st.lists(st.integers(0, len(ids)), min_size=2, max_size=2)))
    items = draw(st.lists(TEXT, unique=True, max_size=5))
    assessments, challenges = draw(records(ids[other:], TEXT, STAMP))
    return NotesFile(
        schema_version=NOTES_SCHEMA_VERSION,
        bundle=draw(TEXT),
        bookmarks=[Bookmark(item=item, created=draw(STAMP)) for item in items],
        notes=[note(i, trashed=False) for i in ids[:split]],
        trash=[note(i, trashed=True) for i in ids[split:other]],
        assessments=assessments,
        challenges=challenges,
    )


def _one_note(body: str = "", tags: list[str] | None = None, **fields: str) -> NotesFile:
    note = Note(
        id=fields.get("id", "n-1"),
        item=fields.get("item", "item-1"),
        body=body,
        tags=tags or [],
        created="2024-01-01T00:00:00.000Z",
        modified="2024-01-01T00:00:00.000Z",
    )
    return NotesFile(
        schema_version=NOTES_SCHEMA_VERSION, bundle=fields.get("bundle", "tp"), notes=[note]
    )


ROUND_TRIP = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(notes_files())
def test_serialize_then_parse_gives_the_same_records(data: NotesFile) -> None:
    raw = serialize(data, FILE.name)
    parsed = parse(raw, FILE)
    assert parsed.data == data.normalised()
    assert parsed.migrated_from is None
    # Writing what was read gives the very same bytes.
    assert serialize(parsed.data, FILE.name) == raw


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=notes_files())
def test_save_then_open_gives_the_same_records(data: NotesFile) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tp.notes.yaml"
        save_notes(path, data)
        save_notes(path, data)  # over a previous generation, too
        opened = open_notes(path, data.bundle)
        assert opened.problem is None and opened.read_only is None
        assert opened.data == data.normalised()


@pytest.mark.parametrize("text", HOSTILE)
def test_every_hostile_string_survives_in_every_place(text: str) -> None:
    data = NotesFile(
        schema_version=NOTES_SCHEMA_VERSION,
        bundle=text,
        bookmarks=[Bookmark(item=text, created=text)],
        notes=[Note(id=text, item=text, body=text, tags=[text, "x"], created=text, modified=text)],
        trash=[
            Note(
                id="t" + text,
                item=text,
                body=text,
                created=text,
                modified=text,
                deleted=text,
            )
        ],
    )
    assert parse(serialize(data), FILE).data == data.normalised()


@given(
    chunk=st.text(ANY_CHAR, min_size=1, max_size=64),
    tags=st.lists(TEXT, max_size=3),
)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(chunk="word ", tags=[])
@example(chunk="x", tags=[])  # one line of 50,000 characters without a space to fold at
@example(chunk="- item *em* **strong**\n", tags=["md"])
@example(chunk="\r\n", tags=[])
def test_very_long_notes_come_back_whole(chunk: str, tags: list[str]) -> None:
    # Longer runs without a space are refused (test_unbroken_text_is_refused_with_its_line).
    spaced = any(c.isspace() for c in chunk)
    body = chunk * ((100_000 if spaced else NOTES_LIMIT) // len(chunk))
    data = _one_note(body, tags)
    parsed = parse(serialize(data), FILE)
    assert parsed.data.notes[0].body == body and parsed.data.notes[0].tags == tags


@pytest.mark.timeout(60)
def test_unbroken_text_is_refused_with_its_line() -> None:
    word = "x" * 10 * 2**20  # 10 MB without a space: the window would freeze showing it
    raw = (
        "schema_version: 2\nbundle: tp\nnotes:\n"
        "  - id: n-1\n    item: item-1\n    created: 2024-01-01T00:00:00Z\n"
        "    modified: 2024-01-01T00:00:00Z\n"
        f"    body: a few words, then {word}\n"
    ).encode()
    with pytest.raises(NotesCorrupt) as refused:
        parse(raw, FILE)
    assert refused.value.line == 8
    assert str(refused.value) == (
        f"{FILE}:8: the text has 10,485,760 characters without a space or line break (from "
        f"character 19); at most {NOTES_LIMIT:,} are allowed, as longer text cannot be "
        "wrapped and would freeze the window"
    )


def test_multiline_notes_are_written_as_readable_blocks() -> None:
    raw = serialize(_one_note("# Title\n\n- one\n- two: yes\n"))
    assert b"body: |\n    # Title\n\n    - one\n    - two: yes\n" in raw


def test_the_file_says_what_it_is() -> None:
    raw = serialize(_one_note(), "tp.notes.yaml")
    text = raw.decode("utf-8")
    assert text.startswith("# Companion notes")
    assert "tp.notes.yaml.bak" in text
    assert f"schema_version: {NOTES_SCHEMA_VERSION}\nbundle: tp\n" in text
    assert "\r" not in text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=notes_files(), order=st.randoms(use_true_random=False))
def test_bytes_do_not_depend_on_insertion_order(data: NotesFile, order: object) -> None:
    import random

    assert isinstance(order, random.Random)
    shuffled = NotesFile(
        schema_version=data.schema_version,
        bundle=data.bundle,
        bookmarks=order.sample(data.bookmarks, len(data.bookmarks)),
        notes=order.sample(data.notes, len(data.notes)),
        trash=order.sample(data.trash, len(data.trash)),
        assessments=order.sample(data.assessments, len(data.assessments)),
        challenges=order.sample(data.challenges, len(data.challenges)),
    )
    assert serialize(shuffled) == serialize(data) == serialize(data)


def test_one_edit_changes_only_its_own_lines() -> None:
    """A diff or a merge of the file sees small clean changes."""
    notes = [
        Note(
            id=f"n-{i:03d}",
            item=f"item-{i % 7}",
            body=f"Note {i}\nsecond line",
            tags=["t"],
            created=f"2024-01-01T00:00:{i % 60:02d}.000Z",
            modified="2024-01-02T00:00:00.000Z",
        )
        for i in range(50)
    ]
    before = NotesFile(schema_version=1, bundle="tp", notes=notes)
    edited = list(notes)
    edited[17] = msgspec.structs.replace(notes[17], body="Note 17\nchanged line")
    after = NotesFile(schema_version=1, bundle="tp", notes=edited)
    old, new = serialize(before).splitlines(), serialize(after).splitlines()
    assert len(old) == len(new)
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [
        (b"    second line", b"    changed line")
    ]


# -- errors: the right class and the right line ------------------------------------------

GOOD = """\
schema_version: 1
bundle: tp
bookmarks:
- item: item-2
  created: '2024-01-01T00:00:00.000Z'
notes:
- id: n-1
  item: item-1
  body: hello
  tags:
  - a
  created: '2024-01-01T00:00:00.000Z'
  modified: '2024-01-01T00:00:00.000Z'
"""


def test_the_reference_file_is_good() -> None:
    data = parse(GOOD.encode(), FILE).data
    assert data.notes[0].body == "hello" and data.bookmarks[0].item == "item-2"


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        pytest.param(
            GOOD.replace("body: hello", "body: hello: there"), 9, "invalid YAML", id="syntax"
        ),
        pytest.param(
            GOOD.replace("  tags:\n  - a\n", "  tags:\n  - a\n - b\n"),
            12,
            "invalid YAML",
            id="indentation",
        ),
        pytest.param(GOOD.replace("  - a\n", "  - [a\n"), 11, "invalid YAML", id="unclosed"),
        pytest.param(
            GOOD.replace("body: hello", "body: [1, 2]"), 9, "Expected `str`", id="body-type"
        ),
        pytest.param(
            GOOD.replace("  tags:\n  - a\n", "  tags: 5\n"),
            10,
            "Expected `array`",
            id="tags-type",
        ),
        pytest.param(GOOD.replace("  - a\n", "  - 5\n"), 11, "Expected `str`", id="tag-type"),
        pytest.param(
            GOOD.replace("- item: item-2", "- item: 7"), 4, "Expected `str`", id="bookmark-type"
        ),
        pytest.param(
            GOOD.replace("bundle: tp", "bundle: {a: 1}"), 2, "Expected `str`", id="bundle-type"
        ),
        pytest.param(
            GOOD.replace("notes:\n", "notes: 3\n").split("- id")[0],
            6,
            "Expected `array`",
            id="notes-type",
        ),
        pytest.param(
            GOOD.replace("body: hello", "body: hello\n  colour: red"),
            10,
            "unknown field",
            id="unknown-key",
        ),
        pytest.param(GOOD + "flashcards: []\n", 14, "unknown field", id="unknown-top-key"),
        pytest.param(
            GOOD.replace("  item: item-1\n", ""),
            7,
            "missing required field `item`",
            id="missing-key",
        ),
        pytest.param(
            GOOD.replace("body: hello", "body: hello\n  body: again"),
            10,
            "duplicate key 'body'",
            id="duplicate-key",
        ),
        pytest.param(GOOD + "bundle: other\n", 14, "first at line 2", id="duplicate-top-key"),
        pytest.param("- just\n- a list\n", 1, "expected a mapping", id="not-a-mapping"),
        pytest.param(
            GOOD.replace("schema_version: 1", "schema_version: one"),
            1,
            "whole number",
            id="version-text",
        ),
        pytest.param(
            GOOD.replace("schema_version: 1", "schema_version: 1.5"),
            1,
            "whole number",
            id="version-float",
        ),
        pytest.param(
            GOOD.replace("schema_version: 1", "schema_version: true"),
            1,
            "whole number",
            id="version-bool",
        ),
        pytest.param(
            GOOD.replace("schema_version: 1", "schema_version: -1"),
            1,
            "whole number",
            id="version-negative",
        ),
        pytest.param(
            GOOD.replace("notes:", "notes: !!python/object:os.system"),
            6,
            "unsupported YAML tag",
            id="unsafe-tag",
        ),
        pytest.param("", 0, "empty", id="empty"),
        pytest.param("# only a comment\n\n", 0, "empty", id="only-comments"),
        pytest.param("---\n...\n", 0, "empty", id="empty-document"),
    ],
)
def test_a_broken_file_names_its_line(broken: str, line: int, words: str) -> None:
    with pytest.raises(NotesCorrupt) as caught:
        parse(broken.encode("utf-8"), FILE)
    problem = caught.value
    assert (problem.line, problem.file) == (line, FILE), str(problem)
    assert words in problem.message
    assert str(problem).startswith(f"{FILE}:{line}: " if line else f"{FILE}: ")


def test_not_utf8_names_line_and_byte() -> None:
    raw = GOOD.encode("utf-8").replace(b"hello", b"h\xe9llo")  # Latin-1 é
    with pytest.raises(NotesCorrupt) as caught:
        parse(raw, FILE)
    assert caught.value.line == 9
    assert "not UTF-8" in caught.value.message and "0xe9" in caught.value.message


def test_utf16_file_is_not_utf8() -> None:
    with pytest.raises(NotesCorrupt, match="not UTF-8"):
        parse(GOOD.encode("utf-16"), FILE)


def test_a_byte_order_mark_is_accepted() -> None:
    assert parse(b"\xef\xbb\xbf" + GOOD.encode(), FILE).data == parse(GOOD.encode(), FILE).data


def test_windows_line_endings_are_accepted() -> None:
    data = parse(GOOD.replace("\n", "\r\n").encode(), FILE).data
    assert data == parse(GOOD.encode(), FILE).data


def test_aliases_cannot_blow_up() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    with pytest.raises(NotesCorrupt, match="aliases"):
        parse(bomb.encode(), FILE)


def test_parse_raises_nothing_but_notes_problems() -> None:
    for raw in (b"\x00\x01", b"{", b"[1, 2", b": :", b"\t- x", b"%YAML 9.9\n---\na: 1\n"):
        with pytest.raises(NotesCorrupt):
            parse(raw, FILE)


# -- versions --------------------------------------------------------------------------------


@pytest.mark.parametrize("version", [NOTES_SCHEMA_VERSION + 1, 99, 10**30])
def test_a_newer_file_is_refused_as_too_new(version: int) -> None:
    newer = GOOD.replace("schema_version: 1", f"schema_version: {version}")
    newer += "highlights:\n- id: h-1\n"  # a field this Companion does not know yet
    with pytest.raises(NotesTooNew) as caught:
        parse(newer.encode(), FILE)
    assert "newer Companion" in caught.value.message and str(version) in caught.value.message


V0 = """\
# written by hand
bundle: tp
bookmarks:
- item: item-2
notes:
- item: item-1
  body: |
    My first note
- item: item-1
  body: second
  tags: [a]
  id: n-kept
trash:
- item: item-3
  body: gone
  deleted: '2023-05-01T00:00:00.000Z'
"""


def test_version_0_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "tp.notes.yaml"
    path.write_text(V0, encoding="utf-8")
    stamp = 1_700_000_000  # 2023-11-14T22:13:20Z
    os.utime(path, (stamp, stamp))
    parsed = parse(path.read_bytes(), path)
    assert parsed.migrated_from == 0
    data = parsed.data
    assert data.schema_version == NOTES_SCHEMA_VERSION and data.bundle == "tp"
    assert [n.body for n in data.notes] == ["My first note\n", "second"]
    ids = [n.id for n in data.notes]
    assert "n-kept" in ids and len(set(ids)) == 2 and all(ids)
    assert all(n.created == n.modified == "2023-11-14T22:13:20.000Z" for n in data.notes)
    assert data.bookmarks == [Bookmark(item="item-2", created="2023-11-14T22:13:20.000Z")]
    assert [(n.item, n.deleted) for n in data.trash] == [("item-3", "2023-05-01T00:00:00.000Z")]
    # The migrated records are written in the current format, and read back as they are.
    again = parse(serialize(data), path)
    assert again.migrated_from is None and again.data == data.normalised()


def test_version_0_errors_still_name_lines(tmp_path: Path) -> None:
    path = tmp_path / "tp.notes.yaml"
    path.write_text(V0.replace("  body: second", "  body: [second]"), encoding="utf-8")
    with pytest.raises(NotesCorrupt) as caught:
        parse(path.read_bytes(), path)
    assert caught.value.line == 10


def test_explicit_version_0_is_migrated_too(tmp_path: Path) -> None:
    path = tmp_path / "tp.notes.yaml"
    path.write_text("schema_version: 0\n" + V0, encoding="utf-8")
    assert parse(path.read_bytes(), path).migrated_from == 0


def test_the_c_dumper_writes_the_file() -> None:
    """The pure-Python dumper is ten times slower."""
    assert issubclass(yamlio._ReadableDumper, yaml.CSafeDumper)
