"""The one family of exceptions that iomfacts raises.

Every error carries a message a user can act on; the CLI maps each class to an exit code and prints
one line on stderr, so no traceback reaches a user.
"""
from __future__ import annotations

from dataclasses import dataclass


class IomfactsError(Exception):
    """Base class of every error iomfacts raises on purpose."""

    exit_code = 2


class UsageError(IomfactsError):
    """Bad arguments: an empty question, an unknown style, a malformed date option."""

    exit_code = 2


class NotFoundError(IomfactsError):
    """A fact id, topic, entity or source that the store does not have."""

    exit_code = 1

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a store, located as precisely as the file allows."""

    file: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class StoreError(IomfactsError):
    """A store that cannot be used: unreadable, not YAML, or invalid. Lists every problem found."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid store"
        more = f" (and {len(problems) - 1} more problem(s); run 'iomfacts check' to list them)" if len(problems) > 1 else ""
        super().__init__(first + more)


class DateError(UsageError):
    """A date that is not valid EDTF (in the store) or not a valid date option (on the command line)."""
