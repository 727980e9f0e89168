"""The learner's evidence notes and challenges are searchable, each opening the right item."""

from __future__ import annotations

import msgspec

from companion.notes.model import NotesModel
from companion.notes.records import Rating
from companion.search.building import content_index, with_own
from companion.search.documents import (
    KIND_LABELS,
    assessment_update,
    challenge_update,
    item_titles,
    own_docs,
)
from companion.search.index import OWN_KINDS, SearchIndex
from tests.notes.known_notes import shipped
from tests.notes.known_records import known_records


def test_evidence_and_challenges_are_found_by_their_words() -> None:
    content = content_index(shipped())
    with_own(content, known_records())
    [evidence] = content.index.search("team day", scope="mine")
    assert (evidence.kind, evidence.item) == ("evidence", "ways-of-feeling")
    assert evidence.title == "Evidence for Ways of feeling, 2026-03-02"
    [challenge] = content.index.search("nobody agrees")
    assert (challenge.kind, challenge.item) == ("challenge", "stacey-model")
    assert challenge.title == "Challenge: Merging two teams"
    # By title, by tag, and by the region it is in now.
    assert [h.kind for h in content.index.search("rota", scope="mine")] == ["challenge"]
    assert {h.title for h in content.index.search("technical rational", scope="mine")} == {
        "Challenge: A new rota <i>soon</i>"
    }
    # Evidence of an assessment in the trash, and a trashed challenge, are not searched.
    assert content.index.search("Deleted", scope="mine") == []
    assert {"evidence", "challenge"} <= OWN_KINDS
    assert KIND_LABELS["evidence"] == "evidence" and KIND_LABELS["challenge"] == "challenge"


def test_a_level_without_evidence_makes_no_document() -> None:
    docs = own_docs(known_records(), item_titles(shipped()), shipped().stacey)
    evidence = [d for d in docs if d.kind == "evidence"]
    assert sorted(d.item for d in evidence) == [
        "retired-dimension",
        "ways-of-being",
        "ways-of-feeling",
        "ways-of-feeling",
    ]
    assert len({d.key for d in docs}) == len(docs)


def test_a_live_index_follows_changes_to_one_record() -> None:
    bundle = shipped()
    titles = item_titles(bundle)
    model = NotesModel(known_records())
    index = SearchIndex()
    index.add(own_docs(model.snapshot(), titles, bundle.stacey))

    def refresh(kind: str, record_id: str) -> None:
        if kind == "assessment":
            prefix, docs = assessment_update(record_id, model.assessment(record_id), titles)
        else:
            prefix, docs = challenge_update(record_id, model.challenge(record_id), bundle.stacey)
        index.replace_prefix(prefix, docs)

    model.subscribe(lambda change: refresh(change.kind, change.record_id))
    made = model.add_assessment([Rating(dimension="ways-of-doing", evidence="Ran a retro.")])
    assert [h.item for h in index.search("retro")] == ["ways-of-doing"]
    model.set_rating(made.id, "ways-of-doing", evidence="Ran a workshop.")
    assert index.search("retro") == [] and len(index.search("workshop")) == 1
    model.delete_assessment(made.id)
    assert index.search("workshop") == []
    # Another record with an id that starts with this one's keeps its documents.
    model.add_challenge("Reorganise wards")
    first = model.add_challenge("Rota")
    twin = model.put_challenge(msgspec.structs.replace(first, id=first.id + "2", title="Rota twin"))
    model.update_challenge(first.id, title="Roster")
    assert {h.title for h in index.search("rota")} == {"Challenge: Rota twin"} | {
        "Challenge: A new rota <i>soon</i>"
    }
    model.remove_challenge(twin.id)
    assert {h.title for h in index.search("rota")} == {"Challenge: A new rota <i>soon</i>"}
    assert [h.title for h in index.search("roster")] == ["Challenge: Roster"]
