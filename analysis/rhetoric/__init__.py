"""Rhetoric (report 03): devices and figurative frames as raw-text spans.

``detector``      device patterns, lexicons and frames; spans, frame credit, per-article summaries
``tagger``        the trained, explainable tagger of loaded language and name-calling
``reading``       the reading view: one family of devices at a time, a few colours, every highlight labelled
``judged``        a reader's judgement of the seed spans: the share of highlights that are genuine
``key_findings``  what report 03 leads with: its computed findings and how far to trust the detector
``charts``        the report's charts, each with its alt text
"""
