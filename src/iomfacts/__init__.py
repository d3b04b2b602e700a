"""iomfacts: cited answers about Belgium and the International Organization for Migration.

The library a script imports (the ``iomfacts`` command is a thin layer over it)::

    from iomfacts import load_store, ask
    store = load_store()                      # the bundled store, or a path
    for answer in ask(store, "When was IOM founded?"):
        print(answer.fact.answer, answer.fact.citations[0].quote)

Submodules are imported on first use, so ``import iomfacts`` stays cheap. The timeline is a
submodule of its own: ``from iomfacts.timeline import timeline``.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_store": ("store", "load_store"),
    "read_store": ("store", "read_store"),
    "Store": ("store", "Store"),
    "ask": ("engine", "ask"),
    "search": ("engine", "search"),
    "bibliography": ("cite", "bibliography"),
    "Fact": ("model", "Fact"),
    "Source": ("model", "Source"),
    "Citation": ("model", "Citation"),
    "Answer": ("model", "Answer"),
    "IomfactsError": ("errors", "IomfactsError"),
    "StoreError": ("errors", "StoreError"),
    "UsageError": ("errors", "UsageError"),
    "NotFoundError": ("errors", "NotFoundError"),
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        module, attr = _EXPORTS[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'iomfacts' has no attribute {name!r}")
