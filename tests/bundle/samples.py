"""Sample bundle text shared by the bundle tests."""

#: A small valid bundle; tests break one thing at a time. Line numbers matter:
#: tests assert them, so edit with care.
MINIMAL = """\
schema_version: 1
id: tiny
title: A tiny bundle
version: "1.0"
language: en
readings:
  - id: a-reading
    title: A reading
    summary: What it says.
    study_text: Some study text.
definitions:
  - id: a-term
    term: A term
    text: What it means, see [the reading](item:a-reading).
    source: a-reading
dimensions:
  - id: ways-of-feeling
    name: Ways of feeling
    gloss: about strong personal values
    study_text: Text.
    prompts: [What do you value?]
"""

#: A Stacey model to append to MINIMAL.
STACEY = """\
stacey:
  id: the-model
  title: The model
  attribution: Its author.
  caveat: Use with care.
  study_text: How it works.
  certainty: {name: Certainty, low: Close, high: Far}
  agreement: {name: Agreement, low: Close, high: Far}
  regions:
    - id: a-zone
      name: A zone
      placement: middle-band
      location: Here.
      description: What it is.
      practice: What it calls for.
  orange_circle: {region: a-zone, caption: The circle.}
"""
