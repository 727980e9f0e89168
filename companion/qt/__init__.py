"""The little Qt the window and printing share: text shown safely, and the QApplication.

``safe_text`` (documents, labels and message boxes that never read a file or treat
text as HTML by accident) and ``app`` (``make_app``). Imports only the core.
"""
