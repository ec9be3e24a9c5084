"""`python -m ottool` and the `ottool` console script.

The command line is imported inside ``main`` so that Ctrl-C while Python is still
loading it (the first tenths of a second) exits 130 quietly instead of printing a
traceback of the import machinery. The commands themselves report Ctrl-C through
the error handler; this guard catches what lands outside them.
"""

import signal
import sys

from ottool.core.errors import caused_by_ctrl_c


def main() -> None:
    """Load the command line and run it; Ctrl-C outside a command exits 130 quietly."""
    try:
        # Before the command line is built, so its help texts are translated too.
        from ottool.core import i18n

        i18n.set_language(i18n.choose_language(sys.argv[1:]))
        from ottool.cli import main as run

        run()
    except SystemExit:
        raise  # the command's own exit code, even after a Ctrl-C it handled
    except BaseException as exc:
        if caused_by_ctrl_c(exc):
            sys.exit(130)
        raise
    finally:
        # The command has finished and said what it did: a Ctrl-C that lands while
        # Python shuts down must not print a traceback over that.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    main()
