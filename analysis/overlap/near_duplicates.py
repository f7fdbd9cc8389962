"""Near-duplicate articles at scale: MinHash LSH over word shingles, exact scoring of candidates.

Comparing every pair of documents costs n²/2 comparisons — 5 billion for 100,000
articles. MinHash with locality-sensitive hashing (Broder 1997; datasketch 2.0)
proposes only pairs likely to be similar, and each proposal is then scored
exactly, so no false pair survives and the speed comes from skipping the rest::

    from analysis.overlap import near_duplicates as nd
    docs = nd.read_text_folder(folder)                       # doc_id, text, encoding, ...
    pairs = nd.find_near_duplicates(zip(docs["doc_id"], docs["text"]), threshold=0.8)

The pipeline is three reusable steps, each streaming over its input:

1. :func:`sketch_documents` — documents (an iterable of ``(doc_id, text)``) →
   shingle sets and MinHash sketches;
2. :func:`lsh_candidate_pairs` — sketches → candidate pairs (query, then insert,
   so every pair is proposed once, as soon as its second document arrives);
3. :func:`score_pairs` — candidate pairs → exact Jaccard similarity of the
   shingle sets, for the candidates whose sketches estimate a similarity
   near the threshold or above (:data:`ESTIMATE_MARGIN`,
   :func:`estimated_jaccards`).

:func:`all_pairs_jaccard` is the exact all-pairs check used to measure what the
shortcut misses (:func:`pair_precision_recall`).

A shingle is ``size`` consecutive words (``\\w+``, case-folded), hashed to 64
bits (:func:`word_shingles`), so shingle sets are compact and the hashes are the
same on every machine and run.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import CorpusError

TEXT_COLUMNS = ["doc_id", "path", "text", "encoding", "sha256", "n_bytes"]
#: How far below the threshold a candidate's MinHash estimate may fall and the pair still be scored exactly. The
#: estimate of a pair at Jaccard J from 128 permutations has standard deviation sqrt(J(1-J)/128) <= 0.045, so a pair
#: at the threshold falls this low with probability below 1e-5; pairs LSH proposes because they share a paragraph or
#: two (estimates near 0.1) are not scored, and they are the proposals that multiply with the corpus.
ESTIMATE_MARGIN = 0.2
#: Candidate pairs whose estimate is computed at once (bounded memory: two rows of hash values per pair).
ESTIMATE_BLOCK = 20_000
PAIR_COLUMNS = ["doc_a", "doc_b", "estimated_jaccard", "jaccard"]


def _combining_mark_class() -> str:
    """A regex character class of every combining mark (Unicode categories Mn, Mc, Me).

    Python's ``\\w`` leaves them out, so a word typed with a decomposed accent
    (NFD: "e" + U+0301) would split in two where the composed one (NFC: "é")
    is one word.
    """
    import sys
    import unicodedata

    ranges, start, previous = [], None, None
    for code in range(0x300, min(sys.maxunicode, 0xE01EF) + 1):
        if 0x20000 <= code < 0xE0100:
            continue
        if unicodedata.category(chr(code)) in {"Mn", "Mc", "Me"}:
            if start is None:
                start = code
            previous = code
        elif start is not None:
            ranges.append((start, previous))
            start = None
    if start is not None:
        ranges.append((start, previous))
    return "[" + "".join(f"\\u{a:04x}" if a == b and a <= 0xFFFF else (f"\\u{a:04x}-\\u{b:04x}" if b <= 0xFFFF else f"\\U{a:08x}-\\U{b:08x}") for a, b in ranges) + "]"


#: Combining marks, for word patterns that must keep a decomposed accent inside its word.
COMBINING_MARKS = _combining_mark_class()


def has_combining_mark(text: str) -> bool:
    """True when ``text`` holds a combining mark; a text without one is split with the plain (faster) patterns."""
    return not text.isascii() and any(unicodedata.category(ch)[0] == "M" for ch in set(text))

#: A word: word characters and the combining marks that belong to them.
_WORD_WITH_MARKS = re.compile(rf"(?:\w|{COMBINING_MARKS})+")
_WORD = re.compile(r"\w+")


def composed(word: str) -> str:
    """``word`` in Unicode NFC (``"e"`` + U+0301 becomes ``"é"``); ASCII and composed words are returned as they are."""
    return word if word.isascii() or unicodedata.is_normalized("NFC", word) else unicodedata.normalize("NFC", word)


# ---------------------------------------------------------------- reading


def decode_with_fallback(data: bytes, path: Path | str, fallback: str = "latin-1") -> tuple[str, str]:
    """Decode ``data`` as UTF-8, or with ``fallback`` when it is not valid UTF-8.

    Returns ``(text, encoding)`` where ``encoding`` records what happened, e.g.
    ``"utf-8"`` or ``"latin-1 (fallback: not UTF-8 at byte 257)"``, so a fallback
    is never silent.

    Raises
    ------
    CorpusError
        The file has NUL bytes (a binary file, not text), or the fallback cannot
        decode it either.
    """
    if b"\x00" in data:
        raise CorpusError(path, "this is a binary file (it contains NUL bytes), not a text article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        try:
            return data.decode(fallback), f"{fallback} (fallback: not UTF-8 at byte {error.start})"
        except UnicodeDecodeError:
            raise CorpusError(path, f"is neither UTF-8 (byte {error.start}) nor {fallback}") from None


def read_text_folder(folder: Path | str, pattern: str = "**/*.txt", fallback: str = "latin-1") -> pd.DataFrame:
    """Read every text file under ``folder`` (e.g. the BBC corpus, one article per file).

    Unlike :func:`analysis.corpus.loading.load_corpus` this keeps duplicates (finding them
    is the point) and decodes files that are not UTF-8 with ``fallback``,
    recording it in ``encoding`` and warning about it.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id`` (path relative to ``folder`` without the suffix, e.g.
        ``sport/199``), ``path``, ``text``, ``encoding`` (see
        :func:`decode_with_fallback`), ``sha256`` (of the bytes), ``n_bytes``;
        sorted by ``doc_id``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "folder does not exist")
    rows = []
    for path in sorted(folder.glob(pattern)):
        if not path.is_file():
            continue
        data = path.read_bytes()
        text, encoding = decode_with_fallback(data, path, fallback)
        doc_id = path.relative_to(folder).with_suffix("").as_posix()
        rows.append((doc_id, str(path), text, encoding, hashlib.sha256(data).hexdigest(), len(data)))
    frame = pd.DataFrame(rows, columns=TEXT_COLUMNS)
    fallen_back = frame.loc[frame["encoding"].ne("utf-8"), "doc_id"].tolist()
    if fallen_back:
        warnings.warn(f"{len(fallen_back)} file(s) under {folder} are not UTF-8 and were decoded as {fallback}: {', '.join(fallen_back[:10])}", stacklevel=2)
    return frame


