"""``python -m analysis <command>``: the workbook's commands in one place.

::

    python -m analysis add PATH [--outlet ... --author ... --url ... --published ...]
    python -m analysis build [--corpus DIR] [--only NN] [--force]
    python -m analysis evaluate TASK ...      (the same as python -m analysis.evaluate TASK ...)
    python -m analysis scale FOLDER ...       (the same as python -m analysis.scale FOLDER ...)
    python -m analysis <command> --help

Each command is the ``main(argv)`` of one module, imported only when it runs, so
``python -m analysis build`` decides in milliseconds that nothing needs rebuilding.
"""

from __future__ import annotations

import sys
from importlib import import_module
from importlib.util import find_spec

#: command -> (module whose ``main(argv)`` runs it, what it does)
COMMANDS = {
    "add": ("analysis.corpus.add", "add an article (.txt) or a saved web page (.html) to the corpus, checksummed"),
    "build": ("analysis.report.build", "execute the notebooks and export the HTML reports and tables (make report)"),
    "evaluate": ("analysis.evaluate.command", "score an analysis against annotated data it was not tuned on"),
    "scale": ("analysis.scale.command", "every per-article table of a large folder, streamed in bounded memory"),
}


def available_commands() -> dict[str, tuple[str, str]]:
    """The commands whose module is present in this checkout."""
    return {name: spec for name, spec in COMMANDS.items() if find_spec(spec[0]) is not None}


def usage() -> str:
    commands = available_commands()
    width = max(len(name) for name in commands)
    lines = ["usage: ./workbook <command> [options]      (the same as .venv/bin/python -m analysis <command>)", "", "commands:"]
    lines += [f"  {name:<{width}}  {about}" for name, (_, about) in commands.items()]
    lines += ["", "Run `./workbook <command> --help` for a command's options."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage())
        return 0
    command, rest = argv[0], argv[1:]
    commands = available_commands()
    if command not in commands:
        print(f"error: unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = import_module(commands[command][0])
    return module.main(rest)


if __name__ == "__main__":
    sys.exit(main())
