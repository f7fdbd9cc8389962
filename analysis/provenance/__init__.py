"""Source provenance (report 01): who published each article, who wrote it, when, and whom it cites.

``publication``  title, outlet, genre, author, bio, dates and disclaimers, each with its basis; page signals
``attribution``  the attribution ledger: quotations, reported statements, scare quotes and their speakers
``actors``       the actor gazetteer (people, countries, organisations) and alias tagging
"""
