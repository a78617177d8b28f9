"""``python -m wasteless``: the command-line interface (see :mod:`wasteless.cli`)."""

import sys

from wasteless.cli import main

sys.exit(main())
