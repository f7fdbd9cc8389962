"""``python -m analysis.evaluate TASK ...``: one command, a task per annotated data set.

``python -m analysis.evaluate --help`` lists the tasks; ``python -m analysis.evaluate
TASK --help`` gives a task's options. Each task module lists its commands in
``TASKS`` (:class:`analysis.evaluate.scoring.Task`); a new evaluation is a module
here and a line in :data:`TASK_MODULES`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from importlib import import_module

from analysis.evaluate import scoring

#: Modules whose ``TASKS`` become sub-commands, in the order ``--help`` lists them.
TASK_MODULES = [
    "analysis.evaluate.ptc", "analysis.evaluate.ptc_tuning",
    "analysis.evaluate.attribution", "analysis.evaluate.attribution_train",
    "analysis.evaluate.newsmtsc",
    "analysis.evaluate.furniture", "analysis.evaluate.furniture_training",
    "analysis.evaluate.ptc_training",
    "analysis.evaluate.page_metadata",
]


def tasks() -> dict:
    """``name -> Task`` of every evaluation command."""
    found = {}
    for module_name in TASK_MODULES:
        for task in import_module(module_name).TASKS:
            found[task.name] = task
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./workbook evaluate",
        description="Score an analysis of the workbook against annotated data it was not tuned on. "
                    "Each task prints its figures and ends with one name=value line.",
    )
    commands = parser.add_subparsers(dest="task", required=True, metavar="TASK")
    for task in tasks().values():
        sub = commands.add_parser(task.name, help=task.help, description=task.help)
        task.add_arguments(sub)
        sub.add_argument("--record", action="store_true",
                         help="write the figures this run prints to analysis/data/evaluation_figures.csv, the last measured "
                              "figures a report shows when the annotated data is absent")
        sub.set_defaults(run=task.run)
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)
    scoring.PRINTED.clear()
    code = args.run(args)
    if code == 0 and args.record and scoring.PRINTED:
        part = getattr(args, "part", "report")
        path = scoring.record_figures(args.task, list(scoring.PRINTED), part, "./workbook evaluate " + args.task,
                                      date.today().isoformat())
        print(f"recorded {len(scoring.PRINTED)} figure(s) of {args.task} ({part}) in {path.name}")
    return code
