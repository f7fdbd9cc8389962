"""Evaluation against annotated data: ``python -m analysis.evaluate TASK ...``.

``ptc``  the rhetoric detector against the Propaganda Techniques Corpus
"""
