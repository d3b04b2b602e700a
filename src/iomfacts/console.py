"""The ``iomfacts`` console script (and ``python -m iomfacts``): the command line, started quickly.

A run of the command makes no cyclic garbage worth collecting, yet importing typer, click and
iomfacts creates hundreds of thousands of objects, among which the cyclic garbage collector would
search again and again: pausing it before those imports saves several milliseconds of every
command. ``ask --batch``, which may run for long, turns it back on (see ``cli.entry``).
"""
import gc

gc.disable()


def main() -> None:
    from .cli import entry

    entry()
