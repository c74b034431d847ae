"""``python -m tui.cli``: the same as the ``kursk-tui`` script (serve starts viewers this way)."""

import sys

from tui.cli import main

sys.exit(main())
