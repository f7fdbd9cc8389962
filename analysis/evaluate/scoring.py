"""What every evaluation shares: the seeded tune/report split, span overlap, precision/recall/F1, the printout.

Each annotated data set has its own module in :mod:`analysis.evaluate` (``ptc`` …)
that reads the data, runs the analysis exactly as the reports run it, and scores
it with these helpers, so that every task prints its figures the same way and
ends with one ``name=value`` line a script can read.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


# --------------------------------------------------------------------------- tasks

@dataclass(frozen=True)
class Task:
    """One ``python -m analysis.evaluate NAME`` command.

    ``add_arguments(parser)`` declares its options; ``run(args)`` returns the exit code.
    """

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def missing_data(paths: Iterable[Path], out=None) -> bool:
    """Say which outside data is absent (and that the evaluation is skipped); True if any is."""
    out = out or sys.stderr
    absent = [Path(path) for path in paths if not Path(path).exists()]
    for path in absent:
        print(f"skipped: {path} not found (outside data; ../shared/data/README.md says where it comes from)", file=out)
    return bool(absent)


# --------------------------------------------------------------------------- the split

def seeded_part(salt: str, key: str, share: float = 0.5) -> str:
    """``"tune"`` or ``"report"``: a fixed split by the SHA-256 of ``"<salt>:<key>"``.

    An item is in the tune part when the first 32 bits of the digest, read as a
    fraction of their range, fall below ``share``. The split depends only on the
    salt and the key, never on the order or number of items, so it is the same
    on any machine and for any subset of the data.
    """
    digest = hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()
    return "tune" if int(digest[:8], 16) / 2**32 < share else "report"


def seeded_fold(salt: str, key: str, folds: int = 2) -> int:
    """A fixed fold number in ``range(folds)`` for cross-validation inside the tune part."""
    return int(hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()[:8], 16) % folds


# --------------------------------------------------------------------------- figures

def prf(p_num: float, n_pred: int | float, r_num: float, n_gold: int | float) -> tuple[float, float, float]:
    """Precision ``p_num / n_pred``, recall ``r_num / n_gold`` and their harmonic mean (0 when undefined)."""
    precision = p_num / n_pred if n_pred else 0.0
    recall = r_num / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def f_beta(precision: float, recall: float, beta: float) -> float:
    """``(1 + β²) P R / (β² P + R)``: β < 1 weighs precision more (0 when both are 0)."""
    denominator = beta * beta * precision + recall
    return (1 + beta * beta) * precision * recall / denominator if denominator else 0.0


def harmonic_mean(a: float, b: float) -> float:
    """``2ab / (a + b)``, 0 when both are 0."""
    return 2 * a * b / (a + b) if a + b else 0.0


def merge_overlaps(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping ``[start, end)`` intervals (touching ones stay apart, as in the SemEval scorer)."""
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def overlap_sums(predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]) -> tuple[float, float]:
    """Sum of ``|s∩g|/|s|`` and of ``|s∩g|/|g|`` over all pairs (both lists merged and sorted)."""
    p_num = r_num = 0.0
    gold_starts = [g[0] for g in gold]
    for s, e in predicted:
        i = max(bisect.bisect_right(gold_starts, s) - 1, 0)
        while i < len(gold) and gold[i][0] < e:
            overlap = min(e, gold[i][1]) - max(s, gold[i][0])
            if overlap > 0:
                p_num += overlap / (e - s)
                r_num += overlap / (gold[i][1] - gold[i][0])
            i += 1
    return p_num, r_num


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two ``[start, end)`` spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


# --------------------------------------------------------------------------- printing

def print_table(rows: Sequence[dict], columns: Sequence[tuple[str, str, str]], out=None) -> None:
    """Print ``rows`` as a fixed-width table: ``columns`` are ``(key, header, format)``.

    A value of ``None`` prints as ``-`` (a figure that is undefined, not zero);
    ``format`` is a format spec such as ``".3f"`` or ``","`` (empty for text).
    """
    out = out or sys.stdout
    cells = [[("-" if row.get(key) is None else format(row[key], spec)) for key, _, spec in columns] for row in rows]
    widths = [max([len(header)] + [len(line[i]) for line in cells]) for i, (_, header, _) in enumerate(columns)]
    align = ["<" if not spec else ">" for _, _, spec in columns]
    print("  ".join(f"{header:{a}{w}}" for (_, header, _), a, w in zip(columns, align, widths)), file=out)
    for line in cells:
        print("  ".join(f"{cell:{a}{w}}" for cell, a, w in zip(line, align, widths)), file=out)


#: Every ``name=value`` figure printed by this process, in order (what ``--record`` writes).
PRINTED: list[tuple[str, float]] = []
#: The last measured figures, committed: what a report shows when the annotated data is absent.
FIGURES_FILE = Path(__file__).resolve().parents[1] / "data" / "evaluation_figures.csv"
FIGURE_COLUMNS = ["task", "figure", "value", "part", "measured_on", "command"]


def final_line(name: str, value: float, out=None) -> None:
    """The last line of every evaluation: ``name=value`` for scripts and benchmarks."""
    PRINTED.append((name, float(value)))
    print(f"{name}={value:.4f}", file=out or sys.stdout)


def keep_figure(name: str, value: float) -> None:
    """A figure ``--record`` writes besides the final line: one the evaluation's table already printed."""
    PRINTED.append((name, float(value)))


def record_figures(task: str, figures: list[tuple[str, float]], part: str, command: str, measured_on: str,
                   path: Path | None = None) -> Path:
    """Write ``figures`` of ``task`` into the figures file, replacing that task's earlier rows."""
    import csv

    path = Path(path or FIGURES_FILE)
    rows = []
    if path.is_file():
        with open(path, encoding="utf-8", newline="") as handle:
            rows = [row for row in csv.DictReader(handle) if row["task"] != task]
    rows += [{"task": task, "figure": name, "value": f"{value:.4f}", "part": part, "measured_on": measured_on, "command": command}
             for name, value in figures]
    rows.sort(key=lambda row: (row["task"], row["figure"]))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIGURE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def last_figures(task: str, path: Path | None = None) -> dict[str, dict[str, str]]:
    """``figure -> row`` of the last recorded figures of ``task`` (empty when never recorded)."""
    import csv

    path = Path(path or FIGURES_FILE)
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["figure"]: row for row in csv.DictReader(handle) if row["task"] == task}
