"""Entry point for `python -m syntopic`, and the script PyInstaller freezes."""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        import multiprocessing  # only here: a command-line search never needs it

        # first of all: in the standalone app a worker process (spawn,
        # forkserver) is this executable started again, and runs only its task
        multiprocessing.freeze_support()

    from syntopic.cli import run

    run()
