"""The report layer: building the workbook and what every notebook uses to show results.

``build``         execute the notebooks and export HTML (``make report``)
``display``       escaped, highlighted HTML for the reports
``tables``        CSV exports with a column dictionary
``presentation``  shapes the reports share: short article labels, capped listings, side-by-side excerpts
``limits``        how many per-article items a report shows (all for a small corpus)
``result_cache``  results that do not depend on the corpus (the PTC evaluation), cached on content
``templates/``    the nbconvert template of the exports
"""
