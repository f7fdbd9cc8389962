"""``python -m analysis.evaluate``: see :mod:`analysis.evaluate.command`."""

import sys

from analysis.evaluate.command import main

sys.exit(main())
