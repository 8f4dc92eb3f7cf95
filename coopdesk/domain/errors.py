"""The one error tree of coopdesk.

Each error carries an untranslated message (marked with `N_`) and its named parameters; the edge (CLI or
GUI) translates it with `translated()`. `exit_code` follows the contract's exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coopdesk.i18n import N_, _


class CoopdeskError(Exception):
    exit_code = 3

    def __init__(self, message: str, /, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def translated(self) -> str:
        return _(self.message) % self.params

    def lines(self) -> list[str]:
        """One translated line per problem (most errors have one)."""
        return [self.translated()]


class UsageError(CoopdeskError):
    exit_code = 2


class InvalidInput(CoopdeskError):
    """The user's data breaks a rule; nothing was written."""

    exit_code = 3


class NotFound(InvalidInput):
    pass


class NotAllowed(CoopdeskError):
    """The database has users and this needs someone signed in with the right role (exit 5)."""

    exit_code = 5


class DatabaseError(CoopdeskError):
    exit_code = 4


class DatabaseLocked(DatabaseError):
    def __init__(self) -> None:
        super().__init__(N_("The database is busy or locked by another program. Try again in a moment."))


class NewerSchema(DatabaseError):
    def __init__(self, revision: str) -> None:
        super().__init__(
            N_(
                "This database was written by a newer version of coopdesk (schema %(revision)s). "
                "Update coopdesk to open it; the file was not changed."
            ),
            revision=revision,
        )


class UnreadableDatabase(DatabaseError):
    def __init__(self, detail: str) -> None:
        super().__init__(N_("The database cannot be read: %(detail)s"), detail=detail)


class ConflictError(DatabaseError):
    """Someone else saved the same record first (optimistic locking)."""

    def __init__(self) -> None:
        super().__init__(
            N_("Someone else changed this record after you opened it. Reload it and make your change again.")
        )


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's input: where (line, column or field) and what."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)
    line: int | None = None
    column: str | None = None

    def translated(self) -> str:
        text = _(self.message) % self.params
        if self.line is not None and self.column:
            return _("Line %(line)d, column %(column)s: %(problem)s") % {
                "line": self.line, "column": self.column, "problem": text}
        if self.line is not None:
            return _("Line %(line)d: %(problem)s") % {"line": self.line, "problem": text}
        return text


class ProblemsFound(InvalidInput):
    """Several problems at once (a file import, a form); nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(N_("%(count)d problems found; nothing was written."), count=len(problems))
        self.problems = problems

    def lines(self) -> list[str]:
        return [problem.translated() for problem in self.problems]
