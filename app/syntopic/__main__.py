"""Entry point for `python -m syntopic`."""

import sys

from syntopic.cli import main

sys.exit(main())
