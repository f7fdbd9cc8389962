"""Whether a stance reading is carried by evaluative words, so that a report states only framings the words support.

The stance model (:mod:`analysis.readability_tone.stance`) labels every target
favourable, neutral or critical, and lists the words that moved its decision.
Some decisions rest on words that evaluate nothing — *than*, *is*, *of*, the
figure itself ("a *significant* portion") — and on the model's base rates.
On NewsMTSC's ``devtest_mt`` (the report set, never used in training) a
favourable or critical reading that at least one evaluative word carries is
right far more often than one that none carries (:func:`support_precision`
measures it; the overlap report prints the figures), so a report claims a
difference of framing only when evaluative words carry both readings::

    from analysis.overlap import claims, framing
    mentions = claims.quantity_mentions(sentences)
    opposite = framing.opposite_support(claims.opposite_framings(mentions, matches), mentions)
    opposite[opposite["supported"]]          # the pairs a report may call differently framed

An *evaluative word* is one with a valence in VADER's lexicon (Hutto & Gilbert
2014, the list the stance model's valence features read) that pushes the stance
the way the reading goes and lies outside the quantity (a figure's own words
describe a size, not a judgement).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import pandas as pd

SUPPORT_COLUMNS = ["mention_id", "support", "supported"]


@lru_cache(maxsize=1)
def _valences() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().lexicon


def evaluative_words(evidence: Iterable[tuple[int, int, str, float]], label: str,
                     exclude: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The evidence words that carry a favourable or critical ``label``.

    Parameters
    ----------
    evidence : iterable of (start, end, word, contribution)
        :attr:`analysis.readability_tone.stance.Stance.evidence` (offsets into the sentence).
    label : str
        ``positive`` or ``negative`` (a neutral reading is carried by nothing: ``[]``).
    exclude : sequence of (start, end)
        Spans of the sentence whose words do not count (the quantity).

    Returns
    -------
    list of str
        Words with a VADER valence whose contribution has the label's sign, in evidence order.
    """
    sign = {"positive": 1.0, "negative": -1.0}.get(label)
    if sign is None:
        return []
    valences = _valences()
    return [word for start, end, word, contribution in evidence
            if contribution * sign > 0 and word.lower().replace("’", "'") in valences
            and not any(start < e and s < end for s, e in exclude)]


def reading_support(text: str, actor: str, exclude: Sequence[tuple[int, int]] = ()) -> tuple[str, list[str]]:
    """The stance label of ``text`` toward ``actor`` and the evaluative words that carry it.

    Returns ``("neutral", [])`` when the sentence does not name the actor.
    """
    from analysis.overlap.claims import stance_toward

    decided = stance_toward(text, actor) if actor else None
    if decided is None:
        return "neutral", []
    return decided.label, evaluative_words(decided.evidence, decided.label, exclude)


def _quantity_span(row) -> tuple[tuple[int, int], ...]:
    return ((int(row.q_start) - int(row.start), int(row.q_end) - int(row.start)),)


def framing_support(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per quantity mention, the evaluative words behind its framing (toward its ``framing_actor``).

    Parameters
    ----------
    mentions : DataFrame
        From :func:`analysis.overlap.claims.quantity_mentions`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUPPORT_COLUMNS`: ``mention_id``, ``support`` (the words,
        ``", "``-joined; empty for a neutral framing or one no evaluative word
        carries) and ``supported`` (True when the framing is favourable or
        critical and at least one evaluative word carries it).
    """
    rows = []
    for row in mentions.itertuples(index=False):
        words: list[str] = []
        if row.framing in ("favourable", "critical") and row.framing_actor:
            _, words = reading_support(row.text, row.framing_actor, _quantity_span(row))
        rows.append((row.mention_id, ", ".join(words), bool(words)))
    return pd.DataFrame(rows, columns=SUPPORT_COLUMNS)


def opposite_support(opposite: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """:func:`analysis.overlap.claims.opposite_framings` with the evaluative words behind each side.

    Returns
    -------
    pandas.DataFrame
        ``opposite``'s columns plus ``support_a``, ``support_b`` (the words that
        carry each stance toward ``actor``, ``", "``-joined, empty when none does)
        and ``supported`` (True when both sides have such words: only then do the
        two statements differ in framing by their words, not just by the model's
        reading).
    """
    info = mentions.set_index("mention_id")
    support_a, support_b = [], []
    for row in opposite.itertuples(index=False):
        for mention, out in ((row.mention_a, support_a), (row.mention_b, support_b)):
            record = info.loc[mention]
            span = ((int(record["q_start"]) - int(record["start"]), int(record["q_end"]) - int(record["start"])),)
            _, words = reading_support(record["text"], row.actor, span)
            out.append(", ".join(words))
    result = opposite.assign(support_a=support_a, support_b=support_b)
    return result.assign(supported=result["support_a"].ne("") & result["support_b"].ne(""))


def support_precision(rows: Iterable[dict], model=None) -> pd.DataFrame:
    """How often favourable/critical readings are right, with and without an evaluative word behind them.

    Parameters
    ----------
    rows : iterable of dict
        Targets with gold labels, as :func:`analysis.evaluate.newsmtsc.read_targets`
        gives them (``text``, ``target``, ``others``, ``label``).
    model : StanceModel, optional
        Default :func:`analysis.readability_tone.stance.load_model`.

    Returns
    -------
    pandas.DataFrame
        Two rows, ``carried`` True then False: ``readings`` (favourable or critical
        predictions), ``right`` (of them, matching the gold label) and ``precision``.
    """
    from analysis.readability_tone import stance

    model = model or stance.load_model()
    counts = {True: [0, 0], False: [0, 0]}
    for row in rows:
        decided = stance.predict(row["text"], row["target"], row["others"], model=model)
        if decided.label == "neutral":
            continue
        carried = bool(evaluative_words(decided.evidence, decided.label))
        counts[carried][0] += 1
        counts[carried][1] += decided.label == row["label"]
    return pd.DataFrame(
        [(carried, n, right, right / n if n else float("nan")) for carried, (n, right) in counts.items()],
        columns=["carried", "readings", "right", "precision"],
    )


def newsmtsc_check(path) -> dict:
    """What the overlap report's trust box shows about framing, measured on a NewsMTSC file (``devtest_mt.jsonl``).

    Returns
    -------
    dict
        ``macro_f1`` (the stance model's, as ``python -m analysis.evaluate newsmtsc``
        prints it), ``targets`` (how many were scored) and ``support``
        (:func:`support_precision`). Cached on this package and the file's contents
        (:mod:`analysis.report.result_cache`), since it does not depend on the corpus.
    """
    from pathlib import Path

    from analysis.evaluate import newsmtsc
    from analysis.report import result_cache

    path = Path(path)

    def compute() -> dict:
        rows = newsmtsc.read_targets(path)
        return {"macro_f1": newsmtsc.evaluate(rows)["all"]["macro_f1"], "targets": len(rows), "support": support_precision(rows)}

    return result_cache.cached("overlap-framing-check", result_cache.content_key(path), compute)
