"""Overlap between outlets (report 04): what articles share, each similarity with its evidence.

``similarity``       tokens, TF-IDF cosine, keyness, shared phrases, reused passages, shared entities
``claims``           facts stated by several articles (quantities as intervals) and their framing
``stylometry``       Burrows' Delta over function words: same-author hints
``near_duplicates``  MinHash LSH near-duplicate pairs
``candidates``       the pairs a large corpus compares (nearest neighbours, rare shared passages, figures)
"""
