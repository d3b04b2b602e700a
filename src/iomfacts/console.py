"""The ``iomfacts`` console script (and ``python -m iomfacts``): the command line, started quickly.

A run of the command makes no cyclic garbage worth collecting, yet importing typer, click and
iomfacts creates hundreds of thousands of objects, among which the cyclic garbage collector would
search again and again: pausing it before those imports saves several milliseconds of every
command. ``ask --batch``, which may run for long, turns it back on (see ``cli.entry``).
"""
import gc
import signal

gc.disable()


def interrupted_at_start(signum: int, frame: object) -> None:
    """Ctrl-C while the command is still starting: the one line of any interruption, no traceback.
    (The imports take tens of milliseconds; the CLI's own handling begins once they are done.)"""
    import os

    os.write(2, b"iomfacts: error: interrupted\n")
    os._exit(130)


def main() -> None:
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # a command run in the background ignores it
        signal.signal(signal.SIGINT, interrupted_at_start)
    from .cli import entry

    entry()
