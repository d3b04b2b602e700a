"""Work spread over several processes: parsing and indexing a large store on every core.

Both are pure Python, bound to one core each; the results are the same whichever process computes
them, and they come back in order. Workers are forked, so they read the parent's data without it
being copied or pickled; where fork is missing or unsafe (Windows, macOS's default, a process that
runs other threads) or a pool cannot start, ``workers`` says 1 and the caller does the work itself.
Workers end quietly on Ctrl-C: the command line alone reports it, in one line.
"""
from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # a command run in the background ignores it
        signal.signal(signal.SIGINT, lambda signum, frame: os._exit(130))


def _quiet_pool_threads() -> None:
    """No traceback from a pool's own thread: when Ctrl-C stops the workers mid-task, CPython's pool
    thread can trip over a task the main thread has cancelled and print one. The main thread sees
    the interruption or the broken pool, and the command line reports it in one line."""
    import threading

    if getattr(threading.excepthook, "_iomfacts", False):
        return
    previous = threading.excepthook

    def hook(args: Any) -> None:
        if type(args.thread).__name__ != "_ExecutorManagerThread":
            previous(args)

    hook._iomfacts = True  # type: ignore[attr-defined]
    threading.excepthook = hook


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
        _quiet_pool_threads()
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



def forked_map(fn: Callable[[Any], T], items: Sequence[Any], child_start: Callable[[], None] | None = None) -> list[T]:
    """[fn(item) for item in items]: the first computed here, each other in a process forked for it.

    Every child starts with this process's memory as it is (the store, its index, what is cached),
    so nothing is sent to it but its result back, pickled through a pipe. A child that cannot be
    forked, or fails, or ends without its whole result, has its item computed here instead: a
    child only ever makes the work faster. Children are waited for or killed before this returns
    or raises (Ctrl-C included): none is left behind. No threads are involved.
    """
    children: list[tuple[int, int] | None] = []
    try:
        # Ctrl-C is held back while forking, so that it cannot end this process between a fork and
        # the note of the child: a child nobody knows of would be left to run on its own.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for item in items[1:]:
                children.append(_fork(fn, item, child_start, previous))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        results = [fn(items[0])] if items else []
        for index, item in enumerate(items[1:]):
            child, children[index] = children[index], None
            value = _collect(child) if child is not None else _FAILED
            results.append(fn(item) if value is _FAILED else value)
        return results
    finally:
        for child in children:
            if child is not None:
                _end(child)


_FAILED: Any = object()


def _fork(fn: Callable[[Any], Any], item: Any, child_start: Callable[[], None] | None, mask: Iterable[int]) -> tuple[int, int] | None:
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: never returns, never runs the parent's clean-up or prints a traceback
        code = 1
        try:
            import pickle

            os.close(read_end)
            _quit_on_interrupt()
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            if child_start is not None:
                child_start()
            data = pickle.dumps(fn(item), protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(data)
            while view:
                view = view[os.write(write_end, view):]
            code = 0
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _collect(child: tuple[int, int]) -> Any:
    """The child's result, or _FAILED."""
    import pickle

    pid, read_end = child
    chunks = []
    try:
        while data := os.read(read_end, 1 << 20):
            chunks.append(data)
    except BaseException:  # Ctrl-C here: the child is ended, not waited for
        _end(child)
        raise
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return _FAILED
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:  # a truncated result: computed again here
        return _FAILED


def _end(child: tuple[int, int]) -> None:
    pid, read_end = child
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        os.close(read_end)
    except OSError:
        pass
    try:
        os.waitpid(pid, 0)
    except OSError:
        pass
