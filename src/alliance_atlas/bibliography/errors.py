"""Errors that point at the exact place in the .bib file that needs fixing."""

from __future__ import annotations

__all__ = ["BibliographyError", "BibliographyErrors"]


class BibliographyError(Exception):
    """One problem in a bibliography file, located by file, 1-based line and entry key."""

    def __init__(self, file: str, line: int, key: str | None, reason: str):
        self.file = str(file)
        self.line = line
        self.key = key
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.key or '-'}: {self.reason}"

    def __repr__(self) -> str:
        return f"BibliographyError({self.file!r}, {self.line!r}, {self.key!r}, {self.reason!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BibliographyError):
            return NotImplemented
        return (self.file, self.line, self.key, self.reason) == (
            other.file,
            other.line,
            other.key,
            other.reason,
        )

    def __hash__(self) -> int:
        return hash((self.file, self.line, self.key, self.reason))


class BibliographyErrors(Exception):
    """Every problem found in one pass, so an author fixes them all before rebuilding."""

    def __init__(self, errors: list[BibliographyError]):
        self.errors = sorted(errors, key=lambda error: (error.file, error.line))
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.errors)
        heading = f"{count} problem{'s' if count != 1 else ''} in the bibliography:"
        return "\n".join([heading, *(str(error) for error in self.errors)])
