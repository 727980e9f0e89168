"""My profile: self-assessment on the dimensions, with evidence, and how the learner moved.

``controller`` (the tab, its actions and the undo steps), ``view`` (six rows, the chart,
then → now), ``rating`` (the keyboard-first rating picker), ``chart`` (the chart widget).
A feature: it reaches the window through the ``Shell`` and the notes' undo stack
through ``ProfileEdits``, both handed over by the shell's wiring.
"""
