"""What goes into the search index: the text each reading pane shows, and the learner's records.

The learner's evidence notes are one document per dimension of an assessment (kind
"evidence", opening the dimension), challenges one each (kind "challenge", opening
the Stacey model); a record in the trash is not searched.
"""

from __future__ import annotations

import json

from companion.bundle.model import Bundle, Stacey, iter_items, kind_of, title_of
from companion.bundle.pages import PageBuilder
from companion.bundle.plaintext import plain_text
from companion.bundle.stacey_map import region_at
from companion.notes.model import Bookmark, Highlight, Note, NotesFile
from companion.notes.profile import date_labels
from companion.notes.records import Assessment, Challenge, position_of
from companion.search.index import Doc

#: Labels shown with results (the model's kinds, in words).
KIND_LABELS = {
    "definition": "definition",
    "dimension": "dimension",
    "stacey": "Stacey model",
    "region": "Stacey region",
    "reading": "reading",
    "voice": "voice",
    "note": "note",
    "highlight": "highlight",
    "bookmark": "bookmark",
    "evidence": "evidence",
    "challenge": "challenge",
}


def content_docs(bundle: Bundle) -> list[Doc]:
    """One document per item, its body the plain text its reading pane shows."""
    pages = PageBuilder(bundle)
    docs = []
    for _, item in iter_items(bundle):
        page = pages.page(item)
        body = f"{page.attribution}\n{plain_text(page.body)}"
        docs.append(Doc(f"item:{item.id}", kind_of(item), item.id, title_of(item), body))
    return docs


def note_doc(note: Note, titles: dict[str, str]) -> Doc:
    text = plain_text(note.body)
    # The first line as the note shows it (its Markdown rendered), not as typed.
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    title = f"Note on {titles.get(note.item, note.item)}" + (f": {first}" if first else "")
    body = f"{text}\n{' '.join(note.tags)}"
    return Doc(f"note:{note.id}", "note", note.item, title[:120], body)


def highlight_doc(highlight: Highlight, titles: dict[str, str]) -> Doc:
    title = f"Highlight in {titles.get(highlight.item, highlight.item)}"
    body = f"{highlight.exact}\n{plain_text(highlight.note)}\n{' '.join(highlight.tags)}"
    return Doc(f"highlight:{highlight.id}", "highlight", highlight.item, title, body)


def bookmark_doc(bookmark: Bookmark, titles: dict[str, str]) -> Doc:
    title = titles.get(bookmark.item, bookmark.item)
    return Doc(f"bookmark:{bookmark.item}", "bookmark", bookmark.item, f"Bookmark: {title}", "")


def evidence_prefix(assessment_id: str) -> str:
    """What the keys of one assessment's evidence documents start with (and no other's)."""
    return "evidence:" + json.dumps([assessment_id], ensure_ascii=False)[:-1] + ","


def evidence_key(assessment_id: str, dimension: str) -> str:
    return "evidence:" + json.dumps([assessment_id, dimension], ensure_ascii=False)


def evidence_of(key: str) -> tuple[str, str]:
    """The assessment's id and the dimension an ``evidence_key`` names."""
    assessment_id, dimension = json.loads(key.removeprefix("evidence:"))
    return str(assessment_id), str(dimension)


def evidence_docs(assessment: Assessment, titles: dict[str, str]) -> list[Doc]:
    """One document per dimension the learner wrote evidence for in ``assessment``."""
    if assessment.deleted is not None:
        return []
    [date] = date_labels([assessment])
    tags = " ".join(assessment.tags)
    return [
        Doc(
            evidence_key(assessment.id, rating.dimension),
            "evidence",
            rating.dimension,
            f"Evidence for {titles.get(rating.dimension, rating.dimension)}, {date}"[:120],
            f"{plain_text(rating.evidence)}\n{tags}",
        )
        for rating in assessment.ratings
        if rating.evidence.strip()
    ]


def challenge_key(challenge_id: str) -> str:
    """Its id quoted: no other challenge's key starts with it (``c-1`` and ``c-12``)."""
    return "challenge:" + json.dumps([challenge_id], ensure_ascii=False)


def challenge_doc(challenge: Challenge, stacey: Stacey | None) -> Doc | None:
    """The challenge's title, note, tags and the name of the region it is in (None: trashed)."""
    if challenge.deleted is not None:
        return None
    here = position_of(challenge)
    region = (
        region_at(stacey, here.certainty, here.agreement)
        if here is not None and stacey is not None
        else None
    )
    body = [plain_text(challenge.note), " ".join(challenge.tags)]
    if region is not None:
        body.append(region.name)
    return Doc(
        challenge_key(challenge.id),
        "challenge",
        stacey.id if stacey is not None else "",
        f"Challenge: {challenge.title}"[:120],
        "\n".join(body),
    )


def assessment_update(
    assessment_id: str, assessment: Assessment | None, titles: dict[str, str]
) -> tuple[str, list[Doc]]:
    """For a live index after a change: the key prefix of the assessment's documents, to
    remove, and its documents now (``SearchIndex.replace_prefix``)."""
    docs = [] if assessment is None else evidence_docs(assessment, titles)
    return evidence_prefix(assessment_id), docs


def challenge_update(
    challenge_id: str, challenge: Challenge | None, stacey: Stacey | None
) -> tuple[str, list[Doc]]:
    """For a live index: the challenge's key (its prefix), and its document now, if any."""
    doc = None if challenge is None else challenge_doc(challenge, stacey)
    return challenge_key(challenge_id), [] if doc is None else [doc]


def own_docs(notes: NotesFile, titles: dict[str, str], stacey: Stacey | None = None) -> list[Doc]:
    """The learner's notes, highlights, bookmarks, evidence and challenges (not the trash).

    ``stacey``: the bundle's Stacey model, which a challenge hit opens (and names its
    region); without it a challenge opens no item.
    """
    challenges = (challenge_doc(c, stacey) for c in notes.challenges)
    return [
        *(note_doc(n, titles) for n in notes.notes),
        *(highlight_doc(h, titles) for h in notes.highlights),
        *(bookmark_doc(b, titles) for b in notes.bookmarks),
        *(doc for a in notes.assessments for doc in evidence_docs(a, titles)),
        *(doc for doc in challenges if doc is not None),
    ]


def item_titles(bundle: Bundle) -> dict[str, str]:
    return {item.id: title_of(item) for _, item in iter_items(bundle)}
