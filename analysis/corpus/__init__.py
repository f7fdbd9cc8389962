"""The corpus layer: every analysis reads the articles through it.

``layer``      the corpus as one object (docs, segments, body, sentences), what every notebook opens
``loading``    read and verify articles against ``manifest.csv``; segments of the corpus
``segments``   each page split into segments, body or furniture, with the reason
``sentences``  body sentences with raw-text offsets
``add``        add an article or saved page to a corpus (``python -m analysis add``)
"""
