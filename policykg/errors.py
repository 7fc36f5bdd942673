"""Errors that the CLI turns into one-line messages (never a traceback)."""


class PolicyKGError(Exception):
    """Base class of every error policykg reports to a user."""


class InputError(PolicyKGError):
    """A document cannot be read: missing, empty, binary, too large, no text layer."""

    def __init__(self, path: object, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class QueryError(PolicyKGError):
    """A SPARQL query is malformed, unknown or not allowed."""


class StoreError(PolicyKGError):
    """The graph store is missing or unusable."""


class RuleFileError(PolicyKGError):
    """A rule file (policykg/extract/rules/, or one of POLICYKG_RULES_DIR) is malformed.

    The message is one line: the file, the line (when known), the field (a JSON path such as
    ``cues[3].head.types[0]``, or a TSV column) and what is wrong with it.
    """

    def __init__(self, path: object, line: int | None, field: str, reason: str):
        self.path = str(path)
        self.line = line
        self.field = field
        self.reason = reason
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {field}: {reason}" if field else f"{where}: {reason}")
