"""Work spread over several processes: parsing and indexing a large store on every core.

Both are pure Python, bound to one core each; the results are the same whichever process computes
them, and they come back in order. Workers are forked, so they read the parent's data without it
being copied or pickled; where fork is missing or unsafe (Windows, macOS's default, a process that
runs other threads) or a pool cannot start, ``workers`` says 1 and the caller does the work itself.
Workers end quietly on Ctrl-C: the command line alone reports it, in one line.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
MAX_WORKERS = 8


class Unavailable(Exception):
    """No pool of processes could be started here."""


def workers() -> int:
    """How many processes may share the work: the cores this process may use, 1 where fork is unsafe."""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return 1
    import threading

    if threading.active_count() > 1:  # forking a process that runs threads can deadlock its children
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def _quit_on_interrupt() -> None:
    """In a worker: Ctrl-C (sent by the terminal to every process of the command) ends it at once and
    quietly; the parent process reports the interruption, in one line."""
    import signal

    signal.signal(signal.SIGINT, lambda signum, frame: os._exit(130))


def map_in_order(fn: Callable[[Any], T], items: Iterable[Any], n_workers: int) -> Iterator[T]:
    """fn(item) for each item, in order, computed by n_workers forked processes.

    Raises Unavailable when no pool can start (no semaphores, no fork) or a worker dies; the caller
    then computes what it has not received.
    """
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        pool = ProcessPoolExecutor(n_workers, mp_context=multiprocessing.get_context("fork"), initializer=_quit_on_interrupt)
    except (OSError, ImportError, NotImplementedError, ValueError) as exc:
        raise Unavailable(str(exc)) from None
    try:
        for result in pool.map(fn, items):
            yield result
    except (BrokenProcessPool, OSError) as exc:  # a worker could not start, or died: the caller does the rest
        pool.shutdown(wait=True, cancel_futures=True)
        raise Unavailable(str(exc)) from None
    except BaseException:  # Ctrl-C (the workers are ending too), or the caller gave up
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
