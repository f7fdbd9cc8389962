"""Corpus scale: the per-document stages over thousands of articles, in-process or on a Dask cluster.

``stages``   the stages, streamed chunk by chunk (``python -m analysis.scale``)
``cluster``  the same stages on a Dask cluster
"""
