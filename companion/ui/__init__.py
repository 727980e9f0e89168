"""The study window, one room per part. Where a change goes:

- ``shell``: the window itself (menus, toolbar, docks, navigation and history, zoom,
  theme, settings), its start-up steps and the app launcher (``app.run``), and
  ``wiring``, where the features are joined to the window and to each other;
- ``reading``: the study tabs and the reading pane (Six Dimensions cards, the
  Stacey diagram): bundle text only, nothing of the learner's;
- the features, each given the window as a ``kit.shell_api.Shell`` and never
  importing another feature: ``notes`` (panels, the item notes editor, bookmarks,
  trash, banners, the notes session), ``highlights``, ``copies`` (the learner's own
  copy of a reading), ``search`` and ``summary`` (print, preview, export);
- ``kit``: what the features share (the ``Shell`` protocol, actions, panels, editors,
  small widgets, the theme, the background runner).

Layers, checked by ``lint-imports``: shell > features > kit > reading.
"""
