"""How often the detector's argument and emotive spans are genuine, by a reader's judgement of the seed spans.

The Propaganda Techniques Corpus scores the detector against what its annotators
labelled, and they left many emotive words unlabelled; a reader of the reports
asks another question: is this highlighted span really loaded language (or
name-calling, or a frame …)? ``analysis/data/rhetoric_seed_judgements.csv`` holds
one reader's answer for every argument and emotive span the detector found on
the five seed articles, span by span, with the reason for each "no".

::

    from analysis.rhetoric import judged
    judged.seed_precision()        # {"n_spans": 77, "n_judged": 77, "n_genuine": 68, "precision": 0.88, ...}

When the detector changes, spans it now finds that nobody judged are counted as
such (never as right or wrong), and judged spans it no longer finds are counted
too, so the figure says how much of it still rests on the judgement.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.config import PACKAGE_DATA_DIR

JUDGEMENTS_FILE = PACKAGE_DATA_DIR / "rhetoric_seed_judgements.csv"
JUDGEMENT_COLUMNS = ["doc_id", "device", "start", "end", "text", "genuine", "reason", "source"]
_KEY = ["doc_id", "device", "start", "end"]


def load_judgements(path: Path | str | None = None) -> pd.DataFrame:
    """The judgement file, checked: columns :data:`JUDGEMENT_COLUMNS`, ``genuine`` yes/no, offsets, a source per row.

    Raises
    ------
    ValueError
        Naming the file and the line of the first bad row (or the missing columns).
    """
    from analysis.rhetoric import detector

    path = Path(path or JUDGEMENTS_FILE)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [column for column in JUDGEMENT_COLUMNS if column not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    devices = set(detector.load_devices()["device"])
    for line, row in zip(range(2, len(table) + 2), table.itertuples(index=False)):
        problem = None
        if row.device not in devices:
            problem = f"unknown device {row.device!r}"
        elif row.genuine not in ("yes", "no"):
            problem = f"genuine must be yes or no, not {row.genuine!r}"
        elif not (row.start.isdigit() and row.end.isdigit() and int(row.start) < int(row.end)):
            problem = f"start {row.start!r} and end {row.end!r} are not offsets with start < end"
        elif not row.source.strip():
            problem = "no source"
        elif row.genuine == "no" and not row.reason.strip():
            problem = "a span judged not genuine needs its reason"
        if problem:
            raise ValueError(f"{path}, line {line}: {problem}")
    table = table.astype({"start": "int64", "end": "int64"})
    duplicated = table[table.duplicated(_KEY, keep=False)]
    if len(duplicated):
        first = duplicated.iloc[0]
        raise ValueError(f"{path}: span {first['doc_id']} {first['device']} {first['start']}-{first['end']} is judged twice")
    return table


def judged_precision(spans: pd.DataFrame, judgements: pd.DataFrame | None = None) -> dict:
    """The share of the argument and emotive ``spans`` a reader judged genuine.

    Parameters
    ----------
    spans : DataFrame
        :func:`analysis.rhetoric.detector.detect_devices` of the judged articles.
    judgements : DataFrame, optional
        :func:`load_judgements` (default: the committed file).

    Returns
    -------
    dict
        ``n_spans`` (argument and emotive spans found), ``n_judged`` (of them, judged),
        ``n_genuine`` (judged genuine), ``precision`` (``n_genuine / n_judged``, None
        when nothing is judged), ``n_not_judged`` (found, never judged) and
        ``n_no_longer_found`` (judged, not found any more). A span matches a
        judgement by article, device and both offsets.
    """
    from analysis.rhetoric import detector

    judgements = load_judgements() if judgements is None else judgements
    family = dict(zip(detector.load_devices()["device"], detector.load_devices()["report_family"]))
    found = spans[spans["device"].map(family).eq("argument_emotive")][_KEY].drop_duplicates()
    joined = found.merge(judgements[_KEY + ["genuine"]], on=_KEY, how="left")
    judged = joined.dropna(subset=["genuine"])
    still = judgements.merge(found, on=_KEY, how="inner")
    n_genuine = int(judged["genuine"].eq("yes").sum())
    return {
        "n_spans": len(found), "n_judged": len(judged), "n_genuine": n_genuine,
        "precision": n_genuine / len(judged) if len(judged) else None,
        "n_not_judged": len(found) - len(judged), "n_no_longer_found": len(judgements) - len(still),
    }


def seed_precision(use_cache: bool = True) -> dict:
    """:func:`judged_precision` of the detector run on the seed articles as the reports run it.

    The result depends only on this package and the seeds, so it is cached on their
    contents (:mod:`analysis.report.result_cache`).
    """
    from analysis import config
    from analysis.report import result_cache

    def compute() -> dict:
        from analysis.corpus.layer import open_corpus
        from analysis.provenance import attribution
        from analysis.rhetoric import detector

        seeds = open_corpus(config.SEEDS_DIR)
        ledger = attribution.find_attributions(seeds.docs, segments=seeds.segments)
        return judged_precision(detector.detect_devices(seeds.docs, sentences=seeds.sentences, ledger=ledger))

    if not use_cache:
        return compute()
    return result_cache.cached("rhetoric-seed-judgements", result_cache.content_key(config.SEEDS_DIR), compute)
