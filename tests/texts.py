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

#: A short news article written for the add tests (not copied from any seed or page).
NEW_ARTICLE = (
    "Caspian ferry link reopens after two-year pause\n"
    "\n"
    "The ferry service between Baku and Aktau resumed on Monday after a two-year pause, "
    "according to the port authority, which said the first crossing carried 140 passengers and 32 lorries.\n"
    "\n"
    "Officials in Astana said the route would cut freight times between Central Asia and the South Caucasus "
    "by several days, while shipping analysts cautioned that capacity remains limited by the size of the fleet.\n"
    "\n"
    "A second vessel is due to join the route in the spring, the authority said.\n"
)

#: A saved web page built for the add tests: metadata in <head>, navigation, an article and a footer.
SAVED_PAGE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour authority approves ferry terminal | Coastal Times</title>
<meta property="og:title" content="Harbour authority approves ferry terminal">
<meta property="og:site_name" content="Coastal Times">
<meta name="author" content="Jane Okafor">
<meta property="article:published_time" content="2020-03-03T09:00:00Z">
<link rel="canonical" href="https://coastal.example/news/ferry-terminal">
<script>var tracking = "do not keep me";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour authority approves ferry terminal</h1>
<p>The harbour authority on Monday approved plans for a ferry terminal that officials say will double passenger capacity at the port.</p>
<p>Construction is expected to begin next spring, according to the authority's chair, who said the project had been discussed for a decade.</p>
<p>Local fishermen said the plan ignored their moorings, and asked the council to publish the full environmental assessment before work starts.</p>
<ul><li>Phase one: a new pier.</li><li>Phase two: a waiting hall.</li></ul>
</article>
<footer>Subscribe to our newsletter. &copy; 2020 Coastal Times</footer>
</body></html>
"""

#: Markup that must never run in a report: a script, an image with onerror and a javascript: link.
#: Each sets window.__pwned so a browser test can tell whether it ran.
HOSTILE_SCRIPT = "<script>window.__pwned='script'</script>"
HOSTILE_IMG = "<img src=x onerror=\"window.__pwned='img'\">"
HOSTILE_LINK = "<a href=\"javascript:window.__pwned='link'\">read the ruling</a>"
HOSTILE_ARTICLE = (
    f"Court rules on harbour {HOSTILE_SCRIPT} dispute\n"
    "\n"
    f"By Mara Quill {HOSTILE_IMG}\n"
    "\n"
    "The regional court in Baku on Tuesday ruled that the harbour authority had followed the law when it "
    f"approved the new ferry terminal, rejecting a complaint brought by local fishermen {HOSTILE_IMG}.\n"
    "\n"
    f"The judges said the complaint had been filed after the deadline {HOSTILE_LINK} and that the assessment "
    "published by the authority met the requirements of the environmental code.\n"
    "\n"
    f"The fishermen's association said it would appeal {HOSTILE_SCRIPT} to the supreme court within a month, "
    "and asked the authority to keep the old moorings open while the appeal is heard.\n"
)

#: A page built for the provenance tests (not copied from any seed): the outlet is named only in a
#: newsletter pitch, the author only in a tagline with an e-mail address, and the body dates itself
#: only through a day without a year after a dated event.
NEWSLETTER_PAGE = (
    "Opinion | Ferry fares and the harbour budget\n"
    "The city cannot keep subsidising the old route.\n"
    "\n"
    "The war in Gaza escalated in October. On November 1, the harbour board said that fares would rise, "
    "and analysts suggest the increase will not cover the deficit. The mayor called it \"a fair deal\".\n"
    "\n"
    "Tom Reyes is a transport economist at the Baltic Policy Institute. Contact: tom.reyes@example.org\n"
    "Sign up for Harbour Herald's free weekly newsletter.\n"
)

#: A page that never names its publisher: an ad marker, archive widgets and an author box with a
#: one-line bio. The body mentions the BBC as a source, which is not the publisher.
ANONYMOUS_PAGE = (
    "ADVERTISEMENT\n"
    "\n"
    "Port expansion faces delays\n"
    "\n"
    "The port expansion is running a year late, officials told the BBC on Monday, citing supply problems.\n"
    "\n"
    "ADVERTISEMENT\n"
    "Sam Lee\n"
    "\n"
    "Sam Lee\n"
    "\n"
    "A writer who cares about important issues.\n"
    "\n"
    "Categories\n"
    "\n"
    "Archives\n"
)

#: Attribution sentences with the answer a reader gives: (text, speaker, speaker_kind, kind).
ATTRIBUTION_CASES = [
    ("Analysts say that the deal is fragile.", "Analysts", "vague", "reported"),
    ("The minister said: \"We will not send troops.\"", "The minister", "named", "quote"),
    ("\"We will not send troops,\" said Jane Okafor.", "Jane Okafor", "named", "quote"),
    ("According to Reuters, the talks collapsed on Friday.", "Reuters", "named", "reported"),
    ("It is widely believed that the talks will fail.", "It is widely believed that", "vague", "thought"),
    ("Reports suggest that the ceasefire is holding.", "Reports", "vague", "finding"),
    ("The talks were, as stated by Foreign Minister Jeyhun Bayramov, constructive.", "Foreign Minister Jeyhun Bayramov", "named", "reported"),
    ("Iranian officials warned that the drills would continue.", "Iranian officials", "vague", "reported"),
]
#: Near misses: sentences with a reporting-verb form or quotation marks but no attribution.
ATTRIBUTION_NEAR_MISSES = [
    "Such claims need to be treated with caution.",
    "The Jewish state has close ties with Baku.",
    # "Officials had been accused of negligence before." was here until the row bar fell from 0.15 to 0.14: it
    # is the agentless passive that the ledger, like PolNeAR, counts an attribution with no printed source ("Ann
    # Lee is accused of hiding the report", tests/provenance), and it missed the old bar by its score (0.144) only.
    "It is too soon to say whether the harbour will reopen.",  # the writer's judgement: nobody is cited
    "A careful look at the South Caucasus reveals a more nuanced picture.",
]

#: A passage copied with small edits (overlap alignment tests): "harbour" -> "port",
#: "its" and "new" inserted, "that" -> "which", "according to the chair" -> "the chair
#: said". Counted by hand: 20 words survive ("The ... 2030" less harbour/that, plus
#: "the chair"); Smith-Waterman score 2 * 20 - 6 edits = 34.
HARBOUR_SOURCE = (
    "Harbour officials met on Monday. The harbour authority on Monday approved plans for a ferry terminal "
    "that officials say will double passenger capacity by 2030, according to the chair. Fares will rise."
)
HARBOUR_COPY = (
    "Unrelated opening sentence about weather and sport. In other news, the port authority on Monday approved "
    "its plans for a new ferry terminal which officials say will double passenger capacity by 2030, the chair "
    "said. Then more unrelated words follow here."
)

#: One fact in three wordings, and the same number about other subjects (claim matching).
OIL_ABOUT = "Azerbaijan supplies Israel with about 40 percent of its oil imports, officials said."
OIL_PERCENT = "Israel buys 40% of its oil imports from Azerbaijan, according to traders."
OIL_FRACTION = "Two-fifths of Israel's oil imports come from Azerbaijan."
ARMS_SAME_NUMBER = "Israel supplies 40 percent of Azerbaijan's weapons imports, officials said."
TURNOUT_SAME_NUMBER = "Turnout in the municipal election reached 40 percent."
