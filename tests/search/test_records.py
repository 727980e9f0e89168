"""An index brought up to date record by record holds what a fresh one would."""

from __future__ import annotations

import msgspec

from companion.bundle.model import Bundle
from companion.notes.model import Highlight, NotesFile
from companion.notes.records import Assessment, Challenge, Move, Rating
from companion.search.building import content_index, with_own
from companion.search.records import (
    Texts,
    bring_up_to_date,
    fingerprint,
    learner_records,
    update_for,
)
from tests.notes.support import STAMP, note, with_records


def _records() -> NotesFile:
    data = with_records(
        note("n-1", "ways-of-being", "wombat burrows"),
        note("n-2", "ways-of-doing", "quokka smiles"),
        bookmarks=("ways-of-feeling",),
    )
    return msgspec.structs.replace(
        data,
        highlights=[
            Highlight(
                id="h-1",
                item="ways-of-being",
                exact="balcony",
                prefix="",
                suffix="",
                start=0,
                end=7,
                color="yellow",
                note="numbat",
                created=STAMP,
                modified=STAMP,
            )
        ],
        assessments=[
            Assessment(
                id="a-1",
                ratings=[Rating(dimension="ways-of-being", level="often", evidence="dugong")],
                created=STAMP,
                modified=STAMP,
            )
        ],
        challenges=[
            Challenge(
                id="c-1",
                title="Merging teams",
                note="platypus",
                created=STAMP,
                modified=STAMP,
                moves=[Move(at=STAMP, certainty=0.5, agreement=0.5)],
            )
        ],
    )


def test_every_kind_of_record_has_a_key_and_a_fingerprint_that_follows_it() -> None:
    records = learner_records(_records())
    assert set(records) == {
        "note:n-1",
        "note:n-2",
        "highlight:h-1",
        "bookmark:ways-of-feeling",
        "assessment:a-1",
        "challenge:c-1",
    }
    before = records["note:n-1"]
    after = msgspec.structs.replace(before, body="wombat burrows deep")
    assert fingerprint(before) == fingerprint(msgspec.structs.replace(before))
    assert fingerprint(before) != fingerprint(after)


def test_an_index_brought_up_to_date_holds_what_a_fresh_one_would(shipped: Bundle) -> None:
    old = _records()
    kept = content_index(shipped)
    with_own(kept, old)
    fingerprints = {k: fingerprint(r) for k, r in learner_records(old).items()}
    [assessment], [challenge] = old.assessments, old.challenges
    new = msgspec.structs.replace(
        old,
        notes=[old.notes[0], note("n-3", "ways-of-feeling", "bilby")],  # n-2 gone, n-3 new
        assessments=[
            msgspec.structs.replace(
                assessment, ratings=[Rating(dimension="ways-of-doing", evidence="echidna")]
            )
        ],
        challenges=[msgspec.structs.replace(challenge, deleted=STAMP)],  # in the trash
    )
    texts = Texts(kept.titles, shipped.stacey)
    now, changed = bring_up_to_date(kept.index, fingerprints, new, texts)
    assert changed == 4 and set(now) == set(learner_records(new))
    fresh = content_index(shipped)
    with_own(fresh, new)
    assert kept.index.doc_keys() == fresh.index.doc_keys()
    for word in ("wombat", "quokka", "bilby", "dugong", "echidna", "platypus", "numbat"):
        assert [h.key for h in kept.index.search(word)] == [h.key for h in fresh.index.search(word)]


def test_a_record_gone_takes_its_documents_with_it(shipped: Bundle) -> None:
    kept = content_index(shipped)
    with_own(kept, _records())
    texts = Texts(kept.titles, shipped.stacey)
    gone = ["note:n-1", "assessment:a-1", "challenge:c-1", "bookmark:ways-of-feeling"]
    update_for(((key, None) for key in gone), texts).apply(kept.index)
    own = {k for k in kept.index.doc_keys() if not k.startswith("item:")}
    assert own == {"note:n-2", "highlight:h-1"}
