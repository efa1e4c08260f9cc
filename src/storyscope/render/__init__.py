"""Views of :class:`~storyscope.models.Briefing` objects.

``json`` (the ``storyscope.brief/1`` contract and its validation), ``markdown`` and ``html`` (one
self-contained page); ``view`` holds what the text renderers share (source numbering, citations,
quote groups). Import the module you need: the HTML renderer pulls in Jinja2, the others do not.
"""
