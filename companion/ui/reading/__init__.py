"""The study tabs and the reading pane: showing the bundle's text, nothing of the learner's.

``tabs`` (lazy tabs, list tabs), ``pane`` (the reading pane and its safe browser),
``dimensions`` (the Six Dimensions cards), ``stacey`` and ``stacey_diagram`` (the
Stacey Model). The bottom room: it imports only ``companion.qt`` and the core.
"""
