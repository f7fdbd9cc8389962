"""Rhetoric (report 03): devices and figurative frames as raw-text spans.

``detector``  device patterns, lexicons and frames; spans, frame credit, per-article summaries
"""
