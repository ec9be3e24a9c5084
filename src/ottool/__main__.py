"""`python -m ottool` and the `ottool` console script.

The command line is imported inside ``main`` so that Ctrl-C while Python is still
loading it (the first tenths of a second) exits 130 quietly instead of printing a
traceback of the import machinery.
"""

import signal
import sys


def main() -> None:
    """Load the command line and run it; Ctrl-C during loading exits 130."""
    try:
        from ottool.cli import main as run
    except BaseException as exc:
        from ottool.errors import caused_by_ctrl_c

        if caused_by_ctrl_c(exc):
            sys.exit(130)
        raise
    try:
        run()
    finally:
        # The command has finished and said what it did: a Ctrl-C that lands while
        # Python shuts down must not print a traceback over that.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    main()
