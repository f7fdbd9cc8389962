"""Named fixture texts (after textstat's test suite): each is small enough to check by hand."""

EMPTY_STR = ""
WHITESPACE_ONLY = " \n\t\n "
PUNCTUATION_ONLY = "!?… -- ;;"
PLATYPUS = "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature."
NON_ENGLISH = "Azərbaycan Respublikası Cənubi Qafqazda yerləşən dövlətdir. Paytaxtı Bakı şəhəridir."

#: A page built for these tests (not copied from any seed): masthead, byline,
#: article, an ad, an author box and a footer pitch, with CRLF line endings.
CONSTRUCTED_PAGE = (
    "Share this article\r\n"
    "Tuesday, March 3, 2020\r\n"
    "\r\n"
    "Harbour authority approves new ferry terminal\r\n"
    "By Jane Okafor | Coastal Times\r\n"
    "\r\n"
    "The harbour authority on Monday approved plans for a ferry terminal that officials say will double passenger capacity.\r\n"
    "\r\n"
    "Sponsored\r\n"
    "\r\n"
    "Construction is expected to begin next spring, according to the authority's chair.\r\n"
    "  • Phase one: a new pier.\r\n"
    "  • Phase two: a waiting hall.\r\n"
    "\r\n"
    "Jane Okafor is a reporter covering transport and infrastructure.\r\n"
    "Get our free weekly newsletter delivered to your inbox.\r\n"
    "Read more: Ferry fares to rise in May\r\n"
)

# --- readability and tone (issue 8) ---
#: Two short sentences, every word one syllable: 9 words, 9 syllables, 26 letters.
CAT_AND_DOG = "The cat sat on the mat. The dog ran."
#: A heading on its own: one short line without closing punctuation.
HEADING_ONLY = "Regional Alliances"
#: Hedges and boosters, each chosen to test one rule of the lexicon (about a number,
#: the month May, "rather than", "found that" vs "found in", "no doubt", curly apostrophe).
HEDGED_AND_BOOSTED = (
    "About 30 officials may have met in May, rather than in June. "
    "Critics clearly found that the deal, found in a drawer, was no doubt flawed, "
    "though it couldn’t be proved. Talks about Baku continue."
)
