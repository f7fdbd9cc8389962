"""``python -m analysis.scale``: see :mod:`analysis.scale.command`."""

import sys

from analysis.scale.command import main

sys.exit(main())
