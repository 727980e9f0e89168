"""The window and what holds it together: menus, toolbar, docks, navigation, settings.

``window`` (``MainWindow``, the ``Shell`` the features are given), ``actions``,
``docks``, ``settings``, ``steps`` (start-up work after the first paint), ``wiring``
(features joined after the first paint), ``app`` (starting the app on a bundle),
``bundle_errors`` and ``quit_signals``. The top of the window: it may import every
other room; none imports it.
"""
