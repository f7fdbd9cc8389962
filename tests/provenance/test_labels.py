"""analysis.provenance.labels: one human name per article, outlet and number, never shared."""

from __future__ import annotations

import pandas as pd

from analysis.provenance import labels


def test_a_named_outlet_and_the_number_make_the_label():
    documents = pd.DataFrame({"doc_id": ["001_4f3f", "002_a8b8", "007_x"], "outlet": ["AzerNews", "Eurasianet", "Caspian Courier"],
                              "outlet_basis": ["stated", "inferred", "curated"]})
    assert labels.labels_from_outlets(documents) == {
        "001_4f3f": "AzerNews (001)", "002_a8b8": "Eurasianet (002)", "007_x": "Caspian Courier (007)"}


def test_unknown_sites_are_lettered_in_corpus_order_and_never_share_a_name():
    ids = [f"{n:03d}_x" for n in range(30)]
    documents = pd.DataFrame({"doc_id": ids, "outlet": [""] * 30, "outlet_basis": ["unknown"] * 30})
    named = labels.labels_from_outlets(documents)
    assert named["000_x"] == "unknown site A (000)" and named["025_x"] == "unknown site Z (025)"
    assert named["026_x"] == "unknown site AA (026)" and named["029_x"] == "unknown site AD (029)"
    assert len(set(named.values())) == 30


def test_an_outlet_without_a_trusted_basis_is_not_a_name():
    documents = pd.DataFrame({"doc_id": ["business_001"], "outlet": ["Somebody"], "outlet_basis": ["unknown"]})
    assert labels.labels_from_outlets(documents) == {"business_001": "unknown site A (business_001)"}


def test_the_seeds_are_named_by_what_their_pages_state():
    from analysis import config
    from analysis.corpus.layer import open_corpus

    named = labels.article_labels(open_corpus(config.SEEDS_DIR), cache=False)
    assert named["001_4f3f081fc040d33a"] == "AzerNews (001)"  # printed on the page
    assert named["002_a8b85cc1135acd1c"] == "Eurasianet (002)"
    # 000 and 004 never name a publisher: two different unknown sites, in corpus order.
    assert named["000_f9577ae45c5847e6"] == "unknown site A (000)" and named["004_08525f4401574900"] == "unknown site B (004)"