# ---------------------------------------------------------------- shingles and sketches


@lru_cache(maxsize=1 << 20)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _mix64(values: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser (Steele, Lea & Flood 2014): spreads every input bit over the output."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def word_shingles(text: str, size: int = 5) -> np.ndarray:
    """The set of ``size``-word shingles of ``text`` as sorted unique 64-bit hashes.

    Each word is hashed once (BLAKE2b, 8 bytes) and a shingle's hash chains the
    hashes of its words in order through the SplitMix64 finaliser, vectorised
    over the text. A text shorter than ``size`` words is one shingle (so short
    texts can still match); a text with no words has none.
    """
    words = (_WORD_WITH_MARKS if has_combining_mark(text) else _WORD).findall(text)
    if not words:
        return np.empty(0, dtype=np.uint64)
    hashes = np.fromiter((_word_hash(composed(word).casefold()) for word in words), dtype=np.uint64, count=len(words))
    size = min(size, len(words))
    count = len(words) - size + 1
    chained = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):
            chained = _mix64(chained * np.uint64(0x9E3779B97F4A7C15) + hashes[offset:offset + count])
    return np.unique(chained)


def _identity(value):
    return value


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int):
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=seed, scheme="affine64").permutations


def minhash_of(shingles: np.ndarray, num_perm: int = 128, seed: int = 1):
    """A datasketch ``LeanMinHash`` of a shingle-hash set (64-bit ``affine64`` scheme).

    Sketches made with the same ``num_perm`` and ``seed`` share one set of
    permutations, so they can be compared with each other.
    """
    from datasketch import LeanMinHash, MinHash

    sketch = MinHash(num_perm=num_perm, seed=seed, scheme="affine64", hashfunc=_identity, permutations=_permutations(num_perm, seed))
    sketch.update_batch(shingles.tolist())
    return LeanMinHash(sketch)


@dataclass(frozen=True)
class DocumentSketch:
    """One document's shingle set and MinHash sketch."""

    doc_id: str
    shingles: np.ndarray
    minhash: object


