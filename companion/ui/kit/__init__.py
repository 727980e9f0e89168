"""What the window's features share: the shell's interface and small common parts.

``shell_api`` (the ``Shell`` protocol: all a feature may ask of the window),
``actions``, ``panels`` (docked panels), ``editors`` (the Markdown note editor and
the tags field), ``widgets``, ``theme``, ``text_units`` (Qt's UTF-16 positions) and
``background`` (work off the UI thread). Imports only ``reading``, ``companion.qt``
and the core.
"""
