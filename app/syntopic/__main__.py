"""Entry point for `python -m syntopic`, and the script PyInstaller freezes."""

import multiprocessing
import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # first of all: in the standalone app a worker process (spawn,
        # forkserver) is this executable started again, and runs only its task
        multiprocessing.freeze_support()

    from syntopic.cli import main

    sys.exit(main())