def sketch_documents(
    documents: Iterable[tuple[str, str]],
    shingle_size: int = 5,
    num_perm: int = 128,
    seed: int = 1,
    skipped: list[str] | None = None,
) -> Iterator[DocumentSketch]:
    """Shingle and sketch each ``(doc_id, text)``, lazily.

    Documents without any word cannot be compared (their Jaccard similarity is
    undefined); they are not yielded and their ids are appended to ``skipped``
    when a list is given.
    """
    for doc_id, text in documents:
        shingles = word_shingles(text, shingle_size)
        if shingles.size == 0:
            if skipped is not None:
                skipped.append(doc_id)
            continue
        yield DocumentSketch(doc_id, shingles, minhash_of(shingles, num_perm, seed))


def lsh_candidate_pairs(
    sketches: Iterable[tuple[str, object]],
    threshold: float = 0.8,
    num_perm: int = 128,
) -> Iterator[tuple[str, str]]:
    """Candidate pairs from MinHash LSH: ``(doc_a, doc_b)`` with ``doc_a < doc_b``.

    Each sketch is first queried against the index of those before it, then
    inserted, so pairs stream out as documents arrive and each is proposed once.
    ``threshold`` sets the LSH bands (datasketch chooses them to balance false
    positives and negatives at that Jaccard similarity).

    Raises
    ------
    ValueError
        A document id that appears twice.
    """
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for doc_id, sketch in sketches:
        if doc_id in index:
            raise ValueError(f"document id {doc_id!r} appears twice")
        for other in index.query(sketch):
            yield (other, doc_id) if other < doc_id else (doc_id, other)
        index.insert(doc_id, sketch)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays (NaN when both are empty)."""
    shared = np.intersect1d(a, b, assume_unique=True).size
    union = a.size + b.size - shared
    return float(shared / union) if union else float("nan")


def score_pairs(pairs: Iterable[tuple[str, str]], shingles_of: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """Exact Jaccard similarity of each pair: columns ``doc_a, doc_b, jaccard``."""
    rows = [(a, b, jaccard(shingles_of[a], shingles_of[b])) for a, b in pairs]
    return pd.DataFrame(rows, columns=["doc_a", "doc_b", "jaccard"])


def find_near_duplicates(
    documents: Iterable[tuple[str, str]],
    threshold: float = 0.8,
    shingle_size: int = 5,
    num_perm: int = 128,
    seed: int = 1,
    candidate_threshold: float | None = None,
    shingles_out: dict[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """Pairs of documents whose word-shingle sets have Jaccard similarity ≥ ``threshold``.

    Parameters
    ----------
    documents : iterable of (doc_id, text)
        Any iterable (a generator is read once).
    threshold : float
        Smallest exact Jaccard similarity reported (1.0 = the same shingle set).
    candidate_threshold : float, optional
        The LSH band threshold; default ``threshold - 0.1`` so that pairs just
        above ``threshold`` whose sketches happen to look less similar are still
        proposed (they are then scored exactly).
    shingles_out : dict, optional
        When given, filled with ``doc_id -> shingle hashes`` of every document,
        so a caller can run the exact check (:func:`all_pairs_jaccard`) without
        shingling the corpus twice.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b`` (``doc_a < doc_b``), ``estimated_jaccard`` (from
        the sketches), ``jaccard`` (exact), sorted by falling ``jaccard``.
        ``attrs`` records ``n_documents``, ``n_candidates`` (pairs LSH
        proposed), ``n_scored`` (those whose estimate is within
        :data:`ESTIMATE_MARGIN` of ``threshold``, scored exactly) and
        ``skipped_empty`` (ids of documents without words, which are also
        reported in a warning).
    """
    candidate_threshold = max(0.05, threshold - 0.1) if candidate_threshold is None else candidate_threshold
    skipped: list[str] = []
    shingles_of: dict[str, np.ndarray] = shingles_out if shingles_out is not None else {}
    row_of: dict[str, int] = {}
    hash_rows: list[np.ndarray] = []

    def remember(sketches):
        for sketch in sketches:
            shingles_of[sketch.doc_id] = sketch.shingles
            row_of[sketch.doc_id] = len(hash_rows)
            hash_rows.append(sketch.minhash.hashvalues)
            yield sketch.doc_id, sketch.minhash

    stream = remember(sketch_documents(documents, shingle_size, num_perm, seed, skipped))
    candidates = list(lsh_candidate_pairs(stream, candidate_threshold, num_perm))
    estimates = estimated_jaccards(candidates, row_of, np.vstack(hash_rows) if hash_rows else np.empty((0, num_perm), dtype=np.uint64))
    worth = estimates >= threshold - ESTIMATE_MARGIN
    scored = score_pairs([pair for pair, keep in zip(candidates, worth) if keep], shingles_of)
    scored.insert(2, "estimated_jaccard", estimates[worth])
    result = scored[scored["jaccard"] >= threshold].sort_values(["jaccard", "doc_a", "doc_b"], ascending=[False, True, True], ignore_index=True)
    result = result[PAIR_COLUMNS]
    result.attrs.update(
        n_documents=len(shingles_of) + len(skipped), n_candidates=len(candidates), n_scored=int(worth.sum()), skipped_empty=skipped,
    )
    if skipped:
        warnings.warn(f"{len(skipped)} document(s) have no words and cannot be compared: {', '.join(map(str, skipped[:10]))}", stacklevel=2)
    return result


def estimated_jaccards(pairs: list[tuple[str, str]], row_of: Mapping[str, int], hash_values: np.ndarray) -> np.ndarray:
    """The MinHash estimate of each pair's Jaccard similarity: the share of permutations whose minima agree.

    The value datasketch's ``MinHash.jaccard`` gives, computed for a block of
    pairs at once from the stacked hash values (one row per document,
    ``row_of[doc_id]``), so a million candidates cost a fraction of a second.
    """
    values = np.empty(len(pairs))
    for first in range(0, len(pairs), ESTIMATE_BLOCK):
        block = pairs[first:first + ESTIMATE_BLOCK]
        rows_a = np.fromiter((row_of[a] for a, _ in block), dtype=np.int64, count=len(block))
        rows_b = np.fromiter((row_of[b] for _, b in block), dtype=np.int64, count=len(block))
        values[first:first + len(block)] = np.count_nonzero(hash_values[rows_a] == hash_values[rows_b], axis=1) / hash_values.shape[1]
    return values


# ---------------------------------------------------------------- the exact check


def all_pairs_jaccard(shingles_of: Mapping[str, np.ndarray], threshold: float = 0.8) -> pd.DataFrame:
    """Every pair with exact Jaccard ≥ ``threshold``, by comparing all pairs.

    One sparse document × shingle matrix multiplied by its transpose gives every
    pair's intersection at once; fine for thousands of documents, quadratic
    beyond (that is what :func:`find_near_duplicates` avoids).

    Returns columns ``doc_a, doc_b, jaccard`` (``doc_a < doc_b``).
    """
    from scipy import sparse

    doc_ids = sorted(doc for doc, shingles in shingles_of.items() if shingles.size)
    if len(doc_ids) < 2:
        return pd.DataFrame(columns=["doc_a", "doc_b", "jaccard"])
    arrays = [shingles_of[doc] for doc in doc_ids]
    vocabulary, columns = np.unique(np.concatenate(arrays), return_inverse=True)
    rows = np.repeat(np.arange(len(doc_ids)), [a.size for a in arrays])
    matrix = sparse.csr_matrix((np.ones(rows.size, dtype=np.int32), (rows, columns)), shape=(len(doc_ids), vocabulary.size))
    sizes = np.array([a.size for a in arrays])
    overlap = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    similarity = overlap.data / (sizes[overlap.row] + sizes[overlap.col] - overlap.data)
    keep = similarity >= threshold
    frame = pd.DataFrame(
        {
            "doc_a": [doc_ids[i] for i in overlap.row[keep]],
            "doc_b": [doc_ids[j] for j in overlap.col[keep]],
            "jaccard": similarity[keep],
        }
    )
    return frame.sort_values(["jaccard", "doc_a", "doc_b"], ascending=[False, True, True], ignore_index=True)


def identical_pairs(texts: pd.DataFrame) -> pd.DataFrame:
    """Pairs of byte-identical files (same ``sha256``): columns ``doc_a, doc_b``."""
    rows = []
    for _, group in texts.groupby("sha256"):
        ids = sorted(group["doc_id"])
        rows.extend((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    return pd.DataFrame(sorted(rows), columns=["doc_a", "doc_b"])


def pair_precision_recall(found: pd.DataFrame, truth: pd.DataFrame) -> dict[str, float]:
    """Precision and recall of found pairs against true pairs (``doc_a, doc_b`` columns).

    Returns a dict with ``found``, ``true``, ``true_positives``,
    ``false_positives``, ``false_negatives``, ``precision`` and ``recall`` (NaN
    when undefined).
    """
    found_set = set(zip(found["doc_a"], found["doc_b"]))
    true_set = set(zip(truth["doc_a"], truth["doc_b"]))
    hits = len(found_set & true_set)
    return {
        "found": len(found_set),
        "true": len(true_set),
        "true_positives": hits,
        "false_positives": len(found_set - true_set),
        "false_negatives": len(true_set - found_set),
        "precision": hits / len(found_set) if found_set else float("nan"),
        "recall": hits / len(true_set) if true_set else float("nan"),
    }
