"""``python -m simulation`` is the ``doorstroom`` command."""

import sys

from .cli import main

sys.exit(main())
