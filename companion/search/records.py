"""The learner's records as the index holds them: each by a key, with a fingerprint.

A record key names one record of any kind ("note:ID", "highlight:ID", "bookmark:ITEM",
"assessment:ID", "challenge:ID"); a record is one search document, or for an
assessment one per dimension with evidence (``evidence_docs``). A fingerprint says
whether a record changed since it was indexed, so an index kept on disk
(``search.cache``) is brought up to date by putting in only the records that differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import msgspec

from companion.bundle.model import Stacey
from companion.caches import digest
from companion.notes.model import Bookmark, Highlight, Note, NotesFile
from companion.notes.records import Assessment, Challenge
from companion.search.documents import (
    bookmark_doc,
    challenge_doc,
    challenge_key,
    evidence_docs,
    evidence_prefix,
    highlight_doc,
    note_doc,
)
from companion.search.index import Doc, SearchIndex

Record = Note | Highlight | Bookmark | Assessment | Challenge

_ENCODER = msgspec.json.Encoder()


def learner_records(notes: NotesFile) -> dict[str, Record]:
    """Every record that may be searched, by record key (notes in the trash are not)."""
    found: dict[str, Record] = {f"note:{n.id}": n for n in notes.notes}
    found.update((f"highlight:{h.id}", h) for h in notes.highlights)
    found.update((f"bookmark:{b.item}", b) for b in notes.bookmarks)
    found.update((f"assessment:{a.id}", a) for a in notes.assessments)
    found.update((f"challenge:{c.id}", c) for c in notes.challenges)
    return found


def fingerprint(record: Record) -> str:
    """Changes whenever the record does (its length and two checksums of its encoding)."""
    return digest(_ENCODER.encode(record))


@dataclass(frozen=True)
class Texts:
    """What a record's documents are made with: the bundle's titles and Stacey model."""

    titles: Mapping[str, str]
    stacey: Stacey | None


@dataclass
class Update:
    """Documents to put in, and keys and key prefixes of documents to take out."""

    docs: list[Doc]
    removed: list[str]
    prefixes: list[str]

    def apply(self, index: SearchIndex) -> None:
        index.replace(self.docs, self.removed, self.prefixes)


def update_for(changes: Iterable[tuple[str, Record | None]], texts: Texts) -> Update:
    """The update that makes each record (None: gone) what the index holds for its key."""
    update = Update([], [], [])
    titles = dict(texts.titles)
    for key, record in changes:
        kind, _, name = key.partition(":")
        if kind == "assessment":
            update.prefixes.append(evidence_prefix(name))
            if isinstance(record, Assessment):
                update.docs += evidence_docs(record, titles)
            continue
        doc_key = challenge_key(name) if kind == "challenge" else key
        update.removed.append(doc_key)
        doc = _doc(record, titles, texts.stacey)
        if doc is not None:
            update.docs.append(doc)
    return update


def _doc(record: Record | None, titles: dict[str, str], stacey: Stacey | None) -> Doc | None:
    if isinstance(record, Note):
        return note_doc(record, titles)
    if isinstance(record, Highlight):
        return highlight_doc(record, titles)
    if isinstance(record, Bookmark):
        return bookmark_doc(record, titles)
    if isinstance(record, Challenge):
        return challenge_doc(record, stacey)
    return None


def differing(indexed: Mapping[str, str], now: Mapping[str, Record]) -> list[str]:
    """Keys of records whose fingerprint is not the one ``indexed`` has, or that are gone."""
    changed = [k for k, r in now.items() if indexed.get(k) != fingerprint(r)]
    changed += [k for k in indexed if k not in now]
    return changed


def bring_up_to_date(
    index: SearchIndex, indexed: Mapping[str, str], notes: NotesFile, texts: Texts
) -> tuple[dict[str, Record], int]:
    """Make ``index`` (holding the records ``indexed`` fingerprints) hold ``notes``' records.

    Returns the records now in it, by key, and how many had to be put in or taken out.
    """
    now = learner_records(notes)
    changed = differing(indexed, now)
    update_for(((k, now.get(k)) for k in changed), texts).apply(index)
    return now, len(changed)
