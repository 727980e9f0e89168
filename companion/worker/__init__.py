"""The worker process: slow work away from the UI, so it never waits for the interpreter lock.

Reading YAML (the C loader), writing it (the C emitter) and turning Markdown into
search documents hold Python's lock for long stretches: on a worker thread they
still make the UI thread stutter (``tests/bench/stalls.py``). The worker is
``python -m companion.worker``: no Qt, no re-run of the app's main module, and a
lower scheduling priority than the app's (``NICENESS``). A worker thread sends it
one request at a time through a pipe (waiting on a pipe releases the lock) and
reads the answer.

A message is a head (a MessagePack list) and then ``blobs``, raw byte strings, each
behind a 4-byte length; the head's frame says how many blobs follow. Records travel
as chunks (``pack``/``unpack``): each encodes or decodes in a millisecond or two, so
neither side holds the lock for long. Requests and their answers (any request may
also be answered ``["oserror", errno, text]`` or ``["failed", text]``):

- ``["save", path, has_expected, layout]`` + ``expected`` (if any) + the NotesFile
  packed: ``["saved"]`` + the bytes written, ``["changed"]`` (the file no longer
  held ``expected``, and nothing was written) or ``["unwritable", why]`` (Companion could
  not read the file back, so nothing was written);
- ``["open", path, bundle_id]``: ``store.open_notes`` there, answered ``["opened",
  read_only, problem, set_aside, backup, migrated_from, notices, repaired, layout]`` +
  the NotesFile packed;
- ``["parse", path]`` + the file's bytes: ``["parsed", migrated_from, findings, repaired,
  layout]`` + the NotesFile packed (``findings``: a list of ``[kind, file, message,
  line]``, as a problem is sent), or ``["problem", kind, file, message, line]``;
- ``["index", token, bundle_layout, notes_layout]`` + the bundle packed (when its
  layout is not None) + the notes packed (idem): ``["index", meta]`` + the database,
  or ``["unknown"]`` (no bundle, and this worker holds no content for ``token``).

Modules: ``wire`` (messages and chunks), ``client`` (the app's side: ``WorkerProcess``)
and ``serve`` (the worker's side). Part of the core: it imports the bundle, notes and
search packages and never Qt, ``companion.ui``, ``companion.cli`` or ``companion.printing``.
"""
