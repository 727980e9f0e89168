"""Every class of bad bundle gets a precise FILE:LINE:COLUMN error, never a traceback."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from companion.bundle import BundleInvalid, BundleNotFound, load_bundle, loader
from companion.bundle.loader import MAX_ITEMS
from companion.bundle.model import Definition
from companion.unbroken import BUNDLE_LIMIT
from companion.yamlio import MAX_FILE_BYTES

from .conftest import WriteBundle
from .samples import MINIMAL, STACEY


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(BundleInvalid) as info:
        load_bundle(folder)
    return [str(p) for p in info.value.problems]


def test_minimal_bundle_loads(write_bundle: WriteBundle) -> None:
    bundle = load_bundle(write_bundle())
    assert bundle.id == "tiny"
    assert bundle.definitions == [
        Definition(
            id="a-term",
            term="A term",
            text="What it means, see [the reading](item:a-reading).",
            source="a-reading",
        )
    ]
    assert [d.name for d in bundle.dimensions] == ["Ways of feeling"]


def test_missing_folder_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(BundleNotFound):
        load_bundle(tmp_path / "nowhere")


def test_folder_without_bundle_file(tmp_path: Path) -> None:
    [message] = problems_of(tmp_path)
    assert (
        message
        == f"{tmp_path / 'bundle.yaml'}:1:1: missing bundle.yaml: a bundle folder must contain one"
    )


def test_duplicate_key_is_reported_with_both_lines(write_bundle: WriteBundle) -> None:
    folder = write_bundle(MINIMAL.replace('version: "1.0"\n', 'version: "1.0"\ntitle: Again\n'))
    [message] = problems_of(folder)
    assert message.endswith(
        ":5:1: duplicate key 'title' (first at line 3); a key may appear only once (at title)"
    )


def test_duplicate_ids_across_kinds(write_bundle: WriteBundle) -> None:
    folder = write_bundle(MINIMAL.replace("id: ways-of-feeling", "id: a-term"))
    [message] = problems_of(folder)
    assert ":17:9: duplicate id 'a-term': already used (line 12)" in message
    assert message.endswith("(at dimensions[0].id)")


def test_unknown_key_suggests_the_right_one(write_bundle: WriteBundle) -> None:
    folder = write_bundle(MINIMAL.replace("    gloss:", "    glos:"))
    messages = problems_of(folder)
    assert any(":19:5: unknown key 'glos'; did you mean 'gloss'?" in m for m in messages)
    assert any(":17:5: missing required key 'gloss' (at dimensions[0])" in m for m in messages)


def test_wrong_type_says_expected_and_found(write_bundle: WriteBundle) -> None:
    folder = write_bundle(MINIMAL.replace("prompts: [What do you value?]", "prompts: 42"))
    [message] = problems_of(folder)
    assert message.endswith(
        ":21:14: expected a list, found the number 42 (at dimensions[0].prompts)"
    )


def test_missing_required_field(write_bundle: WriteBundle) -> None:
    folder = write_bundle(MINIMAL.replace("title: A tiny bundle\n", ""))
    [message] = problems_of(folder)
    assert message.endswith(":1:1: missing required key 'title'")


def test_every_error_is_reported_at_once(write_bundle: WriteBundle) -> None:
    text = (
        MINIMAL.replace("language: en", "language: 7")
        .replace("    term: A term", "    trem: A term")
        .replace("id: ways-of-feeling", "id: Ways Of Feeling")
    )
    messages = problems_of(write_bundle(text))
    assert len(messages) == 4, messages
    assert [m.split(":")[1] for m in messages] == ["5", "12", "13", "17"]
    assert "expected text, found the number 7" in messages[0]
    assert "lower-case letters" in messages[3]


def test_a_structural_problem_and_an_unknown_reference_in_one_pass(
    write_bundle: WriteBundle,
) -> None:
    # The README promises every problem at once: the wrong type does not hide the bad link.
    text = MINIMAL.replace("language: en", "language: 7").replace(
        "source: a-reading", "source: a-readng"
    )
    folder = write_bundle(text)
    messages = problems_of(folder)
    file = folder / "bundle.yaml"
    assert len(messages) == 2, messages
    assert messages[0].startswith(f"{file}:5:11: expected text, found the number 7")
    assert messages[1].startswith(f"{file}:15:13: unknown source 'a-readng'")


def test_bad_reference_suggests_existing_id(write_bundle: WriteBundle) -> None:
    folder = write_bundle(MINIMAL.replace("source: a-reading", "source: a-readng"))
    [message] = problems_of(folder)
    assert ":15:13: unknown source 'a-readng': a definition's source must be a reading" in message
    assert message.endswith("own framing; did you mean 'a-reading'? (at definitions[0].source)")


@pytest.mark.parametrize("source", ["the-model", "tiny"])
def test_a_definition_may_cite_the_model_or_the_touch_point_itself(
    write_bundle: WriteBundle, source: str
) -> None:
    folder = write_bundle(MINIMAL.replace("source: a-reading", f"source: {source}") + STACEY)
    assert load_bundle(folder).definitions[0].source == source


@pytest.mark.parametrize(
    ("source", "kind"), [("ways-of-feeling", "dimension"), ("a-zone", "region")]
)
def test_a_definition_cannot_cite_an_item_that_is_not_a_source(
    write_bundle: WriteBundle, source: str, kind: str
) -> None:
    folder = write_bundle(MINIMAL.replace("source: a-reading", f"source: {source}") + STACEY)
    [message] = problems_of(folder)
    assert f":15:13: '{source}' is a {kind}, which cannot be cited as a source: " in message
    assert "a reading, the Stacey model, or 'tiny' (this bundle's own id)" in message


def test_a_dimension_still_names_a_reading_not_the_model(write_bundle: WriteBundle) -> None:
    text = MINIMAL.replace("    gloss:", "    source: the-model\n    gloss:") + STACEY
    [message] = problems_of(write_bundle(text))
    assert "unknown reading id 'the-model'" in message


def test_broken_item_link(write_bundle: WriteBundle) -> None:
    folder = write_bundle(MINIMAL.replace("(item:a-reading)", "(item:nowhere)"))
    [message] = problems_of(folder)
    assert "unknown item id in an item: link 'nowhere'" in message


def test_empty_file(write_bundle: WriteBundle) -> None:
    for text in ("", "\n\n# only a comment\n"):
        [message] = problems_of(write_bundle(text, name=f"b{len(text)}"))
        assert "the file is empty" in message


def test_top_level_list(write_bundle: WriteBundle) -> None:
    [message] = problems_of(write_bundle("- a\n- b\n"))
    assert ":1:1: expected a mapping of keys at the top level, found a list of 2" in message


def test_not_utf8(write_bundle: WriteBundle) -> None:
    raw = MINIMAL.replace("A tiny bundle", "Caf\u00e9").encode("latin-1")
    [message] = problems_of(write_bundle(raw))
    assert ":3:11: the file is not UTF-8 text: byte 0xe9 cannot be decoded" in message


def test_bom_and_crlf_are_accepted(write_bundle: WriteBundle) -> None:
    raw = b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8")
    assert load_bundle(write_bundle(raw)).title == "A tiny bundle"


def test_syntax_error_has_position(write_bundle: WriteBundle) -> None:
    [message] = problems_of(write_bundle(MINIMAL.replace("prompts: [What", "prompts: [What: [")))
    # The line of the mistake (the bracket never closed), not the line where PyYAML noticed it.
    assert ":21:14: invalid YAML: a '[' opened here is never closed with ']'" in message


def test_alias_bomb_is_refused_quickly(write_bundle: WriteBundle) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    started = time.monotonic()
    [message] = problems_of(write_bundle("\n".join(lines) + "\n"))
    assert "aliases expand to more than" in message
    # Not a timing assertion on speed: a generous bound that only a hang would break.
    assert time.monotonic() - started < 60


def test_unsafe_tag_is_refused(write_bundle: WriteBundle) -> None:
    text = MINIMAL.replace("title: A tiny bundle", "title: !!python/object/apply:os.system [ls]")
    [message] = problems_of(write_bundle(text))
    assert ":3:8: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'" in message


def test_huge_file_is_refused_without_reading(write_bundle: WriteBundle) -> None:
    folder = write_bundle()
    with (folder / "bundle.yaml").open("ab") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    [message] = problems_of(folder)
    assert "over the 64 MiB limit" in message


def test_newer_schema_version(write_bundle: WriteBundle) -> None:
    [message] = problems_of(write_bundle(MINIMAL.replace("schema_version: 1", "schema_version: 2")))
    assert ":1:17: schema_version 2 is newer than this Companion understands (1)" in message


def test_wrong_schema_version(write_bundle: WriteBundle) -> None:
    [message] = problems_of(write_bundle(MINIMAL.replace("schema_version: 1", "schema_version: 0")))
    assert "expected one of: 1, found the number 0" in message


def test_deep_nesting_does_not_crash(write_bundle: WriteBundle) -> None:
    [message] = problems_of(write_bundle("a: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert "bundle.yaml:1:" in message


def test_multiple_documents(write_bundle: WriteBundle) -> None:
    [message] = problems_of(write_bundle(MINIMAL + "---\nid: second\n"))
    assert (
        "invalid YAML: expected a single document in the stream, but found another document"
        in message
    )


@pytest.mark.timeout(60)  # laying out such a word froze the window for minutes
def test_a_word_too_long_to_lay_out_is_refused_where_it_is(write_bundle: WriteBundle) -> None:
    word = "w" * 10 * 2**20
    folder = write_bundle(MINIMAL.replace("Some study text.", f"Some study {word}"))
    assert problems_of(folder) == [
        f"{folder / 'bundle.yaml'}:10:17: the text has 10,485,760 characters without a space "
        f"or line break (from character 12); at most {BUNDLE_LIMIT:,} are allowed, as longer "
        "text cannot be wrapped and would freeze the window (at readings[0].study_text)"
    ]


def test_a_long_web_address_is_fine(write_bundle: WriteBundle) -> None:
    address = "https://example.org/" + "a" * (BUNDLE_LIMIT - 23)  # "<" and ">." make 3 more
    load_bundle(write_bundle(MINIMAL.replace("Some study text.", f"See <{address}>.")))


@pytest.mark.timeout(20)
def test_a_bundle_file_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "bundle.yaml")
    assert problems_of(tmp_path) == [
        f"{tmp_path / 'bundle.yaml'}:1:1: cannot read: it is a named pipe (FIFO), not a regular "
        "file (Companion reads and writes only regular files)"
    ]


def test_a_bundle_of_too_many_items_is_refused_where_its_list_is(
    write_bundle: WriteBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As 200,000 short items are refused by the real limit (parsing them takes a minute).
    monkeypatch.setattr(loader, "MAX_ITEMS", 20)
    voices = "".join(
        f"  - {{id: v-{n}, title: V, speaker: S, source: a-reading, text: T}}\n" for n in range(20)
    )
    folder = write_bundle(MINIMAL + "voices:\n" + voices)
    assert problems_of(folder) == [
        f"{folder / 'bundle.yaml'}:22:1: the bundle has 23 items (20 in voices); at most 20 "
        "are allowed, as the window lists every item and search indexes each: split it into "
        "several bundles (at voices)"
    ]
    load_bundle(
        write_bundle(MINIMAL + "voices:\n" + voices[: voices.index("  - {id: v-17,")], "ok")
    )
    assert MAX_ITEMS == 50_000


def test_a_bundle_far_over_the_item_limit_is_refused_before_it_is_parsed(
    write_bundle: WriteBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 200,000 items take most of a minute to parse; counting their ids takes milliseconds.
    monkeypatch.setattr(loader, "MAX_ITEMS", 20)
    monkeypatch.setattr(loader, "_ID_MARGIN", 5)
    voices = "".join(
        f"  - {{id: v-{n}, title: V, speaker: S, source: a-reading, text: T}}\n" for n in range(40)
    )
    # Broken YAML at the end: a parse would report it; the count comes first.
    folder = write_bundle(MINIMAL + "voices:\n" + voices + "  - {unclosed: [\n")
    [problem] = problems_of(folder)
    line = 22 + 22  # the 26th id is voice v-22's: MINIMAL holds three
    assert problem == (
        f"{folder / 'bundle.yaml'}:{line}:6: the bundle has more than 25 'id:' keys, so more "
        "than the 20 items allowed (the window lists every item and search indexes each): "
        "split it into several bundles"
    )
