"""The one-page summary from the window: print, preview and export as PDF.

``dialogs``. A feature: it imports ``kit``, ``companion.printing`` and the core.
"""
