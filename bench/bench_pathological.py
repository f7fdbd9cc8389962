"""Pathological inputs the issue on hostile names and faults found slow: a page of many short lines and
a folder of many near-copies of one article. Prints name=value lines.

* ``long_page_*``: a constructed page of 20,000 short lines (each a body segment and a sentence):
  devices detected, then the rhetoric report's rendering of it (capped at
  ``detector.MAX_RENDERED_CHARS`` body characters). Both used to scan every span or sentence for each
  segment or span (a page of 100,000 lines kept notebook 03 busy 13 minutes).
* ``copies_*``: 500 near-copies of one seed: the candidate pairs the overlap report compares. LSH made
  every pair of copies a candidate (124,750); a cluster is now a star plus each copy's nearest.
"""

from __future__ import annotations

import time

import pandas as pd

from analysis import config
from analysis.corpus import loading
from analysis.overlap import candidates, similarity
from analysis.rhetoric import detector


def main() -> None:
    raw = "".join(f"Item {i} of the list, a disaster for the plan, officials said.\n" for i in range(20_000))
    page = pd.DataFrame({"doc_id": ["long"], "raw": [raw]})
    started = time.perf_counter()
    spans = detector.detect_devices(page)
    detected = time.perf_counter() - started
    segments = loading.segment_corpus(page)
    started = time.perf_counter()
    html = detector.render_article(raw, segments, spans)
    rendered = time.perf_counter() - started
    print(f"long_page_lines={raw.count(chr(10))}")
    print(f"long_page_detect_seconds={detected:.2f}")
    print(f"long_page_render_seconds={rendered:.3f}")
    print(f"long_page_html_bytes={len(html.encode())}")

    source = loading.read_article(config.SEEDS_DIR / "002_a8b85cc1135acd1c.txt")
    copies = pd.DataFrame({
        "doc_id": [f"copy_{i:03d}" for i in range(500)],
        "raw": [source.replace(" the ", f" the{' ' * (i % 4 + 1)}", 1) + f"\nCopy number {i}.\n" for i in range(500)],
    })
    tokens = similarity.body_tokens(copies)
    started = time.perf_counter()
    found = candidates.candidate_pairs(tokens, copies["doc_id"])
    print("copies=500")
    print(f"copies_candidate_pairs={len(found)}")
    print(f"copies_possible_pairs={found.attrs['n_possible']}")
    print(f"copies_candidate_seconds={time.perf_counter() - started:.2f}")


if __name__ == "__main__":
    main()
