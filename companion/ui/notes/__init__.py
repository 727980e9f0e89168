"""Notes in the window: panels, the item notes editor, bookmarks, trash, banners, the session.

``controller`` (``NotesUi``: actions, undo, and the views joined to the open notes),
``session`` (the timers, file watcher and disk thread around the core's
``notes.session_state``), ``side`` (files beside the notes: conflict copies, kept notes),
``commands`` (``notes.undo`` on Qt's undo stack), ``item``, ``panel`` (All Notes),
``bookmarks``, ``trash``, ``notices`` (the banners and the unreadable-file dialog). A
feature: it imports ``kit``, ``reading`` and the core, never the shell or another feature.
"""
