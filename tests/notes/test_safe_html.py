"""HTML from a learner's copy keeps only text tags: nothing it names can be loaded."""

from __future__ import annotations

from companion.notes.safe_html import safe_html

#: A saved web page with everything that could load something (also attached as a copy
#: in ``tests/ui/copies``).
HTML = """<!doctype html><html><head><title>Saved page</title>
<style>body { background: url(http://tracker.example/bg.png) }</style>
<script>document.write("INJECTED"); fetch("http://tracker.example/x")</script>
<link rel="stylesheet" href="http://tracker.example/s.css">
</head><body onload="alert('loaded')">
<h1>The Dawn of System Leadership</h1>
<p>Leaders <img src="http://tracker.example/pixel.png" alt="pixel"> catalyse
<b>collective</b> leadership.</p>
<iframe src="http://tracker.example/frame">framed</iframe>
<p><a href="javascript:alert(1)">a bad link</a> and <a href="https://ssir.org/">the source</a></p>
<svg><text>drawing</text></svg>
</body></html>
"""


def test_html_is_rebuilt_from_text_tags_only() -> None:
    safe = safe_html(HTML)
    for gone in ("<script", "INJECTED", "style", "tracker", "img", "iframe", "onload", "svg"):
        assert gone not in safe, gone
    assert "javascript" not in safe and 'href="https://ssir.org/"' in safe
    assert "<b>collective</b>" in safe and "<h1>" in safe
