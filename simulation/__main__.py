"""``python -m simulation`` is the ``doorstroom`` command."""

import sys

from .commands import main

sys.exit(main())
